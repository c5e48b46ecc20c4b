/** A school's own settings: its time zone, language and prompt moment. */
import { eq, sql } from 'drizzle-orm';
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
  return store
    .select({ startDate: schoolHolidays.startDate, endDate: schoolHolidays.endDate })
    .from(schoolHolidays)
    .where(eq(schoolHolidays.schoolId, schoolId))
    .all();
}

/** Schools by name, for an administrator choosing one (`--school`). */
export function schoolsNamed(store: Store) {
  return store.select({ id: schools.id, name: schools.name }).from(schools).all();
}

/**
 * Adds a school's holidays; one with the same name and start date is updated (its end), so a
 * corrected file can be imported again. Returns how many were added and updated.
 */
export function importHolidays(
  store: Store,
  schoolId: number,
  holidays: readonly { name: string; startDate: string; endDate: string }[],
): { added: number; updated: number } {
  let added = 0;
  let updated = 0;
  for (const holiday of holidays) {
    const existing = store
      .select({ id: schoolHolidays.id })
      .from(schoolHolidays)
      .where(
        sql`${schoolHolidays.schoolId} = ${schoolId} and ${schoolHolidays.startDate} = ${holiday.startDate} and ${schoolHolidays.name} = ${holiday.name}`,
      )
      .get();
    if (existing) {
      store
        .update(schoolHolidays)
        .set({ endDate: holiday.endDate })
        .where(eq(schoolHolidays.id, existing.id))
        .run();
      updated += 1;
    } else {
      store
        .insert(schoolHolidays)
        .values({ schoolId, ...holiday })
        .run();
      added += 1;
    }
  }
  return { added, updated };
}
