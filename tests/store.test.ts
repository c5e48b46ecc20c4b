import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { UserError } from '../src/i18n/user-error.ts';
import { migrationsFolder } from '../src/paths.ts';
import { seedDemo } from '../src/seed/seed.ts';
import { closeStore, openStore } from '../src/store/database.ts';
import {
  assertCurrentSchema,
  databaseVersion,
  migrateStore,
  schemaVersion,
} from '../src/store/migrations.ts';
import { freshMigratedStore } from './support/demo.ts';
import { dumpTables } from './support/dump.ts';
import { arrangeIn, rows } from './support/store-sql.ts';
import { tempDir } from './support/temp.ts';

function migrated(file: string) {
  const store = openStore(file, { create: true });
  migrateStore(store);
  return store;
}

/** The message of a refused statement, or of its cause (the driver's error under the query's). */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join('\n');
  }
  return 'not refused';
}

function errorKey(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof UserError) return error.key;
    throw error;
  }
  return undefined;
}

describe('migrations', () => {
  it('apply to an empty database and create every table of the domain', async () => {
    const file = join(tempDir(), 'koers.db');
    const store = openStore(file, { create: true });
    expect(migrateStore(store)).toBe(schemaVersion);
    const tables = store.$client
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite%'",
      )
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'schools',
        'school_holidays',
        'teams',
        'staff',
        'staff_roles',
        'groups',
        'group_mentors',
        'group_teachers',
        'students',
        'subject_enrolments',
        'activities',
        'goals',
        'arrangements',
        'arrangement_evaluations',
        'conversations',
        'prompts',
        'reflections',
        'signals',
        'signal_thresholds',
        'team_indicators',
        'subscriptions',
        'platform_identities',
        'outbox',
        'audit_log',
      ]),
    );
    expect(databaseVersion(store)).toBe(schemaVersion);
    await closeStore(store);
  });

  it('are idempotent: a second run applies nothing and changes nothing', async () => {
    const file = join(tempDir(), 'koers.db');
    await closeStore(migrated(file));
    const before = dumpTables(file);
    const store = openStore(file, { create: false });
    expect(migrateStore(store)).toBe(0);
    await closeStore(store);
    expect(dumpTables(file)).toBe(before);
  });

  it('refuse a database from a newer schema version and leave it byte for byte untouched', () => {
    const file = join(tempDir(), 'koers.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${schemaVersion + 1}`);
    raw.exec('create table from_the_future (x)');
    raw.close();
    const before = readFileSync(file);
    expect(errorKey(() => openStore(file, { create: false }))).toBe('db.newerSchema');
    expect(errorKey(() => openStore(file, { create: true }))).toBe('db.newerSchema');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rebuild a table without losing the rows that point at it', async () => {
    const folder = join(tempDir(), 'migrations');
    cpSync(migrationsFolder, folder, { recursive: true });
    // The table as the migrations leave it today (columns added since 0000 included).
    const reference = migrated(join(tempDir(), 'reference.db'));
    const createSchools = (
      reference.$client.prepare("select sql from sqlite_master where name = 'schools'").get() as {
        sql: string;
      }
    ).sql;
    await closeStore(reference);
    // What drizzle-kit writes when a CHECK changes: a new table, a copy, a drop and a rename.
    const rebuilt = (createSchools ?? '')
      .trim()
      .replace('CREATE TABLE `schools`', 'CREATE TABLE `__new_schools`')
      .replaceAll('"schools".', '"__new_schools".')
      .replace("'noord', 'midden', 'zuid'", "'noord', 'midden', 'zuid', 'caribisch'");
    writeFileSync(
      join(folder, '0001_rebuild.sql'),
      [
        'PRAGMA foreign_keys=OFF;',
        rebuilt,
        'INSERT INTO `__new_schools` SELECT * FROM `schools`;',
        'DROP TABLE `schools`;',
        'ALTER TABLE `__new_schools` RENAME TO `schools`;',
        'PRAGMA foreign_keys=ON;',
      ].join('--> statement-breakpoint\n'),
    );
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '0001_rebuild' });
    writeFileSync(journalFile, JSON.stringify(journal));

    const store = migrated(join(tempDir(), 'koers.db'));
    await seedDemo(store, { now: DateTime.fromISO('2026-11-23', { zone: 'Europe/Amsterdam' }) });
    const count = () => store.$client.prepare('select count(*) n from students').get();
    const before = count();
    expect(migrateStore(store, folder)).toBe(1);
    expect(count()).toEqual(before);
    expect(store.$client.pragma('foreign_key_check')).toEqual([]);
    expect(databaseVersion(store)).toBe(schemaVersion + 1);
    await closeStore(store);
  });

  it('wait for another writer, say the database is busy when it stays locked, and need no lock when up to date', async () => {
    const file = join(tempDir(), 'koers.db');
    await closeStore(openStore(file, { create: true }));
    const other = new Database(file);
    other.exec('begin immediate');
    const store = openStore(file, { create: false });
    store.$client.pragma('busy_timeout = 50');
    expect(errorKey(() => migrateStore(store))).toBe('db.busy');
    other.exec('rollback');
    expect(migrateStore(store)).toBe(schemaVersion);
    other.exec('begin immediate');
    expect(migrateStore(store)).toBe(0);
    other.exec('rollback');
    other.close();
    await closeStore(store);
  });

  it('are demanded by commands that only read', async () => {
    const store = openStore(join(tempDir(), 'koers.db'), { create: true });
    expect(errorKey(() => assertCurrentSchema(store))).toBe('db.needsMigration');
    migrateStore(store);
    expect(errorKey(() => assertCurrentSchema(store))).toBeUndefined();
    await closeStore(store);
  });
});

