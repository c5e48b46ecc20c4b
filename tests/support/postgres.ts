/**
 * A throwaway PostgreSQL for the test run (a vitest global setup, like demo-template.ts), and a
 * fresh database on it for each test (`freshPostgres`).
 *
 * Where the server comes from, in this order:
 * - `KOERS_TEST_DATABASE_URL` in the environment: a CI that provides a server. Tests create their databases
 *   on it (its user needs CREATEDB) and drop them afterwards.
 * - Debian's PostgreSQL binaries (/usr/lib/postgresql/15/bin, else the newest version there): a
 *   server of our own in a temporary folder, on a Unix socket in that folder only (no TCP port),
 *   without fsync. PostgreSQL refuses to run as root, so as root initdb and pg_ctl run as the
 *   `postgres` user (`runuser`), the folder given to it. `.ci/run` installs `postgresql-15`.
 * - Neither: the PostgreSQL tests are skipped, and their title says why.
 *
 * The server starts in the background while the other global setups and the unit tests run (it
 * takes about a second); `freshPostgres` waits for it. It is stopped and its folder removed when
 * the run ends.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { inject, onTestFinished } from 'vitest';
import type { TestProject } from 'vitest/node';
import { pgProgram, postgresBinaries, postgresUser, startThrowawayServer } from './postgres-programs.ts';

export type PostgresServer =
  /** A server given by the environment (`KOERS_TEST_DATABASE_URL`): an address its tests may create databases with. */
  | { kind: 'url'; url: string }
  /** The server this run started: its Unix socket is in `folder`, user `postgres`, no password. */
  | { kind: 'socket'; folder: string }
  | { kind: 'none'; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresServer;
  }
}

const _run = promisify(execFile);
const READY = 'koers-ready';
const FAILED = 'koers-failed';
/** The test run's process id: a folder whose run is gone (killed before its teardown) is swept. */
const OWNER = 'koers-owner';

/** What the setups of one run share: vitest runs a global setup once per project, in one process. */
type Shared = { server: PostgresServer; users: number; stop: () => Promise<void> };
const SHARED = Symbol.for('koers.tests.postgres');
const registry = globalThis as typeof globalThis & { [SHARED]?: Promise<Shared> };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Stops and removes the servers of earlier runs that were killed before their teardown. */
async function sweepAbandoned(bin: string, root: boolean): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('koers-pg-'))) {
    const folder = join(tmpdir(), name);
    const owner = join(folder, OWNER);
    if (!existsSync(owner) || alive(Number(readFileSync(owner, 'utf8')))) continue;
    await stopServer(bin, folder, root).catch(() => {});
    rmSync(folder, { recursive: true, force: true });
  }
}

async function stopServer(bin: string, folder: string, root: boolean): Promise<void> {
  if (!existsSync(join(folder, 'data', 'postmaster.pid'))) return;
  await pgProgram(bin, root, 'pg_ctl', ['-D', join(folder, 'data'), '-m', 'immediate', '-w', 'stop']);
}

async function launch(): Promise<Shared> {
  const nothing = async () => {};
  const given = process.env.KOERS_TEST_DATABASE_URL;
  if (given) return { server: { kind: 'url', url: given }, users: 0, stop: nothing };
  const bin = postgresBinaries();
  if (!bin) {
    const reason =
      'no PostgreSQL binaries in /usr/lib/postgresql/*/bin and no KOERS_TEST_DATABASE_URL (.ci/run installs postgresql-15)';
    return { server: { kind: 'none', reason }, users: 0, stop: nothing };
  }
  const root = process.getuid?.() === 0;
  const user = root ? await postgresUser() : undefined;
  if (root && !user) {
    const reason = 'running as root and there is no `postgres` user to run PostgreSQL as';
    return { server: { kind: 'none', reason }, users: 0, stop: nothing };
  }
  await sweepAbandoned(bin, root);
  const folder = mkdtempSync(join(tmpdir(), 'koers-pg-'));
  writeFileSync(join(folder, OWNER), String(process.pid));
  if (user) chownSync(folder, user.uid, user.gid);
  // Not awaited: the tests that need the server wait for one of the two marker files.
  const started = startThrowawayServer(bin, folder, root).then(
    () => writeFileSync(join(folder, READY), ''),
    (error: unknown) => {
      const log = existsSync(join(folder, 'server.log'))
        ? readFileSync(join(folder, 'server.log'), 'utf8')
        : '';
      writeFileSync(join(folder, FAILED), `${(error as Error).message}\n${log}`);
    },
  );
  const stop = async () => {
    await started;
    await stopServer(bin, folder, root);
    rmSync(folder, { recursive: true, force: true });
  };
  return { server: { kind: 'socket', folder }, users: 0, stop };
}

/**
 * The global setup. Vitest runs it for the root project and for each project with tests in the
 * run; they all share one server, stopped by the last teardown.
 */
export default async function setup(project: TestProject) {
  registry[SHARED] ??= launch();
  const shared = await registry[SHARED];
  shared.users += 1;
  project.provide('postgres', shared.server);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[SHARED];
    await shared.stop();
  };
}

