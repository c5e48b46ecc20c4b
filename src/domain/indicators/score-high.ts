/** A 1–5 score's indicator: the share of students whose latest answer in the period is 4 or 5. */
import { histogramCount, type ScoreHistogram } from './distribution.ts';
import type { PeriodFacts } from './facts.ts';
import type { Indicator, IndicatorName } from './indicator.ts';
import { shareOf } from './privacy.ts';

export function scoreHigh<K extends IndicatorName>(
  name: K,
  score: (facts: PeriodFacts) => ScoreHistogram,
): Indicator<K> {
  return {
    name,
    measure: ({ facts }) => {
      const h = score(facts);
      const count = histogramCount(h);
      return { value: shareOf(h[3] + h[4], count), count };
    },
  };
}
