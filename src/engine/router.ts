/**
 * The one way into Koers's commands, for every platform and the terminal: text in, `Reply` out.
 * (A submitted form comes in through src/engine/forms.ts and meets the same `execute`.)
 *
 * It never throws. Unknown words get the closest command and its usage; wrong arguments get
 * which argument, what was expected and an example; a handler's `UserError` becomes its message;
 * anything else is logged with an id that the user sees.
 */
import type { z } from 'zod';
import { type Actor, audiencesOf } from '../domain/actor.ts';
import { closestWord } from '../domain/edit-distance.ts';
import type { Locale } from '../domain/enums.ts';
import { normalizeName } from '../domain/name-match.ts';
import type { Translator } from '../i18n/translate.ts';
import type { Reply, ReplyInput } from '../reply/reply.ts';
import { recordRefusal } from '../store/audit.ts';
import { argumentDoc, expectedText } from './arguments.ts';
import { type BindProblem, bindArguments } from './bind.ts';
import type { Action, Command } from './command.ts';
import { type CommandRequest, execute, guarded, type Setting, settle } from './execution.ts';
import { actionsFor, commandsFor, summaryOf } from './offers.ts';
import { failed, refusal, usageProblem } from './replies.ts';
import { type Token, tokenize } from './tokenize.ts';

const fold = (word: string) => normalizeName(word);

/** Longer than any command a person types; a cap keeps a pasted essay from tying up the process. */
const ECHO_MAX = 60;

export const MAX_TEXT_LENGTH = 4000;

function findCommand(commands: readonly Command[], word: string): Command | undefined {
  const wanted = fold(word);
  return commands.find((c) => fold(c.name) === wanted || c.aliases.some((a) => fold(a) === wanted));
}

export function usageOf(t: Translator, commandName: string, actionName: string) {
  return {
    usage: t(`commands.${commandName}.${actionName}.usage`),
    example: t(`commands.${commandName}.${actionName}.example`),
  };
}

function chooseAction(command: Command, tokens: Token[]): { action: Action; rest: Token[] } | undefined {
  const [first, ...rest] = tokens;
  if (first?.kind === 'word' && !first.quoted) {
    const wanted = fold(first.text);
    const named = command.actions.find((a) => a.words?.some((w) => fold(w) === wanted));
    if (named) return { action: named, rest };
  }
  const main = command.actions.find((a) => a.name === 'main');
  return main ? { action: main, rest: tokens } : undefined;
}

/**
 * Words left over. Only an action that takes a text (a quoted title) gets the advice about
 * quotes; any other says what it does take, so `mijn extra` is not told to quote a title.
 */
function leftoverText(
  t: Translator,
  command: Command,
  action: Action,
  { words, ranPastOption }: { words: string; ranPastOption?: boolean },
): string {
  const positionals = action.positionals ?? [];
  if (ranPastOption || (positionals.some((p) => p.rest) && positionals.length > 1))
    return t('router.tooManyWords', { words });
  const takes = positionals.map((p) => `<${t(`args.names.${p.key}`)}>`).join(' ');
  return t('router.unexpectedWords', {
    words,
    command: action.name === 'main' ? command.name : `${command.name} ${action.words?.[0] ?? action.name}`,
    expected: takes === '' ? t('router.noWords') : takes,
  });
}

function bindProblemText(t: Translator, command: Command, action: Action, problem: BindProblem): string {
  switch (problem.kind) {
    case 'unknownOption':
      return (
        t('router.unknownOption', { option: `--${problem.option}` }) +
        (problem.suggestion ? ` ${t('router.didYouMean', { suggestion: `--${problem.suggestion}` })}` : '')
      );
    case 'optionNeedsValue':
      return t('router.optionNeedsValue', { option: `--${problem.option}` });
    case 'repeatedOption':
      return t('router.repeatedOption', { option: `--${problem.option}` });
    case 'tooManyWords':
      return leftoverText(t, command, action, problem);
  }
}

/** "--tot: '32-13' is geen datum, zoals 15-12 of 15 december" — the argument, what came, what is expected. */
function argumentProblemText(
  t: Translator,
  action: Action,
  values: Record<string, unknown>,
  spelled: Record<string, string>,
  issue: z.core.$ZodIssue,
): string {
  // An object-level rule has no argument to point at; its message is a locale key.
  if (issue.path.length === 0) return t(issue.message);
  const key = String(issue.path[0]);
  const isOption = Object.hasOwn(action.options ?? {}, key);
  const argument = isOption ? `--${spelled[key] ?? key}` : `<${t(`args.names.${key}`)}>`;
  const schema = (action.args as z.ZodObject).shape?.[key] as z.ZodType | undefined;
  const doc = schema ? argumentDoc(schema) : undefined;
  const expected = doc ? expectedText(t, doc) : t('args.valid');
  const given = values[key];
  if (given === undefined) return t('router.missingArgument', { argument, expected });
  const value = Array.isArray(given) ? given.join(', ') : String(given);
  return t('router.badArgument', {
    argument,
    // Enough to recognise what was typed; a 2,000-character note is not repeated back whole.
    value: value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value,
    expected,
  });
}

