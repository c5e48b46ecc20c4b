/**
 * `koers backup <file>`: a consistent online backup (SQLite's backup API) while another process
 * writes, restored as the README says (stop, copy over KOERS_DB, remove -wal and -shm, migrate):
 * `integrity_check` and `foreign_key_check` pass and every table's row count is that of one
 * committed state of the writer.
 *
 * The writers are interchangeable: a loop of small transactions in a child process, `koers db
 * seed` as one long transaction in a child process, and `koers import students` of a roster of
 * 60,000 students (the case: a backup during a running import).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/paths.ts';
import { closeStore } from '../src/store/database.ts';
import { koers } from './support/cli.ts';
import { freshDemo } from './support/demo.ts';
import { dumpTables, query } from './support/dump.ts';
import { tempDir } from './support/temp.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

type Child = { child: ChildProcess; exited: Promise<number | null>; out: () => string; err: () => string };

function child(command: string, args: string[]): Child {
  const started = spawn(command, args, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  children.push(started);
  let out = '';
  let err = '';
  started.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  started.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)));
  return { child: started, exited, out: () => out, err: () => err };
}

/** `koers …` as its own process, as an administrator runs it beside a running Koers. */
async function koersProcess(args: string[]) {
  const run = child(process.execPath, [join(projectRoot, 'bin', 'koers.js'), ...args]);
  const code = await run.exited;
  return { code, out: run.out(), err: run.err() };
}

type Counts = Record<string, number>;