/** The server of this run; `{ kind: 'none' }` with the reason when there is none. */
export function postgresServer(): PostgresServer {
  return (
    inject('postgres') ?? {
      kind: 'none',
      reason: 'the global setup tests/support/postgres.ts did not run (see vitest.config.ts)',
    }
  );
}

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  const server = postgresServer();
  return server.kind === 'none' ? server.reason : undefined;
}

async function serverReady(server: PostgresServer): Promise<void> {
  if (server.kind !== 'socket') return;
  const until = Date.now() + 60_000;
  while (!existsSync(join(server.folder, READY))) {
    if (existsSync(join(server.folder, FAILED)))
      throw new Error(`PostgreSQL did not start:\n${readFileSync(join(server.folder, FAILED), 'utf8')}`);
    if (Date.now() > until) throw new Error(`PostgreSQL did not start within a minute (${server.folder})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A connection to the server's maintenance database, to create and drop the tests' databases. */
function adminConfig(server: PostgresServer): pg.ClientConfig {
  if (server.kind === 'url') return { connectionString: server.url };
  if (server.kind === 'socket') return { host: server.folder, user: 'postgres', database: 'postgres' };
  throw new Error(`PostgreSQL is not available: ${server.reason}`);
}

/** The address of database `name` on the server, as `koers db copy --to` takes it. */
function databaseUrl(server: PostgresServer, name: string): string {
  if (server.kind === 'url') {
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    return url.toString();
  }
  if (server.kind === 'socket')
    return `postgresql://postgres@localhost/${name}?host=${encodeURIComponent(server.folder)}`;
  throw new Error(`PostgreSQL is not available: ${server.reason}`);
}

async function admin<T>(server: PostgresServer, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(adminConfig(server));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let databases = 0;

export type FreshPostgres = {
  /** `postgresql://…` of the new, empty database. */
  url: string;
  name: string;
  /** A connection to it, for the test's own queries (closed after the test). */
  client: pg.Client;
};

/**
 * A new, empty database for one test (`create database … template template0`), dropped after it
 * with its connections.
 */
export async function freshPostgres(): Promise<FreshPostgres> {
  const server = postgresServer();
  await serverReady(server);
  databases += 1;
  const name = `koers_test_${process.pid}_${databases}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(server, (client) => client.query(`create database "${name}" template template0`));
  const url = databaseUrl(server, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  onTestFinished(async () => {
    await client.end().catch(() => {});
    await admin(server, (c) => c.query(`drop database if exists "${name}" with (force)`));
  });
  return { url, name, client };
}

/**
 * The demo school on PostgreSQL, seeded once per test run and copied per test (`create database
 * … template`). Named after the run (its SQLite template's folder), so a server given by
 * KOERS_TEST_DATABASE_URL never hands a run the school an older build seeded.
 */
const demoTemplateName = () =>
  `koers_demo_${createHash('sha1')
    .update(inject('demoTemplate') ?? String(process.pid))
    .digest('hex')
    .slice(0, 12)}`;
/** Serialises the template's creation across the test run's workers, in PostgreSQL itself. */
const TEMPLATE_LOCK = 0x6b64656d6f; // "kdemo"

async function ensureDemoTemplate(server: PostgresServer): Promise<string> {
  const DEMO_TEMPLATE = demoTemplateName();
  await admin(server, async (client) => {
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [DEMO_TEMPLATE]);
      if (found.rowCount) return;
      const building = `${DEMO_TEMPLATE}_building`;
      await client.query(`drop database if exists "${building}" with (force)`);
      await client.query(`create database "${building}" template template0`);
      // The same seed as the SQLite template (demo-template.ts), through Koers's own CLI.
      const { main } = await import('../../src/cli/main.ts');
      const { demoSeedArgs } = await import('./demo-template.ts');
      const err: string[] = [];
      const code = await main(
        demoSeedArgs,
        { DATABASE_URL: databaseUrl(server, building) },
        { out: () => {}, err: (line) => err.push(line) },
      );
      if (code !== 0) throw new Error(`seeding the demo school on PostgreSQL failed: ${err.join('\n')}`);
      await client.query(`alter database "${building}" rename to "${DEMO_TEMPLATE}"`);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return DEMO_TEMPLATE;
}

/**
 * A copy of the demo school on PostgreSQL for one test: its address (for a `koers` process) and
 * its name; the database is dropped after the test.
 */
export async function freshPostgresDemo(): Promise<{ url: string; name: string }> {
  const server = postgresServer();
  await serverReady(server);
  const template = await ensureDemoTemplate(server);
  databases += 1;
  const name = `koers_demo_${process.pid}_${databases}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(server, (client) => client.query(`create database "${name}" template "${template}"`));
  onTestFinished(async () => {
    await admin(server, (c) => c.query(`drop database if exists "${name}" with (force)`));
  });
  return { url: databaseUrl(server, name), name };
}
