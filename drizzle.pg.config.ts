import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL twin of `drizzle.config.ts`: the same tables from `db/pg-schema.ts`, with their
 * own migrations, since drizzle-kit writes one dialect's SQL per folder (docs/postgres.md).
 * `npm run db:generate:pg -- --name <change>` needs no database.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg-schema.ts',
  out: './db/pg-migrations',
  strict: true,
  verbose: true,
});
