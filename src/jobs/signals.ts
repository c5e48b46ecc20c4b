/**
 * `signals`: the daily sweep. Every student of every school is re-evaluated against every rule,
 * so that what only time changes (a target date passing, a silence growing) opens or resolves a
 * signal, and a school whose data arrived without going through Koers's commands (an import, the
 * demo seed) is caught up. Changes made through commands are evaluated at once (src/engine).
 * Then each mentor with new signals gets one digest for the day (src/signals/digest.ts).
 */
import { DateTime } from 'luxon';
import { queueSignalDigests } from '../signals/digest.ts';
import { signalRefresher } from '../signals/refresh.ts';
import { talkRequestAnnouncer } from '../signals/talk-request.ts';
import { schoolsWithTimeZones } from '../store/schools.ts';
import { studentsToSweep } from '../store/signal-facts.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Job } from './job.ts';

/**
 * Students per transaction, whose facts are read together (a few queries a batch, not a few a
 * student: on PostgreSQL each query is a round trip). Short enough that a mentor's command never
 * waits long for the lock or the process.
 */
const BATCH = 500;

export const signalsJob: Job = {
  name: 'signals',
  schedule: '30 6 * * *',
  async run({ store, now, platforms, signal }) {
    const at = now.toUTC().toISO() ?? DateTime.utc().toISO() ?? '';
    const totals = { students: 0, opened: 0, refreshed: 0, resolved: 0, digests: 0, digestsNotLinked: 0 };
    for (const school of await schoolsWithTimeZones(store)) {
      const today = now.setZone(school.timeZone).toISODate() ?? '';
      const refresher = await signalRefresher(
        store,
        { today, at },
        talkRequestAnnouncer(store, platforms, at),
      );
      const students = await studentsToSweep(store, school.id);
      for (let start = 0; start < students.length; start += BATCH) {
        if (signal?.aborted) break;
        await inTransaction(store, () =>
          refresher.refreshAll(
            students
              .slice(start, start + BATCH)
              .map(({ id, checked }) => ({ id, depth: checked ? 'timeDriven' : 'every' })),
          ),
        );
        // SQLite calls block the process: between batches a Slack command waiting for its
        // 3-second answer gets its turn.
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const key of Object.keys(refresher.counts) as (keyof typeof refresher.counts)[])
        totals[key] += refresher.counts[key];
      // Stopped halfway: the digest waits for a complete sweep (the next run), not half a day's news.
      if (signal?.aborted) break;
      // After the sweep, so that what it opened this morning is in this morning's digest.
      const digests = await queueSignalDigests(store, { id: school.id, date: today, at, platforms });
      totals.digests += digests.digests;
      totals.digestsNotLinked += digests.digestsNotLinked;
    }
    return totals;
  },
};
