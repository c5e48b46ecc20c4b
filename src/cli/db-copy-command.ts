/**
 * `koers db copy --to postgres://… [--db <file>]`: the school of the SQLite store copied into an
 * empty PostgreSQL database, checked, in one transaction (src/store/pg-copy.ts does the work;
 * docs/postgres.md). This file only parses and prints. The address's password is never printed.
 */
import type { Command } from 'commander';
import type { CliContext } from './main.ts';

export function registerDbCopyCommand(db: Command, { t, io, config, locale }: CliContext): void {
  db.command('copy')
    .description(t('cli.db.copy.description'))
    .requiredOption(`--to <${t('cli.db.copy.url')}>`, t('cli.db.copy.to'))
    .action(async (flags: { to: string }, command: Command) => {
      const { databasePath } = config(command);
      // why: node-postgres and the copy are loaded by `koers db copy` itself, not by `koers --help`.
      const [{ parsePostgresUrl, redactUrl }, { copyToPostgres }] = await Promise.all([
        import('../store/pg-connection.ts'),
        import('../store/pg-copy.ts'),
      ]);
      const url = parsePostgresUrl(flags.to);
      const shownUrl = redactUrl(url);
      const report = await copyToPostgres({
        sqlitePath: databasePath,
        url,
        onStart: () => io.out(t('dbCopy.start', { path: databasePath, url: shownUrl })),
      });
      const number = new Intl.NumberFormat(locale);
      const seconds = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      io.out(
        report.migrations.applied > 0
          ? t('dbCopy.migrated', { count: report.migrations.applied })
          : t('dbCopy.schemaCurrent'),
      );
      const width = Math.max(...report.tables.map((table) => table.table.length));
      for (const { table, rows, sampled } of report.tables) {
        const name = table.padEnd(width);
        io.out(
          `  ${rows === 0 ? t('dbCopy.tableEmpty', { table: name }) : t('dbCopy.table', { count: rows, table: name, rows: number.format(rows), sampled })}`,
        );
      }
      io.out(
        t('dbCopy.done', {
          seconds: seconds.format(report.seconds),
          tables: report.tables.length,
          rows: number.format(report.rows),
          url: shownUrl,
        }),
      );
    });
}
