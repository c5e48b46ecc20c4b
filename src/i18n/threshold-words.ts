/**
 * The words of `instellingen drempels <soort> …`: a signal kind (its code or a label in either
 * language, of one or more words), then its numbers by name with their values, and `aan`/`uit`
 * or `standaard`. Every word Koers shows for a kind or a number is accepted back, in both
 * languages, so an English reader can type what the English overview shows.
 */
import { locales, signalKinds } from '../domain/enums.ts';
import type { SignalKind } from '../domain/signals/outcome.ts';
import { thresholdFields } from '../domain/signals/thresholds.ts';
import { typedWord, valuesByWord } from './enum-words.ts';
import { translate } from './translate.ts';

/** The label of each number, as shown and as typed (one word each). */
export const thresholdFieldLabels: Readonly<Record<string, string>> = {
  recent: 'settings.thresholds.field.recent',
  baseline: 'settings.thresholds.field.baseline',
  drop: 'settings.thresholds.field.drop',
  lowAtMost: 'settings.thresholds.field.lowAtMost',
  lowCount: 'settings.thresholds.field.lowCount',
  weeksInRow: 'settings.thresholds.field.weeksInRow',
  count: 'settings.thresholds.field.count',
  outOf: 'settings.thresholds.field.outOf',
  below: 'settings.thresholds.field.below',
  weeks: 'settings.thresholds.field.weeks',
};

/** `aan`, `uit` and `standaard` as typed; the labels are what the overview shows. */
const switchLabels = {
  on: 'settings.thresholds.on',
  off: 'settings.thresholds.off',
  reset: 'settings.thresholds.reset',
} as const;

function wordsOf(key: string, extra: readonly string[] = []): Set<string> {
  return new Set([...locales.map((locale) => typedWord(translate(locale, key))), ...extra.map(typedWord)]);
}

const switchWords = {
  on: wordsOf(switchLabels.on),
  off: wordsOf(switchLabels.off),
  reset: wordsOf(switchLabels.reset, ['default', 'standaard']),
};

const kindByWord = valuesByWord('signalKind', signalKinds);
/** How many words the longest kind label has ("grade at a higher level"): a kind is typed unquoted. */
const KIND_WORDS_MAX = Math.max(
  ...signalKinds.flatMap((kind) =>
    locales.map((locale) => translate(locale, `enum.signalKind.${kind}`).split(/\s+/).length),
  ),
);

function fieldOf(kind: SignalKind, word: string): string | undefined {
  const typed = typedWord(word);
  return thresholdFields(kind).find((field) => {
    const label = thresholdFieldLabels[field];
    return typed === typedWord(field) || (label !== undefined && wordsOf(label).has(typed));
  });
}

export type ThresholdChange = {
  kind: SignalKind;
  enabled?: boolean;
  /** Remove this level's override of the kind: the broader level's values apply again. */
  reset: boolean;
  values: Record<string, number>;
};

export type ThresholdWordsProblem =
  | { problem: 'unknownKind'; word: string }
  | { problem: 'unknownField'; kind: SignalKind; word: string }
  | { problem: 'notANumber'; kind: SignalKind; field: string; word: string }
  | { problem: 'nothingToChange'; kind: SignalKind };

/** A decimal as people type it: `1.5` or `1,5`. */
const NUMBER = /^\d{1,3}(?:[.,]\d{1,2})?$/;

export function readThresholdWords(
  text: string,
): { ok: true; change: ThresholdChange } | ({ ok: false } & ThresholdWordsProblem) {
  // `daling=1,5` is read as `daling 1,5`.
  const words = text.split(/[\s=]+/).filter(Boolean);
  let kind: SignalKind | undefined;
  let taken = 0;
  for (let n = Math.min(KIND_WORDS_MAX, words.length); n > 0 && !kind; n--) {
    kind = kindByWord.get(typedWord(words.slice(0, n).join(' ')));
    taken = n;
  }
  if (!kind) return { ok: false, problem: 'unknownKind', word: words[0] ?? '' };
  const change: ThresholdChange = { kind, reset: false, values: {} };
  const rest = words.slice(taken);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const typed = typedWord(word);
    if (switchWords.on.has(typed)) change.enabled = true;
    else if (switchWords.off.has(typed)) change.enabled = false;
    else if (switchWords.reset.has(typed)) change.reset = true;
    else {
      const field = fieldOf(kind, word);
      if (!field) return { ok: false, problem: 'unknownField', kind, word };
      const value = rest[++i] ?? '';
      if (!NUMBER.test(value)) return { ok: false, problem: 'notANumber', kind, field, word: value };
      change.values[field] = Number(value.replace(',', '.'));
    }
  }
  if (!change.reset && change.enabled === undefined && Object.keys(change.values).length === 0)
    return { ok: false, problem: 'nothingToChange', kind };
  return { ok: true, change };
}
