/** The student behind an email address, for administrators' data operations. */
import { eq } from 'drizzle-orm';
import type { Store } from './store.ts';

export async function studentIdByEmail(store: Store, email: string): Promise<number | undefined> {
  const { students } = store.t;
  const [found] = await store.db
    .select({ id: students.id })
    .from(students)
    .where(eq(students.email, email.trim().toLowerCase()))
    .limit(1);
  return found?.id;
}
