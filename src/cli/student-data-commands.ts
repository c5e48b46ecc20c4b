/**
 * A student's rights under the AVG, for an administrator at the terminal (docs/privacy.md):
 * `koers export-student <email>` (access: every record about them as one JSON document),
 * `koers erase-student <email> --yes` (erasure, in one transaction), and `koers retention`
 * (how many school years the notes of students who left are kept). Each is written to the
 * audit log; the terminal has no Koers login, so the operating-system account says who it was.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { UserError } from '../i18n/user-error.ts';
import type { Store } from '../store/database.ts';
import type { CliContext } from './main.ts';
import { schoolByName } from './school-by-name.ts';
import { operatingSystemUser } from './terminal-user.ts';
import { withStore } from './with-store.ts';

/** The student behind the email, or the reason there is none (unknown, or a staff member). */
async function studentByEmail(store: Store, email: string): Promise<number> {
  const { personByEmail } = await import('../store/student-export.ts');
  const person = await personByEmail(store, email);
  if (!person) throw new UserError('studentData.unknownStudent', { email });
  if (person.kind === 'staff') throw new UserError('studentData.isStaff', { email });
  return person.id;
}

/** `--out`: a new file only this user may read; an existing one is never overwritten. */
function createOutputFile(path: string): number {
  try {
    return openSync(path, 'wx', 0o600);
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === 'EEXIST') throw new UserError('studentData.outExists', { path });
    throw new UserError('studentData.outUnwritable', { path }, { cause });
  }
}

