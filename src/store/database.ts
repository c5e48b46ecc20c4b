/**
 * Opening the SQLite store: the file checks that turn an OS error into a message an
 * administrator can act on, and the connection settings every Koers process uses.
 */
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../i18n/user-error.ts';
import { log } from '../log.ts';
import { assertNotNewer, databaseVersion } from './migrations.ts';
import { sqliteStore } from './sqlite-store.ts';
import type { SqliteStore, Store } from './store.ts';

export type { SqliteStore, Store } from './store.ts';

export type OpenOptions = {
  /** Create the file (and its folder) when it does not exist: migrate, seed and start do. */
  create: boolean;
};

/**
 * The database holds students' reflections: its file, `-wal` and `-shm` are for the owner only
 * (0600), and a folder Koers creates for it too (0700). A mode given at creation can only be
 * narrowed by the process umask, never widened, so these hold whatever the umask is. SQLite
 * gives `-wal` and `-shm` the database file's own mode when it creates them (also after a
 * checkpoint removed them), so the file's mode decides theirs.
 */
export const FILE_MODE = 0o600;
export const FOLDER_MODE = 0o700;
/** The files SQLite keeps beside a database in WAL mode. */
const COMPANIONS = ['-wal', '-shm'];

/**
 * Creates the missing folders of `folder` one level at a time: a recursive mkdir can spin
 * forever on special file systems such as /proc, and one level at a time fails cleanly. Folders
 * that exist are left as they are (`.`, `/var/lib/koers`: the administrator's choice).
 */
function createFolders(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent === folder) return;
  createFolders(parent);
  mkdirSync(folder, { mode: FOLDER_MODE });
}

/** Creates the database file empty and for the owner only; one created meanwhile is kept. */
function createFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', FILE_MODE));
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'EEXIST') throw cause;
  }
}

/**
 * A database file (or its `-wal`, `-shm`) that the group or others may read — as Koers before
 * this version created it — is narrowed to the owner. Only bits are taken away, so a stricter
 * mode stays. A file this process does not own keeps its mode, with a warning.
 */
function narrow(path: string): void {
  let mode: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return;
    mode = stat.mode & 0o777;
  } catch {
    return; // not there (yet)
  }
  if ((mode & 0o077) === 0) return;
  const narrowed = mode & FILE_MODE;
  try {
    chmodSync(path, narrowed);
    log.info('store.modeNarrowed', { path, from: mode.toString(8), to: narrowed.toString(8) });
  } catch (cause) {
    log.warn('store.modeOpen', { path, mode: mode.toString(8), code: (cause as { code?: string }).code });
  }
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
      createFile(path);
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

export function openStore(path: string, options: OpenOptions): SqliteStore {
  const inMemory = path === ':memory:';
  const file = inMemory ? path : resolve(path);
  if (!inMemory) {
    assertWritable(file, options.create);
    for (const path of [file, ...COMPANIONS.map((suffix) => `${file}${suffix}`)]) narrow(path);
  }
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
  return sqliteStore(client);
}

export async function closeStore(store: Store): Promise<void> {
  await store.close();
}
