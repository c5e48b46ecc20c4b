/**
 * Scheduled work across Koers processes sharing PostgreSQL (src/jobs/shared-scheduler.ts): every
 * moment of a job runs once among them, through pg-boss; the outbox job runs in each.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/engine/clock.ts';
import type { Job } from '../src/jobs/job.ts';
import type { Scheduler } from '../src/jobs/scheduler.ts';
import { runId, startSharedScheduler } from '../src/jobs/shared-scheduler.ts';
import { openPostgresStore, type PostgresStore } from '../src/store/pg-store.ts';
import { freshPostgres, postgresUnavailable } from './support/postgres.ts';

const unavailable = postgresUnavailable();

const delivery = { platforms: ['local'] as const, senders: [] };
const fast = { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, expireInSeconds: 5 };

/** A job that records which process ran it, for which moment. */
function recording(name: string, everyInstance: boolean, process: string): Job {
  return {
    name,
    schedule: '* * * * * *',
    ...(everyInstance && { everyInstance }),
    async run({ store, now }) {
      await store.raw.run('insert into runs (job, moment, process) values (?, ?, ?)', [
        name,
        now.toUTC().toISO() as string,
        process,
      ]);
      return { ran: 1 };
    },
  };
}

describe('runId', () => {
  it('is one UUID per job and moment, the same in every process', () => {
    const id = runId('summaries', '2026-11-30T08:00:00.000Z');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(runId('summaries', '2026-11-30T08:00:00.000Z')).toBe(id);
    expect(runId('summaries', '2026-11-30T08:05:00.000Z')).not.toBe(id);
    expect(runId('reminders', '2026-11-30T08:00:00.000Z')).not.toBe(id);
  });
});

describe.skipIf(unavailable)(
  `two schedulers on one PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    it('run each moment of a shared job once between them, and an every-instance job in both', async () => {
      const { url, client } = await freshPostgres();
      const stores: PostgresStore[] = [];
      const schedulers: Scheduler[] = [];
      try {
        for (let i = 0; i < 2; i += 1)
          stores.push((await openPostgresStore(url, { maxConnections: 4 })).store);
        await client.query(
          'create table runs (job text not null, moment text not null, process text not null)',
        );
        for (const [i, store] of stores.entries()) {
          const name = `process-${i + 1}`;
          schedulers.push(
            await startSharedScheduler(
              store,
              [recording('shared', false, name), recording('local', true, name)],
              'Europe/Amsterdam',
              delivery,
              systemClock,
              fast,
            ),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 5_500));
        for (const scheduler of schedulers.splice(0)) await scheduler.stop();
        // Queued runs not yet taken when both stopped are left to the next start: count what ran.
        const shared = (
          await client.query<{ moment: string; n: number }>(
            "select moment, count(*)::int as n from runs where job = 'shared' group by moment order by moment",
          )
        ).rows;
        expect(shared.length).toBeGreaterThanOrEqual(3);
        expect(shared.filter((row) => row.n !== 1)).toEqual([]);
        // pg-boss holds one run per moment, whichever process offered it first.
        const queued = (
          await client.query<{ n: number; keys: number }>(
            "select count(*)::int as n, count(distinct singleton_key)::int as keys from pgboss.job where name = 'shared'",
          )
        ).rows[0];
        expect(queued?.n).toBe(queued?.keys);
        // The every-instance job ran in both processes, for the same moments.
        const local = (
          await client.query<{ process: string; n: number }>(
            "select process, count(*)::int as n from runs where job = 'local' group by process order by process",
          )
        ).rows;
        expect(local.map((row) => row.process)).toEqual(['process-1', 'process-2']);
        expect(local.every((row) => row.n >= 4)).toBe(true);
      } finally {
        for (const scheduler of schedulers) await scheduler.stop();
        for (const store of stores) await store.close();
      }
    }, 60_000);

    it('lets another process run a moment whose process stopped answering in the middle of it', async () => {
      const { url, client } = await freshPostgres();
      const stores: PostgresStore[] = [];
      const schedulers: Scheduler[] = [];
      let release = () => {};
      const hung = new Promise<void>((resolve) => {
        release = resolve;
      });
      let stuckMoment: string | undefined;
      try {
        for (let i = 0; i < 2; i += 1)
          stores.push((await openPostgresStore(url, { maxConnections: 4 })).store);
        await client.query(
          'create table runs (job text not null, moment text not null, process text not null)',
        );
        // The first process takes the first moment and never finishes it, as a process that hangs or
        // died would; busy with it, it takes no other.
        const stuck: Job = {
          name: 'shared',
          schedule: '* * * * * *',
          async run({ now }) {
            stuckMoment ??= now.toUTC().toISO() as string;
            await hung;
            return {};
          },
        };
        const [first, second] = stores as [PostgresStore, PostgresStore];
        schedulers.push(
          await startSharedScheduler(first, [stuck], 'Europe/Amsterdam', delivery, systemClock, {
            ...fast,
            expireInSeconds: 2,
          }),
        );
        const deadline = Date.now() + 10_000;
        while (!stuckMoment && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(stuckMoment).toBeDefined();
        schedulers.push(
          await startSharedScheduler(
            second,
            [recording('shared', false, 'process-2')],
            'Europe/Amsterdam',
            delivery,
            systemClock,
            {
              ...fast,
              expireInSeconds: 2,
            },
          ),
        );
        // pg-boss expires the stuck run and retries it: the second process runs that very moment.
        const until = Date.now() + 90_000;
        let taken = 0;
        while (Date.now() < until) {
          taken = Number(
            (
              await client.query(
                "select count(*) as n from runs where moment = $1 and process = 'process-2'",
                [stuckMoment],
              )
            ).rows[0]?.n,
          );
          if (taken > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        const queued = (
          await client.query(
            "select state, retry_count, singleton_key from pgboss.job where name = 'shared' and singleton_key like $1",
            [`%${stuckMoment}`],
          )
        ).rows;
        expect(taken, JSON.stringify(queued)).toBe(1);
      } finally {
        release();
        for (const scheduler of schedulers) await scheduler.stop();
        for (const store of stores) await store.close();
      }
    }, 120_000);
  },
);
