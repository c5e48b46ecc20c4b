/**
 * Running an action once its arguments are valid, whichever way they came (typed text or a
 * submitted form): the request's setting (language, clock, school), the handler's context,
 * the audit of what it read, and the one place where failures become a localized Reply.
 */
import { DateTime } from 'luxon';
import type { Actor } from '../domain/actor.ts';
import type { Channel, Locale } from '../domain/enums.ts';
import { formatter } from '../i18n/format.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import { errorId, log, loggableError } from '../log.ts';
import { type Reply, type ReplyInput, reply as replySchema } from '../reply/reply.ts';
import { type AuditEntry, recordAudit } from '../store/audit.ts';
import type { Store } from '../store/database.ts';
import { schoolSettings } from '../store/schools.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Action, Command } from './command.ts';
import type { AuditNote, CommandContext, PlatformContext } from './context.ts';
import { refusal } from './replies.ts';
import { createStudentFinder } from './student-finder.ts';

export type CommandRequest = {
  store: Store;
  actor: Actor;
  text: string;
  channel: Channel;
  platform?: PlatformContext | null;
  /** Overrides the person's own language (`koers ask --locale en`, a Slack user's language). */
  locale?: Locale;
  now?: Date;
};

export type Setting = {
  request: Omit<CommandRequest, 'text'>;
  commands: readonly Command[];
  locale: Locale;
  t: Translator;
  now: Date;
  timeZone: string;
};

/** The request's language (its override, the person's, the school's), clock and time zone. */
export function settle(request: Omit<CommandRequest, 'text'>, commands: readonly Command[]): Setting {
  const school = schoolSettings(request.store, request.actor.schoolId);
  const locale = request.locale ?? request.actor.locale ?? school?.defaultLocale ?? 'nl';
  return {
    request,
    commands,
    locale,
    t: translator(locale),
    now: request.now ?? new Date(),
    timeZone: school?.timeZone ?? 'Europe/Amsterdam',
  };
}

export function execute(
  setting: Setting,
  found: Command,
  action: Action,
  args: unknown,
): Promise<ReplyInput> {
  return inContext(setting, found, action, (context) => action.run(context, args));
}

/** Builds the handler's context for this action, runs `work` in it, then writes the reads it noted. */
export async function inContext<T>(
  setting: Setting,
  found: Command,
  action: Action,
  work: (context: CommandContext) => T | Promise<T>,
): Promise<T> {
  const { request, commands, locale, t, now, timeZone } = setting;
  const { store, actor } = request;
  // The audit log keeps the real time, also when a terminal user pretends it is another moment.
  const at = new Date().toISOString();
  const subject = action.name === 'main' ? found.name : `${found.name} ${action.name}`;
  const toEntry = (note: AuditNote): AuditEntry => ({ ...note, at, subject, channel: request.channel });
  const reads: AuditNote[] = [];
  const auditRead = (studentId: number, detail?: Record<string, unknown>) =>
    reads.push({ studentId, action: 'read', detail: detail ?? null });
  const platform = request.platform ?? null;
  const context: CommandContext = {
    store,
    actor,
    locale,
    t,
    format: formatter(locale, timeZone),
    now,
    today: DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? at.slice(0, 10),
    timeZone,
    channel: request.channel,
    platform,
    commands,
    ...createStudentFinder({ store, actor, t, locale, platform, auditRead }),
    auditRead,
    change: (work, audit) =>
      inTransaction(store, () => {
        const result = work();
        recordAudit(store, actor, audit(result).map(toEntry));
        return result;
      }),
  };
  const result = await work(context);
  recordAudit(store, actor, reads.map(toEntry));
  return result;
}

/**
 * Runs `work` so that nothing escapes to a platform: a `UserError` becomes its message, anything
 * else an error id the user can quote and an administrator can find in the log.
 */
export async function guarded(
  request: Omit<CommandRequest, 'text'>,
  work: () => Promise<ReplyInput>,
  commandName: () => string | undefined,
): Promise<Reply> {
  try {
    return replySchema.parse(await work());
  } catch (error) {
    const locale = request.locale ?? request.actor.locale ?? 'nl';
    const t = translator(locale);
    if (error instanceof UserError) return replySchema.parse(refusal(t, locale, error.key, error.params));
    const id = errorId();
    log.error('command.failed', {
      id,
      channel: request.channel,
      // The command's own name only: what was typed can hold names and free text about a student.
      command: commandName(),
      error: loggableError(error),
    });
    return replySchema.parse(refusal(t, locale, 'error.unexpected', { id }));
  }
}
