/**
 * `koers db copy --to postgres://…`: the demo school moved from SQLite into a throwaway
 * PostgreSQL (tests/support/postgres.ts), whole and checked, or not at all.
 *
 * The test compares every row of every table itself, with its own conversion (0/1 to booleans,
 * JSON text to values), rather than trusting the command's own sample.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { signalsJob } from '../src/jobs/signals.ts';
import { recordAudit } from '../src/store/audit.ts';
import type { SqliteStore } from '../src/store/database.ts';
import { keepLocalMessage } from '../src/store/local-inbox.ts';
import { enqueue } from '../src/store/outbox.ts';
import { migratePostgres } from '../src/store/pg-connection.ts';
import { type CliResult, koers } from './support/cli.ts';
import { DEMO_NOW, freshDemo } from './support/demo.ts';
import { freshPostgres, postgresUnavailable } from './support/postgres.ts';
import { tempDir } from './support/temp.ts';

const PASSWORD = 'Geheim-Wachtwoord-7731';

/** The address with a password in it, and the text that must never be printed. */
function withPassword(address: string): { url: string; secret: string } {
  const url = new URL(address);
  // A server that needs its own password (DATABASE_URL) keeps it; the one we start trusts any.
  if (!url.password) url.password = PASSWORD;
  const password = decodeURIComponent(url.password);
  // A short password of its own could appear by chance (in a user or database name): look for it as written.
  return { url: url.toString(), secret: password.length >= 8 ? password : `:${url.password}@` };
}

const printed = (result: CliResult) => `${result.out}\n${result.err}`;

/** The demo school on a school morning: the sweep opened its signals and queued the mentors' digests. */
async function sweptDemo(): Promise<{ store: SqliteStore; file: string }> {
  const demo = await freshDemo();
  await signalsJob.run({
    store: demo.store,
    now: DateTime.fromJSDate(DEMO_NOW),
    platforms: ['local'],
    senders: [],
  });
  return demo;
}

/** A row in the playground's inbox, one in the outbox and one audit entry, each with JSON. */
async function addMessages(store: SqliteStore): Promise<void> {
  const at = DEMO_NOW.toISOString();
  await keepLocalMessage(store, {
    workspaceId: 'koersmeer',
    recipient: 'teamkamer-bovenbouw',
    toChannel: true,
    studentId: null,
    reply: { blocks: [{ type: 'text', text: 'Samenvatting: “één” — 3H \\ "quotes"', tone: 'info' }], n: 1.5 },
    deliveredAt: at,
  });
  const mentor = store.$client
    .prepare("select id from staff where email = 'm.jansen@koersmeer.example'")
    .get() as {
    id: number;
  };
  await enqueue(
    store,
    [
      {
        recipient: { platform: 'local', workspaceId: 'koersmeer', userId: 'm.jansen@koersmeer.example' },
        payload: { kind: 'signalDigest', staffId: mentor.id, date: '2026-11-24', until: at },
        notBefore: at,
      },
    ],
    at,
  );
  await recordAudit(store, null, [
    {
      at,
      action: 'update',
      subject: 'koers db copy',
      channel: 'cli',
      detail: { nested: { list: [1, true, null] } },
    },
  ]);
}

function sqliteQuery<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** The school's tables as SQLite has them (what the copy must carry over), with their primary keys. */
function sqliteTables(file: string): { table: string; key: string[] }[] {
  const names = sqliteQuery<{ name: string }>(
    file,
    "select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name <> '__drizzle_migrations' order by name",
  ).map((row) => row.name);
  return names.map((table) => {
    const columns = sqliteQuery<{ name: string; pk: number }>(
      file,
      `select name, pk from pragma_table_info('${table}')`,
    );
    const key = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    return { table, key: key.length > 0 ? key : columns.map((c) => c.name) };
  });
}

type ColumnTypes = Map<string, Map<string, string>>;

async function postgresTypes(client: pg.Client): Promise<ColumnTypes> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    'select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema()',
  );
  const types: ColumnTypes = new Map();
  for (const row of rows) {
    const table = types.get(row.table_name) ?? new Map<string, string>();
    table.set(row.column_name, row.data_type);
    types.set(row.table_name, table);
  }
  return types;
}

