/** A scheduled job: run by node-cron on its schedule, or by hand with `koers jobs run <name>`. */
import type { DateTime } from 'luxon';
import type { Store } from '../store/database.ts';

export type JobContext = { store: Store; now: DateTime };

export type Job = {
  name: string;
  /** A cron expression in the server's time zone (KOERS_TZ). */
  schedule: string;
  /** Returns counts to report, never student data. */
  run(context: JobContext): Record<string, number>;
};
