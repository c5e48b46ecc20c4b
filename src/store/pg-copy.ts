/**
 * `koers db copy --to postgres://…`: a school's SQLite store copied into PostgreSQL, whole and
 * checked, or not at all.
 *
 * 1. The SQLite file is opened read-only and must be at this build's schema version; everything is
 *    read in one read transaction, so the copy is the database as it was at one commit, also while
 *    Koers runs on it.
 * 2. PostgreSQL gets the migrations of `db/pg-migrations` (drizzle's migrator). A target that holds
 *    a school (any row in schools, staff or students) is refused before anything is written.
 * 3. One PostgreSQL transaction: every table of the SQLite store, parents before children (the
 *    order comes from SQLite's own foreign keys, so a new table is never missed), in multi-row
 *    INSERTs of up to 1,000 rows. Values are converted by the target column's type as PostgreSQL
 *    reports it (`information_schema.columns`): 0/1 to boolean, JSON text to jsonb, the rest as it
 *    is. Each identity sequence is moved past the largest id. Then, still inside the transaction,
 *    every table's row count is compared on both sides, and a sample of rows (the first, the last
 *    and a few at random) column by column after the same conversion. Only then is it committed;
 *    any failure rolls the whole copy back.
 *
 * The schema itself (step 2) is committed on its own, by the migrator: a failed copy leaves an
 * empty database at the current schema, which a second `koers db copy` accepts.
 */
import { randomInt } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import * as schema from '../../db/schema.ts';
import { UserError } from '../i18n/user-error.ts';
import { assertCurrentSchema } from './migrations.ts';
import {
  connectPostgres,
  disconnectPostgres,
  migratePostgres,
  type PgClient,
  type PgMigrationResult,
  reasonOf,
  redactUrl,
} from './pg-connection.ts';
import { quotedIdentifier } from './sql-identifier.ts';
import { sqliteStore } from './sqlite-store.ts';
import type { SqliteStore } from './store.ts';

/** Rows per INSERT, and PostgreSQL's limit on the parameters of one statement. */
const BATCH_ROWS = 1000;
const MAX_PARAMETERS = 65_535;
/** Rows compared per table beside the first and the last. */
const RANDOM_SAMPLES = 3;
/** Tables SQLite or drizzle keep for themselves: not school data, and PostgreSQL has its own. */
const INTERNAL_TABLES = new Set(['__drizzle_migrations']);
/** A school in the target: a copy never mixes into one (as `holdsSchoolData` for SQLite). */
const SCHOOL_TABLES = [schema.schools, schema.staff, schema.students].map((table) => getTableName(table));

export type CopiedTable = { table: string; rows: number; sampled: number };
export type CopyReport = {
  /** Every table in the order it was copied. */
  tables: CopiedTable[];
  rows: number;
  migrations: PgMigrationResult;
  seconds: number;
};

type SqliteValue = string | number | bigint | Buffer | null;
type Converter = (value: SqliteValue) => unknown;
type TargetColumn = { name: string; type: string; identity: 'ALWAYS' | 'BY DEFAULT' | null; serial: boolean };
type TablePlan = {
  table: string;
  columns: string[];
  /** The primary key's columns in key order; all columns for a table without one. */
  key: string[];
  /** Whether `key` is a primary key: rows are read in its order. */
  hasPrimaryKey: boolean;
  convert: Converter[];
  types: string[];
  sequences: string[];
  overriding: boolean;
};

