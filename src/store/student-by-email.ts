/** The student behind an email address, for administrators' data operations. */
import { eq } from 'drizzle-orm';
import { students } from '../../db/schema.ts';
import type { Store } from './database.ts';

export function studentIdByEmail(store: Store, email: string): number | undefined {
  return store
    .select({ id: students.id })
    .from(students)
    .where(eq(students.email, email.trim().toLowerCase()))
    .get()?.id;
}
