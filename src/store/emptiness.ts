/** Whether a database already holds a school's data: seeding and imports refuse to mix into it. */
import { count } from 'drizzle-orm';
import { schools, staff, students } from '../../db/schema.ts';
import type { Store } from './database.ts';

export function holdsSchoolData(store: Store): boolean {
  return [schools, staff, students].some(
    (table) => (store.select({ n: count() }).from(table).get()?.n ?? 0) > 0,
  );
}
