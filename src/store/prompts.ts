/** The weekly prompts: who is asked when, which weeks were asked, and which still wait for a reminder. */
import { and, eq, gt, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { prompts, reflections } from '../../db/schema.ts';
import type { Holiday } from '../domain/prompt-calendar.ts';
import type { Store } from './store.ts';

export type PromptCandidate = {
  studentId: number;
  schoolId: number;
  timeZone: string;
  weekday: number;
  time: string;
  pausedUntil: string | null;
};

/** Every student at school with their prompt moment: their own, else their school's. One who left gets no prompts. */
export async function promptCandidates(store: Store): Promise<PromptCandidate[]> {
  const { schools, students } = store.t;
  return store.db
    .select({
      studentId: students.id,
      schoolId: students.schoolId,
      timeZone: schools.timeZone,
      weekday: sql<number>`coalesce(${students.promptWeekday}, ${schools.promptWeekday})`,
      time: sql<string>`coalesce(${students.promptTime}, ${schools.promptTime})`,
      pausedUntil: students.pausedUntil,
    })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(isNull(students.leftOn));
}

export async function holidaysBySchool(store: Store): Promise<Map<number, Holiday[]>> {
  const { schoolHolidays } = store.t;
  const rows = await store.db
    .select({
      schoolId: schoolHolidays.schoolId,
      startDate: schoolHolidays.startDate,
      endDate: schoolHolidays.endDate,
    })
    .from(schoolHolidays);
  const bySchool = new Map<number, Holiday[]>();
  for (const row of rows) {
    const list = bySchool.get(row.schoolId) ?? [];
    list.push({ startDate: row.startDate, endDate: row.endDate });
    bySchool.set(row.schoolId, list);
  }
  return bySchool;
}

/** `studentId:isoWeek` of every row of `table` in these weeks. */
async function studentWeeks(
  store: Store,
  table: typeof prompts | typeof reflections,
  isoWeeks: readonly string[],
): Promise<Set<string>> {
  if (isoWeeks.length === 0) return new Set<string>();
  const rows = await store.db
    .select({ studentId: table.studentId, isoWeek: table.isoWeek })
    .from(table)
    .where(inArray(table.isoWeek, [...isoWeeks]));
  return new Set(rows.map((row) => `${row.studentId}:${row.isoWeek}`));
}

/** `studentId:isoWeek` of every prompt already made in these weeks. */
export const promptedInWeeks = (store: Store, isoWeeks: readonly string[]): Promise<Set<string>> =>
  studentWeeks(store, store.t.prompts, isoWeeks);

/** `studentId:isoWeek` of every reflection in these weeks: a week answered already is not asked. */
export const answeredInWeeks = (store: Store, isoWeeks: readonly string[]): Promise<Set<string>> =>
  studentWeeks(store, store.t.reflections, isoWeeks);

export type NewPrompt = typeof prompts.$inferInsert;

/** Rows per insert: a whole school's week in few statements, within both dialects' parameter limits. */
const INSERT_BATCH = 1000;

/** Records prompts; one already made for that student and week stays as it was. */
export async function insertPrompts(store: Store, rows: readonly NewPrompt[]): Promise<number> {
  const { prompts } = store.t;
  let added = 0;
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    // A prompt already made returns nothing.
    const inserted = await store.db
      .insert(prompts)
      .values(
        rows.slice(start, start + INSERT_BATCH).map((row) => ({
          studentId: row.studentId,
          isoWeek: row.isoWeek,
          promptedAt: row.promptedAt,
          expiresAt: row.expiresAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: prompts.id });
    added += inserted.length;
  }
  return added;
}

/** Prompts older than `before`, not yet reminded, not expired at `now`, and not answered. */
export async function promptsToRemind(store: Store, before: string, now: string) {
  const { prompts, reflections, schools, students } = store.t;
  return store.db
    .select({
      id: prompts.id,
      studentId: prompts.studentId,
      isoWeek: prompts.isoWeek,
      schoolId: students.schoolId,
      pausedUntil: students.pausedUntil,
      timeZone: schools.timeZone,
    })
    .from(prompts)
    .innerJoin(students, eq(students.id, prompts.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .leftJoin(
      reflections,
      and(eq(reflections.studentId, prompts.studentId), eq(reflections.isoWeek, prompts.isoWeek)),
    )
    .where(
      and(
        isNull(prompts.remindedAt),
        lte(prompts.promptedAt, before),
        gt(prompts.expiresAt, now),
        isNull(reflections.id),
        isNull(students.leftOn),
      ),
    );
}

export async function markReminded(store: Store, promptId: number, at: string): Promise<void> {
  const { prompts } = store.t;
  await store.db.update(prompts).set({ remindedAt: at }).where(eq(prompts.id, promptId));
}

/** The prompt of a student's week, if they were asked that week. */
export async function promptOf(store: Store, studentId: number, isoWeek: string) {
  const { prompts } = store.t;
  const [found] = await store.db
    .select()
    .from(prompts)
    .where(and(eq(prompts.studentId, studentId), eq(prompts.isoWeek, isoWeek)))
    .limit(1);
  return found;
}

/** How many of a mentor's students have their own prompt moment, and how many paused it (counts only). */
export async function menteePromptSettings(store: Store, mentorId: number, today: string) {
  const { students } = store.t;
  // Conditions summed as 1/0 (PostgreSQL does not sum booleans); counts as numbers (PostgreSQL's
  // are bigint, which drizzle hands back as text).
  const [row] = await store.db
    .select({
      total: sql<number>`count(*)`.mapWith(Number),
      ownMoment:
        sql<number>`coalesce(sum(case when ${students.promptWeekday} is not null or ${students.promptTime} is not null then 1 else 0 end), 0)`.mapWith(
          Number,
        ),
      paused:
        sql<number>`coalesce(sum(case when ${students.pausedUntil} >= ${today} then 1 else 0 end), 0)`.mapWith(
          Number,
        ),
    })
    .from(students)
    .where(and(eq(students.mentorId, mentorId), isNull(students.leftOn)));
  return { total: row?.total ?? 0, ownMoment: row?.ownMoment ?? 0, paused: row?.paused ?? 0 };
}

/** A mentor's students whose prompts are paused today or later, the pause ending first on top. */
export async function pausedMentees(store: Store, mentorId: number, today: string) {
  const { students } = store.t;
  return store.db
    .select({
      id: students.id,
      firstName: students.firstName,
      preferredName: students.preferredName,
      lastNamePrefix: students.lastNamePrefix,
      lastName: students.lastName,
      pausedUntil: sql<string>`${students.pausedUntil}`,
    })
    .from(students)
    .where(and(eq(students.mentorId, mentorId), gte(students.pausedUntil, today), isNull(students.leftOn)))
    .orderBy(students.pausedUntil, students.lastName);
}

/** The latest prompt a student can still answer and has not: what `reflectie` without a week is for. */
export async function openPromptOf(store: Store, studentId: number, now: string) {
  const { prompts, reflections } = store.t;
  const [found] = await store.db
    .select({ isoWeek: prompts.isoWeek, expiresAt: prompts.expiresAt })
    .from(prompts)
    .leftJoin(
      reflections,
      and(eq(reflections.studentId, prompts.studentId), eq(reflections.isoWeek, prompts.isoWeek)),
    )
    .where(and(eq(prompts.studentId, studentId), gt(prompts.expiresAt, now), isNull(reflections.id)))
    .orderBy(sql`${prompts.isoWeek} desc`)
    .limit(1);
  return found;
}
