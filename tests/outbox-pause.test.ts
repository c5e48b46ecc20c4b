/**
 * A 429 that comes in while the next message is being claimed and composed (round trips, on
 * PostgreSQL milliseconds) holds that message back until the platform's Retry-After: it is not
 * sent into the pause, where it would be refused and taken for a second overflow. On the run's
 * dialect (`freshDemoStore()`); time is the drainer's own clock, moved by its `sleep`.
 */
import { describe, expect, it } from 'vitest';
import { drainOutbox } from '../src/outbox/drain.ts';
import type { PlatformSender } from '../src/outbox/platform-sender.ts';
import type { Reply } from '../src/reply/reply.ts';
import { enqueue } from '../src/store/outbox.ts';
import { freshDemoStore } from './support/demo.ts';
import { rows } from './support/store-sql.ts';

const T0 = Date.parse('2026-11-27T12:00:30.000Z');
const RETRY_AFTER_MS = 1_000;
const REPLY: Reply = { outcome: 'ok', visibility: 'visible', locale: 'nl', blocks: [] };
const iso = (ms: number) => new Date(ms).toISOString();
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Three prompts queued, and a drain whose first message Slack answers 429 (`retryAfterMs`) while
 * the drainer composes the second. What the platform was asked, when, and the run's counts.
 */
async function drainWithLate429(retryAfterMs: number) {
  const store = await freshDemoStore();
  const students = await rows<{ id: number }>(store, 'select id from students order by id limit 3');
  await enqueue(
    store,
    students.map(({ id }) => ({
      recipient: { platform: 'slack', workspaceId: 'T0PAUSE', userId: `U${id}` },
      payload: { kind: 'prompt', studentId: id, isoWeek: '2026-W48' },
      notBefore: iso(T0 - 60_000),
    })),
    iso(T0 - 60_000),
  );

  let now = T0;
  let releaseFirst: () => void = () => {};
  const firstAnswer = new Promise<void>((resolve) => {
    releaseFirst = resolve;
  });
  const calls: { key: string; at: number; answer: 'sent' | '429' }[] = [];
  const sender: PlatformSender = {
    platform: 'slack',
    ratePerSecond: 1000,
    async deliver(message) {
      if (calls.length === 0) {
        calls.push({ key: message.idempotencyKey, at: now, answer: '429' });
        // Slack's 429 arrives while the drainer composes the next message.
        await firstAnswer;
        return { outcome: 'retry', rateLimited: true, retryAfterMs, error: 'ratelimited' };
      }
      calls.push({ key: message.idempotencyKey, at: now, answer: 'sent' });
      return { outcome: 'sent' };
    },
  };
  let composed = 0;
  const counts = await drainOutbox(store, [sender], {
    clock: () => now,
    sleep: async (ms) => {
      now += ms;
      await tick();
    },
    compose: async () => {
      composed += 1;
      if (composed === 2) {
        releaseFirst();
        // The drainer hears the 429 before this message is ready to go.
        for (let i = 0; i < 5; i++) await tick();
      }
      return REPLY;
    },
  });
  return { store, calls, counts };
}

describe('a rate limit that comes in while the next message is being prepared', () => {
  it("holds that message back until the platform's Retry-After, and sends every message once", async () => {
    const { store, calls, counts } = await drainWithLate429(RETRY_AFTER_MS);
    const [refused, ...rest] = calls;
    expect(refused).toMatchObject({ at: T0, answer: '429' });
    // Nothing went into the pause: the next call is the message composed meanwhile, after it.
    expect(rest.length).toBe(3);
    expect(rest.every((call) => call.answer === 'sent' && call.at >= T0 + RETRY_AFTER_MS)).toBe(true);
    expect(new Set(rest.map((call) => call.key)).size).toBe(3);
    expect(rest.map((call) => call.key)).toContain(refused?.key);
    expect(counts).toMatchObject({ sent: 3, rateLimited: 1, dead: 0 });
    expect(await rows(store, `select status from outbox where status <> 'sent'`)).toEqual([]);
  });

  it('puts that message back in the queue, unsent and no attempt counted, when the pause is longer than a run waits', async () => {
    const long = 60_000;
    const { store, calls, counts } = await drainWithLate429(long);
    // Only the refused message reached Slack; the run left the workspace for a later one.
    expect(calls).toEqual([expect.objectContaining({ at: T0, answer: '429' })]);
    expect(counts).toMatchObject({ sent: 0, rateLimited: 1, dead: 0 });
    const left = await rows<{ status: string; attempts: number; notBefore: string }>(
      store,
      `select status, attempts, not_before as "notBefore" from outbox order by id`,
    );
    expect(left.map((row) => [row.status, Number(row.attempts)])).toEqual([
      ['queued', 0],
      ['queued', 0],
      ['queued', 0],
    ]);
    // The refused one and the one composed during the pause wait for its end; the third was never claimed.
    const waiting = left.filter((row) => row.notBefore >= iso(T0 + long));
    expect(waiting).toHaveLength(2);
  });
});
