/**
 * Fast loading of many rows into one table, for seeding and imports.
 *
 * Rows are typed by the drizzle table (`$inferInsert`) and converted by the drizzle columns
 * themselves (booleans, JSON, defaults), then written with multi-row INSERTs: one statement per
 * few hundred rows is what makes millions of reflections load in seconds. The table must be the
 * store's own (`store.t`): its columns convert values for the store's dialect.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { quotedIdentifier } from './sql-identifier.ts';
import type { SqlValue, Store } from './store.ts';

/**
 * Bound parameters a statement: SQLite allows 32766, PostgreSQL 65535; well below both, a
 * statement stays small enough to build and parse quickly.
 */
const MAX_PARAMETERS = 8000;

/** Rows of one INSERT at most, for a table of `columns` columns. */
export const rowsPerInsert = (columns: number): number => Math.max(1, Math.floor(MAX_PARAMETERS / columns));

/**
 * Writes `rows` (values in the order of `columns`) into `table` with multi-row INSERTs of
 * `perStatement` rows, and what is left in halving steps (256, 128, … rows): a few statement
 * texts per table, which SQLite prepares once each, rather than one for every count of rows.
 */
export async function insertRows(
  store: Store,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  perStatement: number = rowsPerInsert(columns.length),
): Promise<void> {
  const head = `insert into ${quotedIdentifier(table)} (${columns.map(quotedIdentifier).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let at = 0;
  while (at < rows.length) {
    const left = rows.length - at;
    let count = perStatement;
    if (left < perStatement) {
      count = 1;
      while (count * 2 <= left) count *= 2;
    }
    const values: SqlValue[] = [];
    for (let i = at; i < at + count; i += 1)
      for (const value of rows[i] as readonly SqlValue[]) values.push(value);
    await store.raw.run(head + Array(count).fill(tuple).join(', '), values);
    at += count;
  }
}

export type BulkInserter<T extends SQLiteTable> = {
  /** Buffers a row; nothing is written until `writeFull` or `flush`. */
  add(row: T['$inferInsert']): void;
  /** Whether a whole statement's rows are buffered. */
  readonly full: boolean;
  /** Writes the buffered rows that fill whole statements; the rest stay buffered. */
  writeFull(): Promise<void>;
  /** Writes every buffered row; returns how many rows this inserter wrote in all. */
  flush(): Promise<number>;
};

export function bulkInserter<T extends SQLiteTable>(store: Store, table: T): BulkInserter<T> {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const name = getTableName(table);
  const names = columns.map(([, column]) => column.name);
  const perStatement = rowsPerInsert(columns.length);

  let buffer: SqlValue[][] = [];
  let written = 0;

  const write = async (rows: SqlValue[][]) => {
    await insertRows(store, name, names, rows, perStatement);
    written += rows.length;
  };

  return {
    add(row) {
      const values = row as Record<string, unknown>;
      const tuple: SqlValue[] = [];
      for (const [key, column] of columns) {
        let value = values[key];
        if (value === undefined) value = column.hasDefault ? column.default : null;
        tuple.push(
          value === null || value === undefined ? null : (column.mapToDriverValue(value) as SqlValue),
        );
      }
      buffer.push(tuple);
    },
    get full() {
      return buffer.length >= perStatement;
    },
    async writeFull() {
      const whole = buffer.length - (buffer.length % perStatement);
      if (whole === 0) return;
      const rows = buffer.slice(0, whole);
      buffer = buffer.slice(whole);
      await write(rows);
    },
    async flush() {
      const rows = buffer;
      buffer = [];
      if (rows.length > 0) await write(rows);
      return written;
    },
  };
}

/**
 * PostgreSQL gives a row without an id the sequence's next value, which rows written with their
 * own ids do not move (SQLite takes the largest id plus one): after such a load, each table's
 * sequence is set past its largest id, or the next row the store adds would take a used one.
 */
export async function moveIdentitiesPastLoadedIds(
  store: Store,
  tables: readonly SQLiteTable[],
): Promise<void> {
  if (store.dialect !== 'postgres') return;
  for (const table of tables) {
    const id = (getTableColumns(table) as Record<string, SQLiteColumn>).id;
    if (!id?.primary) continue;
    const name = quotedIdentifier(getTableName(table));
    const column = quotedIdentifier(id.name);
    await store.raw.all(
      `select setval(pg_get_serial_sequence(?, ?), max(${column})) from ${name} having count(*) > 0`,
      [name, id.name],
    );
  }
}
