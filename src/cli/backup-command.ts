/**
 * `koers backup <file> [--force]`: a consistent copy of the database, taken while Koers runs
 * (src/store/backup.ts); the README says how to restore it. The file is created 0600 and an
 * existing one is only replaced with `--force`.
 */
import type { Command } from 'commander';
import type { CliContext } from './main.ts';
import { withSqliteStore } from './with-store.ts';

export function registerBackupCommand(program: Command, { t, io, config, locale }: CliContext): void {
  program
    .command('backup')
    .description(t('cli.backup.description'))
    .argument(`<${t('cli.value.file')}>`, t('cli.backup.file'))
    .option('--force', t('cli.backup.force'))
    .action(async (file: string, flags: { force?: boolean }, command: Command) => {
      const cfg = config(command);
      // why: the store is loaded by `koers backup` itself, not by `koers --help`.
      const { backupStore } = await import('../store/backup.ts');
      const result = await withSqliteStore(cfg, false, (store) =>
        backupStore(store, file, { force: flags.force === true }),
      );
      const megabytes = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(
        result.bytes / 1_000_000,
      );
      io.out(t('backup.done', { path: result.path, size: megabytes }));
    });
}
