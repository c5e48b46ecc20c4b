/** Every job Koers schedules. */
import type { Job } from './job.ts';
import type { JobName } from './job-names.ts';
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

/** The jobs with the schedules a school set (KOERS_SCHEDULE) in place of their own. */
export function withSchedules(
  all: readonly Job[],
  schedules: Partial<Record<JobName, string>> | undefined,
): readonly Job[] {
  return all.map((job) => ({ ...job, schedule: schedules?.[job.name as JobName] ?? job.schedule }));
}
