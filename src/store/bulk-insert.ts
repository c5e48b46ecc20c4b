/**
 * Fast loading of many rows into one table, for seeding and imports.
 *
 * Rows are typed by the drizzle table (`$inferInsert`) and converted by the drizzle columns
 * themselves (booleans, JSON, defaults), then written with multi-row prepared INSERTs: one
 * statement per few hundred rows is what makes millions of reflections load in seconds.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Store } from './database.ts';

/** SQLite allows 32766 bound parameters a statement; stay well below. */
const MAX_PARAMETERS = 8000;

export type BulkInserter<T extends SQLiteTable> = {
  add(row: T['$inferInsert']): void;
  /** Writes what is buffered; returns how many rows this inserter wrote in all. */
  flush(): number;
};

export function bulkInserter<T extends SQLiteTable>(store: Store, table: T): BulkInserter<T> {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `insert into "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statementFor = (rows: number) => store.$client.prepare(head + Array(rows).fill(tuple).join(', '));
  const full = statementFor(rowsPerStatement);

  let buffer: unknown[] = [];
  let buffered = 0;
  let written = 0;

  const write = () => {
    if (buffered === 0) return;
    (buffered === rowsPerStatement ? full : statementFor(buffered)).run(buffer);
    written += buffered;
    buffer = [];
    buffered = 0;
  };

  return {
    add(row) {
      const values = row as Record<string, unknown>;
      for (const [key, column] of columns) {
        let value = values[key];
        if (value === undefined) value = column.hasDefault ? column.default : null;
        buffer.push(value === null || value === undefined ? null : column.mapToDriverValue(value));
      }
      buffered += 1;
      if (buffered === rowsPerStatement) write();
    },
    flush() {
      write();
      return written;
    },
  };
}