/** The SQLite store, read-only, at this build's schema: refuses a missing, foreign or unmigrated file. */
export function openSourceReadOnly(path: string): SqliteStore {
  const file = resolve(path);
  if (!existsSync(file)) throw new UserError('dbCopy.sourceMissing', { path: file });
  if (statSync(file).isDirectory()) throw new UserError('db.isDirectory', { path: file });
  let client: Database.Database;
  try {
    client = new Database(file, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new UserError('dbCopy.sourceUnreadable', { path: file, reason: reasonOf(cause, '') }, { cause });
  }
  try {
    client.pragma('busy_timeout = 5000');
    const store = sqliteStore(client);
    assertCurrentSchema(store);
    return store;
  } catch (cause) {
    client.close();
    if (cause instanceof UserError) throw cause;
    if ((cause as { code?: string }).code === 'SQLITE_NOTADB')
      throw new UserError('db.notADatabase', { path: file }, { cause });
    throw new UserError('dbCopy.sourceUnreadable', { path: file, reason: reasonOf(cause, '') }, { cause });
  }
}

/** The store's tables, every parent before its children (SQLite's foreign keys), else in creation order. */
export function tablesInForeignKeyOrder(store: SqliteStore): string[] {
  const client = store.$client;
  const names = (
    client
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by rowid",
      )
      .all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !INTERNAL_TABLES.has(name));
  const foreignKeys = client.prepare(`select "table" as parent from pragma_foreign_key_list(?)`);
  const parents = new Map(
    names.map((name) => {
      const keys = foreignKeys.all(name) as { parent: string }[];
      // A table's references to itself do not order it (rows are copied in key order, and
      // PostgreSQL checks them per statement); none of Koers's tables has one.
      return [
        name,
        new Set(keys.map((k) => k.parent).filter((parent) => parent !== name && names.includes(parent))),
      ];
    }),
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.find(
      (name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((parent) => placed.has(parent)),
    );
    // A cycle of foreign keys (none in Koers's schema): no order would let PostgreSQL check each row.
    if (next === undefined)
      throw new Error(`foreign keys form a cycle among ${names.filter((n) => !placed.has(n)).join(', ')}`);
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

class CopyFailure extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number>,
  ) {
    super(key);
  }
}

function shown(value: SqliteValue): string {
  const text = Buffer.isBuffer(value) ? `<${value.length} bytes>` : String(value);
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** How a SQLite value becomes a value of the target column's type. */
function converterFor(table: string, column: string, type: string): Converter {
  switch (type) {
    case 'boolean':
      return (value) => {
        if (value === null) return null;
        if (value === 1 || value === 0 || value === 1n || value === 0n) return Number(value) === 1;
        throw new CopyFailure('dbCopy.notBoolean', { table, column, value: shown(value) });
      };
    // JSON: PostgreSQL parses the text itself, and refuses it if it is not JSON.
    case 'json':
    case 'jsonb':
    case 'text':
    case 'character varying':
    case 'character':
      return (value) => (value === null || typeof value === 'string' ? value : String(value));
    default:
      return (value) => value;
  }
}

/**
 * A value in a form both sides can be compared in: the copy sends JSON as text and node-postgres
 * returns it parsed; it returns bigint and numeric as text; a `real` holds a 4-byte float.
 */
function comparable(type: string, value: unknown, side: 'sent' | 'stored'): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'json':
    case 'jsonb':
      return side === 'sent' ? JSON.parse(String(value)) : value;
    case 'bigint':
    case 'integer':
    case 'smallint':
    case 'numeric':
      return String(value);
    case 'real':
      return Math.fround(Number(value));
    case 'double precision':
      return Number(value);
    case 'bytea':
      return Buffer.isBuffer(value) ? value.toString('hex') : String(value);
    default:
      return value;
  }
}

