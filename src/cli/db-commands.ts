import { type Command, InvalidArgumentError, Option } from 'commander';
import type { DateTime } from 'luxon';
import type { Translator } from '../i18n/translate.ts';
import { registerDbCopyCommand } from './db-copy-command.ts';
import type { CliContext } from './main.ts';

type SeedFlags = { demo?: boolean; students?: number; weeks?: number; now?: DateTime };
type SeedModule = typeof import('../seed/seed.ts');

/** A whole number within [min, max], or the localized reason it is not. */
function wholeNumber(t: Translator, min: number, max: number, rangeKey: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(t('cli.notAWholeNumber', { value }));
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(t(rangeKey, { min, max }));
    return n;
  };
}

/** `db seed`'s options after `--demo`: their help and their checks use the seed's limits. */
function seedOptions(t: Translator, seed: SeedModule): Option[] {
  const { DEFAULT_WEEKS, DEMO_STUDENT_COUNT, MAX_STUDENTS, MAX_WEEKS, MIN_WEEKS, parseSeedNow } = seed;
  return [
    new Option(
      `--students <${t('cli.value.count')}>`,
      t('cli.db.seed.students', { min: DEMO_STUDENT_COUNT }),
    ).argParser(wholeNumber(t, DEMO_STUDENT_COUNT, MAX_STUDENTS, 'seed.studentsRange')),
    new Option(
      `--weeks <${t('cli.value.weeks')}>`,
      t('cli.db.seed.weeks', { default: DEFAULT_WEEKS, min: MIN_WEEKS }),
    ).argParser(wholeNumber(t, MIN_WEEKS, MAX_WEEKS, 'seed.weeksRange')),
    new Option(`--now <${t('cli.value.date')}>`, t('cli.db.seed.now')).argParser((value) => {
      const now = parseSeedNow(value);
      if (!now) throw new InvalidArgumentError(t('seed.badNow', { value }));
      return now;
    }),
  ];
}

export function registerDbCommands(program: Command, context: CliContext): void {
  const { t, io, config } = context;
  const db = program.command('db').description(t('cli.db.description')).helpCommand(false);

  db.command('migrate')
    .description(t('cli.db.migrate.description'))
    .action(async (_options, command: Command) => {
      // why: the store is loaded by the `koers db` command that runs, not by `koers --help`.
      const { openConfiguredStore } = await import('../store/open.ts');
      const { store, migrationsApplied: applied } = await openConfiguredStore(config(command), {
        create: true,
        migrate: true,
      });
      await store.close();
      io.out(applied > 0 ? t('db.migrated', { count: applied }) : t('db.upToDate'));
    });

  const seed = db
    .command('seed')
    .description(t('cli.db.seed.description'))
    .requiredOption('--demo', t('cli.db.seed.demo'))
    .action(async (flags: SeedFlags, command: Command) => {
      const [{ seedDemo, today }, { openConfiguredStore }] = await Promise.all([
        import('../seed/seed.ts'),
        import('../store/open.ts'),
      ]);
      const started = performance.now();
      const { store } = await openConfiguredStore(config(command), { create: true, migrate: true });
      let report: Awaited<ReturnType<typeof seedDemo>>;
      try {
        report = await seedDemo(store, {
          now: flags.now ?? today(),
          ...(flags.students !== undefined && { students: flags.students }),
          ...(flags.weeks !== undefined && { weeks: flags.weeks }),
        });
      } finally {
        await store.close();
      }
      const seconds = new Intl.NumberFormat(context.locale, {
        maximumFractionDigits: 1,
        minimumFractionDigits: 1,
      }).format((performance.now() - started) / 1000);
      io.out(
        t('seed.done', {
          schools: t('seed.schools', { count: report.schools }),
          students: report.students,
          reflections: report.reflections,
          seconds,
        }),
      );
    });

  registerDbCopyCommand(db, context);

  // Option parsers and help are synchronous: the seed's limits are loaded before `seed` reads its
  // options or shows its help.
  db.hook('preSubcommand', async (_db, subcommand) => {
    if (subcommand !== seed) return;
    for (const option of seedOptions(t, await import('../seed/seed.ts'))) seed.addOption(option);
  });
}
