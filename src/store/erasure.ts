/**
 * The right to erasure (AVG article 17): `koers erase-student` removes a student and every row
 * about them in one transaction, and leaves one audit entry that says an erasure happened, with
 * no id, name or email in it. Which rows are about a student is decided with the export's rules
 * (src/store/student-export.ts), so the export shows exactly what the erasure removes.
 *
 * Most rows go with the student by `on delete cascade` (db/schema.ts); what no foreign key
 * reaches is removed first: Teams conversation references (by Entra user id), outbox messages to
 * the student's accounts, the playground's messages that name them. The audit log keeps its rows:
 * their links are set to NULL by the schema, and their detail is emptied here when it was about
 * the student or names them.
 */
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { auditLog, groups, localMessages, outbox, students, teamsConversations } from '../../db/schema.ts';
import { type AuditRow, recordAudit } from './audit.ts';
import type { Store } from './database.ts';
import { quotedIdentifier } from './sql-identifier.ts';
import { recordsAbout, studentTraces, unlinkedRowsOf } from './student-export.ts';
import { inTransaction } from './transaction.ts';

/** What is written in place of an audit entry's subject that named the student. */
export const ERASED_SUBJECT = 'erased';

/** The audit entry an erasure leaves: no student id, name or email; counts only. */
export const ERASURE_SUBJECT = 'koers erase-student';

export type ErasurePreview = {
  /** The student's row and the rows about them (before the cascades' own count). */
  rows: number;
  name: string;
  group: string | null;
};

export type ErasureResult = {
  /** Rows removed, over every table (the cascades included). */
  removed: number;
  /** Audit entries kept, whose link and detail were removed. */
  scrubbed: number;
  /** Whether the file was rewritten without unused space (`--vacuum`). */
  vacuumed: boolean;
};

/**
 * Counts the rows of every table of the database, for what an erasure removed (cascades
 * included): one statement, prepared once and run before and after.
 */
function rowCounter(store: Store): () => number {
  const tables = (
    store.$client
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[]
  ).map((row) => `(select count(*) from ${quotedIdentifier(row.name)})`);
  const count = store.$client.prepare(`select ${tables.join(' + ') || '0'} as n`);
  return () => (count.get() as { n: number }).n;
}

/**
 * Runs `work` with SQLite's `secure_delete` on: what is deleted is overwritten with zeros in the
 * file, not merely marked free, so an erased student cannot be read back from free pages.
 */
export function withSecureDelete<T>(store: Store, work: () => T): T {
  const client = store.$client;
  const before = client.pragma('secure_delete', { simple: true }) as number;
  client.pragma('secure_delete = ON');
  try {
    return work();
  } finally {
    client.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}

/** What `erase-student` without `--yes` shows: whom it would erase and how many rows. */
export function erasurePreview(store: Store, studentId: number): ErasurePreview | undefined {
  const traces = studentTraces(store, studentId);
  const student = store
    .select({
      firstName: students.firstName,
      lastNamePrefix: students.lastNamePrefix,
      lastName: students.lastName,
      group: groups.name,
    })
    .from(students)
    .leftJoin(groups, eq(groups.id, students.groupId))
    .where(eq(students.id, studentId))
    .get();
  if (!traces || !student) return undefined;
  // The student's own row, and every row about them.
  const rows = Object.values(recordsAbout(store, traces)).reduce((sum, list) => sum + list.length, 1);
  const { firstName, lastNamePrefix, lastName, group } = student;
  return { rows, name: [firstName, lastNamePrefix, lastName].filter(Boolean).join(' '), group };
}

/**
 * Erases the student in one transaction with foreign keys on (their cascades do most of the
 * work), then folds the write-ahead log back into the file so the deleted pages leave it too.
 * With `vacuum`, the whole file is rewritten afterwards: SQLite leaves stale copies of earlier
 * row versions in the unused space of pages (from page splits and updates long before), which
 * `secure_delete` does not reach; `VACUUM` builds the file anew without them. It holds the write
 * lock while it runs (tens of seconds for 20,000 students), so it is the administrator's choice.
 * Returns undefined when there is no such student.
 */
export function eraseStudent(
  store: Store,
  studentId: number,
  entry: { at: string; osUser: string; vacuum?: boolean },
): ErasureResult | undefined {
  const result = withSecureDelete(store, () =>
    inTransaction(store, () => {
      const traces = studentTraces(store, studentId);
      if (!traces) return undefined;
      const totalRows = rowCounter(store);
      const before = totalRows();
      // What no foreign key reaches, while the student's accounts are still known.
      const unlinked = unlinkedRowsOf(store, traces);
      store.delete(teamsConversations).where(unlinked.teamsConversations).run();
      store.delete(outbox).where(unlinked.outbox).run();
      store.delete(localMessages).where(unlinked.localMessages).run();
      // The audit log keeps its rows, without what they said about the student.
      const scrubbed = (
        store.select({ n: sql<number>`count(*)` }).from(auditLog).where(unlinked.auditLog).get() ?? { n: 0 }
      ).n;
      store
        .update(auditLog)
        .set({ detail: null })
        .where(and(isNotNull(auditLog.detail), unlinked.auditLog))
        .run();
      store.update(auditLog).set({ subject: ERASED_SUBJECT }).where(unlinked.auditSubjects).run();
      // The cascades: enrolments, part B, conversations, goals, arrangements, prompts,
      // reflections, signals, platform identities, queued messages; audit links set to NULL.
      store.delete(students).where(eq(students.id, studentId)).run();
      const removed = before - totalRows();
      recordAudit(store, null, [
        {
          at: entry.at,
          studentId: null,
          action: 'erase',
          subject: ERASURE_SUBJECT,
          channel: 'cli',
          // Counts only: nothing here can lead back to the student.
          detail: { rows: removed, osUser: entry.osUser },
        },
      ]);
      return { removed, scrubbed, vacuumed: false };
    }),
  );
  if (!result) return undefined;
  if (entry.vacuum) result.vacuumed = vacuum(store);
  checkpoint(store);
  return result;
}

/** Rewrites the file without unused space; false when another writer kept it busy. */
function vacuum(store: Store): boolean {
  try {
    store.$client.exec('VACUUM');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  }
}

/**
 * Folds the write-ahead log into the database and empties it, so the pages the erasure
 * overwrote are not still readable in the `-wal` file. Another process reading at that moment
 * can hold part of it back; the next checkpoint (the nightly `maintenance`) takes the rest.
 */
function checkpoint(store: Store): void {
  try {
    store.$client.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Busy: Koers's own checkpoints finish the job.
  }
}

/** The erasures in the audit log, newest first (`koers audit --erasures`): they name nobody. */
export function erasureTrail(store: Store): AuditRow[] {
  return store
    .select({
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      action: auditLog.action,
      subject: auditLog.subject,
      channel: auditLog.channel,
    })
    .from(auditLog)
    .where(eq(auditLog.action, 'erase'))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .all()
    .map((row) => ({ ...row, actorName: null, actorEmail: null }));
}
