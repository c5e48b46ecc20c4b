/**
 * All-or-nothing writes. What a command changes, and its audit entries, commit together or not at
 * all; the store's dialect decides how (`sqlite-store.ts`, `pg-store.ts`).
 *
 * A checked transaction checks foreign keys once, over the whole write, just before commit,
 * instead of row by row. Two writers need this on SQLite. Bulk loads: with millions of rows whose
 * parents sit in other batches, per-row checking costs more than the load itself. Migrations:
 * SQLite changes a table by rebuilding it (create, copy, drop, rename), and with foreign keys on,
 * dropping the old table would cascade-delete every child row. A violation rolls the whole write
 * back.
 */
import type { Store } from './store.ts';

export { type ForeignKeyProblem, ForeignKeyViolation } from './sqlite-store.ts';

export function inTransaction<T>(store: Store, work: () => Promise<T>): Promise<T> {
  return store.transaction(work);
}

export function inCheckedTransaction<T>(store: Store, work: () => Promise<T>): Promise<T> {
  return store.transaction(work, { checked: true });
}
