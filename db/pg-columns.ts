/**
 * Column shapes and CHECK constraints shared by the tables in `pg-schema.ts`: the PostgreSQL
 * twins of `columns.ts`, with the same names and the same rules (docs/postgres.md).
 *
 * Dates and instants stay `text` here too, not `date` or `timestamptz`: the store code reads and
 * writes the same strings on both databases, text order stays time order, and nothing depends on
 * the session's `TimeZone` or `DateStyle`. The CHECKs hold the same form SQLite's do.
 *
 * Patterns are written with `[0-9]`, never `\d`: in PostgreSQL `\d` is `[[:digit:]]`, which may
 * match other scripts' digits under the database's locale, and SQLite's `glob '[0-9]'` does not.
 * `[.]` rather than `\.` keeps a pattern the same whatever `standard_conforming_strings` says.
 */
import { sql } from 'drizzle-orm';
import { check, type PgColumn, text } from 'drizzle-orm/pg-core';

/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = (name: string) => text(name);

/** An instant in UTC, `YYYY-MM-DDTHH:MM:SS.sssZ` (what `Date#toISOString` writes). */
export const instant = (name: string) => text(name);

function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

/** `column IN (…values)`; NULL passes, so nullable columns stay nullable. */
export function oneOf(name: string, column: PgColumn, values: readonly (string | number)[]) {
  return check(name, sql`${column} in (${sql.raw(values.map(literal).join(', '))})`);
}

/** `YYYY-MM-DD` with a month 01–12 and a day 01–31; whether the day exists is `realDay`'s question. */
const DATE_PATTERN = '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
/**
 * `HH:MM:SS.sss`, 00:00:00.000 to 23:59:59.999: what `Date#toISOString` writes. SQLite's check
 * also takes hour 24 (its `strftime` gives `T24:30:00.000Z` back unchanged); that is no instant
 * Koers writes, so here it is refused. Neither takes a leap second.
 */
const TIME_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}';

/**
 * Whether the date in the first ten characters of `column` exists in PostgreSQL's own calendar:
 * the first of its month plus its day minus one must still fall in that month (`2026-02-31` runs
 * into March). `make_date` and date arithmetic are immutable and, once the pattern has matched,
 * cannot fail; a plain `::date` cast would raise an error (not a check violation) on `2026-02-31`,
 * and its output follows `DateStyle`.
 */
function realDay(column: PgColumn) {
  return sql`extract(month from make_date(left(${column}, 4)::integer, substr(${column}, 6, 2)::integer, 1) + (substr(${column}, 9, 2)::integer - 1)) = substr(${column}, 6, 2)::integer`;
}

/**
 * `pattern` matches the whole value and the date in it is real. A `case`, not `and`: PostgreSQL
 * does not promise to evaluate `and` left to right, and the casts in `realDay` must only see a
 * value the pattern accepted. Year 0000 is left out: SQLite's `date()` takes it, but PostgreSQL's
 * calendar has no year 0 (`make_date` would fail); Koers never writes it. NULL passes.
 */
function matchesWithRealDay(name: string, column: PgColumn, pattern: string) {
  return check(
    name,
    sql`case when ${column} ~ ${sql.raw(literal(`^${pattern}$`))} and left(${column}, 4) <> '0000' then ${realDay(column)} else ${column} is null end`,
  );
}

/** A real calendar date in `YYYY-MM-DD` form (SQLite: `date(x) is x`). */
export function isIsoDate(name: string, column: PgColumn) {
  return matchesWithRealDay(name, column, DATE_PATTERN);
}

/**
 * A real UTC instant in `Date#toISOString` form, milliseconds and `Z` included (SQLite:
 * `strftime('%Y-%m-%dT%H:%M:%fZ', x) is x`).
 */
export function isInstant(name: string, column: PgColumn) {
  return matchesWithRealDay(name, column, `${DATE_PATTERN}T${TIME_PATTERN}Z`);
}

/** The whole value matches `pattern` (SQLite's `glob`, which always matches the whole value). */
export function matches(name: string, column: PgColumn, pattern: string) {
  return check(name, sql`${column} ~ ${sql.raw(literal(`^${pattern}$`))}`);
}

export function between(name: string, column: PgColumn, min: number, max: number) {
  return check(name, sql`${column} between ${sql.raw(String(min))} and ${sql.raw(String(max))}`);
}

/**
 * `column = lower(column)` as SQLite means it: SQLite's `lower()` folds only ASCII letters, and
 * under `collate "C"` PostgreSQL's does the same, whatever locale the database was created with.
 */
export function isLowerCase(name: string, column: PgColumn) {
  return check(name, sql`${column} = lower(${column} collate "C")`);
}
