/** With an app token Koers talks to Slack over Socket Mode: no route on the HTTP server. */
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../src/engine/registry.ts';
import { createSlackAdapter } from '../src/platforms/slack/slack-adapter.ts';
import { freshDemoStore } from './support/demo.ts';

describe('Slack adapter modes', () => {
  it('mounts no HTTP route in Socket Mode', async () => {
    const store = await freshDemoStore();
    const adapter = createSlackAdapter({
      store,
      commands: await loadCommands(),
      slack: { botToken: 'xoxb-test', appToken: 'xapp-test' },
    });
    expect(adapter.mode).toBe('socket');
    expect(adapter.routes).toEqual([]);
  });

  it('mounts POST /slack/events in HTTP mode', async () => {
    const store = await freshDemoStore();
    const adapter = createSlackAdapter({
      store,
      commands: await loadCommands(),
      slack: { botToken: 'xoxb-test', signingSecret: 'test-signing-secret-0123456789' },
    });
    expect(adapter.mode).toBe('http');
    expect(adapter.routes).toMatchObject([{ method: 'POST', path: '/slack/events' }]);
  });
});
