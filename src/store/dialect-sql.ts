/**
 * The few SQL functions the two dialects spell differently, once each. Every function gives the
 * text for hand-written SQL (`raw`), given the expressions it applies to as SQL text; the
 * `…Sql` twins give drizzle `SQL` for the query builder.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Dialect } from './store.ts';

/** ISO week of an ISO date, `2026-W48`: the key reflections and prompts use. */
export function isoWeekOf(dialect: Dialect, date: string): string {
  return dialect === 'sqlite' ? `strftime('%G-W%V', ${date})` : `to_char((${date})::date, 'IYYY-"W"IW')`;
}

/** An ISO date moved by a span such as `-28 days` (SQLite's date modifier; a PostgreSQL interval). */
export function shiftedDate(dialect: Dialect, date: string, span: string): string {
  return dialect === 'sqlite'
    ? `date(${date}, ${span})`
    : `to_char((${date})::date + (${span})::interval, 'YYYY-MM-DD')`;
}

/** Values of a group joined by commas. */
export function joinedValues(dialect: Dialect, value: string): string {
  return dialect === 'sqlite' ? `group_concat(${value})` : `string_agg((${value})::text, ',')`;
}

/** The larger of two values (SQLite's two-argument `max`). */
export function greater(dialect: Dialect, a: string, b: string): string {
  return dialect === 'sqlite' ? `max(${a}, ${b})` : `greatest(${a}, ${b})`;
}

/** A top-level key of a JSON column, as text. */
export function jsonTextSql(dialect: Dialect, column: SQLWrapper, key: string): SQL {
  return dialect === 'sqlite'
    ? sql`json_extract(${column}, ${`$.${key}`})`
    : sql`(${column} ->> ${sql.raw(`'${key.replace(/'/g, "''")}'`)})`;
}

/** Whether text contains a piece (both already lower-cased by the caller where case must not matter). */
export function containsSql(dialect: Dialect, text: SQLWrapper, piece: string): SQL {
  return dialect === 'sqlite' ? sql`instr(${text}, ${piece}) > 0` : sql`strpos(${text}, ${piece}) > 0`;
}

/** The names of the store's own tables (not the database's bookkeeping, nor drizzle's). */
export function tableNamesQuery(dialect: Dialect): string {
  return dialect === 'sqlite'
    ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations' order by name"
    : "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name";
}

/**
 * A list of ids given as one text parameter (`idsParam`), as a table of one column `id`: one
 * statement text for any number of ids, so a batch query is prepared once, however long the batch.
 */
export function idsTable(dialect: Dialect): string {
  return dialect === 'sqlite' ? '(select value as id from json_each(?))' : '(select unnest(?::int[]) as id)';
}

/** The parameter `idsTable` reads: a JSON array for SQLite, an array literal for PostgreSQL. */
export function idsParam(dialect: Dialect, ids: readonly number[]): string {
  return dialect === 'sqlite' ? JSON.stringify(ids) : `{${ids.join(',')}}`;
}
