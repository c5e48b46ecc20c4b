/** A person's own settings: language, and a student's prompt moment and pause. */
import { eq } from 'drizzle-orm';
import type { students } from '../../db/schema.ts';
import type { Locale } from '../domain/enums.ts';
import type { Store } from './store.ts';

export type StudentSettingChanges = Partial<
  Pick<typeof students.$inferInsert, 'locale' | 'promptWeekday' | 'promptTime' | 'pausedUntil'>
>;

export async function updateStudentSettings(
  store: Store,
  studentId: number,
  changes: StudentSettingChanges,
): Promise<void> {
  const { students } = store.t;
  await store.db.update(students).set(changes).where(eq(students.id, studentId));
}

export async function updateStaffLocale(store: Store, staffId: number, locale: Locale): Promise<void> {
  const { staff } = store.t;
  await store.db.update(staff).set({ locale }).where(eq(staff.id, staffId));
}