/** A value as both sides should agree on it, by the PostgreSQL column's type. */
function normal(type: string, value: unknown, side: 'sqlite' | 'postgres'): unknown {
  if (value === null) return null;
  if (type === 'boolean') return side === 'sqlite' ? value === 1 : value;
  if (type === 'jsonb' || type === 'json') return side === 'sqlite' ? JSON.parse(String(value)) : value;
  if (type === 'bigint' || type === 'numeric') return Number(value);
  return value;
}

async function rowsOf(
  file: string,
  client: pg.Client,
  types: ColumnTypes,
  table: string,
  key: string[],
): Promise<{ sqlite: unknown[]; postgres: unknown[] }> {
  const order = key.map((c) => `"${c}"`).join(', ');
  const columns = types.get(table) ?? new Map<string, string>();
  const norm = (row: Record<string, unknown>, side: 'sqlite' | 'postgres') =>
    Object.fromEntries(Object.entries(row).map(([c, v]) => [c, normal(columns.get(c) ?? 'text', v, side)]));
  const sqlite = sqliteQuery<Record<string, unknown>>(file, `select * from "${table}" order by ${order}`);
  const postgres = (await client.query(`select * from "${table}" order by ${order}`)).rows;
  return { sqlite: sqlite.map((r) => norm(r, 'sqlite')), postgres: postgres.map((r) => norm(r, 'postgres')) };
}

/** Every table's row count in PostgreSQL, and the migrations it has: what "changes nothing" compares. */
async function fingerprint(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ table_name: string; table_schema: string }>(
    "select table_schema, table_name from information_schema.tables where table_schema in (current_schema(), 'drizzle') and table_type = 'BASE TABLE'",
  );
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const result = await client.query<{ n: string }>(
      `select count(*) as n from "${row.table_schema}"."${row.table_name}"`,
    );
    counts[`${row.table_schema}.${row.table_name}`] = Number(result.rows[0]?.n);
  }
  return counts;
}

const copy = (url: string, file: string, env: Record<string, string> = {}) =>
  koers(['db', 'copy', '--to', url, '--db', file], env);

