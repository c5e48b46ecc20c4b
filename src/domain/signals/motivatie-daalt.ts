/** *Motivatie daalt*: the wellbeing rule applied to motivation (falling-score.ts has the rule). */
import { fallingScore } from './falling-score.ts';
import type { SignalRule } from './rule.ts';

export const motivatieDaalt: SignalRule<'motivatie-daalt'> = {
  kind: 'motivatie-daalt',
  severity: 'let-op',
  drivenBy: 'events',
  evaluate: ({ facts, thresholds }) =>
    fallingScore(facts.reflections, (r) => r.motivatie, thresholds, {
      trend: 'signals.evidence.motivatieDaalt.trend',
      low: 'signals.evidence.motivatieDaalt.low',
      nextStep: 'signals.next.motivatieDaalt',
    }),
};
