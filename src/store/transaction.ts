/**
 * All-or-nothing writes whose foreign keys are checked once, over the whole write, just before
 * commit (`PRAGMA foreign_key_check`) instead of row by row.
 *
 * Two writers need this. Bulk loads: with millions of rows whose parents sit in other batches,
 * per-row checking costs more than the load itself. Migrations: SQLite changes a table by
 * rebuilding it (create, copy, drop, rename), and with foreign keys on, dropping the old table
 * would cascade-delete every child row. A violation rolls the whole write back.
 */
import { UserError } from '../i18n/user-error.ts';
import type { Store } from './database.ts';

export type ForeignKeyProblem = { table: string; rowid: number; parent: string };

export class ForeignKeyViolation extends Error {
  constructor(readonly violations: ForeignKeyProblem[]) {
    super(`foreign key violations: ${JSON.stringify(violations.slice(0, 5))}`);
    this.name = 'ForeignKeyViolation';
  }
}

/**
 * `BEGIN IMMEDIATE`: the write lock is taken up front, so a second writer waits out the busy
 * timeout instead of failing halfway when its first read turns into a write.
 */
export function inCheckedTransaction<T>(store: Store, work: () => T): T {
  const client = store.$client;
  // The pragma is a no-op inside a transaction, so it is switched around it.
  client.pragma('foreign_keys = OFF');
  try {
    return client
      .transaction(() => {
        const result = work();
        const violations = client.pragma('foreign_key_check') as ForeignKeyProblem[];
        if (violations.length > 0) throw new ForeignKeyViolation(violations);
        return result;
      })
      .immediate();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new UserError('db.busy', {}, { cause: error });
    throw error;
  } finally {
    client.pragma('foreign_keys = ON');
  }
}

/**
 * An ordinary all-or-nothing write: what a command changes, and its audit entries, commit
 * together or not at all. `BEGIN IMMEDIATE` for the same reason as above.
 */
export function inTransaction<T>(store: Store, work: () => T): T {
  try {
    return store.$client.transaction(work).immediate();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new UserError('db.busy', {}, { cause: error });
    throw error;
  }
}
