/** The audit log: who read or changed what about which student, when, through which channel. */
import { desc, eq, sql } from 'drizzle-orm';
import { auditLog, schools, staff, students } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import type { Store } from './database.ts';
import { prepared } from './prepared.ts';

export type AuditEntry = Omit<
  typeof auditLog.$inferInsert,
  'id' | 'actorKind' | 'actorStaffId' | 'actorStudentId'
>;

/** Null actor: Koers itself (a job) or the administrator at the terminal. */
export function recordAudit(store: Store, actor: Actor | null, entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  const who =
    actor === null
      ? { actorKind: 'system' as const }
      : actor.kind === 'staff'
        ? { actorKind: 'staff' as const, actorStaffId: actor.staffId }
        : { actorKind: 'student' as const, actorStudentId: actor.studentId };
  const insert = prepared(store, 'recordAudit', () =>
    store
      .insert(auditLog)
      .values({
        at: sql.placeholder('at'),
        actorKind: sql.placeholder('actorKind'),
        actorStaffId: sql.placeholder('actorStaffId'),
        actorStudentId: sql.placeholder('actorStudentId'),
        studentId: sql.placeholder('studentId'),
        action: sql.placeholder('action'),
        subject: sql.placeholder('subject'),
        channel: sql.placeholder('channel'),
        detail: sql.placeholder('detail'),
      })
      .prepare(),
  );
  const write = () => {
    for (const entry of entries)
      insert.run({
        actorStaffId: null,
        actorStudentId: null,
        ...who,
        ...entry,
        studentId: entry.studentId ?? null,
        detail: entry.detail ?? null,
      });
  };
  // One write for a whole caseload, not one commit per student; inside a change it joins that transaction.
  if (entries.length > 1 && !store.$client.inTransaction) store.$client.transaction(write)();
  else write();
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
export function recordRefusal(
  store: Store,
  actor: Actor,
  attempt: {
    subject: string;
    channel: AuditEntry['channel'];
    reason: RefusalReason;
    studentId?: number | null;
  },
): void {
  recordAudit(store, actor, [
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
export function timeZoneOfStudent(store: Store, studentId: number): string | undefined {
  return store
    .select({ timeZone: schools.timeZone })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(eq(students.id, studentId))
    .get()?.timeZone;
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

export function auditTrailOf(store: Store, studentId: number): AuditRow[] {
  const actorStudents = store
    .select({ id: students.id, email: students.email })
    .from(students)
    .as('actor_students');
  return store
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
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .all()
    .map((row) => ({
      at: row.at,
      actorKind: row.actorKind,
      actorName: row.staffName,
      actorEmail: row.staffEmail ?? row.studentEmail,
      action: row.action,
      subject: row.subject,
      channel: row.channel,
    }));
}
