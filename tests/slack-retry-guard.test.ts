/**
 * The retry guard's memory: what counts as the same request, and for how long. It is kept in the
 * store (`slack_requests`), so that Koers processes sharing one PostgreSQL know each other's keys.
 */
import { DateTime } from 'luxon';
import { describe, expect, it, onTestFinished } from 'vitest';
import { maintenance } from '../src/jobs/maintenance.ts';
import { requestKey, retryGuard } from '../src/platforms/slack/retry-guard.ts';
import { closeStore, openStore, type Store } from '../src/store/database.ts';
import { migrateStore } from '../src/store/migrations.ts';
import { openPostgresStore } from '../src/store/pg-store.ts';
import { forgetOldSlackRequests, SLACK_RETRY_WINDOW_MS } from '../src/store/slack-requests.ts';
import { freshPostgres, postgresUnavailable } from './support/postgres.ts';

const unavailable = postgresUnavailable();
const START = Date.parse('2026-11-30T10:00:00.000Z');
const MINUTE = 60 * 1000;

function sqliteStore(): Store {
  const store = openStore(':memory:', { create: true });
  migrateStore(store);
  onTestFinished(() => closeStore(store));
  return store;
}

const rows = (store: Store) =>
  store.db.select().from(store.t.slackRequests).orderBy(store.t.slackRequests.key);

/** What the guard does on either dialect, with one store. */
async function letsThroughOncePerWindow(store: Store) {
  let now = START;
  const guard = retryGuard(store, () => now);
  expect(await guard.firstTime('k')).toBe(true);
  now = START + 14 * MINUTE;
  expect(await guard.firstTime('k')).toBe(false);
  now = START + 30 * MINUTE;
  expect(await guard.firstTime('k')).toBe(true);
  // Taken again at 30 minutes: the window starts over from there.
  now = START + 44 * MINUTE;
  expect(await guard.firstTime('k')).toBe(false);
  expect(await guard.firstTime('other')).toBe(true);
  // Only the key and when it was taken.
  expect(await rows(store)).toEqual([
    { key: 'k', seenAt: new Date(START + 30 * MINUTE).toISOString() },
    { key: 'other', seenAt: new Date(START + 44 * MINUTE).toISOString() },
  ]);
}

async function forgetsOldKeys(store: Store) {
  let now = START;
  const guard = retryGuard(store, () => now);
  await guard.firstTime('old');
  now = START + 10 * MINUTE;
  await guard.firstTime('recent');
  expect(await forgetOldSlackRequests(store, new Date(START + SLACK_RETRY_WINDOW_MS))).toBe(1);
  expect((await rows(store)).map((row) => row.key)).toEqual(['recent']);
  now = START + 20 * MINUTE;
  expect(await guard.firstTime('recent')).toBe(false);
  expect(await guard.firstTime('old')).toBe(true);
}

describe('the Slack retry guard', () => {
  it('knows an event by its id, a request over HTTP by its body, a Socket Mode interaction by its trigger', () => {
    expect(requestKey({ event_id: 'Ev1', trigger_id: 't' }, 'abc')).toBe('event:Ev1');
    expect(requestKey({ trigger_id: 't' }, 'abc')).toBe('body:abc');
    expect(requestKey({ trigger_id: 't', actions: [{ action_ts: '1.5' }] }, undefined)).toBe('trigger:t:1.5');
    expect(requestKey({}, undefined)).toBeUndefined();
  });

  it('lets a key through once within fifteen minutes, and again after', () =>
    letsThroughOncePerWindow(sqliteStore()));

  it('forgets the keys past the window, and only those', () => forgetsOldKeys(sqliteStore()));

  it('is forgotten by the nightly maintenance job once the window has passed', async () => {
    const store = sqliteStore();
    const guard = retryGuard(store);
    await guard.firstTime('now');
    await store.db
      .insert(store.t.slackRequests)
      .values({ key: 'yesterday', seenAt: '2026-11-29T10:00:00.000Z' });
    await maintenance.run({ store, now: DateTime.now(), platforms: [], senders: [] });
    expect((await rows(store)).map((row) => row.key)).toEqual(['now']);
  });
});

describe.skipIf(unavailable)(
  `the Slack retry guard on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    async function postgresStores(count: number): Promise<Store[]> {
      const { url } = await freshPostgres();
      const stores: Store[] = [];
      for (let i = 0; i < count; i += 1)
        stores.push((await openPostgresStore(url, { maxConnections: 4 })).store);
      onTestFinished(async () => {
        for (const store of stores) await store.close();
      });
      return stores;
    }

    it('lets a key through once within fifteen minutes, and again after', async () => {
      const [store] = await postgresStores(1);
      await letsThroughOncePerWindow(store as Store);
    });

    it('forgets the keys past the window, and only those', async () => {
      const [store] = await postgresStores(1);
      await forgetsOldKeys(store as Store);
    });

    it('lets a key through once between two processes on one database, also when both see it at once', async () => {
      const [first, second] = (await postgresStores(2)) as [Store, Store];
      const guards = [retryGuard(first), retryGuard(second)];
      // The retry reaches the other process.
      expect(await guards[0]?.firstTime('event:Ev1')).toBe(true);
      expect(await guards[1]?.firstTime('event:Ev1')).toBe(false);
      // Both offered the same keys at the same moment, several times each: one yes per key.
      const keys = Array.from({ length: 20 }, (_, i) => `body:${i}`);
      const answers = await Promise.all(
        keys.flatMap((key) =>
          [...guards, ...guards].map(async (guard) => ({ key, first: await guard.firstTime(key) })),
        ),
      );
      for (const key of keys)
        expect(
          answers.filter((a) => a.key === key && a.first),
          key,
        ).toHaveLength(1);
      expect(await rows(first)).toHaveLength(keys.length + 1);
    });
  },
);
