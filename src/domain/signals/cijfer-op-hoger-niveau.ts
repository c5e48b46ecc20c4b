/**
 * *Cijfer op hoger niveau*: a grade below `below` in a subject taken above the student's own
 * level. Only subjects still in progress: a finished or stopped subject is history on the
 * pathway, not something a conversation can still change. A word result (*voldoende*, *goed*)
 * is never below.
 */
import { isAboveLevel } from './levels.ts';
import { clear, fired } from './outcome.ts';
import { phrase } from './phrase.ts';
import type { SignalRule } from './rule.ts';

export const cijferOpHogerNiveau: SignalRule<'cijfer-op-hoger-niveau'> = {
  kind: 'cijfer-op-hoger-niveau',
  severity: 'let-op',
  drivenBy: 'events',
  evaluate: ({ facts, thresholds }) => {
    const low = facts.enrolments.filter(
      (e) =>
        e.status === 'bezig' &&
        isAboveLevel(e.level, facts.onderwijssoort) &&
        e.resultGrade !== null &&
        e.resultGrade < thresholds.below,
    );
    if (low.length === 0) return clear;
    return fired(
      low.map((e) =>
        phrase('signals.evidence.cijferOpHogerNiveau', {
          grade: { grade: e.resultGrade ?? 0 },
          subject: { label: 'subject', value: e.subject },
          level: { label: 'onderwijssoort', value: e.level },
        }),
      ),
      phrase('signals.next.cijferOpHogerNiveau'),
    );
  },
};
