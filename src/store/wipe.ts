/**
 * Empties every table of the store but the migrations' own bookkeeping: the local playground's
 * "back to the demo school" (src/platforms/local), which seeds the demo again in the same
 * transaction, so a failed seed leaves the old data in place.
 */
import type { Store } from './database.ts';
import { quotedIdentifier } from './sql-identifier.ts';
import { inCheckedTransaction } from './transaction.ts';

export function wipeAndRefill(store: Store, refill: () => void): void {
  const tables = (
    store.$client
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'",
      )
      .all() as { name: string }[]
  ).map((row) => row.name);
  inCheckedTransaction(store, () => {
    for (const table of tables) store.$client.prepare(`delete from ${quotedIdentifier(table)}`).run();
    refill();
  });
}
