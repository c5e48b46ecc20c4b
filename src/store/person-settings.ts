/** A person's own settings: language, and a student's prompt moment and pause. */
import { eq } from 'drizzle-orm';
import { staff, students } from '../../db/schema.ts';
import type { Locale } from '../domain/enums.ts';
import type { Store } from './database.ts';

export type StudentSettingChanges = Partial<
  Pick<typeof students.$inferInsert, 'locale' | 'promptWeekday' | 'promptTime' | 'pausedUntil'>
>;

export function updateStudentSettings(store: Store, studentId: number, changes: StudentSettingChanges): void {
  store.update(students).set(changes).where(eq(students.id, studentId)).run();
}

export function updateStaffLocale(store: Store, staffId: number, locale: Locale): void {
  store.update(staff).set({ locale }).where(eq(staff.id, staffId)).run();
}
