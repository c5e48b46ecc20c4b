/** A scheduled job: run by node-cron on its schedule, or by hand with `koers jobs run <name>`. */
import type { DateTime } from 'luxon';
import type { Platform } from '../domain/enums.ts';
import type { PlatformSender } from '../outbox/platform-sender.ts';
import type { Store } from '../store/database.ts';

export type JobContext = {
  store: Store;
  now: DateTime;
  /** Where messages can be delivered now, most preferred first (a configured platform, else local). */
  platforms: readonly Platform[];
  /** The platform senders the outbox job drains to (the app builds them from the configuration). */
  senders: readonly PlatformSender[];
  /** Set when Koers stops: a long job finishes what it holds and returns. */
  signal?: AbortSignal;
};

export type Job = {
  /** One of `jobNames` (job-names.ts) for Koers's own jobs. */
  name: string;
  /** A cron expression in the server's time zone (KOERS_TZ); KOERS_SCHEDULE can move it (`withSchedules`). */
  schedule: string;
  /**
   * Run by every Koers process sharing a database, rather than once across them
   * (`shared-scheduler.ts`): the outbox, whose claims keep each message to one process.
   */
  everyInstance?: boolean;
  /** Returns counts to report, never student data. */
  run(context: JobContext): Record<string, number> | Promise<Record<string, number>>;
};
