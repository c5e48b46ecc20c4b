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
import { type AuditRow, recordAudit } from './audit.ts';
import { tableNamesQuery } from './dialect-sql.ts';
import { quotedIdentifier } from './sql-identifier.ts';
import { isSqlite, type SqliteStore, type Store } from './store.ts';
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
 * included): one statement, built once and run before and after.
 */
async function rowCounter(store: Store): Promise<() => Promise<number>> {
  const tables = (await store.raw.all(tableNamesQuery(store.dialect))).map(
    (row) => `(select count(*) from ${quotedIdentifier(String(row.name))})`,
  );
  const count = `select ${tables.join(' + ') || '0'} as n`;
  return async () => Number((await store.raw.all(count))[0]?.n ?? 0);
}

/**
 * Runs `work` with SQLite's `secure_delete` on: what is deleted is overwritten with zeros in the
 * file, not merely marked free, so an erased student cannot be read back from free pages.
 * PostgreSQL has no such setting (its `VACUUM` reclaims dead rows), so there `work` just runs.
 */
export async function withSecureDelete<T>(store: Store, work: () => Promise<T>): Promise<T> {
  if (!isSqlite(store)) return work();
  const client = store.$client;
  const before = client.pragma('secure_delete', { simple: true }) as number;
  client.pragma('secure_delete = ON');
  try {
    return await work();
  } finally {
    client.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}

/** What `erase-student` without `--yes` shows: whom it would erase and how many rows. */
export async function erasurePreview(store: Store, studentId: number): Promise<ErasurePreview | undefined> {
  const { groups, students } = store.t;
  const traces = await studentTraces(store, studentId);
  const [student] = await store.db
    .select({
      firstName: students.firstName,
      lastNamePrefix: students.lastNamePrefix,
      lastName: students.lastName,
      group: groups.name,
    })
    .from(students)
    .leftJoin(groups, eq(groups.id, students.groupId))
    .where(eq(students.id, studentId));
  if (!traces || !student) return undefined;
  // The student's own row, and every row about them.
  const rows = Object.values(await recordsAbout(store, traces)).reduce((sum, list) => sum + list.length, 1);
  const { firstName, lastNamePrefix, lastName, group } = student;
  return { rows, name: [firstName, lastNamePrefix, lastName].filter(Boolean).join(' '), group };
}

/**
 * Erases the student in one transaction with foreign keys on (their cascades do most of the
 * work), then, on SQLite, folds the write-ahead log back into the file so the deleted pages leave
 * it too. With `vacuum`, the whole SQLite file is rewritten afterwards: SQLite leaves stale copies
 * of earlier row versions in the unused space of pages (from page splits and updates long
 * before), which `secure_delete` does not reach; `VACUUM` builds the file anew without them. It
 * holds the write lock while it runs (tens of seconds for 20,000 students), so it is the
 * administrator's choice. On PostgreSQL `vacuumed` stays false: its own (auto)vacuum reclaims the
 * space. Returns undefined when there is no such student.
 */
export async function eraseStudent(
  store: Store,
  studentId: number,
  entry: { at: string; osUser: string; vacuum?: boolean },
): Promise<ErasureResult | undefined> {
  const { auditLog, localMessages, outbox, students, teamsConversations } = store.t;
  const result = await withSecureDelete(store, () =>
    inTransaction(store, async (): Promise<ErasureResult | undefined> => {
      const traces = await studentTraces(store, studentId);
      if (!traces) return undefined;
      const totalRows = await rowCounter(store);
      const before = await totalRows();
      // What no foreign key reaches, while the student's accounts are still known.
      const unlinked = await unlinkedRowsOf(store, traces);
      await store.db.delete(teamsConversations).where(unlinked.teamsConversations);
      await store.db.delete(outbox).where(unlinked.outbox);
      await store.db.delete(localMessages).where(unlinked.localMessages);
      // The audit log keeps its rows, without what they said about the student.
      const [counted] = await store.db
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .where(unlinked.auditLog);
      const scrubbed = Number(counted?.n ?? 0);
      await store.db
        .update(auditLog)
        .set({ detail: null })
        .where(and(isNotNull(auditLog.detail), unlinked.auditLog));
      await store.db.update(auditLog).set({ subject: ERASED_SUBJECT }).where(unlinked.auditSubjects);
      // The cascades: enrolments, part B, conversations, goals, arrangements, prompts,
      // reflections, signals, platform identities, queued messages; audit links set to NULL.
      await store.db.delete(students).where(eq(students.id, studentId));
      const removed = before - (await totalRows());
      await recordAudit(store, null, [
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
  if (isSqlite(store)) {
    if (entry.vacuum) result.vacuumed = vacuum(store);
    checkpoint(store);
  }
  return result;
}

/** Rewrites the file without unused space; false when another writer kept it busy. */
function vacuum(store: SqliteStore): boolean {
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
function checkpoint(store: SqliteStore): void {
  try {
    store.$client.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Busy: Koers's own checkpoints finish the job.
  }
}

/** The erasures in the audit log, newest first (`koers audit --erasures`): they name nobody. */
export async function erasureTrail(store: Store): Promise<AuditRow[]> {
  const { auditLog } = store.t;
  const rows = await store.db
    .select({
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      action: auditLog.action,
      subject: auditLog.subject,
      channel: auditLog.channel,
    })
    .from(auditLog)
    .where(eq(auditLog.action, 'erase'))
    .orderBy(desc(auditLog.at), desc(auditLog.id));
  return rows.map((row) => ({ ...row, actorName: null, actorEmail: null }));
}
