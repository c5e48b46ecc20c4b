/**
 * Column shapes and CHECK constraints shared by the tables in `schema.ts`.
 *
 * SQLite has no date or enum types, so the rules the domain relies on (dates as ISO dates,
 * instants as UTC ISO-8601, closed vocabularies) are written into the table as CHECKs: a bug
 * elsewhere cannot store a value the rest of Koers would misread.
 */
import { sql } from 'drizzle-orm';
import { check, type SQLiteColumn, text } from 'drizzle-orm/sqlite-core';

/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = (name: string) => text(name);

/** An instant in UTC, `YYYY-MM-DDTHH:MM:SS.sssZ` (what `Date#toISOString` writes). */
export const instant = (name: string) => text(name);

function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

/** `column IN (…values)`; NULL passes, so nullable columns stay nullable. */
export function oneOf(name: string, column: SQLiteColumn, values: readonly (string | number)[]) {
  return check(name, sql`${column} in (${sql.raw(values.map(literal).join(', '))})`);
}

/** A real calendar date in `YYYY-MM-DD` form: SQLite's own `date()` must give it back unchanged. */
export function isIsoDate(name: string, column: SQLiteColumn) {
  return check(name, sql`date(${column}) is ${column}`);
}

/** A real UTC instant in `Date#toISOString` form, milliseconds and `Z` included. */
export function isInstant(name: string, column: SQLiteColumn) {
  return check(name, sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${column}) is ${column}`);
}

export function between(name: string, column: SQLiteColumn, min: number, max: number) {
  return check(name, sql`${column} between ${sql.raw(String(min))} and ${sql.raw(String(max))}`);
}
