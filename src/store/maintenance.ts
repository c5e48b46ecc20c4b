/**
 * Housekeeping that keeps a long-running SQLite store fast and its WAL file small. PostgreSQL
 * keeps itself (autovacuum, its own checkpoints): there is nothing to do there.
 */
import { isSqlite, type Store } from './store.ts';

export async function optimizeStore(store: Store): Promise<void> {
  if (!isSqlite(store)) return;
  // The pragmas go to the connection directly, past the store's queue: a query through the store
  // first waits until no other request's transaction holds the connection (`sqlite-store.ts`), so
  // they do not land inside one (a checkpoint cannot run there).
  await store.raw.all('select 1');
  store.$client.pragma('optimize');
  store.$client.pragma('wal_checkpoint(TRUNCATE)');
}

/** Whether the database answers: what the health check reports. */
export async function pingStore(store: Store): Promise<boolean> {
  return (await store.raw.all('select 1 as ok')).length > 0;
}
