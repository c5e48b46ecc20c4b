/**
 * *Reflecties gemist*: no reflection for `weeksInRow` prompted weeks in a row.
 *
 * Only weeks whose prompt reached the student count (the calendar leaves out holidays, pauses
 * and prompts that were never delivered), and only once their week is over: a reflection is the
 * answer for its week, so on Monday last Friday's unanswered prompt is a week gone by. (The prompt
 * stays answerable six days; answering it then clears the signal.) "In a row" is in prompted weeks, so a
 * holiday between two unanswered weeks neither breaks the run nor lengthens it. Any reflection,
 * also one the student started in an unprompted week, ends the silence.
 */
import { DateTime } from 'luxon';
import { clear, fired, tooFewPromptedWeeks } from './outcome.ts';
import { phrase } from './phrase.ts';
import type { SignalRule } from './rule.ts';

/** The sweep asks this for every student on the same day: worked out once per day. */
const weekOfDay = new Map<string, string>();
function isoWeekOfDay(day: string): string {
  let week = weekOfDay.get(day);
  if (week === undefined) {
    week = DateTime.fromISO(day).toFormat("kkkk-'W'WW");
    weekOfDay.set(day, week);
  }
  return week;
}

export const reflectiesGemist: SignalRule<'reflecties-gemist'> = {
  kind: 'reflecties-gemist',
  severity: 'let-op',
  drivenBy: 'time',
  evaluate: ({ facts, calendar, thresholds, today }) => {
    const { weeksInRow } = thresholds;
    const thisWeek = isoWeekOfDay(today);
    const closed = calendar.prompts.filter((p) => p.isoWeek < thisWeek);
    if (closed.length < weeksInRow) return tooFewPromptedWeeks(closed.length, weeksInRow);
    const lastAnswered = facts.reflections.at(-1)?.isoWeek ?? '';
    const unanswered = closed.map((p) => p.isoWeek).filter((week) => week > lastAnswered);
    if (unanswered.length < weeksInRow) return clear;
    const first = unanswered.reduce((a, b) => (a < b ? a : b));
    return fired(
      [
        phrase('signals.evidence.reflectiesGemist', {
          count: { count: unanswered.length },
          from: { week: first },
        }),
      ],
      phrase('signals.next.reflectiesGemist'),
    );
  },
};
