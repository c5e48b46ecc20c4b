/**
 * Two drainers on one outbox, as two Koers processes on one database: one drainer at a time
 * sends a workspace's messages (its lane, `outbox_lanes`), the other waits; a lease its holder
 * stopped renewing is taken over; every message goes once. On the run's dialect
 * (`freshDemoStore()`); time is the drainers' own clocks, moved by their `sleep`, never waited for.
 */
import { describe, expect, it } from 'vitest';
import { drainOutbox, LANE_LEASE_MS, LANE_POLL_MS } from '../src/outbox/drain.ts';
import type { Delivery, PlatformSender } from '../src/outbox/platform-sender.ts';
import type { Reply } from '../src/reply/reply.ts';
import { enqueue, type OutboxRow } from '../src/store/outbox.ts';
import { laneLeases } from '../src/store/outbox-lanes.ts';
import type { Store } from '../src/store/store.ts';
import { freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const T0 = Date.parse('2026-11-27T12:00:30.000Z');
const WORKSPACE = 'T0LANE';
const LANE = `slack/${WORKSPACE}`;
const MESSAGES = 12;
const REPLY: Reply = { outcome: 'ok', visibility: 'visible', locale: 'nl', blocks: [] };
const iso = (ms: number) => new Date(ms).toISOString();
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** This week's prompt for the first `MESSAGES` students, each to a Slack user of its own, due. */
async function queuePrompts(store: Store): Promise<void> {
  const students = await rows<{ id: number }>(store, 'select id from students order by id limit ?', [
    MESSAGES,
  ]);
  expect(students).toHaveLength(MESSAGES);
  const queued = await enqueue(
    store,
    students.map(({ id }) => ({
      recipient: { platform: 'slack', workspaceId: WORKSPACE, userId: `U${id}` },
      payload: { kind: 'prompt', studentId: id, isoWeek: '2026-W48' },
      notBefore: iso(T0 - 60_000),
    })),
    iso(T0 - 60_000),
  );
  expect(queued).toBe(MESSAGES);
}

/**
 * A drainer as a Koers process has one: its own sender, clock and sleep, recording what it sent.
 * Its clock moves only when it sleeps (the pace, or waiting for a lane), so no real time passes;
 * `clockStands`: not even then (a drainer beside a holder that keeps renewing its lease).
 */
function drainer(
  deliver: (message: OutboxRow) => Promise<Delivery> = async () => ({ outcome: 'sent' }),
  { clockStands = false } = {},
) {
  let now = T0;
  const sent: string[] = [];
  const sentAt: number[] = [];
  let waits = 0;
  const sender: PlatformSender = {
    platform: 'slack',
    ratePerSecond: 1000,
    async deliver(message) {
      sent.push(message.idempotencyKey);
      sentAt.push(now);
      return deliver(message);
    },
  };
  return {
    sent,
    sentAt,
    waits: () => waits,
    setNow: (ms: number) => {
      now = ms;
    },
    run(store: Store, onSleep?: (ms: number) => void) {
      return drainOutbox(store, [sender], {
        compose: () => REPLY,
        clock: () => now,
        sleep: async (ms) => {
          // The pace's waits are shorter (20 a second and more): this is waiting for a lane.
          if (ms === LANE_POLL_MS) waits += 1;
          onSleep?.(ms);
          if (!clockStands) now += ms;
          await tick();
        },
      });
    },
  };
}

const statuses = (store: Store) =>
  rows<{ status: string; n: number }>(
    store,
    'select status, cast(count(*) as integer) as n from outbox group by status order by status',
  );

/** Every message delivered once, by whichever drainer. */
function deliveredOnce(...drainers: { sent: string[] }[]) {
  const all = drainers.flatMap((d) => d.sent);
  expect(all).toHaveLength(MESSAGES);
  expect(new Set(all).size).toBe(MESSAGES);
}

describe('two drainers on one outbox', () => {
  it("share a workspace's lane: one sends every message, the other waits until nothing is left", async () => {
    const store = await freshDemoStore();
    await queuePrompts(store);
    // The first drainer holds its first message until the second has found the lane taken.
    let secondWaited: () => void = () => {};
    const waited = new Promise<void>((resolve) => {
      secondWaited = resolve;
    });
    let firstSending: () => void = () => {};
    const sending = new Promise<void>((resolve) => {
      firstSending = resolve;
    });
    const first = drainer(async () => {
      firstSending();
      await waited;
      return { outcome: 'sent' };
    });
    // Its clock stands: the first is alive and its lease never runs out while the second waits.
    const second = drainer(undefined, { clockStands: true });
    const firstRun = first.run(store);
    await sending;
    expect(await laneLeases(store)).toMatchObject([{ lane: LANE, expiresAt: iso(T0 + LANE_LEASE_MS) }]);
    const secondRun = second.run(store, () => secondWaited());
    const [a, b] = await Promise.all([firstRun, secondRun]);

    expect(second.waits()).toBeGreaterThan(0);
    expect(second.sent).toEqual([]);
    expect(a.sent + b.sent).toBe(MESSAGES);
    deliveredOnce(first, second);
    expect(await statuses(store)).toEqual([{ status: 'sent', n: MESSAGES }]);
    // Both gave back what they held: the next run of either takes the lane at once.
    expect(await laneLeases(store)).toEqual([]);
  });

  it('take over the lane of a drainer that stopped once its lease has run out, and send every message once', async () => {
    const store = await freshDemoStore();
    await queuePrompts(store);
    // The first drainer stops answering (a process that hangs, or was killed): the messages it
    // claimed stay with it, and it no longer renews its lease.
    let wakeFirst: () => void = () => {};
    const woken = new Promise<void>((resolve) => {
      wakeFirst = resolve;
    });
    let claimed = 0;
    const first = drainer(async () => {
      claimed += 1;
      await woken;
      return { outcome: 'sent' };
    });
    const firstRun = first.run(store);
    while (claimed === 0) await tick();

    const second = drainer();
    await second.run(store);
    // It waited for the lease to end (by its clock, which moved only while it waited), then sent the rest.
    expect(second.waits()).toBeGreaterThanOrEqual(LANE_LEASE_MS / LANE_POLL_MS);
    expect(Math.min(...second.sentAt)).toBeGreaterThanOrEqual(T0 + LANE_LEASE_MS);
    expect(second.sent.length).toBe(MESSAGES - first.sent.length);
    expect(second.sent.filter((key) => first.sent.includes(key))).toEqual([]);

    // The first comes back later: what it had claimed is answered and settled, nothing goes twice.
    first.setNow(T0 + 3 * LANE_LEASE_MS);
    wakeFirst();
    await firstRun;
    deliveredOnce(first, second);
    expect(await statuses(store)).toEqual([{ status: 'sent', n: MESSAGES }]);
    expect(await laneLeases(store)).toEqual([]);
  });

  it.each([
    ['ran out', T0 - 1_000],
    ['reaches further ahead than any drainer writes (a clock that ran elsewhere)', T0 + 24 * 3_600_000],
  ])('take a lane at once whose lease %s', async (_, expiresAt) => {
    const store = await freshDemoStore();
    await queuePrompts(store);
    await arrangeIn(store, 'insert into outbox_lanes (lane, holder, expires_at) values (?, ?, ?)', [
      LANE,
      'a process long gone',
      iso(expiresAt),
    ]);
    const only = drainer();
    expect((await only.run(store)).sent).toBe(MESSAGES);
    expect(only.waits()).toBe(0);
    deliveredOnce(only);
    expect(await laneLeases(store)).toEqual([]);
  });

  it('leave a lane whose lease another drainer holds alone, until it ends', async () => {
    const store = await freshDemoStore();
    await queuePrompts(store);
    await arrangeIn(store, 'insert into outbox_lanes (lane, holder, expires_at) values (?, ?, ?)', [
      LANE,
      'another process',
      iso(T0 + 5_000),
    ]);
    const only = drainer();
    await only.run(store);
    expect(only.waits()).toBe(Math.ceil(5_000 / LANE_POLL_MS));
    expect(Math.min(...only.sentAt)).toBe(T0 + 5_000);
    deliveredOnce(only);
  });
});
