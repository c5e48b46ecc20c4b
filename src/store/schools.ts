/** A school's own settings: its time zone, language and prompt moment. */
import { and, eq, gte, lte } from 'drizzle-orm';
import type { schools } from '../../db/schema.ts';
import type { Store } from './store.ts';

export type SchoolSettings = Pick<
  typeof schools.$inferSelect,
  'id' | 'name' | 'timeZone' | 'defaultLocale' | 'promptWeekday' | 'promptTime'
>;

export async function schoolSettings(store: Store, schoolId: number): Promise<SchoolSettings | undefined> {
  const { schools } = store.t;
  const [found] = await store.db
    .select({
      id: schools.id,
      name: schools.name,
      timeZone: schools.timeZone,
      defaultLocale: schools.defaultLocale,
      promptWeekday: schools.promptWeekday,
      promptTime: schools.promptTime,
    })
    .from(schools)
    .where(eq(schools.id, schoolId));
  return found;
}

/** The school's holidays (*vakantierooster*), for working out prompted weeks. */
export async function holidaysOf(store: Store, schoolId: number) {
  const { schoolHolidays } = store.t;
  return store.db
    .select({ startDate: schoolHolidays.startDate, endDate: schoolHolidays.endDate })
    .from(schoolHolidays)
    .where(eq(schoolHolidays.schoolId, schoolId));
}

/** Schools by name, for an administrator choosing one (`--school`). */
export async function schoolsNamed(store: Store) {
  const { schools } = store.t;
  return store.db.select({ id: schools.id, name: schools.name }).from(schools);
}

/**
 * A school's holidays from a file: the file is the truth for the dates it covers, so holidays
 * starting within its first and last day are replaced by the file's (a corrected start date
 * leaves no stale holiday behind); holidays outside that range stay. Returns how many were
 * stored and how many replaced.
 */
export async function importHolidays(
  store: Store,
  schoolId: number,
  holidays: readonly { name: string; startDate: string; endDate: string }[],
): Promise<{ stored: number; replaced: number }> {
  if (holidays.length === 0) return { stored: 0, replaced: 0 };
  const { schoolHolidays } = store.t;
  const from = holidays.reduce(
    (min, h) => (h.startDate < min ? h.startDate : min),
    holidays[0]?.startDate ?? '',
  );
  const to = holidays.reduce((max, h) => (h.endDate > max ? h.endDate : max), holidays[0]?.endDate ?? '');
  const removed = await store.db
    .delete(schoolHolidays)
    .where(
      and(
        eq(schoolHolidays.schoolId, schoolId),
        gte(schoolHolidays.startDate, from),
        lte(schoolHolidays.startDate, to),
      ),
    )
    .returning({ id: schoolHolidays.id });
  // The same holiday twice in one file counts once.
  const unique = new Map(holidays.map((h) => [`${h.startDate}|${h.name}`, h]));
  await store.db
    .insert(schoolHolidays)
    .values([...unique.values()].map((holiday) => ({ schoolId, ...holiday })));
  return { stored: unique.size, replaced: removed.length };
}

/** Every school with its time zone: jobs work out "today" per school. */
export async function schoolsWithTimeZones(store: Store) {
  const { schools } = store.t;
  return store.db.select({ id: schools.id, timeZone: schools.timeZone }).from(schools).orderBy(schools.id);
}
