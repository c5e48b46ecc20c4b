/**
 * `koers backup <file>`: a consistent copy of the database while Koers runs, through SQLite's
 * online backup API (better-sqlite3's `backup`).
 *
 * Consistent: the pages are copied in one step, inside one read transaction of the source, so
 * the copy is the database as it was at one commit; a writer in another process (Koers, an
 * import) goes on meanwhile (WAL: readers never block the writer). A copy in many small steps
 * would restart each time another process commits, and under a steady writer might never end.
 *
 * Safe: the copy is written to a new file of mode 0600 next to the target, checked
 * (`PRAGMA quick_check`), and only then put in place. Without `force` an existing file is never
 * replaced, also not one that appears while the copy runs; a failed backup leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../i18n/user-error.ts';
import type { SqliteStore } from './store.ts';

/** Copy every page in one step (see above); better-sqlite3 takes a page count per step. */
const ALL_PAGES = 0x7fffffff;

export type BackupResult = { path: string; bytes: number; pages: number };

/** Files that belong to the live database and must never be a backup's target. */
function databaseFiles(store: SqliteStore): string[] {
  const file = store.$client.name;
  if (file === ':memory:' || file === '') return [];
  const main = resolve(file);
  return [main, `${main}-wal`, `${main}-shm`, `${main}-journal`];
}

function removeQuietly(path: string): void {
  for (const file of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

/** Refusals before anything is written: the target is the database, exists, or cannot be made. */
function checkTarget(store: SqliteStore, target: string, force: boolean): void {
  if (databaseFiles(store).includes(target)) throw new UserError('backup.isDatabase', { path: target });
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new UserError('backup.isDirectory', { path: target });
    if (!force) throw new UserError('backup.exists', { path: target });
  }
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UserError('backup.noFolder', { path: target, folder });
}

/** A new, empty file only this user may read, next to the target (so a rename is atomic). */
function createPrivateFile(target: string): string {
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    closeSync(openSync(temporary, 'wx', 0o600));
  } catch (cause) {
    throw new UserError('backup.unwritable', { path: target }, { cause });
  }
  return temporary;
}

/**
 * The copy opens and SQLite finds nothing wrong in it. It is made a single file (rollback journal
 * instead of WAL), so reading it later, even read-only, leaves no `-wal` or `-shm` beside it;
 * Koers switches a restored database back to WAL when it opens it.
 */
function verify(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup check failed: ${String(result)}`);
  } finally {
    copy.close();
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The rename itself made durable; a platform that cannot sync a folder keeps its own order. */
function syncFolder(folder: string): void {
  try {
    syncFile(folder);
  } catch {
    // Not every file system syncs folders (EISDIR, EPERM): the copy itself is synced already.
  }
}

/** Puts the verified copy in place: replacing the target only with `force`. */
function putInPlace(temporary: string, target: string, force: boolean): void {
  if (force) {
    renameSync(temporary, target);
    return;
  }
  try {
    // A hard link fails if the target exists by now: nothing is ever overwritten.
    linkSync(temporary, target);
    rmSync(temporary, { force: true });
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === 'EEXIST') throw new UserError('backup.exists', { path: target }, { cause });
    // A file system without hard links: check and rename (a window of a moment, not of the copy).
    if (existsSync(target)) throw new UserError('backup.exists', { path: target }, { cause });
    renameSync(temporary, target);
  }
}

export async function backupStore(
  store: SqliteStore,
  path: string,
  options: { force: boolean },
): Promise<BackupResult> {
  const target = resolve(path);
  checkTarget(store, target, options.force);
  const temporary = createPrivateFile(target);
  try {
    const { totalPages: pages } = await store.$client.backup(temporary, { progress: () => ALL_PAGES });
    verify(temporary);
    syncFile(temporary);
    putInPlace(temporary, target, options.force);
    syncFolder(dirname(target));
    return { path: target, bytes: statSync(target).size, pages };
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY') throw new UserError('db.busy', {}, { cause: error });
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE')
      throw new UserError('backup.diskFull', { path: target }, { cause: error });
    throw error;
  } finally {
    removeQuietly(temporary);
  }
}
