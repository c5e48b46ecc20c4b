/**
 * *Evaluatie verlopen*: a running arrangement past its evaluation date with no evaluation, as
 * `isOverdue` in src/domain/arrangement.ts decides, the same rule the card uses.
 *
 * Recording an evaluation moves the next evaluation date on; an evaluation dated on or after
 * the planned date also counts, so a date that was not moved on does not keep the signal open.
 * Only *lopend* arrangements: one that is proposed or assigned has not started.
 */
import { isOverdue } from '../arrangement.ts';
import { clear, fired } from './outcome.ts';
import { phrase } from './phrase.ts';
import type { SignalRule } from './rule.ts';
import { daysBetween } from './school-days.ts';

export const evaluatieVerlopen: SignalRule<'evaluatie-verlopen'> = {
  kind: 'evaluatie-verlopen',
  severity: 'let-op',
  drivenBy: 'time',
  evaluate: ({ facts, today }) => {
    const overdue = facts.arrangements.flatMap((a) =>
      a.nextEvaluationDate !== null && isOverdue(a, today, a.evaluationDates)
        ? [{ id: a.id, due: a.nextEvaluationDate }]
        : [],
    );
    if (overdue.length === 0) return clear;
    return fired(
      overdue
        .sort((a, b) => a.due.localeCompare(b.due) || a.id - b.id)
        .map((a) =>
          phrase('signals.evidence.evaluatieVerlopen', {
            arrangement: { id: a.id },
            date: { date: a.due },
            count: { count: daysBetween(a.due, today) },
          }),
        ),
      phrase('signals.next.evaluatieVerlopen'),
    );
  },
};
