/**
 * Schema migrations: the SQL files drizzle-kit generated under `db/migrations`, applied in order.
 *
 * `PRAGMA user_version` carries the number of migrations a database has, so a database written
 * by a newer Koers is refused before anything touches it, and commands that only read can tell
 * an administrator to migrate first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { z } from 'zod';
import { UserError } from '../i18n/user-error.ts';
import { migrationsFolder } from '../paths.ts';
import type { Store } from './database.ts';

const journalSchema = z.object({ entries: z.array(z.object({ idx: z.number(), tag: z.string() })) });

/** The schema version this build of Koers writes: the number of migrations it ships. */
export const schemaVersion: number = journalSchema.parse(
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')),
).entries.length;

export function databaseVersion(store: Store): number {
  return store.$client.pragma('user_version', { simple: true }) as number;
}

function assertNotNewer(version: number): void {
  if (version > schemaVersion) {
    throw new UserError('db.newerSchema', { found: version, supported: schemaVersion });
  }
}

/** Brings the database to `schemaVersion`; returns how many migrations it applied. */
export function migrateStore(store: Store): number {
  const before = databaseVersion(store);
  assertNotNewer(before);
  // drizzle applies all pending migrations in one transaction; the version follows only on success.
  migrate(store, { migrationsFolder });
  store.$client.pragma(`user_version = ${schemaVersion}`);
  return schemaVersion - before;
}

/** For commands that expect a migrated database and must not change its schema. */
export function assertCurrentSchema(store: Store): void {
  const version = databaseVersion(store);
  assertNotNewer(version);
  if (version < schemaVersion)
    throw new UserError('db.needsMigration', { found: version, supported: schemaVersion });
}
