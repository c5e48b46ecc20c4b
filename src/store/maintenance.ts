/** Housekeeping that keeps a long-running SQLite store fast and its WAL file small. */
import type { Store } from './database.ts';

export function optimizeStore(store: Store): void {
  store.$client.pragma('optimize');
  store.$client.pragma('wal_checkpoint(TRUNCATE)');
}

export function pingStore(store: Store): boolean {
  return store.$client.prepare('select 1 as ok').get() !== undefined;
}
