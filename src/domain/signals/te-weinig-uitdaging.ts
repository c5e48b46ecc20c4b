/** *Te weinig uitdaging*: "te makkelijk" again and again; boredom, possibly underachievement. */
import { repeatedAnswer } from './repeated-answer.ts';
import type { SignalRule } from './rule.ts';

export const teWeinigUitdaging: SignalRule<'te-weinig-uitdaging'> = {
  kind: 'te-weinig-uitdaging',
  severity: 'let-op',
  drivenBy: 'events',
  evaluate: ({ facts, thresholds }) =>
    repeatedAnswer(facts.reflections, 'te-makkelijk', thresholds, 'signals.next.teWeinigUitdaging'),
};
