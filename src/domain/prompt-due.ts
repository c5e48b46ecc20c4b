/**
 * Whether a student's weekly prompt is due now: the prompt moment of this week (or of last week,
 * just after a week boundary) has passed, and not by more than a day, since a prompt that comes
 * a day late is stale and its reminder would already be due. A moment in a holiday or in a pause
 * does not count.
 */
import type { DateTime } from 'luxon';
import {
  type Holiday,
  isHoliday,
  isoWeekOf,
  type PromptSchedule,
  promptMomentOfWeek,
} from './prompt-calendar.ts';

/** After this long without an answer, one reminder. */
export const REMINDER_AFTER_HOURS = 24;
/** After this long a prompt can no longer be answered. */
export const PROMPT_EXPIRES_AFTER_DAYS = 6;
/** How late a missed prompt moment is still sent (a server that was down at 13:00). */
const CATCH_UP_HOURS = 24;

/** When a prompt sent at `moment` can no longer be answered: calendar days in the school's zone. */
export function promptExpiresAt(moment: DateTime): DateTime {
  return moment.plus({ days: PROMPT_EXPIRES_AFTER_DAYS });
}

/** When the one reminder of a prompt sent at `promptedAt` is due, if it is still unanswered. */
export function reminderDueAt(promptedAt: DateTime): DateTime {
  return promptedAt.plus({ hours: REMINDER_AFTER_HOURS });
}

export type PromptDecision =
  | { due: true; isoWeek: string; moment: DateTime; expiresAt: DateTime }
  | { due: false; reason: 'notDue' | 'holiday' | 'paused' };

export function promptDue(
  now: DateTime,
  schedule: PromptSchedule,
  holidays: readonly Holiday[],
  pausedUntil: string | null,
): PromptDecision {
  for (const weeksBack of [0, 1]) {
    const moment = promptMomentOfWeek(now.minus({ weeks: weeksBack }), schedule);
    if (moment > now || now >= moment.plus({ hours: CATCH_UP_HOURS })) continue;
    const date = moment.toISODate() ?? '';
    if (isHoliday(date, holidays)) return { due: false, reason: 'holiday' };
    if (pausedUntil !== null && date <= pausedUntil) return { due: false, reason: 'paused' };
    return {
      due: true,
      isoWeek: isoWeekOf(moment),
      moment,
      expiresAt: promptExpiresAt(moment),
    };
  }
  return { due: false, reason: 'notDue' };
}
