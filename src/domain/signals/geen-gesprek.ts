/**
 * *Geen gesprek*: no *coachgesprek* or *driehoeksgesprek* logged for `weeks` weeks (off by
 * default). The weeks are school time: holiday days do not count, or every student would get
 * this signal two weeks after the summer holiday. With no such conversation ever, silence is
 * counted from the day Koers first knew the student.
 */
import { clear, fired } from './outcome.ts';
import { phrase } from './phrase.ts';
import type { SignalRule } from './rule.ts';
import { schoolDaysBetween } from './school-days.ts';

const countedKinds: ReadonlySet<string> = new Set(['coachgesprek', 'driehoeksgesprek']);

export const geenGesprek: SignalRule<'geen-gesprek'> = {
  kind: 'geen-gesprek',
  severity: 'info',
  drivenBy: 'time',
  evaluate: ({ facts, calendar, thresholds, today }) => {
    const last = facts.conversations
      .filter((c) => countedKinds.has(c.kind) && c.date <= today)
      .reduce<string | null>((latest, c) => (latest === null || c.date > latest ? c.date : latest), null);
    const since = last ?? facts.knownSince;
    if (schoolDaysBetween(since, today, calendar.holidays) < thresholds.weeks * 7) return clear;
    return fired(
      [
        last === null
          ? phrase('signals.evidence.geenGesprek.never', { date: { date: since } })
          : phrase('signals.evidence.geenGesprek.since', { date: { date: since } }),
      ],
      phrase('signals.next.geenGesprek'),
    );
  },
};
