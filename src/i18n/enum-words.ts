/**
 * The words of a vocabulary value, shown and typed, from one source: its labels under
 * `enum.<name>.<value>`. What Koers shows a reader is what it accepts back, so an English reader
 * who sees "intensification" or "coaching conversation" can type that word, and a list of what
 * to type never shows Dutch codes to an English reader.
 */
import { type labelledEnums, locales } from '../domain/enums.ts';
import { normalizeName } from '../domain/name-match.ts';
import { type Translator, translate } from './translate.ts';

export type EnumName = keyof typeof labelledEnums;

/** Case, accents and spaces do not matter: `Coaching conversation` and `coaching-conversation` are one word. */
export const typedWord = (text: string): string => normalizeName(text).replace(/ /g, '-');

/** A first word as short as "a", "te" or "nog" says too little to stand for a value on its own. */
const FIRST_WORD_MIN = 4;

/** What a reader is offered to type for each value: its label in their language, as one word. */
export function choiceWords(
  t: Translator,
  enumName: EnumName,
  values: readonly (string | number)[],
): string[] {
  return values.map((value) => typedWord(t(`enum.${enumName}.${value}`)));
}

/**
 * Every word typed for a value: its stored code, its label in either language, and the first
 * word of a label of several words (`--kind coaching`) when no other value's label starts with it.
 */
export function valuesByWord<const Value extends string | number>(
  enumName: EnumName,
  values: readonly Value[],
): ReadonlyMap<string, Value> {
  const byWord = new Map<string, Value>();
  const firstWordOwners = new Map<string, Set<Value>>();
  for (const value of values) {
    byWord.set(typedWord(String(value)), value);
    for (const locale of locales) {
      const key = `enum.${enumName}.${value}`;
      const label = translate(locale, key);
      if (label === key) continue;
      byWord.set(typedWord(label), value);
      // A hyphenated word stays whole: "student-parent-mentor meeting" is not a "student".
      const [first, ...rest] = label.trim().split(/\s+/);
      if (first && rest.length > 0) {
        const word = typedWord(first);
        firstWordOwners.set(word, new Set([...(firstWordOwners.get(word) ?? []), value]));
      }
    }
  }
  for (const [word, owners] of firstWordOwners) {
    const [only] = owners;
    if (owners.size === 1 && only !== undefined && word.length >= FIRST_WORD_MIN && !byWord.has(word))
      byWord.set(word, only);
  }
  return byWord;
}
