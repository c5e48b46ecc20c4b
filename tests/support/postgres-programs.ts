/**
 * Where Debian's PostgreSQL programs are, whom to run them as, and how a throwaway server starts:
 * shared by the tests' server (postgres.ts) and the benchmarks' (bench/support/postgres-server.ts).
 * No vitest here.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The folder of Debian's PostgreSQL programs: version 15 if it is there, else the newest one. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  const preferred = join(root, '15', 'bin');
  if (existsSync(join(preferred, 'initdb'))) return preferred;
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** The uid and gid of the `postgres` user, to run the server as when we are root. */
export async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Runs one of PostgreSQL's programs; as root, as the `postgres` user (PostgreSQL refuses root). */
export function pgProgram(bin: string, root: boolean, program: string, args: string[]) {
  const path = join(bin, program);
  return root ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
}

/**
 * A throwaway server in `folder` (its cluster in `folder`/data): listening only on a Unix socket in
 * that folder, without fsync, `--locale=C` (orders text as SQLite does); `settings` are more
 * server options (`-c name=value`).
 */
export async function startThrowawayServer(
  bin: string,
  folder: string,
  root: boolean,
  settings: readonly string[] = [],
): Promise<void> {
  const data = join(folder, 'data');
  const command = (program: string, args: string[]) => pgProgram(bin, root, program, args);
  await command('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const options = [
    `-k ${folder}`,
    "-c listen_addresses=''",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    ...settings.map((setting) => `-c ${setting}`),
  ].join(' ');
  await command('pg_ctl', ['-D', data, '-l', join(folder, 'server.log'), '-o', options, '-w', 'start']);
}
