/**
 * `koers import <kind> <file.csv>`: data a school keeps elsewhere, into Koers. `holidays` reads
 * a school's *vakantierooster*; every line is checked first, and either all are stored (one
 * transaction) or none, with the problems per line.
 */
import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { UserError } from '../i18n/user-error.ts';
import type { CliContext } from './main.ts';
import { withStore } from './with-store.ts';

const KINDS = ['holidays'] as const;

export function registerImportCommand(program: Command, { t, io, exit, config }: CliContext): void {
  program
    .command('import')
    .description(t('cli.import.description'))
    .argument(
      `<${t('cli.value.kind')}>`,
      t('cli.import.kind', { kinds: KINDS.join(', ') }),
      (kind: string) => {
        if (!(KINDS as readonly string[]).includes(kind))
          throw new InvalidArgumentError(t('cli.import.unknownKind', { kind, kinds: KINDS.join(', ') }));
        return kind;
      },
    )
    .argument(`<${t('cli.value.file')}>`, t('cli.import.file'))
    .addOption(new Option(`--school <${t('cli.value.name')}>`, t('cli.import.school')))
    .action(async (_kind: string, path: string, flags: { school?: string }, command: Command) => {
      const cfg = config(command);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        throw new UserError('cli.import.cannotRead', {
          path,
          reason: (error as { code?: string }).code ?? '?',
        });
      }
      // why: the file reader and the store are loaded by `koers import` itself, not by `koers --help`.
      const [
        { readHolidaysFile },
        { assertCurrentSchema },
        { importHolidays, schoolsNamed },
        { inTransaction },
      ] = await Promise.all([
        import('../import/holidays-file.ts'),
        import('../store/migrations.ts'),
        import('../store/schools.ts'),
        import('../store/transaction.ts'),
      ]);
      const file = readHolidaysFile(text);
      if (!file.ok) {
        for (const problem of file.problems)
          io.err(
            t('cli.import.lineProblem', { line: problem.line, problem: t(problem.key, problem.params) }),
          );
        io.err(t('cli.import.nothingStored'));
        exit.code = 1;
        return;
      }
      const result = await withStore(cfg.databasePath, false, (store) => {
        assertCurrentSchema(store);
        const schools = schoolsNamed(store);
        const wanted = flags.school?.trim().toLowerCase();
        const school = wanted
          ? schools.find((s) => s.name.toLowerCase() === wanted)
          : schools.length === 1
            ? schools[0]
            : undefined;
        if (!school)
          throw new UserError(wanted ? 'cli.import.unknownSchool' : 'cli.import.chooseSchool', {
            school: flags.school ?? '',
            schools: schools.map((s) => s.name).join(', '),
          });
        return {
          school: school.name,
          ...inTransaction(store, () => importHolidays(store, school.id, file.holidays)),
        };
      });
      io.out(t('cli.import.holidaysDone', result));
    });
}
