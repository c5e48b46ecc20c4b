/**
 * Retention (AVG article 5(1)(e), *opslagbeperking*): the reflections and conversation notes of a
 * student who left are kept for a school's number of school years (`schools.retention_years`,
 * 1–10, default 2) and then deleted by the daily `retention` job (src/jobs/retention.ts).
 *
 * The rule, in whole Dutch school years (1 August – 31 July): the school year in which a student
 * left (the one holding `left_on`) is not counted; counting starts at the 1 August after it, and
 * on the 1 August `retention_years` school years later the notes go. With the default of 2, a
 * student who left on 2026-03-15 (school year 2025-2026) keeps them through the school years
 * 2026-2027 and 2027-2028 and loses them on 2028-08-01; one who left on 2026-08-01 (the first day
 * of 2026-2027) loses them on 2029-08-01. docs/privacy.md has the whole policy.
 */
import { and, asc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { type AuditEntry, recordAudit } from './audit.ts';
import type { Store } from './store.ts';

export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 10;

/** The first day of a Dutch school year: 1 August. */
const SCHOOL_YEAR_START = '08-01';

/** The 1 August on which the notes of a student who left on `leftOn` are deleted. */
export function retentionEndsOn(leftOn: string, years: number): string {
  const year = Number(leftOn.slice(0, 4));
  // The school year that started after the student left: this year's 1 August, or next year's.
  const next = leftOn.slice(5) < SCHOOL_YEAR_START ? year : year + 1;
  return `${next + years}-${SCHOOL_YEAR_START}`;
}

/**
 * The students whose notes are due on `today` are those who left before this day: the latest
 * 1 August on or before `today` minus `years` years. (For every `leftOn` before it,
 * `retentionEndsOn(leftOn, years) <= today`; for every other, it is later.)
 */
export function retentionCutoff(today: string, years: number): string {
  const year = Number(today.slice(0, 4));
  const start = today.slice(5) < SCHOOL_YEAR_START ? year - 1 : year;
  return `${start - years}-${SCHOOL_YEAR_START}`;
}

export type SchoolRetention = { id: number; name: string; timeZone: string; retentionYears: number };

export async function schoolRetention(store: Store): Promise<SchoolRetention[]> {
  const { schools } = store.t;
  return store.db
    .select({
      id: schools.id,
      name: schools.name,
      timeZone: schools.timeZone,
      retentionYears: schools.retentionYears,
    })
    .from(schools)
    .orderBy(asc(schools.id));
}

/** An administrator's choice (`koers retention --years`); the schema's CHECK holds it to 1–10. */
export async function setRetentionYears(store: Store, schoolId: number, years: number): Promise<void> {
  if (!Number.isInteger(years) || years < MIN_RETENTION_YEARS || years > MAX_RETENTION_YEARS)
    throw new RangeError(`retention years ${years} outside ${MIN_RETENTION_YEARS}–${MAX_RETENTION_YEARS}`);
  const { schools } = store.t;
  await store.db.update(schools).set({ retentionYears: years }).where(eq(schools.id, schoolId));
}

/** Students of a school who left before `cutoff` and still have reflections or conversations. */
export async function studentsDueForRetention(
  store: Store,
  schoolId: number,
  cutoff: string,
): Promise<number[]> {
  const { conversations, reflections, students } = store.t;
  const rows = await store.db
    .select({ id: students.id })
    .from(students)
    .where(
      and(
        eq(students.schoolId, schoolId),
        isNotNull(students.leftOn),
        lt(students.leftOn, cutoff),
        or(
          sql`exists (select 1 from ${reflections} where ${reflections.studentId} = ${students.id})`,
          sql`exists (select 1 from ${conversations} where ${conversations.studentId} = ${students.id})`,
        ),
      ),
    )
    .orderBy(asc(students.id));
  return rows.map((row) => row.id);
}

/**
 * Deletes these students' reflections (with their goal progress) and conversations (with their
 * participants and notes; goals agreed in them stay, without the link), in the caller's
 * transaction with foreign keys on, and writes one audit entry per student with the counts.
 */
export async function deleteExpiredNotes(
  store: Store,
  studentIds: readonly number[],
  at: string,
): Promise<{ reflections: number; conversations: number }> {
  const { conversations, reflections, signalChecks } = store.t;
  const totals = { reflections: 0, conversations: 0 };
  const entries: AuditEntry[] = [];
  for (const studentId of studentIds) {
    const gone = {
      reflections: (
        await store.db
          .delete(reflections)
          .where(eq(reflections.studentId, studentId))
          .returning({ id: reflections.id })
      ).length,
      conversations: (
        await store.db
          .delete(conversations)
          .where(eq(conversations.studentId, studentId))
          .returning({ id: conversations.id })
      ).length,
    };
    totals.reflections += gone.reflections;
    totals.conversations += gone.conversations;
    entries.push({ at, studentId, action: 'delete', subject: 'retention', channel: 'job', detail: gone });
  }
  await recordAudit(store, null, entries);
  // Data changed outside the commands: the next signal sweep looks at these students afresh.
  if (studentIds.length > 0)
    await store.db.delete(signalChecks).where(inArray(signalChecks.studentId, [...studentIds]));
  return totals;
}
