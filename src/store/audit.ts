/** The audit log: who read or changed what about which student, when, through which channel. */
import { desc, eq } from 'drizzle-orm';
import type { auditLog } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import { type Placeholders, prepared } from './prepared.ts';
import type { Store } from './store.ts';
import { inTransaction } from './transaction.ts';

export type AuditEntry = Omit<
  typeof auditLog.$inferInsert,
  'id' | 'actorKind' | 'actorStaffId' | 'actorStudentId'
>;

/** Rows per insert: a whole caseload in few statements, within both dialects' parameter limits. */
const AUDIT_BATCH = 500;

type NewAuditRow = Required<Omit<typeof auditLog.$inferInsert, 'id'>>;

type Columns = Placeholders<Omit<NewAuditRow, 'detail'>>;
const everyColumnButDetail = (p: Columns) => ({
  at: p.at,
  actorKind: p.actorKind,
  actorStaffId: p.actorStaffId,
  actorStudentId: p.actorStudentId,
  studentId: p.studentId,
  action: p.action,
  subject: p.subject,
  channel: p.channel,
});

/**
 * One entry, prepared. Two statements: a placeholder is passed through its column's encoder even
 * when null, and the JSON column's would store `null` as the JSON text "null", not SQL NULL (an
 * insert built each time leaves a null alone), so an entry without detail leaves the column out.
 */
const insertOne = {
  withDetail: prepared((db, { auditLog }, p: Placeholders<NewAuditRow>) =>
    db
      .insert(auditLog)
      .values({ ...everyColumnButDetail(p), detail: p.detail })
      .prepare(),
  ),
  withoutDetail: prepared((db, { auditLog }, p: Columns) =>
    db.insert(auditLog).values(everyColumnButDetail(p)).prepare(),
  ),
};

/** Null actor: Koers itself (a job) or the administrator at the terminal. */
export async function recordAudit(
  store: Store,
  actor: Actor | null,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const { auditLog } = store.t;
  const who =
    actor === null
      ? { actorKind: 'system' as const }
      : actor.kind === 'staff'
        ? { actorKind: 'staff' as const, actorStaffId: actor.staffId }
        : { actorKind: 'student' as const, actorStudentId: actor.studentId };
  const rows = entries.map((entry) => ({
    actorStaffId: null,
    actorStudentId: null,
    ...who,
    ...entry,
    studentId: entry.studentId ?? null,
    detail: entry.detail ?? null,
  }));
  const [only] = rows;
  // Most requests write one entry: a prepared statement, not an insert built each time.
  if (rows.length === 1 && only) {
    if (only.detail === null) await insertOne.withoutDetail(store, only);
    else await insertOne.withDetail(store, only);
    return;
  }
  const write = async () => {
    for (let start = 0; start < rows.length; start += AUDIT_BATCH)
      await store.db.insert(auditLog).values(rows.slice(start, start + AUDIT_BATCH));
  };
  // One write for a whole caseload, not one commit per student; inside a change it joins that transaction.
  if (entries.length > 1 && !store.inTransaction) await inTransaction(store, write);
  else await write();
}

/** Why an attempt was turned down: a code, never what was typed (it can hold a name). */
export type RefusalReason = 'commandNotForYou' | 'denied' | 'readOnly';

/**
 * The entry for a refused attempt, for a request that writes its entries together when its
 * reply is ready (src/engine/execution.ts): `studentId` only when the refusal is about a student
 * the asker can reach (may read but not change); otherwise null, since nothing was found.
 */
export function refusalNote(reason: RefusalReason, studentId: number | null = null) {
  return { studentId, action: 'refused' as const, detail: { reason } };
}

/** Writes one refused attempt at once: who, which command, through which channel, now. */
export async function recordRefusal(
  store: Store,
  actor: Actor,
  attempt: {
    subject: string;
    channel: AuditEntry['channel'];
    reason: RefusalReason;
    studentId?: number | null;
  },
): Promise<void> {
  await recordAudit(store, actor, [
    {
      // The real clock, like every audit entry, also when the request pretends another moment.
      at: new Date().toISOString(),
      subject: attempt.subject,
      channel: attempt.channel,
      ...refusalNote(attempt.reason, attempt.studentId ?? null),
    },
  ]);
}

/** The time zone of the student's school: an audit trail is read in the school's own clock. */
export async function timeZoneOfStudent(store: Store, studentId: number): Promise<string | undefined> {
  const { schools, students } = store.t;
  const [found] = await store.db
    .select({ timeZone: schools.timeZone })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(eq(students.id, studentId));
  return found?.timeZone;
}

export type AuditRow = {
  at: string;
  actorKind: 'staff' | 'student' | 'system';
  actorName: string | null;
  actorEmail: string | null;
  action: (typeof auditLog.$inferSelect)['action'];
  subject: string;
  channel: (typeof auditLog.$inferSelect)['channel'];
};

export async function auditTrailOf(store: Store, studentId: number): Promise<AuditRow[]> {
  const { auditLog, staff, students } = store.t;
  const actorStudents = store.db
    .select({ id: students.id, email: students.email })
    .from(students)
    .as('actor_students');
  const rows = await store.db
    .select({
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      staffName: staff.name,
      staffEmail: staff.email,
      studentEmail: actorStudents.email,
      action: auditLog.action,
      subject: auditLog.subject,
      channel: auditLog.channel,
    })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.actorStaffId))
    .leftJoin(actorStudents, eq(actorStudents.id, auditLog.actorStudentId))
    .where(eq(auditLog.studentId, studentId))
    .orderBy(desc(auditLog.at), desc(auditLog.id));
  return rows.map((row) => ({
    at: row.at,
    actorKind: row.actorKind,
    actorName: row.staffName,
    actorEmail: row.staffEmail ?? row.studentEmail,
    action: row.action,
    subject: row.subject,
    channel: row.channel,
  }));
}
