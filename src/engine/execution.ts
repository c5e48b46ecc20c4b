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
import { runButton } from '../reply/buttons.ts';
import { type Reply, type ReplyInput, reply as replySchema } from '../reply/reply.ts';
import { signalRefresher } from '../signals/refresh.ts';
import { type AuditEntry, recordAudit, refusalNote } from '../store/audit.ts';
import type { Store } from '../store/database.ts';
import { inTransaction } from '../store/transaction.ts';
import { auditTrail } from './audit-trail.ts';
import type { BoundValue } from './bind.ts';
import type { Action, Command } from './command.ts';
import { commandLine, withStudent } from './command-line.ts';
import type { AuditNote, CommandContext, PlatformContext } from './context.ts';
import { refusal, unexpectedError } from './replies.ts';
import { type Chooser, createStudentFinder } from './student-finder.ts';

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

/**
 * The request's language (its override, the person's, the school's), clock and time zone. The
 * school's part came with the person (`Actor.school`), so settling asks the store nothing.
 */
export function settle(request: Omit<CommandRequest, 'text'>, commands: readonly Command[]): Setting {
  const { school } = request.actor;
  const locale = request.locale ?? request.actor.locale ?? school.defaultLocale;
  return {
    request,
    commands,
    locale,
    t: translator(locale),
    now: request.now ?? new Date(),
    timeZone: school.timeZone,
  };
}

/** How the action was asked: its arguments as text, to repeat it with a chosen student. */
export type AskedWith = Readonly<Record<string, BoundValue | undefined>>;

export async function execute(
  setting: Setting,
  found: Command,
  action: Action,
  args: unknown,
  asked?: AskedWith,
): Promise<ReplyInput> {
  const notices: string[] = [];
  const chooser: Chooser | undefined = asked
    ? (email, query) => {
        const line = commandLine(found, action, withStudent(asked, query, email));
        // Slack refuses a button value over 2,000 characters; a long note is typed again instead.
        return line && line.length <= MAX_RERUN_LENGTH
          ? runButton(setting.t('lookup.choose'), line)
          : undefined;
      }
    : undefined;
  const answer = await inContext(setting, found, action, (context) => action.run(context, args), {
    ...(chooser ? { chooser } : {}),
    notice: (text) => notices.push(text),
  });
  if (notices.length === 0) return answer;
  return {
    ...answer,
    blocks: [
      ...notices.map((text) => ({ type: 'text' as const, tone: 'muted' as const, text })),
      ...answer.blocks,
    ],
  };
}

const MAX_RERUN_LENGTH = 1500;

/** Builds the handler's context for this action and runs `work` in it; what it read is written as it goes (`audit-trail.ts`). */
export async function inContext<T>(
  setting: Setting,
  found: Command,
  action: Action,
  work: (context: CommandContext) => T | Promise<T>,
  lookup: { chooser?: Chooser; notice?: (text: string) => void } = {},
): Promise<T> {
  const { request, commands, locale, t, now, timeZone } = setting;
  const { store, actor } = request;
  // The audit log keeps the real time, also when a terminal user pretends it is another moment.
  const at = new Date().toISOString();
  const subject = action.name === 'main' ? found.name : `${found.name} ${action.name}`;
  const toEntry = (note: AuditNote): AuditEntry => ({ ...note, at, subject, channel: request.channel });
  const trail = auditTrail(store, actor, toEntry);
  const auditRead = (studentId: number, detail?: Record<string, unknown>) =>
    trail.note({ studentId, action: 'read', detail: detail ?? null });
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
    ...createStudentFinder({
      store,
      actor,
      t,
      locale,
      platform,
      auditRead,
      auditRefusal: (reason, studentId = null) => trail.note(refusalNote(reason, studentId)),
      ...lookup,
    }),
    auditRead,
    change: (work, audit) =>
      inTransaction(store, async () => {
        const result = await work();
        const entries = audit(result);
        await recordAudit(store, actor, entries.map(toEntry));
        // A change to a student's record can open or clear a signal: decided in the same
        // transaction, so the record and what it means for the student are never out of step.
        const changed = new Set(
          entries.flatMap((e) =>
            typeof e.studentId === 'number' && e.action !== 'read' ? [e.studentId] : [],
          ),
        );
        if (changed.size > 0) {
          const refresher = await signalRefresher(store, { today: context.today, at: now.toISOString() });
          await refresher.refreshAll([...changed].map((id) => ({ id, depth: 'every' as const })));
        }
        return result;
      }),
  };
  let result: T;
  try {
    result = await work(context);
  } catch (error) {
    // The handler's failure is the one to report; the entries are written all the same.
    await trail.written().catch(() => undefined);
    throw error;
  }
  await trail.written();
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
    return replySchema.parse(unexpectedError(t, locale, id));
  }
}
