/**
 * Binds the words of a command line to an action's argument names: options by name (Dutch or
 * English), the remaining words to the positionals. Values stay text; the action's zod schema
 * decides what they mean.
 */
import { closestWord } from '../domain/edit-distance.ts';
import type { Action } from './command.ts';
import type { Token } from './tokenize.ts';

export type BoundValue = string | true | string[];

export type BindProblem =
  | { kind: 'unknownOption'; option: string; suggestion: string | null }
  | { kind: 'optionNeedsValue'; option: string }
  | { kind: 'repeatedOption'; option: string }
  /** `ranPastOption`: words after an option's one value, most likely an unquoted text. */
  | { kind: 'tooManyWords'; words: string; ranPastOption?: boolean };

export type Binding =
  | {
      ok: true;
      values: Record<string, BoundValue>;
      /** How the user wrote each option (`--until` for `tot`), to name it back in their words. */
      spelled: Record<string, string>;
    }
  | { ok: false; problem: BindProblem };

export function bindArguments(action: Action, tokens: readonly Token[]): Binding {
  const options = action.options ?? {};
  const optionByWord = new Map<string, string>();
  for (const [name, spec] of Object.entries(options)) {
    optionByWord.set(name, name);
    for (const alias of spec.aliases ?? []) optionByWord.set(alias, name);
  }
  const values: Record<string, BoundValue> = {};
  const spelled: Record<string, string> = {};
  /** Positional words in runs: an option and its value end a run. */
  const runs: Token[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'option') {
      runs.at(-1)?.push(token);
      continue;
    }
    const name = optionByWord.get(token.name);
    if (name === undefined)
      return {
        ok: false,
        problem: {
          kind: 'unknownOption',
          option: token.name,
          suggestion: closestWord(token.name, [...optionByWord.keys()]),
        },
      };
    spelled[name] = token.name;
    runs.push([]);
    const spec = options[name] ?? {};
    if (spec.flag) {
      values[name] = true;
      continue;
    }
    const next = tokens[i + 1];
    if (next === undefined || next.kind === 'option')
      return { ok: false, problem: { kind: 'optionNeedsValue', option: token.name } };
    i++;
    const earlier = values[name];
    if (spec.repeat) values[name] = [...(Array.isArray(earlier) ? earlier : []), next.text];
    else if (earlier !== undefined)
      return { ok: false, problem: { kind: 'repeatedOption', option: token.name } };
    else values[name] = next.text;
  }
  const words = runs.filter((run) => run.length > 0);
  // Words on both sides of an option: an unquoted text ran past its option's one value.
  if (words.length > 1)
    return {
      ok: false,
      problem: {
        kind: 'tooManyWords',
        words: (words.at(-1) ?? []).map((t) => t.text).join(' '),
        ranPastOption: true,
      },
    };
  return bindPositionals(action, words[0] ?? [], values, spelled);
}

/**
 * Positionals after a `rest` one take tokens from the end, and only quoted ones: in
 * `doel nieuw daan visser "Titel"` the name stops where the quotes start, and without quotes
 * nothing is silently taken for the title.
 */
function bindPositionals(
  action: Action,
  words: Token[],
  values: Record<string, BoundValue>,
  spelled: Record<string, string>,
): Binding {
  const positionals = action.positionals ?? [];
  const restAt = positionals.findIndex((p) => p.rest);
  const before = restAt === -1 ? positionals : positionals.slice(0, restAt);
  const after = restAt === -1 ? [] : positionals.slice(restAt + 1);
  const remaining = [...words];
  for (const { key } of before) {
    const word = remaining.shift();
    if (word !== undefined) values[key] = word.text;
  }
  for (const { key } of [...after].reverse()) {
    const last = remaining.at(-1);
    if (last?.kind === 'word' && last.quoted) {
      values[key] = last.text;
      remaining.pop();
    }
  }
  const rest = restAt === -1 ? undefined : positionals[restAt];
  if (rest && remaining.length > 0) values[rest.key] = remaining.map((t) => t.text).join(' ');
  else if (remaining.length > 0)
    return { ok: false, problem: { kind: 'tooManyWords', words: remaining.map((t) => t.text).join(' ') } };
  return { ok: true, values, spelled };
}
