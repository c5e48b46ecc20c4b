/**
 * The names of Koers's scheduled jobs, known without loading the jobs themselves: the
 * configuration (KOERS_SCHEDULE) checks a name against them before anything starts.
 */
export const jobNames = [
  'weekly-prompts',
  'reminders',
  'signals',
  'summaries',
  'outbox',
  'maintenance',
  'retention',
] as const;

export type JobName = (typeof jobNames)[number];
