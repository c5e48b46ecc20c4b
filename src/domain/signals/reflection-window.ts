/**
 * What "the last N reflections" means for every rule that reads answers.
 *
 * The window is the student's own reflections in week order, the last N of them. Weeks without a
 * reflection are skipped, not counted as gaps, whatever the reason: a holiday or a pause was
 * never asked, an undelivered prompt never arrived, and an unanswered prompt says nothing about
 * wellbeing or challenge (silence is "reflecties gemist", its own rule). Counting such weeks as
 * gaps would blind the wellbeing rule exactly when a student also stops answering (Daan in the
 * demo: 4,4,3,3,2,2 and then silence), and would make the window depend on the holiday calendar.
 * A reflection the student started themselves in an unprompted week counts: it is their answer.
 *
 * Only the number of reflections decides whether there is enough data: three reflections are
 * three, however far apart.
 */
import type { ReflectionFacts } from './student-facts.ts';

/** The last `count` reflections, oldest first; fewer when the student has fewer. */
export function lastReflections(
  reflections: readonly ReflectionFacts[],
  count: number,
): readonly ReflectionFacts[] {
  return reflections.slice(Math.max(0, reflections.length - count));
}

/** Reflections in week order, oldest first; the same array when it already is (the store sorts). */
export function inWeekOrder(reflections: readonly ReflectionFacts[]): readonly ReflectionFacts[] {
  const sorted = reflections.every((r, i) => i === 0 || (reflections[i - 1]?.isoWeek ?? '') <= r.isoWeek);
  return sorted ? reflections : [...reflections].sort((a, b) => a.isoWeek.localeCompare(b.isoWeek));
}
