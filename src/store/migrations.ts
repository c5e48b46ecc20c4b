/**
 * Schema migrations: the SQL files drizzle-kit generated under `db/migrations`, applied in order
 * and recorded in drizzle's own `__drizzle_migrations` table, so drizzle-kit tooling still reads
 * the state.
 *
 * Koers applies them itself rather than through drizzle's migrator for one reason: all pending
 * migrations run in one transaction with foreign keys checked at the end (see
 * `transaction.ts`), so a table rebuild cannot cascade-delete student data.
 *
 * `PRAGMA user_version` carries the number of migrations a database has: a database written by
 * a newer Koers is refused before anything touches it (`database.ts`), and commands that only
 * read can tell an administrator to migrate first.
 */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { UserError } from '../i18n/user-error.ts';
import { migrationsFolder } from '../paths.ts';
import { type ForeignKeyProblem, ForeignKeyViolation } from './sqlite-store.ts';
import { isSqlite, type SqliteStore, type Store } from './store.ts';

const shipped = readMigrationFiles({ migrationsFolder });

/** The schema version this build of Koers writes: the number of migrations it ships. */
export const schemaVersion: number = shipped.length;

export function databaseVersion(store: Pick<SqliteStore, '$client'>): number {
  return store.$client.pragma('user_version', { simple: true }) as number;
}

export function assertNotNewer(version: number, supported: number = schemaVersion): void {
  if (version > supported) throw new UserError('db.newerSchema', { found: version, supported });
}

/**
 * Brings the database to the version of `folder` (default: the migrations Koers ships) and
 * returns how many migrations it applied.
 */
export function migrateStore(store: SqliteStore, folder: string = migrationsFolder): number {
  const migrations = folder === migrationsFolder ? shipped : readMigrationFiles({ migrationsFolder: folder });
  const before = databaseVersion(store);
  assertNotNewer(before, migrations.length);
  // Up to date: no write at all, so a start next to a running writer does not wait for it.
  if (before === migrations.length && hasMigrationTable(store)) return 0;
  // Synchronous on the connection itself: migrations run when the store opens, before any other
  // work could share the connection.
  const client = store.$client;
  client.pragma('foreign_keys = OFF');
  try {
    return client
      .transaction(() => {
        client.exec(
          'create table if not exists "__drizzle_migrations" (id integer primary key, hash text not null, created_at numeric)',
        );
        const last = client.prepare('select max(created_at) as at from "__drizzle_migrations"').get() as {
          at: number | null;
        };
        const record = client.prepare('insert into "__drizzle_migrations" (hash, created_at) values (?, ?)');
        let applied = 0;
        for (const migration of migrations) {
          if (last.at !== null && Number(last.at) >= migration.folderMillis) continue;
          for (const statement of migration.sql) if (statement.trim()) client.exec(statement);
          record.run(migration.hash, migration.folderMillis);
          applied += 1;
        }
        client.pragma(`user_version = ${migrations.length}`);
        const violations = client.pragma('foreign_key_check') as ForeignKeyProblem[];
        if (violations.length > 0) throw new ForeignKeyViolation(violations);
        return applied;
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

function hasMigrationTable(store: SqliteStore): boolean {
  return (
    store.$client
      .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
      .get() !== undefined
  );
}

/**
 * For commands that expect a migrated database and must not change its schema. A PostgreSQL
 * store is brought up to date when it opens, under a lock shared by every Koers process
 * (`pg-store.ts`).
 */
export function assertCurrentSchema(store: Store): void {
  if (!isSqlite(store)) return;
  const version = databaseVersion(store);
  assertNotNewer(version);
  if (version < schemaVersion)
    throw new UserError('db.needsMigration', { found: version, supported: schemaVersion });
}
