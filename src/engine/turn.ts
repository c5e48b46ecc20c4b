/**
 * One turn of a conversation, the same on every platform: who is asking (or why they get
 * nothing), the command, form or home view, an answer on any failure in the person's language,
 * and who may see the answer. A platform adapter supplies the person (`identify`) and carries the
 * Reply (`deliver`); everything between is decided here, once.
 *
 * Audit entries are written by the engine with the turn's channel (src/engine/execution.ts).
 */

import type { Actor } from '../domain/actor.ts';
import type { Channel, Locale } from '../domain/enums.ts';
import { errorId, log, loggableError } from '../log.ts';
import type { Block, Reply } from '../reply/reply.ts';
import type { Store } from '../store/database.ts';
import { homeView } from '../views/home.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Command } from './command.ts';
import type { PlatformContext } from './context.ts';
import { openForm, submitForm } from './forms.ts';
import { refusalReply, unexpectedErrorReply } from './replies.ts';
import { route } from './router.ts';

/** Who is asking, as the platform found out: a Koers person, or a refusal (and its locale key). */
export type Identity =
  | {
      kind: 'person';
      actor: Actor;
      platform: PlatformContext;
      /** The platform's language for this user, for a person without a Koers language of their own. */
      locale?: Locale;
    }
  /** `slack.unlinked`, `teams.otherTenant`: said to the account, which gets nothing else. */
  | { kind: 'refused'; key: string; locale?: Locale };

/** One request as an adapter hands it over. `identify` runs inside the turn, so its failures are answered. */
export type Asking = {
  channel: Extract<Channel, 'slack' | 'teams' | 'local'>;
  /** The language the platform says this user reads, for answers before (or without) a person. */
  platformLocale?: Locale;
  /** Where it was asked (see PlatformContext); commands that post to a channel need it. */
  conversation?: { id: string; shared: boolean };
  identify(): Promise<Identity>;
};

/**
 * Who may read an answer: everyone in the conversation only for a staff member's visible Reply
 * (a summary); anything else is for the asker alone, even when asked in a channel.
 */
export type Audience = 'conversation' | 'asker';

export type Answer = { reply: Reply; audience: Audience };

export type Form = Extract<Block, { type: 'form' }>;

/** A form to show, or an answer instead (a refusal, a list to choose a student from). */
export type Opened = { kind: 'form'; reply: Reply; form: Form } | { kind: 'answer'; answer: Answer };

/**
 * A submitted form: done, with its answer; or refused, with each error on its input (`fields`),
 * the errors no input owns (`general`), and the form again with what was typed and the errors on
 * it, where it could be opened again.
 */
export type Submitted =
  | { kind: 'done'; reply: Reply }
  | {
      kind: 'refused';
      fields: Record<string, string>;
      general: string[];
      again: { reply: Reply; form: Form } | undefined;
    };

export type Deliver = (answer: Answer) => Promise<void>;

export function audienceOf(reply: Reply, actor: Actor | undefined): Audience {
  return reply.visibility === 'visible' && actor?.kind === 'staff' ? 'conversation' : 'asker';
}

/** The first text of a Reply: a refusal or an explanation, where a platform has room for one line. */
export function firstText(reply: Reply): string {
  const text = reply.blocks.find((block) => block.type === 'text');
  return text?.type === 'text' ? text.text : '';
}

export type Turns = ReturnType<typeof turns>;

