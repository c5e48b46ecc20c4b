/**
 * The PostgreSQL schema (db/pg-schema.ts) is the SQLite schema (db/schema.ts) table for table:
 * the same columns, keys, foreign keys, indexes and CHECKs, and the same values in code. A change
 * to one schema only fails here. No database needed; docs/postgres.md says how to change both.
 */
import { readFileSync } from 'node:fs';
import { getTableName, is, type SQL, type Table } from 'drizzle-orm';
import { type PgColumn, PgDialect, PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect, SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isInstant, isIsoDate } from '../db/pg-columns.ts';
import * as pgSchema from '../db/pg-schema.ts';
import * as sqliteSchema from '../db/schema.ts';

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** What both dialects must agree on, in words that mean the same in both. */
type Shape = {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  uniqueConstraints: string[];
  foreignKeys: string[];
  indexes: Record<string, { columns: string[]; unique: boolean; where: string | undefined }>;
  checks: Record<string, string>;
};

type ColumnShape = {
  /** The kind of value the store code sees; see `sqliteKinds` and `pgKinds`. */
  kind: string;
  notNull: boolean;
  hasDefault: boolean;
  /** The default value, or `identity` for an id the database assigns. */
  default: unknown;
  enumValues: string[] | undefined;
  /** The name of the column's own UNIQUE, if it has one. */
  unique: string | undefined;
};

/** One name per kind of value, the same for the columns that hold it in both dialects. */
const sqliteKinds: Record<string, string> = {
  SQLiteInteger: 'integer',
  SQLiteText: 'text',
  SQLiteTextJson: 'json',
  SQLiteBoolean: 'boolean',
  SQLiteReal: 'double',
};
const pgKinds: Record<string, string> = {
  PgInteger: 'integer',
  // 8 bytes where 4 would not do (local_clock.offset_ms); a JavaScript number in both.
  PgBigInt53: 'integer',
  PgText: 'text',
  PgJsonb: 'json',
  PgBoolean: 'boolean',
  PgDoublePrecision: 'double',
};

function tablesOf<T extends Table>(module: Record<string, unknown>, isTable: (value: unknown) => value is T) {
  const tables = new Map<string, T>();
  for (const value of Object.values(module)) if (isTable(value)) tables.set(getTableName(value), value);
  return tables;
}

const sqliteTables = tablesOf(sqliteSchema, (value): value is SQLiteTable => is(value, SQLiteTable));
const pgTables = tablesOf(pgSchema, (value): value is PgTable => is(value, PgTable));

const sqliteText = (value: SQL) => sqliteDialect.sqlToQuery(value).sql;
const pgText = (value: SQL) => pgDialect.sqlToQuery(value).sql;
const columnNames = (columns: readonly unknown[]) =>
  columns.map((column) =>
    column && typeof column === 'object' && 'name' in column ? String(column.name) : '(expression)',
  );

type Named = { name: string };
/** What `getTableConfig` of either dialect gives, as far as the comparison reads it. */
type Config = {
  columns: (Named & { primary: boolean })[];
  primaryKeys: { columns: Named[] }[];
  uniqueConstraints: { getName(): string | undefined; columns: Named[] }[];
  foreignKeys: {
    getName(): string;
    reference(): { columns: Named[]; foreignTable: Table; foreignColumns: Named[] };
    onDelete?: string | undefined;
    onUpdate?: string | undefined;
  }[];
  indexes: {
    config: {
      name?: string | undefined;
      columns: readonly unknown[];
      unique: boolean;
      where?: SQL | undefined;
    };
  }[];
  checks: { name: string; value: SQL }[];
};