export function registerStudentDataCommands(program: Command, { t, io, exit, config }: CliContext): void {
  program
    .command('export-student')
    .description(t('cli.exportStudent.description'))
    .argument(`<${t('cli.value.email')}>`, t('cli.exportStudent.email'))
    .addOption(new Option(`--out <${t('cli.value.file')}>`, t('cli.exportStudent.out')))
    .action(async (email: string, flags: { out?: string }, command: Command) => {
      const cfg = config(command);
      // why: the store's modules are loaded by the command that runs, not by `koers --help`.
      const [{ assertCurrentSchema }, { exportStudentRecords }, { recordAudit }, { inTransaction }] =
        await Promise.all([
          import('../store/migrations.ts'),
          import('../store/student-export.ts'),
          import('../store/audit.ts'),
          import('../store/transaction.ts'),
        ]);
      const out = flags.out === undefined ? undefined : resolve(flags.out);
      // The file first: a path that cannot be written is refused before anything is read or logged.
      let fd = out === undefined ? undefined : createOutputFile(out);
      try {
        const document = await withStore(cfg, false, async (store) => {
          await assertCurrentSchema(store);
          const studentId = await studentByEmail(store, email);
          const at = new Date().toISOString();
          // One moment's state, and the entry that says it was read out, together.
          return await inTransaction(store, async () => {
            await recordAudit(store, null, [
              {
                at,
                studentId,
                action: 'export',
                subject: 'koers export-student',
                channel: 'cli',
                detail: { osUser: operatingSystemUser(), to: out === undefined ? 'stdout' : 'file' },
              },
            ]);
            return await exportStudentRecords(store, studentId, at);
          });
        });
        if (!document) throw new UserError('studentData.unknownStudent', { email });
        const json = JSON.stringify(document, null, 2);
        if (fd === undefined || out === undefined) {
          io.out(json);
          return;
        }
        writeSync(fd, `${json}\n`);
        closeSync(fd);
        fd = undefined;
        const rows = Object.values(document.records).reduce((sum, list) => sum + list.length, 0);
        io.out(t('studentData.exported', { path: out, rows }));
      } catch (error) {
        // Nothing half-written is left behind.
        if (fd !== undefined && out !== undefined) {
          closeSync(fd);
          rmSync(out, { force: true });
        }
        throw error;
      }
    });

  program
    .command('erase-student')
    .description(t('cli.eraseStudent.description'))
    .argument(`<${t('cli.value.email')}>`, t('cli.eraseStudent.email'))
    .option('--yes', t('cli.eraseStudent.yes'))
    .option('--vacuum', t('cli.eraseStudent.vacuum'))
    .action(async (email: string, flags: { yes?: boolean; vacuum?: boolean }, command: Command) => {
      const cfg = config(command);
      const [{ assertCurrentSchema }, { eraseStudent, erasurePreview }] = await Promise.all([
        import('../store/migrations.ts'),
        import('../store/erasure.ts'),
      ]);
      await withStore(cfg, false, async (store) => {
        await assertCurrentSchema(store);
        const studentId = await studentByEmail(store, email);
        if (!flags.yes) {
          // Nothing is changed: the administrator sees whom it would erase, and how to go on.
          const preview = await erasurePreview(store, studentId);
          io.err(
            t('studentData.eraseConfirm', {
              name: preview?.name ?? email,
              group: preview?.group ?? '—',
              rows: preview?.rows ?? 0,
            }),
          );
          io.err(t('studentData.eraseHowTo', { email }));
          exit.code = 1;
          return;
        }
        const result = await eraseStudent(store, studentId, {
          at: new Date().toISOString(),
          osUser: operatingSystemUser(),
          vacuum: flags.vacuum === true,
        });
        if (!result) throw new UserError('studentData.unknownStudent', { email });
        io.out(t('studentData.erased', { rows: result.removed, scrubbed: result.scrubbed }));
        if (flags.vacuum) io.out(t(result.vacuumed ? 'studentData.vacuumed' : 'studentData.vacuumBusy'));
      });
    });

  program
    .command('retention')
    .description(t('cli.retention.description'))
    .addOption(
      new Option(`--years <${t('cli.value.count')}>`, t('cli.retention.years')).argParser((value) => {
        if (!/^\d+$/.test(value)) throw new InvalidArgumentError(t('cli.notAWholeNumber', { value }));
        return Number(value);
      }),
    )
    .addOption(new Option(`--school <${t('cli.value.name')}>`, t('cli.retention.school')))
    .action(async (flags: { years?: number; school?: string }, command: Command) => {
      const cfg = config(command);
      const [
        { assertCurrentSchema },
        { MAX_RETENTION_YEARS, MIN_RETENTION_YEARS, retentionCutoff, schoolRetention, setRetentionYears },
        { recordAudit },
        { inTransaction },
      ] = await Promise.all([
        import('../store/migrations.ts'),
        import('../store/retention.ts'),
        import('../store/audit.ts'),
        import('../store/transaction.ts'),
      ]);
      const years = flags.years;
      if (years !== undefined && (years < MIN_RETENTION_YEARS || years > MAX_RETENTION_YEARS))
        throw new UserError('retention.yearsRange', {
          value: years,
          min: MIN_RETENTION_YEARS,
          max: MAX_RETENTION_YEARS,
        });
      const lines = await withStore(cfg, false, async (store) => {
        await assertCurrentSchema(store);
        const schools = await schoolRetention(store);
        if (years !== undefined) {
          const school = schoolByName(schools, flags.school, {
            unknown: 'retention.unknownSchool',
            choose: 'retention.chooseSchool',
          });
          await inTransaction(store, async () => {
            await setRetentionYears(store, school.id, years);
            await recordAudit(store, null, [
              {
                at: new Date().toISOString(),
                action: 'update',
                subject: 'koers retention',
                channel: 'cli',
                detail: { schoolId: school.id, retentionYears: years, osUser: operatingSystemUser() },
              },
            ]);
          });
          school.retentionYears = years;
        }
        return schools.map((school) => {
          const today = DateTime.now().setZone(school.timeZone).toISODate() ?? '';
          return t('retention.school', {
            school: school.name,
            count: school.retentionYears,
            cutoff: retentionCutoff(today, school.retentionYears),
          });
        });
      });
      if (lines.length === 0) io.out(t('retention.noSchools'));
      for (const line of lines) io.out(line);
    });
}