async function targetColumns(client: PgClient): Promise<Map<string, TargetColumn[]>> {
  const result = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_identity: string;
    identity_generation: string | null;
    column_default: string | null;
  }>(
    `select c.table_name, c.column_name, c.data_type, c.is_identity, c.identity_generation, c.column_default
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, TargetColumn[]>();
  for (const row of result.rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push({
      name: row.column_name,
      type: row.data_type,
      identity: row.is_identity === 'YES' ? (row.identity_generation as 'ALWAYS' | 'BY DEFAULT') : null,
      serial: row.column_default?.startsWith('nextval(') ?? false,
    });
    tables.set(row.table_name, columns);
  }
  return tables;
}

const listed = (names: string[]) => (names.length > 0 ? names.join(', ') : '—');

/** How each table is copied; refuses when the two schemas do not have the same tables and columns. */
async function plan(source: SqliteStore, client: PgClient): Promise<TablePlan[]> {
  const tables = tablesInForeignKeyOrder(source);
  const target = await targetColumns(client);
  const sqliteOnly = tables.filter((table) => !target.has(table));
  const postgresOnly = [...target.keys()].filter((table) => !tables.includes(table)).sort();
  if (sqliteOnly.length > 0 || postgresOnly.length > 0)
    throw new UserError('dbCopy.tablesDiffer', {
      sqliteOnly: listed(sqliteOnly),
      postgresOnly: listed(postgresOnly),
    });
  const tableInfo = source.$client.prepare('select name, pk from pragma_table_info(?) order by cid');
  return tables.map((table) => {
    const info = tableInfo.all(table) as { name: string; pk: number }[];
    const columns = info.map((column) => column.name);
    const targets = target.get(table) ?? [];
    const missing = columns.filter((name) => !targets.some((c) => c.name === name));
    const extra = targets.map((c) => c.name).filter((name) => !columns.includes(name));
    if (missing.length > 0 || extra.length > 0)
      throw new UserError('dbCopy.columnsDiffer', {
        table,
        sqliteOnly: listed(missing),
        postgresOnly: listed(extra),
      });
    const byName = new Map(targets.map((c) => [c.name, c]));
    const types = columns.map((name) => byName.get(name)?.type ?? 'text');
    const primaryKey = info
      .filter((column) => column.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((column) => column.name);
    return {
      table,
      columns,
      key: primaryKey.length > 0 ? primaryKey : columns,
      hasPrimaryKey: primaryKey.length > 0,
      convert: columns.map((name, i) => converterFor(table, name, types[i] as string)),
      types,
      sequences: targets.filter((c) => c.identity !== null || c.serial).map((c) => c.name),
      overriding: targets.some((c) => c.identity === 'ALWAYS'),
    };
  });
}

/** Whether the target already holds a school: its tables exist and one of them has a row. */
async function targetHoldsSchool(client: PgClient): Promise<boolean> {
  // Two queries whatever the number of tables: which exist, then whether any of those has a row
  // (a table that does not exist cannot be named in the second).
  const existing = await client.query<{ name: string }>(
    'select name from unnest($1::text[]) as name where to_regclass(name) is not null',
    [SCHOOL_TABLES.map(quotedIdentifier)],
  );
  if (existing.rows.length === 0) return false;
  const held = await client.query<{ found: boolean }>(
    `select ${existing.rows.map((row) => `exists (select 1 from ${row.name})`).join(' or ')} as found`,
  );
  return held.rows[0]?.found === true;
}

/** Rows in key order (a table without a primary key: in SQLite's own order). */
function orderBy(plan: TablePlan): string {
  return plan.hasPrimaryKey ? plan.key.map(quotedIdentifier).join(', ') : 'rowid';
}

async function copyTable(source: SqliteStore, client: PgClient, plan: TablePlan): Promise<void> {
  const { table, columns, convert } = plan;
  const perBatch = Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  const head = `insert into ${quotedIdentifier(table)} (${columns.map(quotedIdentifier).join(', ')})${plan.overriding ? ' overriding system value' : ''} values `;
  const statement = (rows: number) => {
    const tuples: string[] = [];
    for (let r = 0; r < rows; r += 1)
      tuples.push(`(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    return head + tuples.join(', ');
  };
  const full = statement(perBatch);
  const select = source.$client
    .prepare(
      `select ${columns.map(quotedIdentifier).join(', ')} from ${quotedIdentifier(table)} order by ${orderBy(plan)}`,
    )
    .raw(true);
  let values: unknown[] = [];
  let buffered = 0;
  const flush = async () => {
    if (buffered === 0) return;
    // A full batch is a prepared statement, parsed once per table; the last one is its own size.
    await client.query(
      buffered === perBatch
        ? { name: `koers_copy_${table}`, text: full, values }
        : { text: statement(buffered), values },
    );
    values = [];
    buffered = 0;
  };
  for (const row of select.iterate() as IterableIterator<SqliteValue[]>) {
    for (let c = 0; c < columns.length; c += 1) values.push((convert[c] as Converter)(row[c] ?? null));
    buffered += 1;
    if (buffered === perBatch) await flush();
  }
  await flush();
}

