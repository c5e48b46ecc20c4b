/** Every job Koers schedules; later jobs (prompts, reminders, signals, summaries) join this list. */
import type { Job } from './job.ts';
import { maintenance } from './maintenance.ts';

export const jobs: readonly Job[] = [maintenance];

export function findJob(name: string): Job | undefined {
  return jobs.find((job) => job.name === name);
}
