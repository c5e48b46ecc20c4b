/**
 * Plain SQL on a test's store, on either dialect (`freshDemoStore()`): what `dump.ts` does on a
 * SQLite file. Write it for both (docs/postgres.md, "Hand-written SQL for both"): quoted
 * camelCase aliases, booleans as true/false, and read booleans and JSON with `rawBoolean` and
 * `rawJson` (src/store/raw-values.ts).
 */
import { tableNamesQuery } from '../../src/store/dialect-sql.ts';
import type { RawParams, Store } from '../../src/store/store.ts';

/** Reads with plain SQL, as an administrator would check the data. */
export async function rows<T = Record<string, unknown>>(
  store: Store,
  sql: string,
  params: RawParams = [],
): Promise<T[]> {
  return (await store.raw.all(sql, params)) as T[];
}

/** Arranges data with plain SQL, where a test needs a situation no command makes: one statement. */
export async function arrangeIn(store: Store, sql: string, params: RawParams = []): Promise<number> {
  return store.raw.run(sql, params);
}

/** A value as both drivers agree on it: booleans as 1/0, JSON parsed with sorted keys. */
function comparable(value: unknown): unknown {
  if (value === true) return 1;
  if (value === false) return 0;
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return comparable(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, comparable(inner)]),
    );
  return value;
}

/**
 * Every table's rows, in one order on both dialects (refused attempts in the audit log aside, as
 * in `dumpTables`): two equal dumps mean equal data.
 */
export async function dumpStore(store: Store): Promise<string> {
  const tables = (await store.raw.all(tableNamesQuery(store.dialect))).map((row) => String(row.name));
  const out: string[] = [];
  for (const table of tables) {
    const where = table === 'audit_log' ? " where action <> 'refused'" : '';
    const lines = (await store.raw.all(`select * from "${table}"${where}`))
      .map((row) => JSON.stringify(comparable(row)))
      .sort();
    out.push(`${table}\n${lines.join('\n')}`);
  }
  return out.join('\n\n');
}
