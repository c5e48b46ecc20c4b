/** The retry guard's memory: what counts as the same request, and for how long. */
import { describe, expect, it } from 'vitest';
import { requestKey, retryGuard } from '../src/platforms/slack/retry-guard.ts';

describe('the Slack retry guard', () => {
  it('knows an event by its id, a request over HTTP by its body, a Socket Mode interaction by its trigger', () => {
    expect(requestKey({ event_id: 'Ev1', trigger_id: 't' }, 'abc')).toBe('event:Ev1');
    expect(requestKey({ trigger_id: 't' }, 'abc')).toBe('body:abc');
    expect(requestKey({ trigger_id: 't', actions: [{ action_ts: '1.5' }] }, undefined)).toBe('trigger:t:1.5');
    expect(requestKey({}, undefined)).toBeUndefined();
  });

  it('lets a key through once within fifteen minutes, and again after', () => {
    let now = 0;
    const guard = retryGuard(() => now);
    expect(guard.firstTime('k')).toBe(true);
    now = 14 * 60 * 1000;
    expect(guard.firstTime('k')).toBe(false);
    now = 30 * 60 * 1000;
    expect(guard.firstTime('k')).toBe(true);
    expect(guard.firstTime('other')).toBe(true);
  });
});
