/**
 * The SQLite store: one better-sqlite3 connection behind drizzle's asynchronous SQLite driver
 * (`sqlite-proxy`), so store code awaits the same way on both dialects.
 *
 * One connection serves every request of the process. better-sqlite3 runs a statement
 * synchronously, but a transaction now spans awaits, and a statement of another request that
 * ran in between would become part of it (and be rolled back with it). So a transaction holds the
 * connection: statements from outside it wait until it ends; its own statements, recognised
 * through AsyncLocalStorage, pass.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import * as schema from '../../db/schema.ts';
import { UserError } from '../i18n/user-error.ts';
import type { RawParams, RawRow, SqliteStore, TransactionOptions } from './store.ts';

export type ForeignKeyProblem = { table: string; rowid: number; parent: string };

export class ForeignKeyViolation extends Error {
  constructor(readonly violations: ForeignKeyProblem[]) {
    super(`foreign key violations: ${JSON.stringify(violations.slice(0, 5))}`);
    this.name = 'ForeignKeyViolation';
  }
}

/** The transaction that holds the connection, as its own code sees it. */
type Frame = { savepoints: number };

/** Who holds the connection, and who waits for it. */
class ConnectionHold {
  private holder: Frame | undefined;
  private waiting: (() => void)[] = [];

  /** Resolves when `frame` (or nobody) holds the connection. */
  async pass(frame: Frame | undefined): Promise<void> {
    while (this.holder && this.holder !== frame)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  async take(frame: Frame): Promise<void> {
    await this.pass(undefined);
    this.holder = frame;
  }

  release(): void {
    this.holder = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}

/** better-sqlite3 binds numbers, text, null and buffers; a boolean is stored as SQLite stores it, 1 or 0. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
}

/** Raw parameters as better-sqlite3 binds them: in order, or one object of named values. */
function bindableRaw(params: RawParams): unknown[] {
  if (Array.isArray(params)) return bindable(params);
  return [Object.fromEntries(Object.entries(params).map(([name, value]) => [name, bindable([value])[0]]))];
}

function busyAsUserError(error: unknown): unknown {
  return (error as { code?: string }).code === 'SQLITE_BUSY'
    ? new UserError('db.busy', {}, { cause: error })
    : error;
}

/** A statement's result column names, asked of better-sqlite3 once per statement. */
const columnsOf = new WeakMap<Database.Statement, string[]>();
function columnNames(statement: Database.Statement): string[] {
  let names = columnsOf.get(statement);
  if (!names) {
    names = statement.columns().map((column) => column.name);
    columnsOf.set(statement, names);
  }
  return names;
}

/**
 * Rows as objects, built here from better-sqlite3's arrays: its own objects cost three times as
 * much (0.95 against 0.32 ms for a caseload of 200), and a caseload is read on every lookup. As
 * better-sqlite3 does, a later column of the same name wins.
 */
function asObjects(names: readonly string[], rows: readonly unknown[][]): RawRow[] {
  const objects: RawRow[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown[];
    const object: RawRow = {};
    for (let c = 0; c < names.length; c++) object[names[c] as string] = row[c];
    objects[r] = object;
  }
  return objects;
}

export function sqliteStore(client: Database.Database): SqliteStore {
  const context = new AsyncLocalStorage<Frame>();
  const hold = new ConnectionHold();
  // Drizzle builds the same SQL text for the same query shape; preparing it once saves SQLite's parse.
  const statements = new Map<string, Database.Statement>();
  const statement = (text: string): Database.Statement => {
    let prepared = statements.get(text);
    if (!prepared) {
      prepared = client.prepare(text);
      statements.set(text, prepared);
    }
    return prepared;
  };

  const db = drizzle(
    async (text, params, method) => {
      await hold.pass(context.getStore());
      const prepared = statement(text);
      const values = bindable(params);
      try {
        if (method === 'run' || !prepared.reader) {
          const info = prepared.run(...values);
          return { rows: [], changes: info.changes } as { rows: unknown[] };
        }
        const raw = prepared.raw(true);
        return { rows: method === 'get' ? raw.get(...values) : raw.all(...values) } as { rows: unknown[] };
      } catch (error) {
        throw busyAsUserError(error);
      }
    },
    { schema },
  );

  const raw = {
    async all(text: string, params: RawParams = []): Promise<RawRow[]> {
      await hold.pass(context.getStore());
      try {
        const prepared = statement(text);
        if (!prepared.reader) return [];
        return asObjects(
          columnNames(prepared),
          prepared.raw(true).all(...bindableRaw(params)) as unknown[][],
        );
      } catch (error) {
        throw busyAsUserError(error);
      }
    },
    async run(text: string, params: RawParams = []): Promise<number> {
      await hold.pass(context.getStore());
      try {
        return statement(text).run(...bindableRaw(params)).changes;
      } catch (error) {
        throw busyAsUserError(error);
      }
    },
  };

  async function nested<T>(frame: Frame, work: () => Promise<T>): Promise<T> {
    frame.savepoints += 1;
    const name = `koers_${frame.savepoints}`;
    client.exec(`savepoint ${name}`);
    try {
      const result = await work();
      client.exec(`release ${name}`);
      return result;
    } catch (error) {
      client.exec(`rollback to ${name}`);
      client.exec(`release ${name}`);
      throw error;
    }
  }

  async function transaction<T>(work: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const current = context.getStore();
    if (current) return nested(current, work);
    const frame: Frame = { savepoints: 0 };
    await hold.take(frame);
    try {
      // The pragma is a no-op inside a transaction, so it is switched around it.
      if (options.checked) client.pragma('foreign_keys = OFF');
      try {
        // IMMEDIATE: the write lock is taken up front, so a second writer (another process) waits
        // out the busy timeout instead of failing halfway when its first read turns into a write.
        client.exec('begin immediate');
      } catch (error) {
        throw busyAsUserError(error);
      }
      try {
        const result = await context.run(frame, work);
        if (options.checked) {
          const violations = client.pragma('foreign_key_check') as ForeignKeyProblem[];
          if (violations.length > 0) throw new ForeignKeyViolation(violations);
        }
        client.exec('commit');
        return result;
      } catch (error) {
        if (client.inTransaction) client.exec('rollback');
        throw busyAsUserError(error);
      }
    } finally {
      if (options.checked) client.pragma('foreign_keys = ON');
      hold.release();
    }
  }

  return {
    dialect: 'sqlite',
    t: schema,
    db,
    raw,
    get inTransaction() {
      return context.getStore() !== undefined;
    },
    transaction,
    async close() {
      if (client.open) client.close();
    },
    $client: client,
  };
}
