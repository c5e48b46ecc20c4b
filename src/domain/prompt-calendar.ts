/**
 * When a school prompts its students: the weekly moment in the school's own time zone, skipping
 * holidays. Shared by the demo seed (which writes history) and the weekly-prompts job (which
 * makes it), so both agree on which weeks were "prompted weeks".
 */
import type { DateTime } from 'luxon';

export type PromptSchedule = {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** `HH:MM`, wall-clock time in `timeZone`. */
  time: string;
  timeZone: string;
};

/** A school's default until it chooses otherwise: Friday 13:00 in Amsterdam (PRODUCT.md 2.2). */
export const defaultPromptSchedule = { weekday: 5, time: '13:00', timeZone: 'Europe/Amsterdam' } as const;

export type Holiday = { startDate: string; endDate: string };

/** `YYYY-Www`, by ISO week-numbering year (the week of 31 December may be week 1). */
export function isoWeekOf(moment: DateTime): string {
  return `${moment.weekYear}-W${String(moment.weekNumber).padStart(2, '0')}`;
}

export function isHoliday(isoDate: string, holidays: readonly Holiday[]): boolean {
  return holidays.some((h) => h.startDate <= isoDate && isoDate <= h.endDate);
}

/** The prompt moment of the ISO week that contains `day`, DST-correct in the schedule's zone. */
export function promptMomentOfWeek(day: DateTime, schedule: PromptSchedule): DateTime {
  const [hour, minute] = schedule.time.split(':').map(Number);
  return day
    .setZone(schedule.timeZone)
    .set({ weekday: schedule.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7 })
    .set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 });
}

export type PromptedWeek = { isoWeek: string; promptedAt: DateTime };

/**
 * The last `count` weeks whose prompt moment is at or before `now` and not in a holiday, most
 * recent first.
 */
export function promptedWeeksUpTo(
  now: DateTime,
  count: number,
  schedule: PromptSchedule,
  holidays: readonly Holiday[],
): PromptedWeek[] {
  const weeks: PromptedWeek[] = [];
  let moment = promptMomentOfWeek(now, schedule);
  if (moment > now) moment = promptMomentOfWeek(now.minus({ weeks: 1 }), schedule);
  while (weeks.length < count) {
    const date = moment.toISODate();
    if (date && !isHoliday(date, holidays)) weeks.push({ isoWeek: isoWeekOf(moment), promptedAt: moment });
    moment = promptMomentOfWeek(moment.minus({ weeks: 1 }), schedule);
  }
  return weeks;
}

/** How far ahead a next prompt is looked for: a pause or holidays never last longer. */
const MAX_WEEKS_AHEAD = 60;

/**
 * The first prompt moment after `now` that is not in a holiday and not on or before the day a
 * pause runs to; null when there is none within a school year and more.
 */
export function nextPromptMoment(
  now: DateTime,
  schedule: PromptSchedule,
  holidays: readonly Holiday[],
  pausedUntil: string | null,
): DateTime | null {
  let moment = promptMomentOfWeek(now, schedule);
  if (moment <= now) moment = promptMomentOfWeek(now.plus({ weeks: 1 }), schedule);
  for (let week = 0; week < MAX_WEEKS_AHEAD; week++) {
    const date = moment.toISODate() ?? '';
    if (!isHoliday(date, holidays) && (pausedUntil === null || date > pausedUntil)) return moment;
    moment = promptMomentOfWeek(moment.plus({ weeks: 1 }), schedule);
  }
  return null;
}
