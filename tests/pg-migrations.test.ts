/**
 * db/pg-migrations on a real PostgreSQL (tests/support/postgres.ts): they apply to an empty
 * database, build what db/pg-schema.ts says, and every kind of CHECK refuses exactly what its
 * SQLite twin refuses, value for value, with the same constraint named.
 */
import { readFileSync } from 'node:fs';
import { getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as pgSchema from '../db/pg-schema.ts';
import { closeStore, openStore, type SqliteStore } from '../src/store/database.ts';
import { migrateStore } from '../src/store/migrations.ts';
import { type FreshPostgres, freshPostgres, postgresUnavailable } from './support/postgres.ts';

const migrationsFolder = new URL('../db/pg-migrations', import.meta.url).pathname;
/** Every migration of the folder, as drizzle-kit lists them. */
const migrationCount = (
  JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] }
).entries.length;
const pgTables: PgTable[] = Object.values(pgSchema as Record<string, unknown>).filter(
  (value): value is PgTable => is(value, PgTable),
);

async function migrated(): Promise<FreshPostgres> {
  const database = await freshPostgres();
  await migrate(drizzle({ client: database.client }), { migrationsFolder });
  return database;
}

/** One school, one student with a prompt and a subject: a row for every column the samples set. */
const BASE_ROWS = [
  `insert into schools (id, name, region, created_at) values (1, 'Koersmeer', 'noord', '2026-11-23T10:00:00.000Z')`,
  `insert into students (id, school_id, first_name, last_name, email, onderwijssoort, leerjaar, created_at)
     values (1, 1, 'Noor', 'Bakker', 'noor@koersmeer.example', 'havo', 3, '2026-11-23T10:00:00.000Z')`,
  `insert into prompts (id, student_id, iso_week, prompted_at, expires_at)
     values (1, 1, '2026-W48', '2026-11-27T12:00:00.000Z', '2026-12-03T12:00:00.000Z')`,
  `insert into subject_enrolments (id, student_id, subject, level, moment, status)
     values (1, 1, 'wiskunde', 'havo', '2027-06', 'bezig')`,
];

/** Each sample sets one column that exactly one CHECK reads, so both databases must name the same one. */
type Target = { table: string; column: string; check: string };
const targets = {
  date: { table: 'students', column: 'paused_until', check: 'students_paused_until' },
  instant: { table: 'schools', column: 'created_at', check: 'schools_created_at' },
  enum: { table: 'schools', column: 'region', check: 'schools_region' },
  clock: { table: 'schools', column: 'prompt_time', check: 'schools_prompt_time' },
  email: { table: 'students', column: 'email', check: 'students_email_lower' },
  week: { table: 'prompts', column: 'iso_week', check: 'prompts_iso_week' },
  month: { table: 'subject_enrolments', column: 'moment', check: 'subject_enrolments_moment' },
} satisfies Record<string, Target>;

const years = ['0000', '0001', '1900', '2000', '2023', '2024', '2100', '9999'];
const months = ['00', '01', '02', '04', '06', '12', '13'];
const days = ['00', '01', '28', '29', '30', '31', '32'];
const dayGrid = years.flatMap((y) => months.flatMap((m) => days.map((d) => `${y}-${m}-${d}`)));
const oddDates = [
  '',
  'abc',
  ' 2026-11-23',
  '2026-11-23 ',
  '2026-11-23\n',
  '2026-1-23',
  '2026-11-3',
  '20261123',
  '2026/11/23',
  '+2026-11-23',
  '12026-11-23',
  '2026-11-23T00:00:00.000Z',
  '２０２６-11-23',
  '٢٠٢٦-١١-٢٣',
];
const times = [
  '00:00:00.000',
  '23:59:59.999',
  '24:00:00.000',
  '12:60:00.000',
  '12:00:60.000',
  '07:05:09.010',
];
const oddInstants = [
  '2026-11-23T10:00:00Z',
  '2026-11-23T10:00:00.00Z',
  '2026-11-23T10:00:00.0000Z',
  '2026-11-23T10:00:00.000',
  '2026-11-23T10:00:00.000+00:00',
  '2026-11-23T10:00:00.000z',
  '2026-11-23t10:00:00.000Z',
  '2026-11-23 10:00:00.000Z',
  '2026-11-23T10:00:00.000Z ',
  '2026-11-23T1:00:00.000Z',
  '2026-11-23',
  '',
];

