/**
 * The scheduler of Koers processes that share one PostgreSQL database (docs/postgres.md): every
 * moment of a job's schedule is run once across all of them, through pg-boss's queue.
 *
 * Each process still keeps the schedules with node-cron, as on SQLite, so time (and the
 * playground's clock) is read the same way. At a moment, every process offers the run to pg-boss
 * under one id made from the job's name and the moment (and that pair as singleton key): the
 * first offer is queued, the others are no-ops. Whichever process is free takes it. A process that
 * dies mid-run leaves its run active; pg-boss expires it and another process runs it again —
 * Koers's jobs are written to be run again (prompts, summaries and signals are keyed per student
 * and week, the outbox per message), so a repeat finishes what the dead one started.
 *
 * The outbox job is the exception: every process drains (`Job.everyInstance`), and the outbox's
 * claims keep a message to one of them.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import cron, { type ScheduledTask } from 'node-cron';
import PgBoss from 'pg-boss';
import type { Clock } from '../engine/clock.ts';
import { errorId, log, loggableError } from '../log.ts';
import type { PostgresStore } from '../store/pg-store.ts';
import type { Job, JobContext } from './job.ts';
import { loggedRun } from './logged-run.ts';
import type { Scheduler } from './scheduler.ts';

/** pg-boss keeps its tables in their own schema, apart from the school's. */
const BOSS_SCHEMA = 'pgboss';
/** Serialises pg-boss's setup among Koers processes starting together. */
const BOSS_SETUP_LOCK = 0x6b626f7373; // "kboss"

export type SharedSchedulerOptions = {
  /** How long a run may take before another process may take it over (pg-boss's expiry). */
  expireInSeconds?: number;
  /** How often pg-boss looks for expired runs (and does its housekeeping). */
  maintenanceIntervalSeconds?: number;
  /** How often an idle process asks for a queued run. */
  pollingIntervalSeconds?: number;
};

/** The run of `job` at `moment` has one id in every process: a name-based UUID (RFC 4122 version 5 layout). */
export function runId(job: string, moment: string): string {
  const bytes = createHash('sha1').update(`koers:${job}@${moment}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type RunData = { moment: string };

export async function startSharedScheduler(
  store: PostgresStore,
  jobs: readonly Job[],
  timeZone: string,
  delivery: Pick<JobContext, 'platforms' | 'senders'>,
  clock: Clock,
  options: SharedSchedulerOptions = {},
): Promise<Scheduler> {
  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  const expireInSeconds = options.expireInSeconds ?? 15 * 60;
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => store.pool.query(text, values) },
    schema: BOSS_SCHEMA,
    // Koers keeps the schedules itself (above); pg-boss's own cron stays off.
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on('error', (error) => log.error('job.queueError', { id: errorId(), error: loggableError(error) }));

  const runJob = (job: Job, moment: DateTime) =>
    loggedRun(job, { store, now: moment, ...delivery, signal: stopping.signal });
  const track = (run: Promise<unknown>) => {
    running.add(run);
    return run.finally(() => running.delete(run));
  };

  const shared = jobs.filter((job) => !job.everyInstance);
  // pg-boss creates its tables and each queue's partition with DDL; processes starting together
  // take turns, so none sees another's half-made schema.
  const setup = await store.pool.connect();
  try {
    await setup.query('select pg_advisory_lock($1)', [BOSS_SETUP_LOCK]);
    try {
      await boss.start();
      for (const job of shared)
        await boss.createQueue(job.name, { name: job.name, retryLimit: 3, retryDelay: 5, expireInSeconds });
    } finally {
      await setup.query('select pg_advisory_unlock($1)', [BOSS_SETUP_LOCK]);
    }
  } finally {
    setup.release();
  }
  for (const job of shared) {
    await boss.work<RunData>(
      job.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async ([queued]) => {
        if (!queued || stopping.signal.aborted) return;
        const moment = DateTime.fromISO(queued.data.moment, { setZone: true }).setZone(timeZone);
        // A failure (logged by the run) is thrown to pg-boss, which retries the run, in this
        // process or another.
        await track(runJob(job, moment));
      },
    );
  }

  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        if (stopping.signal.aborted) return;
        // The moment the schedule names, the same in every process: cron fires on the second.
        const moment = DateTime.fromMillis(Math.round(clock.now().getTime() / 1000) * 1000).setZone(timeZone);
        if (job.everyInstance) {
          await track(runJob(job, moment).catch(() => {}));
          return;
        }
        const key = moment.toUTC().toISO() as string;
        try {
          await boss.send(job.name, { moment: moment.toISO() as string } satisfies RunData, {
            id: runId(job.name, key),
            singletonKey: `${job.name}@${key}`,
          });
        } catch (error) {
          log.error('job.queueError', { job: job.name, id: errorId(), error: loggableError(error) });
        }
      },
      { timezone: timeZone, name: job.name, noOverlap: true },
    ),
  );

  return {
    async stop() {
      stopping.abort();
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(running);
      // Runs in hand were awaited above; pg-boss stops its workers and housekeeping.
      await boss.stop({ graceful: true, wait: true, close: false });
    },
  };
}
