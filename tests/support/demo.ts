import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { Locale } from '../../src/domain/enums.ts';
import { loadCommands } from '../../src/engine/registry.ts';
import { route } from '../../src/engine/router.ts';
import type { Reply } from '../../src/reply/reply.ts';
import { openStore, type SqliteStore } from '../../src/store/database.ts';
import { migrateStore } from '../../src/store/migrations.ts';
import { findPersonByEmail } from '../../src/store/people.ts';
import type { Dialect, Store } from '../../src/store/store.ts';
import { koers } from './cli.ts';
import { demoSeedArgs } from './demo-template.ts';
import { freshPostgres, freshPostgresDemo } from './postgres.ts';
import { tempDir } from './temp.ts';

/** The moment every demo test runs at: the seed's stories end on this Monday. */
export const DEMO_NOW = new Date('2026-11-23T09:00:00Z');

let template: string | undefined;

/**
 * The demo school, seeded once per run by the global setup (tests/support/demo-template.ts); a
 * test run without it (another config) seeds it once per test file. Tests get copies.
 */
async function demoTemplate(): Promise<string> {
  template ??= inject('demoTemplate');
  if (!template) {
    const file = join(tempDir({ shared: true }), 'template.db');
    const { code, err } = await koers([...demoSeedArgs, '--db', file]);
    if (code !== 0) throw new Error(err);
    template = file;
  }
  return template;
}

const open: Store[] = [];
/** Closes the demo stores of the test that ended (tests/support/setup.ts). */
export async function closeDemos(): Promise<void> {
  for (const store of open.splice(0)) await store.close();
}

/**
 * The dialect this run tests the store on: the `postgres` project of vitest.config.ts sets
 * KOERS_TEST_DIALECT and runs the dialect-neutral test files again on PostgreSQL.
 */
export const testDialect: Dialect = process.env.KOERS_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh copy of the demo school on this run's dialect (`testDialect`), closed after the test. */
export async function freshDemoStore(): Promise<Store> {
  if (testDialect === 'sqlite') return (await freshDemo()).store;
  const { openPostgresStore } = await import('../../src/store/pg-store.ts');
  const { url } = await freshPostgresDemo();
  const { store } = await openPostgresStore(url, { maxConnections: 4 });
  open.push(store);
  return store;
}

/**
 * Where a `koers` process of this run's dialect keeps the demo school: a copied SQLite file, or
 * DATABASE_URL of a copied PostgreSQL database.
 */
export async function freshDemoEnv(): Promise<{ env: Record<string, string>; file?: string }> {
  if (testDialect === 'sqlite') {
    const file = join(tempDir(), 'koers.db');
    copyFileSync(await demoTemplate(), file);
    return { env: { KOERS_DB: file }, file };
  }
  const { url } = await freshPostgresDemo();
  return { env: { DATABASE_URL: url } };
}

/** Where a `koers` environment keeps its data, as `Config` says it: the SQLite file, or DATABASE_URL. */
export function databaseOf(env: Record<string, string>): Pick<Config, 'databasePath' | 'databaseUrl'> {
  return { databasePath: env.KOERS_DB ?? '', ...(env.DATABASE_URL && { databaseUrl: env.DATABASE_URL }) };
}

/** A store on the database of a `koers` environment (already migrated), closed after the test. */
async function storeOf(env: Record<string, string>): Promise<Store> {
  const { openConfiguredStore } = await import('../../src/store/open.ts');
  const { store } = await openConfiguredStore(databaseOf(env), { create: false, migrate: false });
  open.push(store);
  return store;
}

/**
 * The demo school on this run's dialect for a test that runs `koers` (with `env`) and also looks
 * at the store itself (`store`, on the same database, closed after the test).
 */
export async function freshDemoEnvAndStore(): Promise<{ env: Record<string, string>; store: Store }> {
  const { env } = await freshDemoEnv();
  return { env, store: await storeOf(env) };
}

/** An empty database of this run's dialect, where nothing has been created yet. */
export async function emptyDatabaseEnv(): Promise<Record<string, string>> {
  return testDialect === 'postgres'
    ? { DATABASE_URL: (await freshPostgres()).url }
    : { KOERS_DB: join(tempDir(), 'koers.db') };
}

/** An empty database of this run's dialect, migrated by `koers db migrate`, and a store on it. */
export async function freshMigratedEnvAndStore(): Promise<{ env: Record<string, string>; store: Store }> {
  const env = await emptyDatabaseEnv();
  const { code, err } = await koers(['db', 'migrate'], env);
  if (code !== 0) throw new Error(err);
  return { env, store: await storeOf(env) };
}

/**
 * The demo school for a test that runs `koers` on it as an administrator would: `cli` names the
 * file with `--db` on SQLite (`file`) and passes DATABASE_URL on PostgreSQL; `store` is the same
 * database.
 */
export async function freshDemoSchool() {
  const { env, store } = await freshDemoEnvAndStore();
  const file = env.KOERS_DB;
  const cli = (args: string[], more: Record<string, string> = {}) =>
    koers([...args, ...(file ? ['--db', file] : [])], { ...env, ...more });
  return { store, file, cli };
}

/**
 * An empty database of this run's dialect with the schema migrated in this process, closed after
 * the test; `file` only on SQLite.
 */
export async function freshMigratedStore(): Promise<{ store: Store; file?: string }> {
  if (testDialect === 'sqlite') {
    const file = join(tempDir(), 'koers.db');
    const store = openStore(file, { create: true });
    migrateStore(store);
    open.push(store);
    return { store, file };
  }
  const { url } = await freshPostgres();
  const { openPostgresStore } = await import('../../src/store/pg-store.ts');
  const { store } = await openPostgresStore(url, { maxConnections: 4 });
  open.push(store);
  return { store };
}

/** A fresh copy of the demo school on SQLite for one test, closed after it. */
export async function freshDemo(): Promise<{ store: SqliteStore; file: string }> {
  const file = join(tempDir(), 'koers.db');
  copyFileSync(await demoTemplate(), file);
  const store = openStore(file, { create: false });
  open.push(store);
  return { store, file };
}

/** Runs a command line as the person with this email, through the router, as a terminal would. */
export async function askAs(
  store: Store,
  email: string,
  text: string,
  options: { locale?: Locale; now?: Date } = {},
): Promise<Reply> {
  const actor = await findPersonByEmail(store, email);
  if (!actor) throw new Error(`no demo person ${email}`);
  return route(await loadCommands(), {
    store,
    actor,
    text,
    channel: 'cli',
    now: options.now ?? DEMO_NOW,
    ...(options.locale ? { locale: options.locale } : {}),
  });
}

export const errorsOf = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === 'text' && b.tone === 'error' ? [b.text] : []));

/** Everything a reader sees in a reply, as one string, to search for what must not be there. */
export const visibleText = (reply: Reply) => JSON.stringify(reply.blocks);
