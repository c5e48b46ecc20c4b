/**
 * `koers import <kind> <file>`: data a school keeps elsewhere, into Koers. `holidays` reads a
 * school's *vakantierooster*; `staff`, `groups`, `students` and `enrolments` read the rosters of
 * docs/roster.md; `oneroster` reads a OneRoster 1.1 CSV bundle (a folder or a .zip). Every line is
 * checked first, and either all are stored (one transaction) or none, with the problems per line
 * and column. `--dry-run` says what would change and stores nothing.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { locales, type Region, regions } from '../domain/enums.ts';
import { type Translator, translate } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import type { CliContext } from './main.ts';
import { schoolByName } from './school-by-name.ts';
import { withStore } from './with-store.ts';

const ROSTERS = ['staff', 'groups', 'students', 'enrolments'] as const;
const KINDS = ['holidays', ...ROSTERS, 'oneroster'] as const;
type Kind = (typeof KINDS)[number];

type ImportFlags = { school?: string; region?: Region; dryRun?: boolean };

/** Files from this size on show a progress bar, on a terminal only. */
const PROGRESS_FROM_BYTES = 1_000_000;

/** A progress bar over the bytes read, on a terminal for a large file; nothing otherwise. */
async function progressBar(t: Translator, bytes: number): Promise<{ add(n: number): void; stop(): void }> {
  if (!process.stderr.isTTY || bytes < PROGRESS_FROM_BYTES) return { add() {}, stop() {} };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { stream: process.stderr, format: t('cli.import.progress'), hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  const total = Math.ceil(bytes / 1024);
  let read = 0;
  let running = true;
  bar.start(total, 0);
  return {
    add(n) {
      read += n;
      if (running) bar.update(Math.min(total, Math.floor(read / 1024)));
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/** The bytes of a file, streamed, each chunk counted by `onBytes`. */
async function* fileBytes(path: string, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    onBytes((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}

/** The file's size, or why it cannot be read as an administrator can act on it. */
async function sizeOf(path: string, folderAllowed: boolean): Promise<{ bytes: number; folder: boolean }> {
  try {
    const info = await stat(path);
    if (info.isDirectory() && !folderAllowed)
      throw new UserError('cli.import.cannotRead', { path, reason: 'EISDIR' });
    return { bytes: info.size, folder: info.isDirectory() };
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('cli.import.cannotRead', { path, reason: (error as { code?: string }).code ?? '?' });
  }
}

export function registerImportCommand(program: Command, context: CliContext): void {
  const { t } = context;
  const regionWords = regions.map((r) => t(`enum.region.${r}`)).join(', ');
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
    .addOption(
      new Option(
        `--region <${t('cli.import.regionValue')}>`,
        t('cli.import.region', { regions: regionWords }),
      ).argParser((value: string) => {
        // The code or its name in either language: `noord`, `north`.
        const wanted = value.trim().toLowerCase();
        const region = regions.find(
          (r) => r === wanted || locales.some((locale) => translate(locale, `enum.region.${r}`) === wanted),
        );
        if (!region)
          throw new InvalidArgumentError(t('cli.import.badRegion', { value, regions: regionWords }));
        return region;
      }),
    )
    .addOption(new Option('--dry-run', t('cli.import.dryRun')))
    .action(async (kind: Kind, path: string, flags: ImportFlags, command: Command) => {
      if (kind === 'holidays') await importHolidays(context, command, path, flags);
      else await importRosters(context, command, kind, path, flags);
    });
}

async function importHolidays(
  { t, io, exit, config }: CliContext,
  command: Command,
  path: string,
  flags: ImportFlags,
): Promise<void> {
  const cfg = config(command);
  await sizeOf(path, false);
  // why: the file reader and the store are loaded by `koers import` itself, not by `koers --help`.
  const [{ readHolidaysFile }, { assertCurrentSchema }, { importHolidays, schoolsNamed }, { inTransaction }] =
    await Promise.all([
      import('../import/holidays-file.ts'),
      import('../store/migrations.ts'),
      import('../store/schools.ts'),
      import('../store/transaction.ts'),
    ]);
  const file = await readHolidaysFile(fileBytes(path, () => {}));
  if (!file.ok) {
    for (const problem of file.problems)
      io.err(t('cli.import.lineProblem', { line: problem.line, problem: t(problem.key, problem.params) }));
    io.err(t('cli.import.nothingStored'));
    exit.code = 1;
    return;
  }
  const result = await withStore(cfg, false, async (store) => {
    await assertCurrentSchema(store);
    const school = schoolByName(await schoolsNamed(store), flags.school, {
      unknown: 'cli.import.unknownSchool',
      choose: 'cli.import.chooseSchool',
    });
    return {
      school: school.name,
      ...(await inTransaction(store, async () => importHolidays(store, school.id, file.holidays))),
    };
  });
  io.out(t('cli.import.holidaysDone', result));
}

async function importRosters(
  { t, io, exit, config, locale }: CliContext,
  command: Command,
  kind: Exclude<Kind, 'holidays'>,
  path: string,
  flags: ImportFlags,
): Promise<void> {
  const cfg = config(command);
  const size = await sizeOf(path, kind === 'oneroster');
  const [{ assertCurrentSchema }, { importRoster }, { importOneRoster }, report] = await Promise.all([
    import('../store/migrations.ts'),
    import('../import/roster-import.ts'),
    import('../import/oneroster.ts'),
    import('../import/import-report.ts'),
  ]);
  const now = new Date();
  const today = DateTime.fromJSDate(now).setZone(cfg.timeZone).toISODate() ?? now.toISOString().slice(0, 10);
  const school = { name: flags.school, region: flags.region };
  const dryRun = flags.dryRun === true;
  const progress = await progressBar(t, size.bytes);
  const lines = await withStore(cfg, false, async (store) => {
    await assertCurrentSchema(store);
    try {
      if (kind === 'oneroster') {
        const result = await importOneRoster(store, {
          path,
          region: flags.region,
          dryRun,
          now,
          today,
          onBytes: progress.add,
        });
        if (!result.ok) return { failed: report.problemLines(t, result.problems, result.total) };
        return {
          done: [
            ...(dryRun ? [t('roster.dryRun')] : []),
            ...result.createdSchools.map((name) => t('roster.schoolCreated', { school: name })),
            ...result.schools.flatMap(({ name, staff, groups, students }) => [
              ...report.countLines(t, locale, 'staff', name, staff),
              ...report.countLines(t, locale, 'groups', name, groups),
              ...report.countLines(t, locale, 'students', name, students),
            ]),
            ...(result.skippedClasses > 0
              ? [t('roster.oneroster.skippedClasses', { count: result.skippedClasses })]
              : []),
          ],
        };
      }
      const result = await importRoster(store, {
        kind,
        source: fileBytes(path, progress.add),
        school,
        dryRun,
        now,
        today,
      });
      if (!result.ok) return { failed: report.problemLines(t, result.problems, result.total) };
      return {
        done: [
          ...(dryRun ? [t('roster.dryRun')] : []),
          ...(result.schoolCreated ? [t('roster.schoolCreated', { school: result.school })] : []),
          ...report.countLines(t, locale, kind, result.school, result.counts),
        ],
      };
    } finally {
      // The bar is cleared before any line is written: the lines are only written once the store is closed.
      progress.stop();
    }
  });
  if (lines.failed) {
    for (const line of lines.failed) io.err(line);
    io.err(t('cli.import.nothingStored'));
    exit.code = 1;
    return;
  }
  for (const line of lines.done ?? []) io.out(line);
}
