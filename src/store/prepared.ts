/**
 * Queries built once and run many times: drizzle's `.prepare()`, with `sql.placeholder(name)`
 * where a call's values go. Building a query (walking the table objects, composing its text) costs
 * 0.25–0.5 ms; a small indexed query runs in 0.01 ms on SQLite and in a round trip on PostgreSQL.
 * On a request's hot path (who asks, the pathway card) the building was most of the time.
 *
 * A prepared query belongs to the query builder it came from. Outside a transaction that is the
 * store's own builder, so every call reuses one. PostgreSQL gives each transaction a builder of
 * its own (its connection): there the query is built again for that transaction, and reads what
 * the transaction wrote. SQLite has one builder, whose statements already join the transaction
 * that holds the connection (`sqlite-store.ts`).
 *
 * Only for queries whose shape is fixed: a query whose text depends on its input (an `in (…)` of
 * any length, optional conditions) is built per call as before.
 *
 * A value given for a placeholder goes through its column's encoder even when it is null (an
 * insert built each time leaves a null alone): a JSON column would store the JSON text `null`, not
 * SQL NULL. A prepared insert or update leaves out a column whose value is null (`audit.ts` has a
 * statement with the detail and one without).
 */
import { type Placeholder, sql } from 'drizzle-orm';
import type { Db, Store, Tables } from './store.ts';

type Executable<Result> = { execute(values?: Record<string, unknown>): Promise<Result> };

/** `placeholders.studentId` is `sql.placeholder('studentId')`: the names a query takes, typed. */
export type Placeholders<Values> = { readonly [Name in keyof Values & string]: Placeholder<Name> };

const placeholders = new Proxy({} as Record<string, Placeholder>, {
  get: (_, name) => sql.placeholder(String(name)),
});

/**
 * A query prepared per query builder: `build` makes it from the tables and the placeholders of
 * `Values`; the function returned runs it with a call's values.
 */
export function prepared<Values extends Record<string, unknown>, Result>(
  build: (db: Db, t: Tables, p: Placeholders<Values>) => Executable<Result>,
): (store: Store, values: Values) => Promise<Result> {
  const built = new WeakMap<Db, Executable<Result>>();
  return (store, values) => {
    const { db } = store;
    let query = built.get(db);
    if (!query) {
      query = build(db, store.t, placeholders as Placeholders<Values>);
      built.set(db, query);
    }
    return query.execute(values);
  };
}