describe('koers db copy, before it reaches PostgreSQL', () => {
  it('refuses an address that is not postgres:// or postgresql://, without repeating it', async () => {
    const { file } = await freshDemo();
    for (const address of [
      `mysql://koers:${PASSWORD}@db.example/koers`,
      `koers:${PASSWORD}`,
      'postgres//x',
    ]) {
      const result = await copy(address, file);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^Het adres na --to is geen PostgreSQL-adres\. Verwacht: postgres:\/\//);
      expect(printed(result)).not.toContain(PASSWORD);
    }
  });

  it('says in Dutch that an unreachable server was not reached, with the password hidden', async () => {
    const { file } = await freshDemo();
    const result = await copy(`postgres://koers:${PASSWORD}@127.0.0.1:1/koers`, file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^Kan PostgreSQL op postgres:\/\/koers:\*+@127\.0\.0\.1:1\/koers niet bereiken: .*ECONNREFUSED.*er is niets gekopieerd\.$/,
    );
    expect(printed(result)).not.toContain(PASSWORD);
  });

  it('refuses a SQLite file that is missing or not at the current schema', async () => {
    const folder = tempDir();
    const empty = join(folder, 'leeg.db');
    writeFileSync(empty, '');
    const unmigrated = await copy(`postgres://koers:${PASSWORD}@127.0.0.1:1/koers`, empty);
    expect(unmigrated.code).toBe(1);
    expect(unmigrated.err).toMatch(
      /^Deze database heeft schemaversie 0, Koers verwacht \d+\. Voer eerst uit: koers db migrate$/,
    );
    const missing = await copy(`postgres://koers:${PASSWORD}@127.0.0.1:1/koers`, join(folder, 'geen.db'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^Geen SQLite-database gevonden op .*geen\.db\./);
  });
});

const unavailable = postgresUnavailable();

describe.skipIf(unavailable)(
  unavailable ? `koers db copy into PostgreSQL — skipped: ${unavailable}` : 'koers db copy into PostgreSQL',
  () => {
    it('copies the swept demo school: every table, every row equal, sequences past the largest id', {
      timeout: 60_000,
    }, async () => {
      const { store, file } = await sweptDemo();
      await addMessages(store);
      const target = await freshPostgres();
      const { url, secret } = withPassword(target.url);

      const started = performance.now();
      const result = await copy(url, file);
      const seconds = (performance.now() - started) / 1000;
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(printed(result)).not.toContain(secret);
      expect(result.out).toMatch(/^Kopiëren van .*koers\.db naar postgres(ql)?:\/\/.*\*+@/);
      expect(result.out).toMatch(/PostgreSQL-schema bijgewerkt: \d+ migraties? toegepast\./);
      expect(result.out).toMatch(/Klaar in \d+,\d s: \d+ tabellen met samen [\d.]+ rijen gekopieerd naar/);
      console.info(`koers db copy of the swept demo school: ${seconds.toFixed(2)} s`);

      const tables = sqliteTables(file);
      const types = await postgresTypes(target.client);
      // The same tables on both sides, and the report names each of them.
      expect([...types.keys()].sort()).toEqual(tables.map((t) => t.table));
      for (const { table } of tables) expect(result.out).toMatch(new RegExp(`^  ${table} `, 'm'));
      // Parents were copied before their children, for every foreign key SQLite has.
      const order = [...result.out.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]);
      for (const { table } of tables)
        for (const { parent } of sqliteQuery<{ parent: string }>(
          file,
          `select "table" as parent from pragma_foreign_key_list('${table}')`,
        ))
          expect(order.indexOf(parent), `${parent} before ${table}`).toBeLessThan(order.indexOf(table));

      // What the demo holds in the columns that convert: signals (JSON evidence), booleans, JSON payloads.
      const count = (table: string) =>
        sqliteQuery<{ n: number }>(file, `select count(*) as n from ${table}`)[0]?.n;
      expect(count('signals')).toBeGreaterThan(0);
      expect(count('local_messages')).toBe(1);
      expect(count('outbox')).toBeGreaterThan(0);
      expect(count('audit_log')).toBeGreaterThan(0);

      let rows = 0;
      for (const { table, key } of tables) {
        const { sqlite, postgres } = await rowsOf(file, target.client, types, table, key);
        expect(postgres.length, table).toBe(sqlite.length);
        expect(postgres, table).toEqual(sqlite);
        rows += sqlite.length;
      }
      expect(result.out).toContain(`met samen ${new Intl.NumberFormat('nl').format(rows)} rijen`);

      // The next row without an id gets the one after the largest, in every table with an identity.
      const identities = await target.client.query<{ table_name: string; column_name: string }>(
        "select table_name, column_name from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'",
      );
      expect(identities.rows.length).toBeGreaterThan(20);
      for (const { table_name: table, column_name: column } of identities.rows) {
        const { rows: found } = await target.client.query<{ next: string; largest: string | null }>(
          `select nextval(pg_get_serial_sequence($1, $2))::text as next, (select max("${column}") from "${table}")::text as largest`,
          [`"${table}"`, column],
        );
        expect(Number(found[0]?.next), table).toBe(Number(found[0]?.largest ?? 0) + 1);
      }
      const before = await target.client.query<{ id: number }>('select max(id) as id from local_messages');
      const inserted = await target.client.query<{ id: number }>(
        `insert into local_messages (workspace_id, recipient, to_channel, reply, delivered_at)
         values ('koersmeer', 'x', false, '{}'::jsonb, '2026-11-24T08:00:00.000Z') returning id`,
      );
      // nextval above took one id of each sequence already.
      expect(inserted.rows[0]?.id).toBe((before.rows[0]?.id ?? 0) + 2);
    });

    it('refuses a second copy into the same database, which it leaves as it was', async () => {
      const { file } = await sweptDemo();
      const target = await freshPostgres();
      const { url, secret } = withPassword(target.url);
      expect((await copy(url, file)).code).toBe(0);
      const before = await fingerprint(target.client);

      const again = await copy(url, file);
      expect(again.code).toBe(1);
      expect(again.out).toBe('');
      expect(again.err).toMatch(
        /^De PostgreSQL-database op .* bevat al een school \(scholen, medewerkers of leerlingen\)\. Koers kopieert alleen naar een lege database; er is niets veranderd\.$/,
      );
      expect(printed(again)).not.toContain(secret);
      expect(await fingerprint(target.client)).toEqual(before);
    });

    it('rolls everything back when a row cannot be converted, and a corrected copy then succeeds', async () => {
      const { store, file } = await freshDemo();
      await addMessages(store);
      // A boolean SQLite took without complaint, in a table copied late: many rows are written before it fails.
      store.$client.prepare('update local_messages set to_channel = 2').run();
      const target = await freshPostgres();
      const { url, secret } = withPassword(target.url);

      const failed = await copy(url, file);
      expect(failed.code).toBe(1);
      expect(failed.err).toMatch(
        /^Tabel local_messages, kolom to_channel: de waarde 2 is geen 0 of 1 .* Alles is teruggedraaid: er staan geen gegevens van de school in PostgreSQL\.$/,
      );
      expect(printed(failed)).not.toContain(secret);
      const left = await fingerprint(target.client);
      expect(Object.entries(left).filter(([table, n]) => n > 0 && !table.startsWith('drizzle.'))).toEqual([]);

      store.$client.prepare('update local_messages set to_channel = 1').run();
      const corrected = await copy(url, file);
      expect(corrected.err).toBe('');
      expect(corrected.code).toBe(0);
      // The schema was there already.
      expect(corrected.out).toContain('Het PostgreSQL-schema was al bijgewerkt.');
      const { rows } = await target.client.query<{ to_channel: boolean }>(
        'select to_channel from local_messages',
      );
      expect(rows).toEqual([{ to_channel: true }]);
    });

    it('rolls back a copy that PostgreSQL stops halfway, and names the table', async () => {
      const { file } = await freshDemo();
      const target = await freshPostgres();
      await migratePostgres(target.client, target.url);
      // reflections come late in the order: most tables are written before this one fails.
      await target.client.query(`
        create function refuse() returns trigger language plpgsql as $$
          begin raise exception 'schijf vol (test)'; end $$;
        create trigger refuse before insert on reflections for each row execute function refuse();`);
      const { url, secret } = withPassword(target.url);
      const result = await copy(url, file);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        /^Kopiëren mislukt bij tabel reflections: schijf vol \(test\).* Alles is teruggedraaid: er staan geen gegevens van de school in PostgreSQL\.$/,
      );
      expect(printed(result)).not.toContain(secret);
      const left = await fingerprint(target.client);
      expect(Object.entries(left).filter(([table, n]) => n > 0 && !table.startsWith('drizzle.'))).toEqual([]);
    });

    it('refuses a target whose tables differ from the SQLite store', async () => {
      const { file } = await freshDemo();
      const target = await freshPostgres();
      await migratePostgres(target.client, target.url);
      await target.client.query('create table extra (id integer primary key)');
      const result = await copy(withPassword(target.url).url, file);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        /^De tabellen van SQLite en PostgreSQL verschillen \(alleen in SQLite: —; alleen in PostgreSQL: extra\)\./,
      );
    });

    it('touches nothing in PostgreSQL when the SQLite file is not migrated', async () => {
      const empty = join(tempDir(), 'leeg.db');
      writeFileSync(empty, '');
      const target = await freshPostgres();
      const result = await copy(withPassword(target.url).url, empty);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(
        /^Deze database heeft schemaversie 0, Koers verwacht \d+\. Voer eerst uit: koers db migrate$/,
      );
      expect(await fingerprint(target.client)).toEqual({});
    });

    it('says when the database in the address does not exist, and reports in English when asked', async () => {
      const { file } = await freshDemo();
      const target = await freshPostgres();
      const missing = new URL(withPassword(target.url).url);
      missing.pathname = `/${target.name}_ontbreekt`;
      const result = await copy(missing.toString(), file);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^De database in .* bestaat niet: .*Maak hem eerst aan/);
      expect(printed(result)).not.toContain(PASSWORD);

      const english = await copy(withPassword(target.url).url, file, { KOERS_LOCALE: 'en' });
      expect(english.err).toBe('');
      expect(english.out).toMatch(/^Copying .* to postgres/);
      expect(english.out).toMatch(/^ {2}students +75 rows; sample of 5 rows equal$/m);
      expect(english.out).toMatch(/^Done in \d+\.\d s: copied \d+ tables with [\d,]+ rows in all/m);
    });
  },
);
