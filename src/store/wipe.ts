/**
 * Empties every table of the store but the migrations' own bookkeeping: the local playground's
 * "back to the demo school" (src/platforms/local), which seeds the demo again in the same
 * transaction, so a failed seed leaves the old data in place.
 */
import { tableNamesQuery } from './dialect-sql.ts';
import { quotedIdentifier } from './sql-identifier.ts';
import type { Store } from './store.ts';
import { inCheckedTransaction } from './transaction.ts';

export async function wipeAndRefill(store: Store, refill: () => Promise<void>): Promise<void> {
  await inCheckedTransaction(store, async () => {
    const tables = (await store.raw.all(tableNamesQuery(store.dialect))).map((row) =>
      quotedIdentifier(String(row.name)),
    );
    // SQLite checks foreign keys at the commit of this checked transaction, so the order of the
    // deletes does not matter; PostgreSQL checks each statement, and empties the tables that
    // refer to each other in one TRUNCATE (which, like SQLite, starts the ids at 1 again).
    if (store.dialect === 'postgres') {
      if (tables.length > 0) await store.raw.run(`truncate table ${tables.join(', ')} restart identity`);
    } else for (const table of tables) await store.raw.run(`delete from ${table}`);
    await refill();
  });
}
