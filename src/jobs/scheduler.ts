/**
 * Runs the registered jobs on their cron schedules in the server's time zone. A failing run is
 * logged with an id and the schedule goes on.
 */
import { DateTime } from 'luxon';
import cron, { type ScheduledTask } from 'node-cron';
import { type Clock, systemClock } from '../engine/clock.ts';
import type { Store } from '../store/database.ts';
import type { Job, JobContext } from './job.ts';
import { loggedRun } from './logged-run.ts';

export type Scheduler = { stop(): Promise<void> };

export function startScheduler(
  store: Store,
  jobs: readonly Job[],
  timeZone: string,
  delivery: Pick<JobContext, 'platforms' | 'senders'>,
  clock: Clock = systemClock,
): Scheduler {
  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        if (stopping.signal.aborted) return;
        // A failure is logged by the run; the schedule goes on.
        const run = loggedRun(job, {
          store,
          now: DateTime.fromJSDate(clock.now()).setZone(timeZone),
          ...delivery,
          signal: stopping.signal,
        }).catch(() => {});
        running.add(run);
        await run;
        running.delete(run);
      },
      { timezone: timeZone, name: job.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      // A job in the middle of a fan-out finishes the message in hand and returns.
      stopping.abort();
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(running);
    },
  };
}
