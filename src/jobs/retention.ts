/**
 * `retention`: daily, the reflections and conversation notes of students who left are deleted
 * once their school's retention has passed (the rule: src/store/retention.ts, docs/privacy.md).
 * Each school by its own calendar day; a few hundred students per transaction, so that a
 * command waiting for the lock never waits long. Deleted content is overwritten in the file.
 */
import { DateTime } from 'luxon';
import { withSecureDelete } from '../store/erasure.ts';
import {
  deleteExpiredNotes,
  retentionCutoff,
  schoolRetention,
  studentsDueForRetention,
} from '../store/retention.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Job } from './job.ts';

const BATCH = 200;

export const retentionJob: Job = {
  name: 'retention',
  schedule: '0 4 * * *',
  async run({ store, now, signal }) {
    const at = DateTime.utc().toISO() ?? '';
    const totals = { students: 0, reflections: 0, conversations: 0 };
    for (const school of await schoolRetention(store)) {
      const today = now.setZone(school.timeZone).toISODate() ?? '';
      const due = await studentsDueForRetention(
        store,
        school.id,
        retentionCutoff(today, school.retentionYears),
      );
      for (let start = 0; start < due.length; start += BATCH) {
        if (signal?.aborted) return totals;
        const batch = due.slice(start, start + BATCH);
        const gone = await withSecureDelete(store, () =>
          inTransaction(store, async () => deleteExpiredNotes(store, batch, at)),
        );
        totals.students += batch.length;
        totals.reflections += gone.reflections;
        totals.conversations += gone.conversations;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return totals;
  },
};
