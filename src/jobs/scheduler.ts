/**
 * Runs the registered jobs on their cron schedules in the server's time zone. A failing run is
 * logged with an id and the schedule goes on.
 */
import { DateTime } from 'luxon';
import cron, { type ScheduledTask } from 'node-cron';
import { errorId, log } from '../log.ts';
import type { Store } from '../store/database.ts';
import type { Job } from './job.ts';

export type Scheduler = { stop(): Promise<void> };

export function startScheduler(store: Store, jobs: readonly Job[], timeZone: string): Scheduler {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      () => {
        const started = Date.now();
        try {
          const counts = job.run({ store, now: DateTime.now().setZone(timeZone) });
          log.info('job.done', { job: job.name, ms: Date.now() - started, counts: JSON.stringify(counts) });
        } catch (error) {
          log.error('job.failed', { job: job.name, id: errorId(), error: String(error) });
        }
      },
      { timezone: timeZone, name: job.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
    },
  };
}
