/** Whether a database already holds a school's data: seeding and imports refuse to mix into it. */
import { count } from 'drizzle-orm';
import type { Store } from './store.ts';

export async function holdsSchoolData(store: Store): Promise<boolean> {
  const { schools, staff, students } = store.t;
  for (const table of [schools, staff, students]) {
    const [row] = await store.db.select({ n: count() }).from(table);
    if ((row?.n ?? 0) > 0) return true;
  }
  return false;
}