/** Every table's row count (sqlite_master: a table added later counts too). */
function counts(file: string): Counts {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether another process holds the database's write lock now. */
function writeLockHeld(file: string): boolean {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 0');
    db.exec('begin immediate');
    db.exec('rollback');
    return false;
  } catch (error) {
    // Also SQLITE_BUSY_RECOVERY and the like: another connection is at work on the file.
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

type Running = {
  /** Resolves once the writer is writing. */
  writing(): Promise<void>;
  /** Whether it is still writing (the backup was taken in the middle, not after). */
  stillWriting(): Promise<boolean>;
  /** Stops it (or waits for it to finish) and makes sure it ended well. */
  stop(): Promise<void>;
};

type Writer = {
  name: string;
  /** A committed state to start from. */
  prepare(): Promise<string>;
  start(file: string): Running;
  /** Fails unless the restored database is one committed state of this writer. */
  assertCommitted(restored: string, states: { before: Counts; after: Counts }): void;
};

/** Each transaction adds 50 goals and one audit entry naming them, and removes those of five before. */
const LOOP = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
// Its commits stay in the WAL, as they do while readers hold a checkpoint back: a backup that
// copied the database file alone would miss them.
db.pragma('wal_autocheckpoint = 0');
const students = db.prepare('select id from students order by id').all().map((row) => row.id);
const addGoal = db.prepare("insert into goals (student_id, title, category, origin, status, created_at) values (?, ?, 'vak', 'eigen', 'open', ?)");
const addEntry = db.prepare("insert into audit_log (at, actor_kind, action, subject, channel, detail) values (?, 'system', 'create', 'backup-test', 'cli', ?)");
const dropGoals = db.prepare('delete from goals where title = ?');
const dropEntry = db.prepare("delete from audit_log where subject = 'backup-test' and json_extract(detail, '$.tx') = ?");
const write = db.transaction((n) => {
  const at = new Date().toISOString();
  for (let i = 0; i < 50; i++) addGoal.run(students[(n * 50 + i) % students.length], 'backup-test ' + n, at);
  addEntry.run(at, JSON.stringify({ tx: n, goals: 50 }));
  dropGoals.run('backup-test ' + (n - 5));
  dropEntry.run(n - 5);
});
let n = 0;
let stopping = false;
process.on('SIGTERM', () => { stopping = true; });
(function loop() {
  for (let k = 0; k < 10; k++) write(++n);
  process.stdout.write(n + '\\n');
  if (stopping) { db.close(); process.exit(0); }
  setImmediate(loop);
})();
`;

const committedCount = (out: string) => Number(out.trim().split('\n').at(-1) ?? 0);

const transactionLoop = (): Writer => {
  const seen = { beforeBackup: 0, final: 0 };
  return {
    name: 'a loop of transactions in another process',
    async prepare() {
      const { store, file } = await freshDemo();
      // Nothing but the writer may have it open: the restore replaces the file under it.
      await closeStore(store);
      return file;
    },
    start(file) {
      const run = child(process.execPath, ['-e', LOOP, file]);
      return {
        async writing() {
          while (committedCount(run.out()) < 50) await sleep(10);
          seen.beforeBackup = committedCount(run.out());
        },
        async stillWriting() {
          const now = committedCount(run.out());
          await sleep(100);
          return run.child.exitCode === null && committedCount(run.out()) > now;
        },
        async stop() {
          run.child.kill('SIGTERM');
          expect(await run.exited, run.err()).toBe(0);
          seen.final = committedCount(run.out());
        },
      };
    },
    assertCommitted(restored, { before }) {
      const entries = query<{ tx: number }>(
        restored,
        "select json_extract(detail, '$.tx') as tx from audit_log where subject = 'backup-test' order by tx",
      ).map((row) => row.tx);
      const goals = query<{ title: string; n: number }>(
        restored,
        "select title, count(*) as n from goals where title like 'backup-test %' group by title",
      );
      const last = entries.at(-1) ?? 0;
      // A state after some transaction: committed before the backup began, and not after the writer stopped.
      expect(last).toBeGreaterThanOrEqual(seen.beforeBackup);
      expect(last).toBeLessThanOrEqual(seen.final);
      // Exactly the last five transactions, each whole: no half of one, none dropped without its pair.
      expect(entries).toEqual([last - 4, last - 3, last - 2, last - 1, last]);
      expect(goals.sort((a, b) => a.title.localeCompare(b.title, 'en', { numeric: true }))).toEqual(
        entries.map((tx) => ({ title: `backup-test ${tx}`, n: 50 })),
      );
      const restoredCounts = counts(restored);
      expect(restoredCounts).toEqual({
        ...before,
        goals: (before.goals ?? 0) + 250,
        audit_log: (before.audit_log ?? 0) + 5,
      });
    },
  };
};

/** One long transaction in another process: the seed of a school board (as an import will be). */
const longTransaction = (): Writer => ({
  name: 'koers db seed in another process (one long transaction, as koers import students)',
  async prepare() {
    const file = join(tempDir(), 'board.db');
    const migrated = await koers(['db', 'migrate', '--db', file]);
    expect(migrated.code, migrated.err).toBe(0);
    return file;
  },
  start(file) {
    const run = child(process.execPath, [
      join(projectRoot, 'bin', 'koers.js'),
      'db',
      'seed',
      '--demo',
      '--students',
      '7575',
      '--weeks',
      '20',
      '--now',
      '2026-11-23',
      '--db',
      file,
    ]);
    return {
      async writing() {
        const until = Date.now() + 60_000;
        while (!writeLockHeld(file)) {
          if (run.child.exitCode !== null || Date.now() > until)
            throw new Error(`seed never wrote: ${run.err()}`);
          await sleep(5);
        }
      },
      async stillWriting() {
        return run.child.exitCode === null && writeLockHeld(file);
      },
      async stop() {
        expect(await run.exited, run.err()).toBe(0);
      },
    };
  },
  assertCommitted(restored, { before, after }) {
    const restoredCounts = counts(restored);
    expect([before, after]).toContainEqual(restoredCounts);
  },
});

const STUDENTS_IMPORTED = 60_000;

/** `koers import students` of a large roster into the demo school's groups, in another process. */
const rosterImport = (): Writer => ({
  name: 'koers import students of 60,000 students in another process',
  async prepare() {
    const { store, file } = await freshDemo();
    await closeStore(store);
    const mentors: Record<string, string> = {
      '3H': 'm.jansen@koersmeer.example',
      '3T': 'f.yilmaz@koersmeer.example',
      '4V': 'p.devries@koersmeer.example',
    };
    const levels: Record<string, [string, number]> = {
      '3H': ['havo', 3],
      '3T': ['vmbo-tl', 3],
      '4V': ['vwo', 4],
    };
    const lines = ['email;voornaam;tussenvoegsel;achternaam;groep;onderwijssoort;leerjaar;mentor'];
    // The demo's own students stay (a full roster lists them), and 60,000 more arrive (enough that the merge holds the write lock for seconds, so the backup falls inside it).
    for (const row of query<{
      email: string;
      first: string;
      prefix: string | null;
      last: string;
      group: string;
    }>(
      file,
      'select s.email, s.first_name as first, s.last_name_prefix as prefix, s.last_name as last, g.name as "group" from students s join groups g on g.id = s.group_id',
    )) {
      const [level, year] = levels[row.group] ?? ['havo', 3];
      lines.push(
        [row.email, row.first, row.prefix ?? '', row.last, row.group, level, year, mentors[row.group]].join(
          ';',
        ),
      );
    }
    for (let i = 0; i < STUDENTS_IMPORTED; i++) {
      const group = ['3H', '3T', '4V'][i % 3] ?? '3H';
      const [level, year] = levels[group] ?? ['havo', 3];
      lines.push(
        [
          `nieuw${i}@leerling.koersmeer.example`,
          'Nieuwe',
          '',
          `Leerling ${i}`,
          group,
          level,
          year,
          mentors[group],
        ].join(';'),
      );
    }
    writeFileSync(join(file, '..', 'leerlingen.csv'), `${lines.join('\n')}\n`);
    return file;
  },
  start(file) {
    const run = child(process.execPath, [
      join(projectRoot, 'bin', 'koers.js'),
      'import',
      'students',
      join(file, '..', 'leerlingen.csv'),
      '--db',
      file,
    ]);
    return {
      async writing() {
        const until = Date.now() + 60_000;
        while (!writeLockHeld(file)) {
          if (run.child.exitCode !== null || Date.now() > until)
            throw new Error(`the import never wrote: ${run.out()} ${run.err()}`);
          await sleep(5);
        }
      },
      async stillWriting() {
        return run.child.exitCode === null && writeLockHeld(file);
      },
      async stop() {
        expect(await run.exited, run.err()).toBe(0);
      },
    };
  },
  assertCommitted(restored, { before, after }) {
    expect(after.students).toBe((before.students ?? 0) + STUDENTS_IMPORTED);
    expect([before, after]).toContainEqual(counts(restored));
  },
});

const writers = [transactionLoop, longTransaction, rosterImport];

describe.each(writers.map((make) => [make().name, make] as const))(
  'a backup taken during %s',
  (_name, make) => {
    it('restores, as the README says, to a consistent database in a committed state', {
      timeout: 120_000,
    }, async () => {
      const writer = make();
      const file = await writer.prepare();
      const backup = join(tempDir(), 'koers-backup.db');
      const before = counts(file);
      const running = writer.start(file);
      await running.writing();
      const taken = await koersProcess(['backup', backup, '--db', file]);
      expect(taken.code, taken.err).toBe(0);
      expect(taken.out).toMatch(/^Reservekopie gemaakt: .*koers-backup\.db \([\d,]+ MB/);
      // Taken in the middle of the writing, not before or after it.
      expect(await running.stillWriting()).toBe(true);
      await running.stop();
      const after = counts(file);
      expect(statSync(backup).mode & 0o777).toBe(0o600);

      // The README's restore: Koers stopped (the writer is), the copy over KOERS_DB, no -wal or -shm.
      copyFileSync(backup, file);
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      const migrated = await koers(['db', 'migrate', '--db', file]);
      expect(migrated.err).toBe('');
      expect(migrated).toMatchObject({ code: 0, out: 'De database is al bijgewerkt.' });
      expect(query(file, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(query(file, 'pragma foreign_key_check')).toEqual([]);
      writer.assertCommitted(file, { before, after });
    });
  },
);

describe('koers backup', () => {
  it('copies the database exactly, into a file only its owner may read', async () => {
    const { file } = await freshDemo();
    const backup = join(tempDir(), 'copy.db');
    const { code, out, err } = await koers(['backup', backup, '--db', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Reservekopie gemaakt: .*copy\.db \(\d+,\d MB, alleen voor jou leesbaar\)/);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(backup, '..'))).toEqual(['copy.db']);
    expect(dumpTables(backup)).toBe(dumpTables(file));
    // One file: reading it leaves nothing beside it.
    expect(readdirSync(join(backup, '..'))).toEqual(['copy.db']);
  });

  it('never overwrites an existing file without --force, and replaces it with', async () => {
    const { file } = await freshDemo();
    const dir = tempDir();
    const backup = join(dir, 'koers.bak');
    writeFileSync(backup, 'an older backup');
    const refused = await koers(['backup', backup, '--db', file]);
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: `${backup} bestaat al. Kies een nieuwe bestandsnaam, of vervang het met --force.`,
    });
    expect(readFileSync(backup, 'utf8')).toBe('an older backup');
    expect(readdirSync(dir)).toEqual(['koers.bak']);
    const en = await koers(['backup', backup, '--db', file], { KOERS_LOCALE: 'en' });
    expect(en.err).toBe(`${backup} already exists. Choose a new file name, or replace it with --force.`);

    const forced = await koers(['backup', backup, '--force', '--db', file]);
    expect(forced.code).toBe(0);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(dumpTables(backup)).toBe(dumpTables(file));
    expect(readdirSync(dir)).toEqual(['koers.bak']);
  });

  it('refuses the database itself, a folder, and a place that does not exist', async () => {
    const { file } = await freshDemo();
    const before = readFileSync(file);
    for (const target of [file, `${file}-wal`]) {
      const itself = await koers(['backup', target, '--force', '--db', file]);
      expect(itself.code).toBe(1);
      expect(itself.err).toContain('is de database zelf');
    }
    expect(readFileSync(file).equals(before)).toBe(true);

    const dir = tempDir();
    const folder = await koers(['backup', dir, '--db', file]);
    expect(folder).toEqual({
      code: 1,
      out: '',
      err: `${dir} is een map. Geef een bestandsnaam op, bijvoorbeeld ${dir}/koers-backup.db`,
    });
    const missing = join(dir, 'nergens', 'koers.bak');
    expect((await koers(['backup', missing, '--db', file])).err).toBe(
      `De map ${join(dir, 'nergens')} bestaat niet. Maak hem eerst aan of kies een andere plek.`,
    );
    // A path through a file: its "folder" is no folder.
    writeFileSync(join(dir, 'file'), '');
    const through = await koers(['backup', join(dir, 'file', 'koers.bak'), '--db', file]);
    expect(through.code).toBe(1);
    expect(through.err).toContain('bestaat niet');
    expect(readdirSync(dir)).toEqual(['file']);
    expect((await koers(['backup', '--db', file])).code).toBe(2);
  });

  it('says so when there is no database to back up', async () => {
    const dir = tempDir();
    const { code, err } = await koers(['backup', join(dir, 'x.bak'), '--db', join(dir, 'none.db')]);
    expect(code).toBe(1);
    expect(err).toContain('Geen database gevonden');
    expect(readdirSync(dir)).toEqual([]);
  });
});
