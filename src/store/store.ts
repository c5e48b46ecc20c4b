/**
 * What the rest of Koers holds when it holds "the store": one school database, SQLite or
 * PostgreSQL, behind one asynchronous face (docs/postgres.md).
 *
 * Store code reaches its tables through `store.t` and queries through `store.db`, and awaits
 * every query. Both dialects' drizzle builders share the surface Koers uses (select, insert,
 * update, delete, joins, `onConflictDoUpdate`, `returning`), so one function serves both; the
 * static type is SQLite's because one face must be chosen, and `db/pg-schema.ts` is held equal
 * to `db/schema.ts` by tests/pg-schema.test.ts. What exists on one dialect only — `.get()`,
 * `.all()`, `.run()`, `.values()`, `db.all(sql)` — is not used: the store tests on PostgreSQL
 * fail on it. SQL written by hand goes through `src/store/raw.ts`.
 *
 * Transactions are ambient: inside `inTransaction` (`transaction.ts`), `store.db` and the raw
 * queries are the transaction's, found through AsyncLocalStorage, so the functions a command
 * calls need not be handed a transaction object and stay the same inside and outside one.
 */
import type Database from 'better-sqlite3';
import type { SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy';
import type * as schema from '../../db/schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** The tables by name, as `db/schema.ts` declares them (on PostgreSQL: their twins of `db/pg-schema.ts`). */
export type Tables = typeof schema;

/** The query builder; see above for why its type is SQLite's on both dialects. */
export type Db = SqliteRemoteDatabase<typeof schema>;

/** A value a hand-written query takes as a parameter. */
export type SqlValue = string | number | boolean | null;

/** A row of a hand-written query, as the driver returns it (see `raw.ts` for what differs). */
export type RawRow = Record<string, unknown>;

/** Parameters of hand-written SQL: in order for `?`, by name for `:name` (`raw-placeholders.ts`). */
export type RawParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/**
 * Hand-written SQL, run on the current transaction or connection. Write it for both dialects:
 * quote aliases (`as "studentId"`: PostgreSQL folds unquoted names to lower case), compare
 * booleans with `true`/`false`, use `coalesce` not `ifnull`, and the functions of
 * `dialect-sql.ts`. A boolean comes back as 1/0 from SQLite and true/false from PostgreSQL, a
 * JSON column as text from SQLite and parsed from PostgreSQL: read them with `raw-values.ts`.
 */
export interface RawConnection {
  all(text: string, params?: RawParams): Promise<RawRow[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(text: string, params?: RawParams): Promise<number>;
}

export type TransactionOptions = {
  /**
   * Foreign keys checked once, at the end, rather than row by row: for bulk loads and SQLite's
   * table rebuilds (`transaction.ts`). PostgreSQL checks each statement, which loads in
   * foreign-key order satisfy.
   */
  checked?: boolean;
};

export interface Store {
  readonly dialect: Dialect;
  readonly t: Tables;
  /** The query builder of the current transaction, or of the connection outside one. */
  readonly db: Db;
  readonly raw: RawConnection;
  /** Whether the caller runs inside a transaction of this store. */
  readonly inTransaction: boolean;
  /** All or nothing; a transaction inside a transaction is a savepoint. */
  transaction<T>(work: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** A SQLite store also offers its file's connection, for what only SQLite has: pragmas, backup, the schema version. */
export interface SqliteStore extends Store {
  readonly dialect: 'sqlite';
  readonly $client: Database.Database;
}

export function isSqlite(store: Store): store is SqliteStore {
  return store.dialect === 'sqlite';
}
