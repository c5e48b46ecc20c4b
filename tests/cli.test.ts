import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/paths.ts';
import { schemaVersion } from '../src/store/migrations.ts';
import { koers } from './support/cli.ts';
import { dumpTables, query } from './support/dump.ts';
import { tempDir } from './support/temp.ts';

describe('koers, the command line', () => {
  it.each([
    [['--help']],
    [['db', '--help']],
    [['db', 'seed', '--help']],
    [['db', 'migrate', '--help']],
    [['jobs', 'run', '--help']],
    [['start', '--help']],
  ])('shows help for %j in Dutch and exits 0', async (args) => {
    const result = await koers(args);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Gebruik: koers/);
  });

  it('shows help in English with KOERS_LOCALE=en', async () => {
    const result = await koers(['db', 'seed', '--help'], { KOERS_LOCALE: 'en' });
    expect(result.out).toMatch(/^Usage: koers db seed/);
    expect(result.out).toContain('fill an empty database with the demo school');
  });

  it('answers an unknown command with a suggestion, the usage pointer and exit 2', async () => {
    const result = await koers(['db', 'seeed']);
    expect(result.code).toBe(2);
    expect(result.err).toContain("Onbekend commando 'seeed'. Bedoelde je seed?");
    expect(result.err).toContain('Zie: koers db --help');
  });

  it('answers a bare koers with the usage and exit 2', async () => {
    const result = await koers([]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^Gebruik: koers/);
  });

  it.each([
    [['db', 'seed', '--demo', '--students', 'veel'], "'veel' is geen geheel getal"],
    [
      ['db', 'seed', '--demo', '--students', '10'],
      '--students moet tussen 75 (de demoschool zelf) en 200000 liggen',
    ],
    [['db', 'seed', '--demo', '--students', '999999'], '--students moet tussen 75'],
    [['db', 'seed', '--demo', '--weeks', '2'], '--weeks moet tussen 8 en 520 liggen'],
    [['db', 'seed', '--demo', '--now', 'gisteren'], "'gisteren' is geen datum"],
    [['db', 'seed', '--demo', '--now', '0002-01-01'], "'0002-01-01' is geen datum"],
    [['db', 'seed'], "Optie '--demo' is verplicht."],
    [['db', 'migrate', '--force'], "Onbekende optie '--force'"],
    [['jobs', 'run', 'koffie'], "Onbekende taak 'koffie'"],
  ])('refuses %j with a clear line and exit 2, touching no database', async (args, message) => {
    const dir = tempDir();
    const result = await koers([...args, '--db', join(dir, 'koers.db')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toMatch(/Zie: koers .*--help/);
    expect(existsSync(join(dir, 'koers.db'))).toBe(false);
  });

  it('migrates, then says the database is up to date', async () => {
    const journal = JSON.parse(
      readFileSync(join(projectRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8'),
    );
    const migrationCount = (journal.entries as unknown[]).length;
    const file = join(tempDir(), 'nieuw', 'koers.db');
    expect(await koers(['db', 'migrate', '--db', file])).toMatchObject({
      code: 0,
      out: `${migrationCount} migraties toegepast.`,
    });
    expect(await koers(['db', 'migrate', '--db', file])).toMatchObject({
      code: 0,
      out: 'De database is al bijgewerkt.',
    });
  });

  it('takes the database from KOERS_DB, and --db over it', async () => {
    const dir = tempDir();
    await koers(['db', 'migrate'], { KOERS_DB: join(dir, 'env.db') });
    await koers(['db', 'migrate', '--db', join(dir, 'flag.db')], { KOERS_DB: join(dir, 'env.db') });
    expect(query(join(dir, 'env.db'), 'pragma user_version')).toEqual([{ user_version: schemaVersion }]);
    expect(query(join(dir, 'flag.db'), 'pragma user_version')).toEqual([{ user_version: schemaVersion }]);
  });

  it('seeds the demo school once, and refuses a second seed with exit 1', async () => {
    const file = join(tempDir(), 'koers.db');
    const first = await koers(['db', 'seed', '--demo', '--now', '2026-11-23', '--db', file]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Database gevuld: 1 school, 75 leerlingen en \d+ reflecties in \d+,\d s\.$/);
    const before = dumpTables(file);
    const second = await koers(['db', 'seed', '--demo', '--now', '2026-11-23', '--db', file]);
    expect(second).toMatchObject({ code: 1, err: expect.stringContaining('bevat al schoolgegevens') });
    expect(dumpTables(file)).toBe(before);
  });

  it('stops on a newer database with exit 1 and leaves it alone', async () => {
    const file = join(tempDir(), 'koers.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${schemaVersion + 5}`);
    raw.close();
    const result = await koers(['db', 'seed', '--demo', '--db', file]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`schemaversie ${schemaVersion + 5}`);
    expect(query(file, "select count(*) n from sqlite_master where type = 'table'")).toEqual([{ n: 0 }]);
  });

  it('stops on an unwritable path with exit 1 and one line', async () => {
    const result = await koers(['db', 'migrate', '--db', '/proc/koers/koers.db']);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toContain('/proc/koers/koers.db');
    expect(result.err).toContain('niet schrijfbaar');
  });

  it('stops on a bad environment with one line per variable and exit 1', async () => {
    const result = await koers(['db', 'migrate'], { PORT: 'abc', SLACK_BOT_TOKEN: 'xoxb-geheim-token' });
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      expect.stringMatching(/^PORT: "abc"/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: /),
    ]);
    expect(result.err).not.toContain('geheim');
  });

  it('runs a job by hand on a migrated database, and refuses a missing one', async () => {
    const file = join(tempDir(), 'koers.db');
    expect((await koers(['jobs', 'run', 'maintenance', '--db', file])).err).toContain(
      'Geen database gevonden',
    );
    await koers(['db', 'migrate', '--db', file]);
    expect(
      await koers(['jobs', 'run', 'maintenance', '--now', '2026-11-27T13:00+01:00', '--db', file]),
    ).toMatchObject({
      code: 0,
      out: 'Taak maintenance klaar.',
    });
  });
});