/** Keys, indexes and CHECKs, with conditions and rules rendered as the dialect writes them. */
function keysAndRules(config: Config, render: (value: SQL) => string): Omit<Shape, 'columns'> {
  const names = (columns: Named[]) => columns.map((c) => c.name).join(', ');
  return {
    primaryKey: [
      ...config.columns.filter((c) => c.primary).map((c) => c.name),
      ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
    ],
    uniqueConstraints: config.uniqueConstraints.map((u) => `${u.getName()}(${names(u.columns)})`),
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return `${fk.getName()}: (${names(ref.columns)}) → ${getTableName(ref.foreignTable)}(${names(ref.foreignColumns)}) on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`;
    }),
    indexes: Object.fromEntries(
      config.indexes.map(({ config: index }) => [
        index.name,
        {
          columns: columnNames(index.columns),
          unique: index.unique,
          where: index.where && render(index.where),
        },
      ]),
    ),
    checks: Object.fromEntries(config.checks.map((c) => [c.name, render(c.value)])),
  };
}

function sqliteShape(table: SQLiteTable): Shape {
  const config = sqliteTableConfig(table);
  const columns: Record<string, ColumnShape> = {};
  const foreignKeyColumns = new Set(
    config.foreignKeys.flatMap((fk) => fk.reference().columns.map((c) => c.name)),
  );
  for (const column of config.columns) {
    // An integer primary key is SQLite's rowid: the database assigns it when none is given. For a
    // key that is also a foreign key (signal_checks.student_id) that is never what is meant.
    const rowid = column.primary && column.columnType === 'SQLiteInteger';
    const assigned = rowid && !foreignKeyColumns.has(column.name);
    columns[column.name] = {
      kind: sqliteKinds[column.columnType] ?? column.columnType,
      notNull: column.notNull,
      hasDefault: rowid ? assigned : column.hasDefault,
      default: assigned ? 'identity' : column.default,
      enumValues: column.enumValues,
      unique: column.isUnique ? column.uniqueName : undefined,
    };
  }
  return { columns, ...keysAndRules(config, sqliteText) };
}

function pgShape(table: PgTable): Shape {
  const config = pgTableConfig(table);
  const columns: Record<string, ColumnShape> = {};
  for (const column of config.columns) {
    const identity = column.generatedIdentity?.type;
    columns[column.name] = {
      kind: pgKinds[column.columnType] ?? column.columnType,
      notNull: column.notNull,
      hasDefault: column.hasDefault,
      // `always` would refuse the explicit ids the seed and `koers db copy` write.
      default: identity === 'byDefault' ? 'identity' : identity ? `identity ${identity}` : column.default,
      enumValues: column.enumValues,
      unique: column.isUnique ? column.uniqueName : undefined,
    };
  }
  return { columns, ...keysAndRules(config, pgText) };
}

/**
 * The SQLite shape as PostgreSQL must have it: the few rules written differently, translated.
 * Everything else (`in (…)`, `between`, `length`, the scope rules) must be the same SQL text.
 */
function translated(shape: Shape, pgTable: PgTable): Shape {
  const pgColumn = (name: string) => {
    const column = pgTableConfig(pgTable).columns.find((c) => c.name === name);
    if (!column) throw new Error(`no column ${name} in ${pgTableConfig(pgTable).name}`);
    return column as PgColumn;
  };
  const booleans = Object.entries(shape.columns).filter(([, c]) => c.kind === 'boolean');
  const where = (text: string | undefined) => {
    if (text === undefined) return undefined;
    // A boolean is 0/1 in SQLite, true/false in PostgreSQL.
    for (const [name] of booleans) text = text.replace(new RegExp(`("${name}") = 1\\b`, 'g'), '$1 = true');
    return text;
  };
  const check = (name: string, text: string) => {
    // `date(x) is x` and `strftime(…) is x`: PostgreSQL's own calendar, through `pg-columns.ts`.
    const date = /^date\("\w+"\."(\w+)"\) is "\w+"\."\1"$/.exec(text);
    if (date?.[1]) return pgText(isIsoDate(name, pgColumn(date[1])).value);
    const moment = /^strftime\('%Y-%m-%dT%H:%M:%fZ', "\w+"\."(\w+)"\) is "\w+"\."\1"$/.exec(text);
    if (moment?.[1]) return pgText(isInstant(name, pgColumn(moment[1])).value);
    return (
      text
        // A glob of single characters and classes matches the whole value: an anchored pattern.
        .replace(/ glob '([^'*?]*)'/g, " ~ '^$1$$'")
        // SQLite's lower() folds ASCII only; PostgreSQL's does too under "C".
        .replace(/= lower\(("\w+"\."\w+")\)/g, '= lower($1 collate "C")')
    );
  };
  return {
    ...shape,
    indexes: Object.fromEntries(
      Object.entries(shape.indexes).map(([name, index]) => [name, { ...index, where: where(index.where) }]),
    ),
    checks: Object.fromEntries(Object.entries(shape.checks).map(([name, text]) => [name, check(name, text)])),
  };
}

