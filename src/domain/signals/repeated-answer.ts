/**
 * The same challenge answer in `count` of the last `outOf` reflections: shared by "te weinig
 * uitdaging" (te makkelijk) and "te veel leerpijn" (te moeilijk).
 */
import type { challengeAnswers } from '../enums.ts';
import { clear, fired, type RuleOutcome, tooFewReflections } from './outcome.ts';
import { phrase } from './phrase.ts';
import { lastReflections } from './reflection-window.ts';
import type { ReflectionFacts } from './student-facts.ts';
import type { ThresholdsOf } from './thresholds.ts';

export function repeatedAnswer(
  reflections: readonly ReflectionFacts[],
  answer: (typeof challengeAnswers)[number],
  thresholds: ThresholdsOf<'te-weinig-uitdaging'>,
  nextStep: string,
): RuleOutcome {
  const { count, outOf } = thresholds;
  if (reflections.length < outOf) return tooFewReflections(reflections.length, outOf);
  const hits = lastReflections(reflections, outOf).filter((r) => r.uitdaging === answer).length;
  if (hits < count) return clear;
  return fired(
    [
      phrase('signals.evidence.sameAnswer', {
        answer: { label: 'challenge', value: answer },
        count: { count: hits },
        outOf: { count: outOf },
      }),
    ],
    phrase(nextStep),
  );
}
