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
  | { kind: 'tooManyWords'; words: string };

export type Binding = { ok: true; values: Record<string, BoundValue> } | { ok: false; problem: BindProblem };

export function bindArguments(action: Action, tokens: readonly Token[]): Binding {
  const options = action.options ?? {};
  const optionByWord = new Map<string, string>();
  for (const [name, spec] of Object.entries(options)) {
    optionByWord.set(name, name);
    for (const alias of spec.aliases ?? []) optionByWord.set(alias, name);
  }
  const values: Record<string, BoundValue> = {};
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'option') {
      words.push(token.text);
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
    const spec = options[name] ?? {};
    if (spec.flag) {
      values[name] = true;
      continue;
    }
    const next = tokens[i + 1];
    if (next === undefined || next.kind === 'option')
      return { ok: false, problem: { kind: 'optionNeedsValue', option: name } };
    i++;
    const earlier = values[name];
    if (spec.repeat) values[name] = [...(Array.isArray(earlier) ? earlier : []), next.text];
    else if (earlier !== undefined) return { ok: false, problem: { kind: 'repeatedOption', option: name } };
    else values[name] = next.text;
  }
  return bindPositionals(action, words, values);
}

/** Positionals after a `rest` one take words from the end, so a name can come before a quoted title. */
function bindPositionals(action: Action, words: string[], values: Record<string, BoundValue>): Binding {
  const positionals = action.positionals ?? [];
  const restAt = positionals.findIndex((p) => p.rest);
  const before = restAt === -1 ? positionals : positionals.slice(0, restAt);
  const after = restAt === -1 ? [] : positionals.slice(restAt + 1);
  const remaining = [...words];
  for (const { key } of before) {
    const word = remaining.shift();
    if (word !== undefined) values[key] = word;
  }
  for (const { key } of [...after].reverse()) {
    const word = remaining.pop();
    if (word !== undefined) values[key] = word;
  }
  const rest = restAt === -1 ? undefined : positionals[restAt];
  if (rest && remaining.length > 0) values[rest.key] = remaining.join(' ');
  else if (remaining.length > 0)
    return { ok: false, problem: { kind: 'tooManyWords', words: remaining.join(' ') } };
  return { ok: true, values };
}