describe('the PostgreSQL schema', () => {
  it('has every table of the SQLite schema and no other', () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    expect(sqliteTables.size).toBeGreaterThanOrEqual(32);
  });

  describe.each([...sqliteTables.keys()].sort())('%s', (name) => {
    const sqlite = sqliteShape(sqliteTables.get(name) as SQLiteTable);
    const pgTable = pgTables.get(name);
    const pg = pgTable && pgShape(pgTable);

    it('has the same columns: kind of value, not-null, default, enum values, unique', () => {
      expect(pg?.columns).toEqual(sqlite.columns);
    });

    it('has the same primary key and unique constraints', () => {
      expect(pg?.primaryKey).toEqual(sqlite.primaryKey);
      expect(pg?.uniqueConstraints).toEqual(sqlite.uniqueConstraints);
    });

    it('has the same foreign keys, with the same ON DELETE', () => {
      expect(pg?.foreignKeys.sort()).toEqual([...sqlite.foreignKeys].sort());
    });

    it('has the same indexes: names, columns, uniqueness, partial conditions', () => {
      expect(pg?.indexes).toEqual(pgTable && translated(sqlite, pgTable).indexes);
    });

    it('has the same CHECKs, each the same rule', () => {
      expect(Object.keys(pg?.checks ?? {}).sort()).toEqual(Object.keys(sqlite.checks).sort());
      expect(pg?.checks).toEqual(pgTable && translated(sqlite, pgTable).checks);
    });

    it('names nothing longer than PostgreSQL keeps (63 bytes; longer names are cut)', () => {
      const config = pgTable && pgTableConfig(pgTable);
      const names = [
        name,
        ...(config?.columns ?? []).flatMap((c) => [c.name, c.uniqueName ?? '']),
        ...(config?.indexes ?? []).map((i) => i.config.name ?? ''),
        ...(config?.foreignKeys ?? []).map((fk) => fk.getName()),
        ...(config?.primaryKeys ?? []).map((pk) => pk.getName()),
        ...(config?.checks ?? []).map((c) => c.name),
      ];
      expect(names.filter((n) => Buffer.byteLength(n) > 63)).toEqual([]);
    });
  });

  it('gives the store code the same row types (checked by tsc)', () => {
    type Rows<S> = { [K in keyof S]: S[K] extends Table ? S[K]['$inferSelect'] : never };
    expectTypeOf<Rows<typeof pgSchema>>().toEqualTypeOf<Rows<typeof sqliteSchema>>();
  });

  it('is what db/pg-migrations builds: no change waits for `npm run db:generate:pg`', async () => {
    const { generateDrizzleJson, generateMigration } = await import('drizzle-kit/api');
    type Snapshot = Parameters<typeof generateMigration>[0];
    const folder = new URL('../db/pg-migrations/meta/', import.meta.url);
    const journal = JSON.parse(readFileSync(new URL('_journal.json', folder), 'utf8'));
    const last: { idx: number } = journal.entries.at(-1);
    const snapshot: Snapshot = JSON.parse(
      readFileSync(new URL(`${String(last.idx).padStart(4, '0')}_snapshot.json`, folder), 'utf8'),
    );
    expect(await generateMigration(snapshot, generateDrizzleJson(pgSchema, snapshot.id))).toEqual([]);
  });
});
