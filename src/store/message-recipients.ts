/** Who a message Koers starts is to or about, with the language it is written in. */
import { eq } from 'drizzle-orm';
import { schools, staff, students } from '../../db/schema.ts';
import type { Locale } from '../domain/enums.ts';
import type { Store } from './database.ts';

export function messageStudent(store: Store, studentId: number) {
  const row = store
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
    .where(eq(students.id, studentId))
    .get();
  if (!row) return undefined;
  const { locale, schoolLocale, ...student } = row;
  return { ...student, locale: (locale ?? schoolLocale) as Locale };
}

export function messageStaff(store: Store, staffId: number) {
  const row = store
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
    .where(eq(staff.id, staffId))
    .get();
  if (!row) return undefined;
  const { locale, schoolLocale, ...person } = row;
  return { ...person, locale: (locale ?? schoolLocale) as Locale };
}
