/**
 * *Evaluaties op tijd*: of the running arrangements, the share whose evaluation is not overdue on
 * the summary's day. The store keeps only each arrangement's next evaluation date, not the plan it
 * had in a past period, so this indicator has no previous value and no trend.
 */
import { arrangementCounts } from './arrangements.ts';
import type { Indicator } from './indicator.ts';
import { shareOf } from './privacy.ts';

export const evaluatiesOpTijd: Indicator<'evaluaties-op-tijd'> = {
  name: 'evaluaties-op-tijd',
  measure: ({ standing }) => {
    if (!standing) return undefined;
    const { running, overdue } = arrangementCounts(standing.arrangements, standing.today);
    return { value: shareOf(running - overdue, running), count: running };
  },
};
