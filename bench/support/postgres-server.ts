/**
 * A PostgreSQL for a benchmark, the way tests/support/postgres.ts gets one for the tests:
 * `DATABASE_URL` from the environment (the benchmark creates its databases on it: its user needs
 * CREATEDB), else a throwaway server of Debian's binaries in a temporary folder, on a Unix socket
 * in that folder only, without fsync, `--locale=C` (orders text as SQLite does); as root it runs
 * as the `postgres` user (PostgreSQL refuses root). Undefined, with the reason, when neither is
 * there.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  pgProgram,
  postgresBinaries,
  postgresUser,
  startThrowawayServer,
} from '../../tests/support/postgres-programs.ts';

const run = promisify(execFile);

export type BenchPostgres = {
  /** `postgresql://…` of database `name` on the server. */
  url(name: string): string;
  /** Creates an empty database, or a copy of database `template` (dropping one named `name` first). */
  create(name: string, template?: string): Promise<string>;
  /** Drops a database with its connections. */
  drop(name: string): Promise<void>;
  /** What the server is, for the printed figures. */
  describe: string;
  stop(): Promise<void>;
};

function server(adminConfig: pg.ClientConfig, url: (name: string) => string) {
  const admin = async (text: string) => {
    const client = new pg.Client(adminConfig);
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const drop = (name: string) => admin(`drop database if exists "${name}" with (force)`);
  return {
    url,
    drop,
    async create(name: string, template = 'template0') {
      await drop(name);
      await admin(`create database "${name}" template "${template}"`);
      return url(name);
    },
  };
}

export async function benchPostgres(): Promise<BenchPostgres | { unavailable: string }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const url = (name: string) => {
      const u = new URL(given);
      u.pathname = `/${name}`;
      return u.toString();
    };
    return { ...server({ connectionString: given }, url), describe: 'DATABASE_URL', stop: async () => {} };
  }
  const bin = postgresBinaries();
  if (!bin) return { unavailable: 'no PostgreSQL binaries in /usr/lib/postgresql/*/bin and no DATABASE_URL' };
  const root = process.getuid?.() === 0;
  const user = root ? await postgresUser() : undefined;
  if (root && !user) return { unavailable: 'running as root and there is no `postgres` user' };
  const folder = mkdtempSync(join(tmpdir(), 'koers-bench-pg-'));
  if (user) chownSync(folder, user.uid, user.gid);
  const data = join(folder, 'data');
  const stop = async () => {
    if (existsSync(join(data, 'postmaster.pid')))
      await pgProgram(bin, root, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    // The stock 128 MB would not hold the 20,000-student database; SQLite has the OS's page cache.
    await startThrowawayServer(bin, folder, root, ['shared_buffers=1GB', 'max_wal_size=4GB']);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = (name: string) => `postgresql://postgres@localhost/${name}?host=${encodeURIComponent(folder)}`;
  const version = (await run(join(bin, 'postgres'), ['--version'])).stdout.trim();
  return {
    ...server({ host: folder, user: 'postgres', database: 'postgres' }, url),
    describe: `${version}, throwaway server (fsync off, shared_buffers 1GB)`,
    stop,
  };
}
