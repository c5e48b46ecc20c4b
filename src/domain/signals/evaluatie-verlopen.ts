/**
 * *Evaluatie verlopen*: a running arrangement past its evaluation date with no evaluation.
 *
 * Recording an evaluation moves the next evaluation date on; an evaluation dated on or after
 * the planned date also counts, so a date that was not moved on does not keep the signal open.
 * Only *lopend* arrangements: one that is proposed or assigned has not started, and the card
 * calls only running ones overdue.
 */
import { clear, fired } from './outcome.ts';
import { phrase } from './phrase.ts';
import type { SignalRule } from './rule.ts';
import { daysBetween } from './school-days.ts';

export const evaluatieVerlopen: SignalRule<'evaluatie-verlopen'> = {
  kind: 'evaluatie-verlopen',
  severity: 'let-op',
  drivenBy: 'time',
  evaluate: ({ facts, today }) => {
    const overdue = facts.arrangements.flatMap((a) => {
      const due = a.nextEvaluationDate;
      if (a.status !== 'lopend' || due === null || due >= today) return [];
      if (a.evaluationDates.some((date) => date >= due)) return [];
      return [{ id: a.id, due }];
    });
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
