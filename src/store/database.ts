/**
 * Opening the SQLite store: the file checks that turn an OS error into a message an
 * administrator can act on, and the connection settings every Koers process uses.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema.ts';
import { UserError } from '../i18n/user-error.ts';
import { assertNotNewer, databaseVersion } from './migrations.ts';

export type Store = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type OpenOptions = {
  /** Create the file (and its folder) when it does not exist: migrate, seed and start do. */
  create: boolean;
};

/**
 * Creates the missing folders of `folder` one level at a time: a recursive mkdir can spin
 * forever on special file systems such as /proc, and one level at a time fails cleanly.
 */
function createFolders(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent === folder) return;
  createFolders(parent);
  mkdirSync(folder);
}

function assertWritable(path: string, create: boolean): void {
  const folder = dirname(path);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UserError('db.isDirectory', { path });
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch (cause) {
      throw new UserError('db.fileReadOnly', { path }, { cause });
    }
  } else if (!create) {
    throw new UserError('db.missing', { path });
  } else {
    try {
      createFolders(folder);
    } catch (cause) {
      throw new UserError('db.unwritable', { path }, { cause });
    }
  }
  // WAL needs to create `-wal` and `-shm` files next to the database.
  try {
    accessSync(folder, constants.W_OK);
  } catch (cause) {
    throw new UserError('db.unwritable', { path }, { cause });
  }
}

export function openStore(path: string, options: OpenOptions): Store {
  const inMemory = path === ':memory:';
  const file = inMemory ? path : resolve(path);
  if (!inMemory) assertWritable(file, options.create);
  let client: Database.Database;
  try {
    client = new Database(file);
  } catch (cause) {
    throw new UserError('db.unwritable', { path: file }, { cause });
  }
  try {
    client.pragma('busy_timeout = 5000');
    // Read before anything writes: a database from a newer Koers is left exactly as it was.
    assertNotNewer(databaseVersion({ $client: client }));
    client.pragma('journal_mode = WAL');
  } catch (cause) {
    client.close();
    if (cause instanceof UserError) throw cause;
    const code = (cause as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new UserError('db.notADatabase', { path: file }, { cause });
    if (code === 'SQLITE_BUSY') throw new UserError('db.busy', {}, { cause });
    throw new UserError('db.unwritable', { path: file }, { cause });
  }
  client.pragma('foreign_keys = ON');
  client.pragma('synchronous = NORMAL');
  return drizzle({ client, schema });
}

export function closeStore(store: Store): void {
  if (store.$client.open) store.$client.close();
}
