import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Locale } from '../../src/domain/enums.ts';
import { loadCommands } from '../../src/engine/registry.ts';
import { route } from '../../src/engine/router.ts';
import type { Reply } from '../../src/reply/reply.ts';
import { openStore, type SqliteStore } from '../../src/store/database.ts';
import { findPersonByEmail } from '../../src/store/people.ts';
import type { Dialect, Store } from '../../src/store/store.ts';
import { koers } from './cli.ts';
import { demoSeedArgs } from './demo-template.ts';
import { freshPostgresDemo } from './postgres.ts';
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

/**
 * The demo school on this run's dialect for a test that runs `koers` (with `env`) and also looks
 * at the store itself (`store`, on the same database, closed after the test).
 */
export async function freshDemoEnvAndStore(): Promise<{ env: Record<string, string>; store: Store }> {
  const { env } = await freshDemoEnv();
  const { openConfiguredStore } = await import('../../src/store/open.ts');
  const { store } = await openConfiguredStore(
    { databasePath: env.KOERS_DB ?? '', ...(env.DATABASE_URL && { databaseUrl: env.DATABASE_URL }) },
    { create: false, migrate: false },
  );
  open.push(store);
  return { env, store };
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
