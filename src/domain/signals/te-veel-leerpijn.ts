/** *Te veel leerpijn*: "te moeilijk" again and again. */
import { repeatedAnswer } from './repeated-answer.ts';
import type { SignalRule } from './rule.ts';

export const teVeelLeerpijn: SignalRule<'te-veel-leerpijn'> = {
  kind: 'te-veel-leerpijn',
  severity: 'let-op',
  drivenBy: 'events',
  evaluate: ({ facts, thresholds }) =>
    repeatedAnswer(facts.reflections, 'te-moeilijk', thresholds, 'signals.next.teVeelLeerpijn'),
};
