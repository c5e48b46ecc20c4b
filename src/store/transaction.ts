/**
 * All-or-nothing bulk writes.
 *
 * Foreign keys are checked once, over the whole write, just before commit
 * (`PRAGMA foreign_key_check`) instead of row by row: with millions of rows whose parents are
 * written in other batches, per-row deferred checking costs more than the load itself. A
 * violation still rolls everything back.
 */
import type { Store } from './database.ts';

export class ForeignKeyViolation extends Error {
  constructor(readonly violations: { table: string; parent: string }[]) {
    super(`foreign key violations: ${JSON.stringify(violations.slice(0, 5))}`);
    this.name = 'ForeignKeyViolation';
  }
}

export function inBulkTransaction<T>(store: Store, work: () => T): T {
  const client = store.$client;
  // The pragma is a no-op inside a transaction, so it is switched around it.
  client.pragma('foreign_keys = OFF');
  try {
    return client.transaction(() => {
      const result = work();
      const violations = client.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (violations.length > 0) throw new ForeignKeyViolation(violations);
      return result;
    })();
  } finally {
    client.pragma('foreign_keys = ON');
  }
}
