/** Counting days between ISO dates, with or without the school's holidays. */
import type { Holiday } from '../prompt-calendar.ts';

const msPerDay = 86_400_000;

function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / msPerDay;
}

/** Whole days from `from` to `to`: 1 from a Monday to the Tuesday after it. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Days after `from` up to and including `to` that are not holidays. Holidays are merged first so
 * that overlapping entries (an extra day off inside a vacation) are not subtracted twice; this
 * works per holiday, not per day, because the daily sweep runs it for every student.
 */
export function schoolDaysBetween(from: string, to: string, holidays: readonly Holiday[]): number {
  const start = dayNumber(from) + 1;
  const end = dayNumber(to);
  if (end < start) return 0;
  const spans = holidays
    .map((h) => [Math.max(dayNumber(h.startDate), start), Math.min(dayNumber(h.endDate), end)] as const)
    .filter(([first, last]) => first <= last)
    .sort((a, b) => a[0] - b[0]);
  let holidayDays = 0;
  let coveredUpTo = start - 1;
  for (const [first, last] of spans) {
    const firstUncovered = Math.max(first, coveredUpTo + 1);
    if (last >= firstUncovered) holidayDays += last - firstUncovered + 1;
    coveredUpTo = Math.max(coveredUpTo, last);
  }
  return end - start + 1 - holidayDays;
}