/** Values for each kind: real ones, near misses, other forms, other scripts' digits. */
const samples: Record<keyof typeof targets, (string | null)[]> = {
  date: [null, ...dayGrid, ...oddDates],
  instant: [
    ...[
      '2026-11-23',
      '2024-02-29',
      '2023-02-29',
      '2026-04-31',
      '2100-02-29',
      '2000-02-29',
      '0000-01-01',
    ].flatMap((day) => times.map((time) => `${day}T${time}Z`)),
    ...oddInstants,
  ],
  enum: ['noord', 'zuid', 'Noord', 'west', '', ' noord'],
  clock: ['13:00', '00:00', '29:59', '30:00', '1:00', '13:0', '13:60', '13:00 ', '13.00', '１3:00'],
  email: ['a@b.nl', 'A@b.nl', 'noor@KOERSMEER.example', 'é@b.nl', 'É@b.nl', 'ß@b.nl', 'Ω@b.nl'],
  week: [
    '2026-W01',
    '2026-W53',
    '2026-W54',
    '2026-W00',
    '2026-W60',
    '2026-w01',
    '2026-W1',
    '26-W01',
    '2026-W01 ',
  ],
  month: ['2027-06', '2027-19', '2027-20', '2027-6', '2027-06-01', '２027-06'],
};

/**
 * The values PostgreSQL refuses and SQLite takes (db/pg-columns.ts): year 0000, which
 * PostgreSQL's calendar does not have, and hour 24, which SQLite's `strftime` gives back as it is.
 * `Date#toISOString` writes neither.
 */
const pgStricter = (value: string | null) => value !== null && /^0000-|T24:/.test(value);

/** The CHECK SQLite names on refusing, or undefined when it takes the value. */
function sqliteVerdict(store: SqliteStore, target: Target, value: string | null): string | undefined {
  try {
    store.$client.prepare(`update ${target.table} set ${target.column} = ? where id = 1`).run(value);
    return undefined;
  } catch (error) {
    const match = /^CHECK constraint failed: (\w+)$/.exec((error as Error).message);
    if (!match) throw error;
    return match[1];
  }
}

/** The CHECK PostgreSQL names on refusing (a check violation, never another error), or undefined. */
async function pgVerdict(
  client: pg.Client,
  target: Target,
  value: string | null,
): Promise<string | undefined> {
  try {
    await client.query(`update ${target.table} set ${target.column} = $1 where id = 1`, [value]);
    return undefined;
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code !== '23514') throw error;
    return constraint;
  }
}

describe('the migration journals', () => {
  // drizzle applies a migration only when it is dated after the last one a database applied
  // (drizzle-orm's migrator, `folderMillis`): one dated earlier than its predecessor would be
  // skipped, without a word, on every database that already has the predecessor.
  it.each([
    ['SQLite', new URL('../db/migrations', import.meta.url).pathname],
    ['PostgreSQL', migrationsFolder],
  ])('%s: every migration is dated after the one before it, in the order of its number', (_, folder) => {
    const { entries } = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as {
      entries: { idx: number; when: number; tag: string }[];
    };
    entries.forEach((entry, i) => {
      expect(entry.idx).toBe(i);
      expect(entry.tag.startsWith(String(i).padStart(4, '0'))).toBe(true);
      if (i > 0) expect(entry.when).toBeGreaterThan((entries[i - 1] as { when: number }).when);
    });
  });
});

const unavailable = postgresUnavailable();

