/**
 * `koers audit <email>`: who read or changed what about a student, newest first. Looking is
 * itself written to the log: an administrator's reads are accountable too. `koers audit
 * --erasures`: when students were erased (`koers erase-student`), naming nobody.
 */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { Translator } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import type { AuditRow } from '../store/audit.ts';
import type { CliContext } from './main.ts';
import { operatingSystemUser } from './terminal-user.ts';
import { withStore } from './with-store.ts';

type AuditFlags = { json?: boolean; erasures?: boolean };

export function registerAuditCommand(program: Command, { t, io, exit, config }: CliContext): void {
  program
    .command('audit')
    .description(t('cli.audit.description'))
    .argument(`[${t('cli.value.email')}]`, t('cli.audit.email'))
    .option('--json', t('cli.audit.json'))
    .option('--erasures', t('cli.audit.erasures'))
    .action(async (email: string | undefined, flags: AuditFlags, command: Command) => {
      const cfg = config(command);
      if (email === undefined && !flags.erasures) {
        // Commander's own check is off for this argument, so that `--erasures` can go without it.
        io.err(t('cli.error.missingArgument', { word: t('cli.value.email') }));
        io.err(t('cli.usageHint', { command: 'koers audit' }));
        exit.code = 2;
        return;
      }
      // why: the store's modules are loaded by `koers audit` itself, not by `koers --help`.
      const [
        { auditTrailOf, recordAudit, timeZoneOfStudent },
        { assertCurrentSchema },
        { studentIdByEmail },
        { erasureTrail },
      ] = await Promise.all([
        import('../store/audit.ts'),
        import('../store/migrations.ts'),
        import('../store/student-by-email.ts'),
        import('../store/erasure.ts'),
      ]);
      const { rows, timeZone } = await withStore(cfg, false, async (store) => {
        await assertCurrentSchema(store);
        // Erasures name nobody: the log of them is read as it is, in the server's clock.
        if (flags.erasures || email === undefined)
          return { rows: await erasureTrail(store), timeZone: cfg.timeZone };
        const studentId = await studentIdByEmail(store, email);
        if (studentId === undefined) throw new UserError('audit.unknownStudent', { email });
        const trail = await auditTrailOf(store, studentId);
        await recordAudit(store, null, [
          {
            at: new Date().toISOString(),
            studentId,
            action: 'read',
            subject: 'koers audit',
            channel: 'cli',
            // The terminal has no Koers login; the operating-system account says who looked.
            detail: { osUser: operatingSystemUser() },
          },
        ]);
        return { rows: trail, timeZone: (await timeZoneOfStudent(store, studentId)) ?? cfg.timeZone };
      });
      if (flags.json) {
        io.out(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        io.out(t(flags.erasures ? 'studentData.noErasures' : 'audit.empty'));
        return;
      }
      for (const line of table(t, rows, timeZone)) io.out(line);
    });
}

/** Columns with headers, times in the school's clock; `--json` keeps the stored UTC instants. */
function table(t: Translator, rows: readonly AuditRow[], timeZone: string): string[] {
  const header = [
    t('cli.audit.at', { timeZone }),
    t('cli.audit.who'),
    t('cli.audit.what'),
    t('cli.audit.subject'),
    t('cli.audit.channel'),
  ];
  const cells = rows.map((row) => [
    DateTime.fromISO(row.at, { zone: 'utc' }).setZone(timeZone).toFormat('yyyy-MM-dd HH:mm:ss'),
    row.actorEmail ?? t(`audit.actor.${row.actorKind}`),
    t(`audit.action.${row.action}`),
    row.subject,
    row.channel,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (values: string[]) =>
    values.map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), ...cells.map(line)];
}
