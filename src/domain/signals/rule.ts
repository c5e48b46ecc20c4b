/** The shape every signal rule has, so that the registry can hold them all and the sweep ask which are time-driven. */
import type { RuleOutcome, SignalKind, SignalSeverity } from './outcome.ts';
import type { SignalCalendar, StudentFacts } from './student-facts.ts';
import type { ThresholdsOf } from './thresholds.ts';

export type RuleInput<K extends SignalKind> = {
  /** With its reflections oldest first (`evaluateStudent` sees to that). */
  facts: StudentFacts;
  calendar: SignalCalendar;
  thresholds: ThresholdsOf<K>;
  /** The school's calendar day, `YYYY-MM-DD`. */
  today: string;
};

export type SignalRule<K extends SignalKind> = {
  kind: K;
  severity: SignalSeverity;
  /**
   * `events`: only a change to the student's records can change the answer, so evaluating after
   * each change is enough. `time`: the answer also changes as days pass (a date goes by, a prompt
   * expires unanswered), so the daily sweep must evaluate it too.
   */
  drivenBy: 'events' | 'time';
  evaluate: (input: RuleInput<K>) => RuleOutcome;
};
