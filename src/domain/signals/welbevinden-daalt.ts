/** *Welbevinden daalt*: a downward spiral in wellbeing (falling-score.ts has the rule). */
import { fallingScore } from './falling-score.ts';
import type { SignalRule } from './rule.ts';

export const welbevindenDaalt: SignalRule<'welbevinden-daalt'> = {
  kind: 'welbevinden-daalt',
  severity: 'let-op',
  drivenBy: 'events',
  evaluate: ({ facts, thresholds }) =>
    fallingScore(facts.reflections, (r) => r.welbevinden, thresholds, {
      trend: 'signals.evidence.welbevindenDaalt.trend',
      low: 'signals.evidence.welbevindenDaalt.low',
      nextStep: 'signals.next.welbevindenDaalt',
    }),
};
