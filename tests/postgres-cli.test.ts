/**
 * `koers` with DATABASE_URL: the same commands on PostgreSQL, and the unhappy paths said in the
 * user's language without the password.
 */
import { describe, expect, it } from 'vitest';
import { koers } from './support/cli.ts';
import { freshPostgres, freshPostgresDemo, postgresUnavailable } from './support/postgres.ts';

const unavailable = postgresUnavailable();

describe('DATABASE_URL', () => {
  it('is refused when it is no PostgreSQL address, without repeating it', async () => {
    const result = await koers(['db', 'migrate'], { DATABASE_URL: 'mysql://koers:geheim123@db/koers' });
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('DATABASE_URL');
    expect(result.err).not.toContain('geheim123');
  });

  it('gives way to a file named with --db', async () => {
    const result = await koers(['db', 'migrate', '--db', ':memory:'], {
      DATABASE_URL: 'postgres://koers:geheim123@127.0.0.1:1/none',
    });
    expect(result.code, result.err).toBe(0);
  });
});

describe.skipIf(unavailable)(`koers on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('migrates an empty database once, then finds it up to date', async () => {
    const { url } = await freshPostgres();
    const first = await koers(['db', 'migrate'], { DATABASE_URL: url });
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^\d+ migratie/);
    const second = await koers(['db', 'migrate'], { DATABASE_URL: url });
    expect(second.out).toBe('De database is al bijgewerkt.');
  });

  it('answers a mentor from the demo school there', async () => {
    const { url } = await freshPostgresDemo();
    const result = await koers(['ask', '--as', 'm.jansen@koersmeer.example', 'leerling daan'], {
      DATABASE_URL: url,
    });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('Daan Visser');
    expect(result.out).toContain('Mentor:         Mirjam Jansen');
  });

  it('refuses a backup, which is SQLite’s, and says what to use instead', async () => {
    const { url } = await freshPostgresDemo();
    for (const [locale, words] of [
      ['nl', 'Dit kan alleen met een SQLite-database'],
      ['en', 'This works only with an SQLite database'],
    ] as const) {
      const result = await koers(['backup', '/tmp/koers-never.db'], {
        DATABASE_URL: url,
        KOERS_LOCALE: locale,
      });
      expect(result.code).toBe(1);
      expect(result.err).toContain(words);
      expect(result.err).toContain('pg_dump');
    }
  });

  it('says it cannot reach the server, without the password', async () => {
    const result = await koers(['db', 'migrate'], {
      DATABASE_URL: 'postgres://koers:geheim123@127.0.0.1:1/koers',
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain('Kan PostgreSQL op postgres://koers:*****@127.0.0.1:1/koers niet bereiken');
    expect(result.err).not.toContain('geheim123');
  });
});
