/**
 * *Doel verlopen*: a goal the student is still working on (open or *bijgesteld*) whose target
 * date has passed. The target day itself is not yet past.
 */
import { isGoalOverdue } from '../goal.ts';
import { clear, fired } from './outcome.ts';
import { phrase } from './phrase.ts';
import type { SignalRule } from './rule.ts';

export const doelVerlopen: SignalRule<'doel-verlopen'> = {
  kind: 'doel-verlopen',
  severity: 'info',
  drivenBy: 'time',
  evaluate: ({ facts, today }) => {
    const overdue = facts.goals
      .filter((g) => isGoalOverdue(g, today))
      .sort((a, b) => (a.targetDate ?? '').localeCompare(b.targetDate ?? '') || a.id - b.id);
    if (overdue.length === 0) return clear;
    return fired(
      overdue.map((g) =>
        phrase('signals.evidence.doelVerlopen', {
          goal: { id: g.id },
          date: { date: g.targetDate ?? today },
        }),
      ),
      phrase('signals.next.doelVerlopen'),
    );
  },
};
