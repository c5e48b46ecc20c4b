/** *Welbevinden hoog*: the share of students whose latest *welbevinden* in the period is 4–5. */
import { scoreHigh } from './score-high.ts';

export const welbevindenHoog = scoreHigh('welbevinden-hoog', (facts) => facts.welbevinden);
