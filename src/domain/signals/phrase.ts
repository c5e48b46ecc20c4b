/**
 * What a signal says, as data: a locale key and typed parameters, never finished text. The same
 * evidence is then read in Dutch or English, with dates and grades in the reader's format, and a
 * stored signal can be rendered again after a wording change.
 *
 * Parameters are numbers, dates, weeks and vocabulary codes only. There is deliberately no
 * free-text parameter: evidence must never carry what a student wrote in a reflection.
 */
import { z } from 'zod';
import { labelledEnums } from '../enums.ts';

const isoDate = z.iso.date();
const isoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);
const labelledEnumName = z.enum(Object.keys(labelledEnums) as [keyof typeof labelledEnums]);

/** One typed value; each shape is rendered by its own formatter (see phrase-text.ts). */
export const paramSchema = z.union([
  /** A whole number of things (weeks, reflections, days); also chooses a plural form. */
  z.strictObject({ count: z.int().min(0) }),
  /** A 1–5 answer or a mean of them, shown with at most one decimal. */
  z.strictObject({ score: z.number().min(0).max(5) }),
  /** A grade from 1.0 to 10.0. */
  z.strictObject({ grade: z.number().min(1).max(10) }),
  z.strictObject({ date: isoDate }),
  z.strictObject({ week: isoWeek }),
  /** The number of a record (#12), shown without digit grouping. */
  z.strictObject({ id: z.int().positive() }),
  /** Scores in time order, oldest first: `3 → 2 → 2`. */
  z.strictObject({ series: z.array(z.number().min(0).max(5)).min(1) }),
  /** A value of a closed vocabulary, shown with its label `enum.<label>.<value>`. */
  z
    .strictObject({ label: labelledEnumName, value: z.string() })
    // Only the vocabulary's own codes: the one string parameter can never carry free text.
    .refine(({ label, value }) => (labelledEnums[label] as readonly unknown[]).includes(value), {
      message: 'not a value of this vocabulary',
    }),
]);
export type Param = z.infer<typeof paramSchema>;

export const phraseSchema = z.strictObject({
  key: z.string().startsWith('signals.'),
  params: z.record(z.string(), paramSchema),
});
export type Phrase = z.infer<typeof phraseSchema>;

/**
 * Why a signal fired and what to do about it: the JSON a `signals.evidence` column holds. The
 * schema is there to read it back.
 */
export const evidenceSchema = z.strictObject({
  facts: z.array(phraseSchema).min(1),
  nextStep: phraseSchema,
});
export type Evidence = z.infer<typeof evidenceSchema>;

export function phrase(key: string, params: Record<string, Param> = {}): Phrase {
  return { key, params };
}

/** Means are kept to one decimal, as they are shown, so that evidence does not change by noise. */
export function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}
