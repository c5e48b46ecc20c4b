/**
 * Connecting to PostgreSQL (node-postgres) and bringing its schema up to date with the
 * migrations Koers ships for it (`db/pg-migrations`, drizzle-kit's PostgreSQL twin of
 * `db/migrations`; docs/postgres.md).
 *
 * A PostgreSQL address can carry a password. It is never printed or logged: messages show the
 * address with the password replaced (`redactUrl`), and reasons that come from the server or the
 * network are scrubbed of it too.
 */
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { z } from 'zod';
import { UserError } from '../i18n/user-error.ts';
import { projectRoot } from '../paths.ts';

/** Where the PostgreSQL migrations are (src/paths.ts finds the project root from src/ and dist/ alike). */
export const pgMigrationsFolder = join(projectRoot, 'db', 'pg-migrations');

/** drizzle's record of applied migrations on PostgreSQL: `drizzle.__drizzle_migrations`. */
const MIGRATIONS_TABLE = '"drizzle"."__drizzle_migrations"';

const postgresUrlSchema = z.url({ protocol: /^postgres(ql)?$/ });

/** The address checked: `postgres://…` or `postgresql://…`; anything else is refused, without repeating it. */
export function parsePostgresUrl(value: string): string {
  const parsed = postgresUrlSchema.safeParse(value.trim());
  if (!parsed.success) throw new UserError('dbCopy.badUrl');
  return parsed.data;
}

const HIDDEN = '*****';

/** The address as it may be shown: the password (also a `?password=` parameter) replaced. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = HIDDEN;
    if (url.searchParams.has('password')) url.searchParams.set('password', HIDDEN);
    return url.toString().replace(encodeURIComponent(HIDDEN), HIDDEN);
  } catch {
    return HIDDEN;
  }
}

/** The password of an address as it may appear in text: raw and percent-decoded. */
function passwordsOf(value: string): string[] {
  try {
    const url = new URL(value);
    return [url.password, url.searchParams.get('password') ?? '']
      .flatMap((p) => [p, safeDecode(p)])
      .filter((p) => p.length > 0);
  } catch {
    return [];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A reason from the server, driver or network, fit to show: one line, without the password. */
export function reasonOf(error: unknown, url: string): string {
  const raw = error instanceof Error ? error.message || error.name : String(error);
  let text = raw.replace(/\s+/g, ' ').trim();
  for (const password of passwordsOf(url)) text = text.split(password).join(HIDDEN);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}

/** SQLSTATE classes and codes the administrator can act on when connecting. */
const AUTHENTICATION = new Set(['28000', '28P01']);
const NO_DATABASE = '3D000';

export type PgClient = pg.Client;

/** Connects, or says in the user's language why not (unreachable, refused login, no such database). */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 15_000,
    application_name: 'koers db copy',
  });
  // An error after connecting (the server goes away) surfaces in the query that runs; without a
  // listener it would also be thrown from the socket's event and end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (cause) {
    await client.end().catch(() => {});
    const code = (cause as { code?: string }).code;
    const params = { url: redactUrl(url), reason: reasonOf(cause, url) };
    if (code && AUTHENTICATION.has(code)) throw new UserError('dbCopy.loginRefused', params, { cause });
    if (code === NO_DATABASE) throw new UserError('dbCopy.noDatabase', params, { cause });
    throw new UserError('dbCopy.unreachable', params, { cause });
  }
  return client;
}

export async function disconnectPostgres(client: pg.Client): Promise<void> {
  await client.end().catch(() => {});
}

export type PgMigrationResult = { applied: number; version: number };

async function appliedMigrations(
  client: pg.Client | pg.PoolClient,
): Promise<{ count: number; latest: number | null }> {
  const exists = await client.query<{ found: string | null }>(
    `select to_regclass('${MIGRATIONS_TABLE}')::text as found`,
  );
  if (!exists.rows[0]?.found) return { count: 0, latest: null };
  const result = await client.query<{ count: string; latest: string | null }>(
    `select count(*) as count, max(created_at) as latest from ${MIGRATIONS_TABLE}`,
  );
  const row = result.rows[0];
  return { count: Number(row?.count ?? 0), latest: row?.latest == null ? null : Number(row.latest) };
}

/**
 * Applies the PostgreSQL migrations Koers ships that the database does not have yet (drizzle's
 * migrator: all pending ones in one transaction) and returns how many. A database that has
 * migrations this build does not know is refused, untouched: it was written by a newer Koers.
 */
export async function migratePostgres(
  client: pg.Client | pg.PoolClient,
  url: string,
  folder: string = pgMigrationsFolder,
): Promise<PgMigrationResult> {
  let shipped: ReturnType<typeof readMigrationFiles>;
  try {
    shipped = readMigrationFiles({ migrationsFolder: folder });
  } catch (cause) {
    throw new UserError('dbCopy.noMigrations', { folder }, { cause });
  }
  const newest = Math.max(0, ...shipped.map((m) => m.folderMillis));
  const before = await appliedMigrations(client);
  if (before.latest !== null && before.latest > newest)
    throw new UserError('dbCopy.newerSchema', {
      url: redactUrl(url),
      found: before.count,
      supported: shipped.length,
    });
  try {
    await migrate(drizzle({ client }), { migrationsFolder: folder });
  } catch (cause) {
    throw new UserError(
      'dbCopy.migrationFailed',
      { url: redactUrl(url), reason: reasonOf(cause, url) },
      { cause },
    );
  }
  const after = await appliedMigrations(client);
  return { applied: after.count - before.count, version: after.count };
}