/** Moves each identity (or serial) sequence of the table past its largest value. */
async function moveSequences(client: PgClient, plan: TablePlan): Promise<void> {
  for (const column of plan.sequences) {
    const c = quotedIdentifier(column);
    await client.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce(max(${c}), 1), max(${c}) is not null) from ${quotedIdentifier(plan.table)}`,
      [quotedIdentifier(plan.table), column],
    );
  }
}

/** The rows to compare: the first, the last and a few at random, as SQLite has them. */
function sampleRows(source: SqliteStore, plan: TablePlan, count: number): SqliteValue[][] {
  if (count === 0) return [];
  const row = source.$client
    .prepare(
      `select ${plan.columns.map(quotedIdentifier).join(', ')} from ${quotedIdentifier(plan.table)} order by ${orderBy(plan)} limit 1 offset ?`,
    )
    .raw(true);
  const offsets = new Set([0, count - 1]);
  const wanted = Math.min(count, 2 + RANDOM_SAMPLES);
  while (offsets.size < wanted) offsets.add(randomInt(count));
  return [...offsets].map((offset) => row.get(offset) as SqliteValue[]);
}

/** Every table's row count on both sides, and its sample compared column by column; throws on a difference. */
async function verify(source: SqliteStore, client: PgClient, plan: TablePlan): Promise<CopiedTable> {
  const { table, columns, types, convert } = plan;
  const sqliteRows = (
    source.$client.prepare(`select count(*) as n from ${quotedIdentifier(table)}`).get() as { n: number }
  ).n;
  const pgRows = Number(
    (await client.query<{ n: string }>(`select count(*) as n from ${quotedIdentifier(table)}`)).rows[0]?.n ??
      -1,
  );
  if (sqliteRows !== pgRows)
    throw new CopyFailure('dbCopy.countDiffers', { table, sqlite: sqliteRows, postgres: pgRows });
  const samples = sampleRows(source, plan, sqliteRows);
  const keyIndexes = plan.key.map((name) => columns.indexOf(name));
  const where = plan.key
    .map((name, i) => `${quotedIdentifier(name)} is not distinct from $${i + 1}`)
    .join(' and ');
  const text = `select ${columns.map(quotedIdentifier).join(', ')} from ${quotedIdentifier(table)} where ${where} limit 1`;
  for (const row of samples) {
    const expected = row.map((value, c) => (convert[c] as Converter)(value ?? null));
    const keyValues = keyIndexes.map((c) => expected[c]);
    const keyText = plan.hasPrimaryKey ? keyIndexes.map((c) => shown(row[c] ?? null)).join(', ') : '—';
    const found = await client.query({ text, values: keyValues, rowMode: 'array' });
    const actual = found.rows[0] as unknown[] | undefined;
    if (!actual) throw new CopyFailure('dbCopy.rowMissing', { table, key: keyText });
    for (let c = 0; c < columns.length; c += 1) {
      const type = types[c] as string;
      if (!isDeepStrictEqual(comparable(type, expected[c], 'sent'), comparable(type, actual[c], 'stored')))
        throw new CopyFailure('dbCopy.rowDiffers', { table, key: keyText, column: columns[c] as string });
    }
  }
  return { table, rows: sqliteRows, sampled: samples.length };
}

export type CopyOptions = {
  sqlitePath: string;
  url: string;
  migrationsFolder?: string;
  /** Called once both databases are open, before anything is written. */
  onStart?: () => void;
};

/**
 * The copy and its checks in one PostgreSQL transaction, over one snapshot of the source. Rolls
 * back and throws a UserError naming the table on any failure.
 */
async function copyInOneTransaction(
  source: SqliteStore,
  client: PgClient,
  url: string,
): Promise<CopiedTable[]> {
  let table: string | undefined;
  source.$client.exec('begin');
  try {
    await client.query('begin');
    // Two copies into one database: the second waits here, then finds the first one's school.
    await client.query(`select pg_advisory_xact_lock(hashtext('koers db copy'))`);
    if (await targetHoldsSchool(client))
      throw new UserError('dbCopy.targetHoldsSchool', { url: redactUrl(url) });
    const plans = await plan(source, client);
    for (const p of plans) {
      table = p.table;
      await copyTable(source, client, p);
      await moveSequences(client, p);
    }
    const tables: CopiedTable[] = [];
    for (const p of plans) {
      table = p.table;
      tables.push(await verify(source, client, p));
    }
    table = undefined;
    await client.query('commit');
    return tables;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    if (error instanceof UserError) throw error;
    if (error instanceof CopyFailure) throw new UserError(error.key, error.params, { cause: error });
    const reason = reasonOf(error, url);
    if (table === undefined)
      throw new UserError('dbCopy.aborted', { url: redactUrl(url), reason }, { cause: error });
    throw new UserError('dbCopy.failed', { table, reason }, { cause: error });
  } finally {
    if (source.$client.inTransaction) source.$client.exec('rollback');
  }
}

/** Copies the SQLite store at `sqlitePath` into the PostgreSQL database at `url`; see the top of this file. */
export async function copyToPostgres(options: CopyOptions): Promise<CopyReport> {
  const started = performance.now();
  const { url } = options;
  const source = openSourceReadOnly(options.sqlitePath);
  try {
    const client = await connectPostgres(url);
    try {
      if (await targetHoldsSchool(client))
        throw new UserError('dbCopy.targetHoldsSchool', { url: redactUrl(url) });
      options.onStart?.();
      const migrations = await migratePostgres(client, url, options.migrationsFolder);
      const tables = await copyInOneTransaction(source, client, url);
      return {
        tables,
        rows: tables.reduce((sum, t) => sum + t.rows, 0),
        migrations,
        seconds: (performance.now() - started) / 1000,
      };
    } catch (error) {
      if (error instanceof UserError) throw error;
      // The server or the connection failed between the steps: nothing of the school was written.
      throw new UserError(
        'dbCopy.aborted',
        { url: redactUrl(url), reason: reasonOf(error, url) },
        { cause: error },
      );
    } finally {
      await disconnectPostgres(client);
    }
  } finally {
    source.$client.close();
  }
}
