/** Who a message Koers starts is to or about, with the language it is written in. */
import { eq } from 'drizzle-orm';
import type { Locale } from '../domain/enums.ts';
import type { Store } from './store.ts';

export async function messageStudent(store: Store, studentId: number) {
  const { schools, students } = store.t;
  const [row] = await store.db
    .select({
      id: students.id,
      firstName: students.firstName,
      preferredName: students.preferredName,
      lastNamePrefix: students.lastNamePrefix,
      lastName: students.lastName,
      email: students.email,
      mentorId: students.mentorId,
      schoolId: students.schoolId,
      locale: students.locale,
      schoolLocale: schools.defaultLocale,
    })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(eq(students.id, studentId));
  if (!row) return undefined;
  const { locale, schoolLocale, ...student } = row;
  return { ...student, locale: (locale ?? schoolLocale) as Locale };
}

export async function messageStaff(store: Store, staffId: number) {
  const { schools, staff } = store.t;
  const [row] = await store.db
    .select({
      id: staff.id,
      name: staff.name,
      locale: staff.locale,
      schoolLocale: schools.defaultLocale,
      // Dates in a message (a goal's target date) are read in the school's own calendar.
      timeZone: schools.timeZone,
    })
    .from(staff)
    .innerJoin(schools, eq(schools.id, staff.schoolId))
    .where(eq(staff.id, staffId));
  if (!row) return undefined;
  const { locale, schoolLocale, ...person } = row;
  return { ...person, locale: (locale ?? schoolLocale) as Locale };
}
