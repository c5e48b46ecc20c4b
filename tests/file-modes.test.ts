/**
 * Privacy at rest: the database, its folder, `-wal` and `-shm` are the owner's only (0600 files, a
 * 0700 folder), whatever the umask; a stricter mode is never loosened. The umask is the process's,
 * so this file runs in its own process (the e2e project, vitest.config.ts).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore, openStore, type SqliteStore } from '../src/store/database.ts';
import { migrateStore } from '../src/store/migrations.ts';
import { koers } from './support/cli.ts';
import { tempDir } from './support/temp.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const companions = (file: string) => [`${file}-wal`, `${file}-shm`];

/** Writes something, so that the WAL holds frames, and checkpoints them into the database. */
function writeAndCheckpoint(store: SqliteStore): void {
  store.$client.exec('create table if not exists t (x); insert into t values (1)');
  store.$client.pragma('wal_checkpoint(TRUNCATE)');
  store.$client.exec('insert into t values (2)');
}

let umask: number;
beforeAll(() => {
  // The widest umask: every mode below is Koers's own doing, not the umask's.
  umask = process.umask(0);
});
afterAll(() => {
  process.umask(umask);
});

describe('a new database', () => {
  it('is created 0600 in folders created 0700, and its -wal and -shm are 0600 after a checkpoint', async () => {
    const root = tempDir();
    const file = join(root, 'data', 'nested', 'koers.db');
    const store = openStore(file, { create: true });
    try {
      expect(modeOf(join(root, 'data'))).toBe(0o700);
      expect(modeOf(join(root, 'data', 'nested'))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
      migrateStore(store);
      writeAndCheckpoint(store);
      for (const path of companions(file)) {
        expect(existsSync(path)).toBe(true);
        expect(modeOf(path)).toBe(0o600);
      }
    } finally {
      await closeStore(store);
    }
    // Closing removes -wal and -shm; the next connection creates them again, as narrow.
    const again = openStore(file, { create: false });
    try {
      writeAndCheckpoint(again);
      for (const path of [file, ...companions(file)]) expect(modeOf(path)).toBe(0o600);
    } finally {
      await closeStore(again);
    }
  });

  it('is created so by the command line too (koers db migrate)', async () => {
    const root = tempDir();
    const file = join(root, 'fresh', 'koers.db');
    const { code, err } = await koers(['db', 'migrate', '--db', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(modeOf(join(root, 'fresh'))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });

  it('leaves a folder that exists as it is, stricter or not', async () => {
    for (const mode of [0o755, 0o711, 0o700]) {
      const folder = join(tempDir(), 'existing');
      mkdirSync(folder);
      chmodSync(folder, mode);
      const file = join(folder, 'koers.db');
      await closeStore(openStore(file, { create: true }));
      expect(modeOf(folder)).toBe(mode);
      expect(modeOf(file)).toBe(0o600);
    }
  });
});

describe('an existing database', () => {
  it('that the group or others may read is narrowed to the owner, -wal and -shm too', async () => {
    for (const mode of [0o644, 0o640, 0o604, 0o666]) {
      const file = join(tempDir(), 'koers.db');
      await closeStore(openStore(file, { create: true }));
      chmodSync(file, mode);
      // Left-overs of an earlier, wider Koers: an empty WAL and shared memory are valid.
      for (const path of companions(file)) {
        closeSync(openSync(path, 'w'));
        chmodSync(path, mode);
      }
      const store = openStore(file, { create: false });
      try {
        for (const path of [file, ...companions(file)]) expect(modeOf(path)).toBe(0o600);
        writeAndCheckpoint(store);
        for (const path of [file, ...companions(file)]) expect(modeOf(path)).toBe(0o600);
      } finally {
        await closeStore(store);
      }
    }
  });

  it('keeps a stricter mode: nothing is ever added', async () => {
    const file = join(tempDir(), 'koers.db');
    await closeStore(openStore(file, { create: true }));
    // Owner read and write only, without execute, is the strictest mode a writable database has;
    // one with an owner's execute bit (odd, but not wider for anyone else) is not touched either.
    for (const mode of [0o600, 0o700]) {
      chmodSync(file, mode);
      await closeStore(openStore(file, { create: false }));
      expect(modeOf(file)).toBe(mode);
    }
    // Narrowing takes bits away and never adds one: 0o620 (group may write) becomes 0o600.
    chmodSync(file, 0o620);
    await closeStore(openStore(file, { create: false }));
    expect(modeOf(file)).toBe(0o600);
  });
});
