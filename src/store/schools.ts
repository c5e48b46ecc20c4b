/** A school's own settings: its time zone, language and prompt moment. */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { schoolHolidays, schools } from '../../db/schema.ts';
import type { Store } from './database.ts';
import { prepared } from './prepared.ts';

export type SchoolSettings = Pick<
  typeof schools.$inferSelect,
  'id' | 'name' | 'timeZone' | 'defaultLocale' | 'promptWeekday' | 'promptTime'
>;

export function schoolSettings(store: Store, schoolId: number): SchoolSettings | undefined {
  return prepared(store, 'schoolSettings', () =>
    store
      .select({
        id: schools.id,
        name: schools.name,
        timeZone: schools.timeZone,
        defaultLocale: schools.defaultLocale,
        promptWeekday: schools.promptWeekday,
        promptTime: schools.promptTime,
      })
      .from(schools)
      .where(eq(schools.id, sql.placeholder('schoolId')))
      .prepare(),
  ).get({ schoolId });
}

/** The school's holidays (*vakantierooster*), for working out prompted weeks. */
export function holidaysOf(store: Store, schoolId: number) {
  // Prepared once: a signal re-evaluation inside every change reads the holidays.
  return prepared(store, 'schools.holidays', () =>
    store
      .select({ startDate: schoolHolidays.startDate, endDate: schoolHolidays.endDate })
      .from(schoolHolidays)
      .where(eq(schoolHolidays.schoolId, sql.placeholder('schoolId')))
      .prepare(),
  ).all({ schoolId });
}

/** Schools by name, for an administrator choosing one (`--school`). */
export function schoolsNamed(store: Store) {
  return store.select({ id: schools.id, name: schools.name }).from(schools).all();
}

/**
 * A school's holidays from a file: the file is the truth for the dates it covers, so holidays
 * starting within its first and last day are replaced by the file's (a corrected start date
 * leaves no stale holiday behind); holidays outside that range stay. Returns how many were
 * stored and how many replaced.
 */
export function importHolidays(
  store: Store,
  schoolId: number,
  holidays: readonly { name: string; startDate: string; endDate: string }[],
): { stored: number; replaced: number } {
  if (holidays.length === 0) return { stored: 0, replaced: 0 };
  const from = holidays.reduce(
    (min, h) => (h.startDate < min ? h.startDate : min),
    holidays[0]?.startDate ?? '',
  );
  const to = holidays.reduce((max, h) => (h.endDate > max ? h.endDate : max), holidays[0]?.endDate ?? '');
  const replaced = store
    .delete(schoolHolidays)
    .where(
      and(
        eq(schoolHolidays.schoolId, schoolId),
        gte(schoolHolidays.startDate, from),
        lte(schoolHolidays.startDate, to),
      ),
    )
    .run().changes;
  // The same holiday twice in one file counts once.
  const unique = new Map(holidays.map((h) => [`${h.startDate}|${h.name}`, h]));
  for (const holiday of unique.values())
    store
      .insert(schoolHolidays)
      .values({ schoolId, ...holiday })
      .run();
  return { stored: unique.size, replaced };
}

/** Every school with its time zone: jobs work out "today" per school. */
export function schoolsWithTimeZones(store: Store) {
  return store.select({ id: schools.id, timeZone: schools.timeZone }).from(schools).orderBy(schools.id).all();
}
