/**
 * One run of a job, as every scheduler runs it: its counts logged when it did something (a quiet
 * run, nothing due, is not worth a line every few seconds), a failure logged with an id and
 * thrown on, for the scheduler to decide what follows (the next tick, or pg-boss's retry).
 */
import { errorId, log, loggableError } from '../log.ts';
import type { Job, JobContext } from './job.ts';

export async function loggedRun(job: Job, context: JobContext): Promise<void> {
  const started = Date.now();
  try {
    const counts = await job.run(context);
    if (Object.values(counts).some((n) => n > 0))
      log.info('job.done', { job: job.name, ms: Date.now() - started, counts: JSON.stringify(counts) });
  } catch (error) {
    log.error('job.failed', { job: job.name, id: errorId(), error: loggableError(error) });
    throw error;
  }
}
