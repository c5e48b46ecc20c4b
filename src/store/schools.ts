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
