/**
 * Replies the engine gives in its own name: refusals, errors, usage. Each sets the Reply's
 * `outcome`; the tone of its text is only how it looks.
 */
import type { Locale } from '../domain/enums.ts';
import { type Params, type Translator, translator } from '../i18n/translate.ts';
import { type Reply, type ReplyInput, reply as replySchema } from '../reply/reply.ts';

/** An answer is anything but `ok`: refused, a usage problem, or an unexpected error. */
export const failed = (answer: ReplyInput): boolean => (answer.outcome ?? 'ok') !== 'ok';

/** A change went through: one line, in the success tone. */
export function confirmation(t: Translator, locale: Locale, key: string, params?: Params): ReplyInput {
  return { outcome: 'ok', locale, blocks: [{ type: 'text', tone: 'success', text: t(key, params) }] };
}

/** Not allowed or not possible: no access, a rule of the domain, a state that changed. */
export function refusal(t: Translator, locale: Locale, key: string, params?: Params): ReplyInput {
  return { outcome: 'refused', locale, blocks: [{ type: 'text', tone: 'error', text: t(key, params) }] };
}

/** Something went wrong in Koers: the id the user can quote and the log line holds. */
export function unexpectedError(t: Translator, locale: Locale, id: string): ReplyInput {
  return {
    outcome: 'error',
    locale,
    blocks: [{ type: 'text', tone: 'error', text: t('error.unexpected', { id }) }],
  };
}

/** `unexpectedError` for an adapter, outside any command. */
export function unexpectedErrorReply(locale: Locale, id: string): Reply {
  return replySchema.parse(unexpectedError(translator(locale), locale, id));
}

/** A refusal an adapter gives before any command runs (unknown account, another workspace). */
export function refusalReply(locale: Locale, key: string, params?: Params): Reply {
  return replySchema.parse(refusal(translator(locale), locale, key, params));
}

/** A problem with what was typed, with the usage line and an example to copy. */
export function usageProblem(
  t: Translator,
  locale: Locale,
  problem: string,
  usage: { usage: string; example: string } | undefined,
): ReplyInput {
  return {
    outcome: 'usage',
    locale,
    blocks: [
      { type: 'text', tone: 'error', text: problem },
      ...(usage
        ? [
            {
              type: 'text' as const,
              tone: 'muted' as const,
              text: t('router.usage', { usage: usage.usage }),
            },
            {
              type: 'text' as const,
              tone: 'muted' as const,
              text: t('router.example', { example: usage.example }),
            },
          ]
        : []),
    ],
  };
}
