/**
 * The weekly reflection's answers (PRODUCT.md 2.2): three scales of 1 to 5, the challenge, and
 * short optional notes. The argument schemas, the form, the card's trend and the seed take the
 * scale from here.
 */
import type { challengeAnswers } from './enums.ts';

/** *Welbevinden*, *motivatie* and *grip* are each answered on this scale. */
export const SCALE = { min: 1, max: 5 } as const;

export const scaleQuestions = ['welbevinden', 'motivatie', 'grip'] as const;
export type ScaleQuestion = (typeof scaleQuestions)[number];

/** Answered the first time each week; a correction later that week may leave them out. */
export const requiredAnswers = [...scaleQuestions, 'uitdaging'] as const;

export type ChallengeAnswer = (typeof challengeAnswers)[number];

/** The free texts (*wat ging goed*, *volgende stap*) are short notes, not essays. */
export const REFLECTION_TEXT_MAX = 2000;

/** Every whole step of the scale, lowest first. */
export const scaleSteps: readonly number[] = Array.from(
  { length: SCALE.max - SCALE.min + 1 },
  (_, i) => SCALE.min + i,
);
