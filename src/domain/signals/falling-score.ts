/**
 * The "downward spiral" of PRODUCT.md section 4, shared by welbevinden and motivatie: the mean of
 * the last `recent` reflections at least `drop` below the mean of the `baseline` before them, or
 * `lowCount` of the last `recent` at `lowAtMost` or lower.
 */
import { clear, fired, type RuleOutcome, tooFewReflections } from './outcome.ts';
import { type Phrase, phrase, roundScore } from './phrase.ts';
import { lastReflections } from './reflection-window.ts';
import type { ReflectionFacts } from './student-facts.ts';
import type { ThresholdsOf } from './thresholds.ts';

/** Means of small integers are not exact in floating point: 3.8 − 2.8 is 0.9999999999999996. */
const EPSILON = 1e-9;

export type FallingScoreWording = { trend: string; low: string; nextStep: string };

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

export function fallingScore(
  reflections: readonly ReflectionFacts[],
  score: (reflection: ReflectionFacts) => number,
  thresholds: ThresholdsOf<'welbevinden-daalt'>,
  wording: FallingScoreWording,
): RuleOutcome {
  const { recent, baseline, drop, lowAtMost, lowCount } = thresholds;
  if (reflections.length < recent) return tooFewReflections(reflections.length, recent);

  const scores = lastReflections(reflections, recent + baseline).map(score);
  const recentScores = scores.slice(-recent);
  const facts: Phrase[] = [];

  // The trend needs the full window; the low answers only the recent part. A student at 1–2
  // for weeks is a reason to talk even before there is a baseline to compare with.
  const hasBaseline = scores.length === recent + baseline;
  if (hasBaseline) {
    const before = mean(scores.slice(0, baseline));
    const after = mean(recentScores);
    if (before - after >= drop - EPSILON)
      facts.push(
        phrase(wording.trend, {
          before: { score: roundScore(before) },
          after: { score: roundScore(after) },
          recentCount: { count: recent },
          baselineCount: { count: baseline },
        }),
      );
  }
  const lows = recentScores.filter((s) => s <= lowAtMost).length;
  if (lows >= lowCount)
    facts.push(
      phrase(wording.low, {
        lowCount: { count: lows },
        recentCount: { count: recent },
        lowAtMost: { score: lowAtMost },
        series: { series: recentScores },
      }),
    );

  if (facts.length > 0) return fired(facts, phrase(wording.nextStep));
  // Not low now, but whether it is falling cannot be told yet.
  if (!hasBaseline) return tooFewReflections(reflections.length, recent + baseline);
  return clear;
}
