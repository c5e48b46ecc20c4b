/**
 * Summary periods: whole ISO weeks, Monday to Sunday, in the school's calendar. A period's
 * reflections and prompts are those of its ISO weeks (a reflection belongs to its week, whenever
 * it was submitted); its goals are those due or achieved on its days.
 */
import { DateTime } from 'luxon';
import { isoWeekOf } from '../prompt-calendar.ts';
import type { Period } from './facts.ts';

/** How many weeks a summary looks back by default: long enough for a share to mean something. */
export const SUMMARY_WEEKS = 4;

const day = (d: DateTime) => d.toISODate() ?? '';

/** The `weeks` whole weeks before the week of `today` (a Monday summary covers the four weeks before it). */
export function periodBefore(today: string, weeks: number = SUMMARY_WEEKS): Period {
  const monday = DateTime.fromISO(today, { zone: 'utc' }).startOf('week');
  return { from: day(monday.minus({ weeks })), to: day(monday.minus({ days: 1 })) };
}

/** The period of the same length just before this one: what the trend compares with. */
export function previousPeriodOf(period: Period): Period {
  const from = DateTime.fromISO(period.from, { zone: 'utc' });
  const to = DateTime.fromISO(period.to, { zone: 'utc' });
  const days = Math.round(to.diff(from, 'days').days) + 1;
  return { from: day(from.minus({ days })), to: day(from.minus({ days: 1 })) };
}

/** The first and last ISO week the period touches, `YYYY-Www` (these sort as text). */
export function weeksOf(period: Period): { first: string; last: string } {
  return {
    first: isoWeekOf(DateTime.fromISO(period.from, { zone: 'utc' })),
    last: isoWeekOf(DateTime.fromISO(period.to, { zone: 'utc' })),
  };
}
