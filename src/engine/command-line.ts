/**
 * An action and its argument values written back as one command line. A forgiving name match
 * never changes data by itself: the asker chooses, and the button they press runs what they
 * asked with the chosen student's address in place of the name they typed.
 */
import type { BoundValue } from './bind.ts';
import type { Action, Command } from './command.ts';

/**
 * The arguments with the student chosen: every argument whose text named the student (`naam`,
 * `--leerling`, a form's prefill) now holds the chosen student's address.
 */
export function withStudent<T extends BoundValue | undefined>(
  values: Readonly<Record<string, T>>,
  query: string,
  email: string,
): Record<string, T | string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, value === query ? email : value]),
  );
}

/** Quote characters the tokenizer knows, each with the characters that may close it. */
const quotes: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”“'],
  ['‘', '’‘'],
];

const BARE = /^[\p{L}\p{N}@._:/+=-]+$/u;

/** A value as one token: bare when it is one plain word, else in a quote it does not contain. */
function token(value: string): string | undefined {
  if (BARE.test(value) && !/^[-–—]/.test(value)) return value;
  const quote = quotes.find(([, closers]) => ![...closers].some((closer) => value.includes(closer)));
  return quote ? `${quote[0]}${value}${quote[1][0]}` : undefined;
}

/**
 * `doel nieuw "daan.visser@…" "Plannen" --tot 15-12`, or undefined when some value cannot be
 * written so that the tokenizer reads it back unchanged.
 */
export function commandLine(
  command: Command,
  action: Action,
  values: Readonly<Record<string, BoundValue | undefined>>,
): string | undefined {
  const words: string[] = [command.name];
  if (action.name !== 'main') {
    const word = action.words?.[0];
    if (word === undefined) return undefined;
    words.push(word);
  }
  const positionalKeys = new Set((action.positionals ?? []).map((p) => p.key));
  // Positionals after the one that takes the rest are only read back from quoted words.
  const restKey = action.positionals?.find((p) => p.rest)?.key;
  for (const { key } of action.positionals ?? []) {
    const value = values[key];
    if (typeof value !== 'string') continue;
    const written = token(value);
    if (written === undefined) return undefined;
    words.push(written === value && key !== restKey ? `"${value}"` : written);
  }
  for (const [key, value] of Object.entries(values)) {
    if (positionalKeys.has(key) || value === undefined) continue;
    if (!Object.hasOwn(action.options ?? {}, key)) continue;
    if (value === true) {
      words.push(`--${key}`);
      continue;
    }
    for (const one of Array.isArray(value) ? value : [value]) {
      const written = token(one);
      if (written === undefined) return undefined;
      words.push(`--${key}`, written);
    }
  }
  return words.join(' ');
}
