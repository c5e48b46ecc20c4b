/**
 * Why a signal was resolved, as the `signals.resolution` column holds it: the rule's own words
 * when its condition cleared, or the reason a staff member gave when they resolved it by hand.
 */
import { z } from 'zod';
import { phraseSchema } from './phrase.ts';

/** A reason is a sentence or two for the history, not a report: conversation notes belong in `gesprek`. */
export const REASON_MAX = 500;

export const resolutionSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('rule'), phrase: phraseSchema }),
  z.strictObject({ by: z.literal('staff'), note: z.string() }),
]);
export type Resolution = z.infer<typeof resolutionSchema>;
