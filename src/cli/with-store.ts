import type { Config } from '../config.ts';
import type { SqliteStore, Store } from '../store/store.ts';

/** Where a command's store is: the configured one (PostgreSQL when DATABASE_URL is set), or a SQLite file. */
export type StoreLocation = string | Pick<Config, 'databasePath' | 'databaseUrl'>;

/**
 * Opens the store for a command and always closes it, also when the command fails. A PostgreSQL
 * store is brought up to date as it opens (`pg-store.ts`); a SQLite file is left as it is, so a
 * command that only reads can ask for a migration first.
 */
export async function withStore<T>(
  where: StoreLocation,
  create: boolean,
  work: (store: Store) => T | Promise<T>,
): Promise<T> {
  // why: the store (better-sqlite3, node-postgres, drizzle) is loaded by the command that opens
  // it, not by every command file that merely imports this helper (so not by `koers --help`).
  const { openConfiguredStore } = await import('../store/open.ts');
  const location = typeof where === 'string' ? { databasePath: where } : where;
  const { store } = await openConfiguredStore(location, { create, migrate: false });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** For what only SQLite has (its online backup): a PostgreSQL store is refused with a message. */
export async function withSqliteStore<T>(
  where: StoreLocation,
  create: boolean,
  work: (store: SqliteStore) => T | Promise<T>,
): Promise<T> {
  const [{ isSqlite }, { UserError }] = await Promise.all([
    import('../store/store.ts'),
    import('../i18n/user-error.ts'),
  ]);
  return withStore(where, create, (store) => {
    if (!isSqlite(store)) throw new UserError('db.sqliteOnly');
    return work(store);
  });
}