describe.skipIf(unavailable)(
  `db/pg-migrations on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    it('apply to an empty database and build every table, CHECK, index and foreign key of the schema', async () => {
      const { client } = await migrated();
      const rows = async (text: string) => (await client.query(text)).rows as Record<string, string>[];
      const tables = await rows(
        `select table_name from information_schema.tables where table_schema = 'public'`,
      );
      expect(tables.map((r) => r.table_name).sort()).toEqual(pgTables.map((t) => getTableName(t)).sort());

      const constraints = await rows(
        `select conrelid::regclass::text as "table", conname, contype from pg_constraint where connamespace = 'public'::regnamespace`,
      );
      const indexes = await rows(`select tablename, indexname from pg_indexes where schemaname = 'public'`);
      for (const table of pgTables) {
        const config = getTableConfig(table);
        const of = (type: string) =>
          constraints.filter((c) => c.table === config.name && c.contype === type).map((c) => c.conname);
        expect(of('c').sort(), config.name).toEqual(config.checks.map((c) => c.name).sort());
        expect(of('f').sort(), config.name).toEqual(config.foreignKeys.map((fk) => fk.getName()).sort());
        const built = indexes.filter((i) => i.tablename === config.name).map((i) => i.indexname);
        expect(built, config.name).toEqual(expect.arrayContaining(config.indexes.map((i) => i.config.name)));
      }
      expect(await rows('select count(*)::int as n from drizzle.__drizzle_migrations')).toEqual([
        { n: migrationCount },
      ]);
    });

    it('refuses with each kind of CHECK what SQLite refuses, naming the same CHECK', async () => {
      const sqlite = openStore(':memory:', { create: true });
      onTestFinished(() => closeStore(sqlite));
      migrateStore(sqlite);
      const postgres = await migrated();
      for (const row of BASE_ROWS) {
        sqlite.$client.exec(row);
        await postgres.client.query(row);
      }
      for (const [kind, target] of Object.entries(targets) as [keyof typeof targets, Target][]) {
        const verdicts: { value: string | null; sqlite: string | undefined; pg: string | undefined }[] = [];
        for (const value of samples[kind])
          verdicts.push({
            value,
            sqlite: sqliteVerdict(sqlite, target, value),
            pg: await pgVerdict(postgres.client, target, value),
          });
        expect
          .soft(verdicts, kind)
          .toEqual(verdicts.map((v) => ({ ...v, pg: pgStricter(v.value) ? target.check : v.sqlite })));
        // Some values taken, some refused, always by the column's own CHECK.
        expect.soft(new Set(verdicts.map((v) => v.sqlite)), kind).toEqual(new Set([undefined, target.check]));
      }
      // The differences are real: SQLite takes these values.
      expect(sqliteVerdict(sqlite, targets.date, '0000-01-01')).toBeUndefined();
      expect(sqliteVerdict(sqlite, targets.instant, '2026-11-23T24:30:00.000Z')).toBeUndefined();
    });

    it('hands the store code the same values as SQLite: JSON objects, booleans, numbers, ISO text', async () => {
      const { client } = await migrated();
      const db = drizzle({ client, schema: pgSchema });
      for (const row of BASE_ROWS) await client.query(row);
      const evidence = { weeks: ['2026-W47', '2026-W48'], drop: 1.5, note: 'één' };
      await db.insert(pgSchema.signals).values({
        studentId: 1,
        kind: 'welbevinden-daalt',
        severity: 'let-op',
        evidence,
        firstSeenAt: '2026-11-23T10:00:00.000Z',
        lastSeenAt: '2026-11-23T10:00:00.000Z',
      });
      await db.insert(pgSchema.localClock).values({ id: 1, offsetMs: 40 * 24 * 3600 * 1000 });
      const [signal] = await db.select().from(pgSchema.signals);
      expect(signal).toMatchObject({
        id: 1,
        evidence,
        status: 'open',
        firstSeenAt: '2026-11-23T10:00:00.000Z',
      });
      const [clock] = await db.select().from(pgSchema.localClock);
      expect(clock).toEqual({ id: 1, offsetMs: 3_456_000_000 });
      const [reflection] = await db
        .insert(pgSchema.reflections)
        .values({
          studentId: 1,
          isoWeek: '2026-W48',
          welbevinden: 4,
          motivatie: 4,
          grip: 3,
          uitdaging: 'precies-goed',
          channel: 'cli',
          submittedAt: '2026-11-27T12:30:00.000Z',
        })
        .returning();
      expect(reflection?.wantsTalk).toBe(false);
    });

    it('cascades and sets null on delete as SQLite does', async () => {
      const { client } = await migrated();
      for (const row of BASE_ROWS) await client.query(row);
      await client.query(
        `insert into audit_log (at, actor_kind, student_id, action, subject, channel) values ('2026-11-23T10:00:00.000Z', 'system', 1, 'read', 'leerling', 'cli')`,
      );
      await client.query('delete from students where id = 1');
      expect((await client.query('select count(*)::int as n from prompts')).rows).toEqual([{ n: 0 }]);
      expect((await client.query('select student_id from audit_log')).rows).toEqual([{ student_id: null }]);
    });
  },
);
