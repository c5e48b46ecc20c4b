/**
 * The PostgreSQL store: a node-postgres pool behind drizzle, with the tables of
 * `db/pg-schema.ts`. Several Koers processes may share one database (docs/postgres.md).
 *
 * A transaction takes one connection of the pool for its whole length; the store's `db` and
 * `raw` are that connection's while the transaction's code runs (AsyncLocalStorage), and the
 * pool's otherwise.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as pgSchema from '../../db/pg-schema.ts';
import { UserError } from '../i18n/user-error.ts';
import { log } from '../log.ts';
import { migratePostgres, reasonOf, redactUrl } from './pg-connection.ts';
import { postgresQuery } from './raw-placeholders.ts';
import type { Db, RawParams, RawRow, Store, Tables } from './store.ts';

/**
 * Counts and sums come back as int8 and numeric, which node-postgres gives as text to keep
 * precision; Koers's counts fit a number, and SQLite gives numbers, so both dialects agree.
 */
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Every statement with parameters is sent as a named prepared statement, named by a hash of its
 * text, so each pooled connection parses and plans a text once and afterwards only binds and runs
 * it. node-postgres's unnamed statements are parsed and planned on every call (0.3–0.6 ms, against
 * index scans of 0.01–0.05 ms): a pathway card's dozen queries paid more for that than for their
 * work (docs/postgres.md, issue 17).
 *
 * The risks, and why they are acceptable:
 * - After five runs PostgreSQL may switch a statement to a generic plan (`plan_cache_mode`
 *   auto), chosen without the parameters' values. It does so only when the generic plan's
 *   estimate is not worse than the custom plans', and Koers's hot queries are index lookups by
 *   id whose plan does not depend on the value.
 * - DDL (a migration) invalidates the plans of the tables it changes; PostgreSQL plans again on
 *   the next run. Only a statement whose result columns change fails ("cached plan must not
 *   change result type"), and Koers names its columns instead of `select *` on hand-written SQL.
 * - Statements without parameters (`begin`, the migrations' scripts of several statements) stay
 *   on the simple protocol, and a connection prepares at most `MAX_PREPARED` texts, so SQL built
 *   with a variable number of parameters (an `in (…)` list, a bulk insert) cannot grow a
 *   connection's memory without end: past the limit, new texts run unnamed as before.
 */
const MAX_PREPARED = 500;

/** Texts longer than this (bulk inserts) are not worth keeping prepared. */
const MAX_PREPARED_TEXT = 4000;

/**
 * The names of texts seen before: a Map finds a text it holds by the string's own cached hash,
 * where hashing it with SHA-1 again costs more than many a query's own work. Bounded, as the
 * connections' prepared texts are; past the bound a name is computed each time.
 */
const names = new Map<string, string>();
const MAX_NAMED = 4 * MAX_PREPARED;

function statementName(text: string): string {
  const known = names.get(text);
  if (known !== undefined) return known;
  const name = `k${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
  if (names.size < MAX_NAMED) names.set(text, name);
  return name;
}

type QueryConfigLike = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };

class PreparingClient extends pg.Client {
  readonly #prepared = new Set<string>();

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's query has a dozen overloads; this passes them all through.
  override query(...args: any[]): any {
    const [config, values] = args;
    const params = Array.isArray(values) ? values : (config as QueryConfigLike | null)?.values;
    const text = typeof config === 'string' ? config : (config as QueryConfigLike | null)?.text;
    const named =
      typeof config === 'string' ||
      (typeof config === 'object' &&
        config !== null &&
        config.name === undefined &&
        typeof config.submit !== 'function');
    if (
      named &&
      typeof text === 'string' &&
      Array.isArray(params) &&
      params.length > 0 &&
      text.length <= MAX_PREPARED_TEXT
    ) {
      const name = statementName(text);
      if (this.#prepared.has(name) || this.#prepared.size < MAX_PREPARED) {
        this.#prepared.add(name);
        args[0] = typeof config === 'string' ? { text, name } : { ...config, name };
      }
    }
    return super.query(...(args as Parameters<pg.Client['query']>));
  }
}

type Queryable = pg.Pool | pg.PoolClient;
type Frame = { client: pg.PoolClient; db: Db; savepoints: number };

/** Identifies the migrations among several starting processes: one migrates, the others wait. */
const MIGRATION_LOCK = 0x6b6f657273; // "koers"

export type PostgresStore = Store & { readonly dialect: 'postgres'; readonly pool: pg.Pool };

export type PostgresOptions = { applicationName?: string; maxConnections?: number };

/** Connects to `url`, brings its schema up to date, and returns the store. */
export async function openPostgresStore(
  url: string,
  options: PostgresOptions = {},
): Promise<{ store: PostgresStore; migrationsApplied: number }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 15_000,
    application_name: options.applicationName ?? 'koers',
    types,
    Client: PreparingClient,
  });
  // A connection that breaks while idle is dropped by the pool; the error must not end the process.
  pool.on('error', (error) => log.warn('store.postgresIdleError', { reason: reasonOf(error, url) }));
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new UserError(
      'db.postgresUnreachable',
      { url: redactUrl(url), reason: reasonOf(cause, url) },
      { cause },
    );
  }
  let migrationsApplied: number;
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      migrationsApplied = (await migratePostgres(client, url)).applied;
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (error) {
    client.release();
    await pool.end().catch(() => {});
    throw error;
  }
  client.release();
  return { store: postgresStore(pool), migrationsApplied };
}

export function postgresStore(pool: pg.Pool): PostgresStore {
  const context = new AsyncLocalStorage<Frame>();
  const tables = pgSchema as unknown as Tables;
  // No relational queries in Koers: without a schema, drizzle builds nothing per connection.
  const poolDb = drizzle(pool) as unknown as Db;

  const queryable = (): Queryable => context.getStore()?.client ?? pool;

  async function query(text: string, params: RawParams): Promise<pg.QueryResult> {
    const numbered = postgresQuery(text, params);
    return queryable().query(numbered.text, numbered.values);
  }

  async function transaction<T>(work: () => Promise<T>): Promise<T> {
    const current = context.getStore();
    if (current) {
      current.savepoints += 1;
      const name = `koers_${current.savepoints}`;
      await current.client.query(`savepoint ${name}`);
      try {
        const result = await work();
        await current.client.query(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await current.client.query(`rollback to savepoint ${name}`);
        throw error;
      }
    }
    const client = await pool.connect();
    const frame: Frame = {
      client,
      db: drizzle(client) as unknown as Db,
      savepoints: 0,
    };
    let broken = false;
    try {
      await client.query('begin');
      const result = await context.run(frame, work);
      await client.query('commit');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch {
        broken = true; // the connection is gone; the pool must not hand it out again
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    dialect: 'postgres',
    t: tables,
    get db() {
      return context.getStore()?.db ?? poolDb;
    },
    raw: {
      async all(text, params = []) {
        return (await query(text, params)).rows as RawRow[];
      },
      async run(text, params = []) {
        return (await query(text, params)).rowCount ?? 0;
      },
    },
    get inTransaction() {
      return context.getStore() !== undefined;
    },
    transaction,
    async close() {
      await pool.end();
    },
    pool,
  };
}
