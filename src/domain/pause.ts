/**
 * How long a student may pause the weekly prompt on their own. A longer silence is the mentor's
 * call: without a limit a pause would quietly end the weekly loop for good.
 */
import { addWeeks } from './calendar-math.ts';

export const MAX_PAUSE_WEEKS = 6;

/** The last day a pause a student sets today may run to. */
export function latestPauseEnd(today: string): string {
  return addWeeks(today, MAX_PAUSE_WEEKS);
}

/**
 * A mentor may pause a mentee's prompt longer (an internship abroad, a long illness), but not
 * without end: after a school year the loop must be looked at again.
 */
export const MAX_MENTOR_PAUSE_WEEKS = 52;

export function latestMentorPauseEnd(today: string): string {
  return addWeeks(today, MAX_MENTOR_PAUSE_WEEKS);
}
