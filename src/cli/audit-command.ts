/**
 * `koers audit <email>`: who read or changed what about a student, newest first. Looking is
 * itself written to the log: an administrator's reads are accountable too.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { Translator } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import type { AuditRow } from '../store/audit.ts';
import type { CliContext } from './main.ts';
import { withStore } from './with-store.ts';

export function registerAuditCommand(program: Command, { t, io, config }: CliContext): void {
  program
    .command('audit')
    .description(t('cli.audit.description'))
    .argument(`<${t('cli.value.email')}>`, t('cli.audit.email'))
    .option('--json', t('cli.audit.json'))
    .action(async (email: string, flags: { json?: boolean }, command: Command) => {
      const cfg = config(command);
      // why: the store's modules are loaded by `koers audit` itself, not by `koers --help`.
      const [
        { auditTrailOf, recordAudit, timeZoneOfStudent },
        { assertCurrentSchema },
        { studentIdByEmail },
      ] = await Promise.all([
        import('../store/audit.ts'),
        import('../store/migrations.ts'),
        import('../store/student-by-email.ts'),
      ]);
      const { rows, timeZone } = await withStore(cfg.databasePath, false, (store) => {
        assertCurrentSchema(store);
        const studentId = studentIdByEmail(store, email);
        if (studentId === undefined) throw new UserError('audit.unknownStudent', { email });
        const trail = auditTrailOf(store, studentId);
        recordAudit(store, null, [
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
        return { rows: trail, timeZone: timeZoneOfStudent(store, studentId) ?? cfg.timeZone };
      });
      if (flags.json) {
        io.out(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        io.out(t('audit.empty'));
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

function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
