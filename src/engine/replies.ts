/** Replies the engine gives in its own name: refusals, errors, usage. */
import type { Locale } from '../domain/enums.ts';
import { type Params, type Translator, translator } from '../i18n/translate.ts';
import { type Reply, type ReplyInput, reply as replySchema } from '../reply/reply.ts';

/** A change went through: one line, in the success tone. */
export function confirmation(t: Translator, locale: Locale, key: string, params?: Params): ReplyInput {
  return { locale, blocks: [{ type: 'text', tone: 'success', text: t(key, params) }] };
}

export function refusal(t: Translator, locale: Locale, key: string, params?: Params): ReplyInput {
  return { locale, blocks: [{ type: 'text', tone: 'error', text: t(key, params) }] };
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