export function turns(deps: { store: Store; commands: readonly Command[]; clock?: Clock }) {
  const { store, commands } = deps;
  const clock = deps.clock ?? systemClock;

  const requestOf = (asking: Asking, who: Extract<Identity, { kind: 'person' }>) => ({
    store,
    actor: who.actor,
    platform: asking.conversation ? { ...who.platform, conversation: asking.conversation } : who.platform,
    channel: asking.channel,
    now: clock.now(),
    ...(who.locale ? { locale: who.locale } : {}),
  });

  /** The person's own language, else the platform's, else Dutch: for answers Koers gives around a command. */
  const localeOf = (asking: Asking, who: Identity | undefined): Locale =>
    (who?.kind === 'person' ? (who.actor.locale ?? who.locale) : who?.locale) ??
    asking.platformLocale ??
    'nl';

  const refusedAnswer = (asking: Asking, who: Extract<Identity, { kind: 'refused' }>): Answer => ({
    reply: refusalReply(localeOf(asking, who), who.key),
    audience: 'asker',
  });

  /** Logs a failure with an id and gives the Reply that quotes it, in the person's language. */
  function failure(asking: Asking, who: Identity | undefined, error: unknown): Reply {
    const id = errorId();
    log.error('turn.failed', { id, channel: asking.channel, error: loggableError(error) });
    return unexpectedErrorReply(localeOf(asking, who), id);
  }

  /**
   * Runs `work` and shows its outcome; a failure anywhere (identifying, answering, showing) is
   * shown once more as an error with an id. If even that cannot be shown, the log has it.
   */
  async function settled<T>(
    asking: Asking,
    work: (who: Identity) => Promise<T>,
    show: (outcome: T) => Promise<void>,
    failed: (reply: Reply) => T,
  ): Promise<void> {
    let who: Identity | undefined;
    try {
      who = await asking.identify();
      await show(await work(who));
    } catch (error) {
      const reply = failure(asking, who, error);
      await show(failed(reply)).catch((again) =>
        log.error('turn.undelivered', { channel: asking.channel, error: loggableError(again) }),
      );
    }
  }

  const failedAnswer = (reply: Reply): Answer => ({ reply, audience: 'asker' });

  return {
    /**
     * A typed command line (a slash command, a message, a button that reruns a line). The text
     * may need the platform to read (a mention's id), so it may come as work of its own.
     */
    command(asking: Asking, text: string | (() => Promise<string>), deliver: Deliver): Promise<void> {
      return settled(
        asking,
        async (who) => {
          if (who.kind === 'refused') return refusedAnswer(asking, who);
          const line = typeof text === 'string' ? text : await text();
          const reply = await route(commands, { ...requestOf(asking, who), text: line });
          return { reply, audience: audienceOf(reply, who.actor) };
        },
        deliver,
        failedAnswer,
      );
    },

    /** A button that opens a form: the form to show, or an answer instead (why not, or a list to choose from). */
    openForm(
      asking: Asking,
      opening: { formId: string; prefill: Record<string, string> },
      show: (opened: Opened) => Promise<void>,
    ): Promise<void> {
      return settled(
        asking,
        async (who): Promise<Opened> => {
          if (who.kind === 'refused') return { kind: 'answer', answer: refusedAnswer(asking, who) };
          const reply = await openForm(commands, { ...requestOf(asking, who), ...opening });
          const form = reply.blocks.find((block): block is Form => block.type === 'form');
          return form
            ? { kind: 'form', reply, form }
            : { kind: 'answer', answer: { reply, audience: audienceOf(reply, who.actor) } };
        },
        show,
        (reply): Opened => ({ kind: 'answer', answer: failedAnswer(reply) }),
      );
    },

    /**
     * A submitted form: done, or refused with its errors (a failure is a general error). With
     * `reopen`, a refused form comes back with what was typed and the errors on it, for a
     * platform that replaces the form rather than keeping it open (Teams).
     */
    submitForm(
      asking: Asking,
      submitted: {
        formId: string;
        payload: Record<string, string>;
        values: Record<string, string | undefined>;
        reopen?: boolean;
      },
      show: (outcome: Submitted) => Promise<void>,
    ): Promise<void> {
      const { reopen, ...form } = submitted;
      return settled(
        asking,
        async (who): Promise<Submitted> => {
          if (who.kind === 'refused')
            return refusedSubmission({}, [firstText(refusedAnswer(asking, who).reply)], undefined);
          const request = requestOf(asking, who);
          const submission = await submitForm(commands, { ...request, ...form });
          if (submission.kind === 'done') return { kind: 'done', reply: submission.reply };
          // Field errors, or refused by the handler (a status changed meanwhile, no access):
          // said in the form.
          if (!reopen) return refusedSubmission(...placeErrors(undefined, submission.errors), undefined);
          const opened = await openForm(commands, { ...request, formId: form.formId, prefill: form.payload });
          const shown = opened.blocks.find((block): block is Form => block.type === 'form');
          const [fields, general] = placeErrors(shown, submission.errors);
          return refusedSubmission(
            fields,
            general,
            shown ? { reply: opened, form: withValuesAndErrors(shown, form.values, fields) } : undefined,
          );
        },
        show,
        (reply) => refusedSubmission({}, [firstText(reply)], undefined),
      );
    },

    /** A person's home (Slack's App Home): their overview, or why they get none. */
    home(asking: Asking, deliver: Deliver): Promise<void> {
      return settled(
        asking,
        async (who) => {
          if (who.kind === 'refused') return refusedAnswer(asking, who);
          return { reply: await homeView(commands, requestOf(asking, who)), audience: 'asker' as const };
        },
        deliver,
        failedAnswer,
      );
    },
  };
}

function refusedSubmission(
  fields: Record<string, string>,
  general: string[],
  again: { reply: Reply; form: Form } | undefined,
): Submitted {
  return { kind: 'refused', fields, general, again };
}

/**
 * Each error on the input it names; the form's own error (key `''`), and one naming no input of
 * the form, is general. Without the form, every named error is taken to be on its input.
 */
function placeErrors(
  form: Form | undefined,
  errors: Record<string, string>,
): [fields: Record<string, string>, general: string[]] {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const [name, message] of Object.entries(errors)) {
    const onInput = name !== '' && (!form || form.inputs.some((input) => input.name === name));
    if (onInput) fields[name] = message;
    else general.push(message);
  }
  return [fields, general];
}

/** The form as submitted: what was typed kept, each error on its input. */
function withValuesAndErrors(
  form: Form,
  values: Record<string, string | undefined>,
  fields: Record<string, string>,
): Form {
  return {
    ...form,
    inputs: form.inputs.map((input) => ({
      ...input,
      ...(values[input.name] !== undefined ? { value: values[input.name] } : {}),
      ...(fields[input.name] ? { error: fields[input.name] } : {}),
    })),
  };
}