/** Suggests only a command this person may run: a near miss of someone else's is no help. */
function unknownCommandReply(
  t: Translator,
  locale: Locale,
  actor: Actor,
  commands: readonly Command[],
  word: string,
): ReplyInput {
  const mine = commandsFor(actor, commands);
  const words = mine.flatMap((c) => [c.name, ...c.aliases]);
  const closest = closestWord(fold(word), words);
  const suggested = closest ? findCommand(mine, closest) : undefined;
  return {
    outcome: 'usage',
    locale,
    blocks: [
      { type: 'text', tone: 'error', text: t('router.unknownCommand', { word }) },
      ...(suggested
        ? [
            { type: 'text' as const, text: t('router.didYouMean', { suggestion: suggested.name }) },
            {
              type: 'text' as const,
              tone: 'muted' as const,
              text: `${suggested.name}: ${summaryOf(t, actor, suggested)}`,
            },
          ]
        : []),
      { type: 'text', tone: 'muted', text: t('router.seeHelp') },
    ],
  };
}

export async function route(commands: readonly Command[], request: CommandRequest): Promise<Reply> {
  return guarded(
    request,
    () => routeUnsafe(commands, request),
    () => {
      const word = tokenize(request.text.slice(0, MAX_TEXT_LENGTH)).find((t) => !/^\/?koers$/i.test(t.text));
      return word ? findCommand(commands, word.text)?.name : undefined;
    },
  );
}

async function routeUnsafe(commands: readonly Command[], request: CommandRequest): Promise<ReplyInput> {
  const setting = settle(request, commands);
  const { actor } = request;
  const { t, locale } = setting;

  if (request.text.length > MAX_TEXT_LENGTH)
    return refusal(t, locale, 'router.tooLong', { max: MAX_TEXT_LENGTH });
  let tokens = tokenize(request.text);
  // `/koers leerling sarina` and `koers leerling sarina` are the same as `leerling sarina`.
  if (tokens[0]?.kind === 'word' && /^\/?koers$/i.test(tokens[0].text)) tokens = tokens.slice(1);
  const [first, ...afterCommand] = tokens;
  const commandWord = first === undefined ? 'help' : first.text;
  const found = first?.kind === 'option' ? undefined : findCommand(commands, commandWord);
  if (!found)
    return unknownCommandReply(
      t,
      locale,
      actor,
      commands,
      first?.kind === 'option' ? `--${first.name}` : commandWord,
    );

  const chosen = chooseAction(found, afterCommand);
  if (!chosen) {
    const word = afterCommand[0]?.text ?? '';
    const mine = actionsFor(actor, found);
    if (mine.length === 0) return refused(setting, found.name);
    const actionWords = mine.flatMap((a) => [...(a.words ?? [])]);
    const suggestion = word ? closestWord(fold(word), actionWords) : null;
    const problem = word
      ? t('router.unknownAction', { word, command: found.name }) +
        (suggestion ? ` ${t('router.didYouMean', { suggestion: `${found.name} ${suggestion}` })}` : '')
      : t('router.missingAction', {
          command: found.name,
          actions: mine.map((a) => a.words?.[0]).join(', '),
        });
    return usageProblem(t, locale, problem, undefined);
  }
  const { action, rest } = chosen;
  const audiences = audiencesOf(actor);
  if (!action.who.some((who) => audiences.includes(who)))
    // The action, not the whole command: a teacher may list arrangements but not evaluate one.
    return refused(setting, action.name === 'main' ? found.name : `${found.name} ${action.name}`);
  const answer = await runAction(setting, found, action, rest);
  return failed(answer) ? (misspeltAction(t, locale, found, rest, audiences) ?? answer) : answer;
}

/** A command outside the person's roles: said plainly, and written down, so probing leaves a trace. */
async function refused(setting: Setting, commandName: string): Promise<ReplyInput> {
  const { request, t, locale } = setting;
  await recordRefusal(request.store, request.actor, {
    subject: commandName,
    channel: request.channel,
    reason: 'commandNotForYou',
  });
  return refusal(t, locale, 'access.commandNotForYou', { command: commandName });
}

/**
 * `doel behaal 12` runs `doelen` with the name "behaal 12" and fails; what the user meant was an
 * action word. Said only after a failure, so a student named like an action is still found.
 */
function misspeltAction(
  t: Translator,
  locale: Locale,
  found: Command,
  rest: Token[],
  audiences: readonly string[],
): ReplyInput | undefined {
  const first = rest[0];
  if (first?.kind !== 'word' || first.quoted) return undefined;
  const mine = found.actions.filter((a) => a.name !== 'main' && a.who.some((w) => audiences.includes(w)));
  const suggestion = closestWord(
    fold(first.text),
    mine.flatMap((a) => [...(a.words ?? [])]),
  );
  const meant = mine.find((a) => suggestion !== null && a.words?.includes(suggestion));
  if (!meant || suggestion === null) return undefined;
  return usageProblem(
    t,
    locale,
    `${t('router.unknownAction', { word: first.text, command: found.name })} ${t('router.didYouMean', { suggestion: `${found.name} ${suggestion}` })}`,
    usageOf(t, found.name, meant.name),
  );
}

async function runAction(
  setting: Setting,
  found: Command,
  action: Action,
  rest: Token[],
): Promise<ReplyInput> {
  const { t, locale } = setting;
  const usage = usageOf(t, found.name, action.name);
  const bound = bindArguments(action, rest);
  if (!bound.ok) return usageProblem(t, locale, bindProblemText(t, found, action, bound.problem), usage);
  const parsed = action.args.safeParse(bound.values);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const text = issue ? argumentProblemText(t, action, bound.values, bound.spelled, issue) : t('args.valid');
    return usageProblem(t, locale, text, usage);
  }
  return execute(setting, found, action, parsed.data, bound.values);
}

export type { CommandRequest } from './execution.ts';