describe('the connection', () => {
  it('enforces foreign keys', async () => {
    const store = (await freshMigratedStore()).store;
    expect(
      await refusal(
        arrangeIn(store, 'insert into teams (school_id, name) values (?, ?)', [4242, 'Bovenbouw']),
      ),
    ).toMatch(
      store.dialect === 'sqlite'
        ? /FOREIGN KEY constraint failed/
        : /violates foreign key constraint "teams_school_id_schools_id_fk"/,
    );
  });

  it('cascades a student erasure to everything the student owns, and keeps the audit rows', async () => {
    const store = (await freshMigratedStore()).store;
    const at = '2026-11-23T10:00:00.000Z';
    await arrangeIn(
      store,
      "insert into schools (id, name, region, created_at) values (1, 'S', 'midden', ?)",
      [at],
    );
    await arrangeIn(
      store,
      "insert into students (id, school_id, first_name, last_name, email, onderwijssoort, leerjaar, created_at) values (1, 1, 'A', 'B', 'a@x.example', 'havo', 3, ?)",
      [at],
    );
    await arrangeIn(
      store,
      "insert into reflections (student_id, iso_week, welbevinden, motivatie, grip, uitdaging, channel, submitted_at) values (1, '2026-W47', 3, 3, 3, 'precies-goed', 'local', ?)",
      [at],
    );
    await arrangeIn(
      store,
      "insert into audit_log (at, actor_kind, student_id, action, subject, channel) values (?, 'system', 1, 'read', 'leerling', 'cli')",
      [at],
    );
    await arrangeIn(store, 'delete from students where id = 1');
    expect(await rows(store, 'select count(*) n from reflections')).toEqual([{ n: 0 }]);
    expect(await rows(store, 'select student_id from audit_log')).toEqual([{ student_id: null }]);
  });

  it('rejects values outside a vocabulary and malformed dates', async () => {
    const store = (await freshMigratedStore()).store;
    const insert = (...values: string[]) =>
      refusal(arrangeIn(store, 'insert into schools (name, region, created_at) values (?, ?, ?)', values));
    expect(await insert('A', 'oost', '2026-11-23T10:00:00.000Z')).toMatch(/schools_region/);
    expect(await insert('B', 'midden', '23-11-2026')).toMatch(/schools_created_at/);
    expect(await rows(store, 'select count(*) n from schools')).toEqual([{ n: 0 }]);
  });

  it('runs in WAL mode with a busy timeout', async () => {
    const store = migrated(join(tempDir(), 'koers.db'));
    expect(store.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    await closeStore(store);
  });
});

describe('opening a database path', () => {
  it('creates the missing folders when asked to create', async () => {
    const file = join(tempDir(), 'a', 'b', 'koers.db');
    await closeStore(openStore(file, { create: true }));
    expect(existsSync(file)).toBe(true);
  });

  it('says the database is missing when it must exist', () => {
    expect(errorKey(() => openStore(join(tempDir(), 'none.db'), { create: false }))).toBe('db.missing');
  });

  it('says when a folder is in the way of the path', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'koers.db'));
    expect(errorKey(() => openStore(join(dir, 'koers.db'), { create: true }))).toBe('db.isDirectory');
  });

  it('says when the path cannot be written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'not a folder');
    expect(errorKey(() => openStore(join(dir, 'file', 'koers.db'), { create: true }))).toBe('db.unwritable');
    expect(errorKey(() => openStore('/proc/koers.db', { create: true }))).toBe('db.unwritable');
  });

  it('says when the file is not a database', () => {
    const file = join(tempDir(), 'notes.db');
    writeFileSync(file, 'these are not the pages you are looking for'.repeat(200));
    expect(errorKey(() => openStore(file, { create: false }))).toBe('db.notADatabase');
  });
});
