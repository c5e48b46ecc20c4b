/** Every job Koers schedules. */
import type { Job } from './job.ts';
import { maintenance } from './maintenance.ts';
import { outboxJob } from './outbox-job.ts';
import { reminders } from './reminders.ts';
import { retentionJob } from './retention.ts';
import { signalsJob } from './signals.ts';
import { summariesJob } from './summaries.ts';
import { weeklyPrompts } from './weekly-prompts.ts';

export const jobs: readonly Job[] = [
  weeklyPrompts,
  reminders,
  signalsJob,
  summariesJob,
  outboxJob,
  maintenance,
  retentionJob,
];

export function findJob(name: string): Job | undefined {
  return jobs.find((job) => job.name === name);
}
