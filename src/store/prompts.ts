/** The weekly prompts: who is asked when, which weeks were asked, and which still wait for a reminder. */
import { and, eq, gt, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { prompts, reflections, schoolHolidays, schools, students } from '../../db/schema.ts';
import type { Holiday } from '../domain/prompt-calendar.ts';
import type { Store } from './database.ts';
import { prepared } from './prepared.ts';

export type PromptCandidate = {
  studentId: number;
  schoolId: number;
  timeZone: string;
  weekday: number;
  time: string;
  pausedUntil: string | null;
};

/** Every student at school with their prompt moment: their own, else their school's. One who left gets no prompts. */
export function promptCandidates(store: Store): PromptCandidate[] {
  return store
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
    .where(isNull(students.leftOn))
    .all();
}

export function holidaysBySchool(store: Store): Map<number, Holiday[]> {
  const bySchool = new Map<number, Holiday[]>();
  for (const row of store
    .select({
      schoolId: schoolHolidays.schoolId,
      startDate: schoolHolidays.startDate,
      endDate: schoolHolidays.endDate,
    })
    .from(schoolHolidays)
    .all()) {
    const list = bySchool.get(row.schoolId) ?? [];
    list.push({ startDate: row.startDate, endDate: row.endDate });
    bySchool.set(row.schoolId, list);
  }
  return bySchool;
}

/** `studentId:isoWeek` of every row of `table` in these weeks. */
function studentWeeks(store: Store, table: typeof prompts | typeof reflections, isoWeeks: readonly string[]) {
  if (isoWeeks.length === 0) return new Set<string>();
  return new Set(
    store
      .select({ studentId: table.studentId, isoWeek: table.isoWeek })
      .from(table)
      .where(inArray(table.isoWeek, [...isoWeeks]))
      .all()
      .map((row) => `${row.studentId}:${row.isoWeek}`),
  );
}

/** `studentId:isoWeek` of every prompt already made in these weeks. */
export const promptedInWeeks = (store: Store, isoWeeks: readonly string[]) =>
  studentWeeks(store, prompts, isoWeeks);

/** `studentId:isoWeek` of every reflection in these weeks: a week answered already is not asked. */
export const answeredInWeeks = (store: Store, isoWeeks: readonly string[]) =>
  studentWeeks(store, reflections, isoWeeks);

export type NewPrompt = typeof prompts.$inferInsert;

/** Records prompts; one already made for that student and week stays as it was. */
export function insertPrompts(store: Store, rows: readonly NewPrompt[]): number {
  const insert = prepared(store, 'prompts.insert', () =>
    store
      .insert(prompts)
      .values({
        studentId: sql.placeholder('studentId'),
        isoWeek: sql.placeholder('isoWeek'),
        promptedAt: sql.placeholder('promptedAt'),
        expiresAt: sql.placeholder('expiresAt'),
      })
      .onConflictDoNothing()
      .prepare(),
  );
  let added = 0;
  for (const row of rows) added += insert.run(row).changes;
  return added;
}

/** Prompts older than `before`, not yet reminded, not expired at `now`, and not answered. */
export function promptsToRemind(store: Store, before: string, now: string) {
  return store
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
    )
    .all();
}

export function markReminded(store: Store, promptId: number, at: string): void {
  store.update(prompts).set({ remindedAt: at }).where(eq(prompts.id, promptId)).run();
}

/** The prompt of a student's week, if they were asked that week. */
export function promptOf(store: Store, studentId: number, isoWeek: string) {
  return store
    .select()
    .from(prompts)
    .where(and(eq(prompts.studentId, studentId), eq(prompts.isoWeek, isoWeek)))
    .get();
}

/** How many of a mentor's students have their own prompt moment, and how many paused it (counts only). */
export function menteePromptSettings(store: Store, mentorId: number, today: string) {
  const row = store
    .select({
      total: sql<number>`count(*)`,
      ownMoment: sql<number>`coalesce(sum(${students.promptWeekday} is not null or ${students.promptTime} is not null), 0)`,
      paused: sql<number>`coalesce(sum(${students.pausedUntil} >= ${today}), 0)`,
    })
    .from(students)
    .where(and(eq(students.mentorId, mentorId), isNull(students.leftOn)))
    .get();
  return { total: row?.total ?? 0, ownMoment: row?.ownMoment ?? 0, paused: row?.paused ?? 0 };
}

/** A mentor's students whose prompts are paused today or later, the pause ending first on top. */
export function pausedMentees(store: Store, mentorId: number, today: string) {
  return store
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
    .orderBy(students.pausedUntil, students.lastName)
    .all();
}

/** The latest prompt a student can still answer and has not: what `reflectie` without a week is for. */
export function openPromptOf(store: Store, studentId: number, now: string) {
  return store
    .select({ isoWeek: prompts.isoWeek, expiresAt: prompts.expiresAt })
    .from(prompts)
    .leftJoin(
      reflections,
      and(eq(reflections.studentId, prompts.studentId), eq(reflections.isoWeek, prompts.isoWeek)),
    )
    .where(and(eq(prompts.studentId, studentId), gt(prompts.expiresAt, now), isNull(reflections.id)))
    .orderBy(sql`${prompts.isoWeek} desc`)
    .limit(1)
    .get();
}
