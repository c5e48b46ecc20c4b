/**
 * The smaller rules stated once in src/domain: a signal's statuses, the reflection's scale, and
 * the prompt's timings (a reminder after 24 hours, expiry after 6 days, by default Friday 13:00).
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { signalStatuses } from '../src/domain/enums.ts';
import { defaultPromptSchedule, promptMomentOfWeek } from '../src/domain/prompt-calendar.ts';
import { promptExpiresAt, reminderDueAt } from '../src/domain/prompt-due.ts';
import { requiredAnswers, SCALE, scaleQuestions, scaleSteps } from '../src/domain/reflection.ts';
import { isResolved, mayAcknowledge, NEW, RESOLVED, SEEN } from '../src/domain/signals/lifecycle.ts';

describe('signal statuses', () => {
  it('opens new, is seen, and resolves', () => {
    expect([NEW, SEEN, RESOLVED]).toEqual([...signalStatuses]);
    expect(signalStatuses.filter(isResolved)).toEqual(['opgelost']);
  });

  it('only a new signal can be marked seen', () => {
    expect(signalStatuses.filter(mayAcknowledge)).toEqual(['open']);
  });
});

describe('the reflection', () => {
  it('asks three scales of 1 to 5, and the challenge, every week', () => {
    expect(SCALE).toEqual({ min: 1, max: 5 });
    expect(scaleSteps).toEqual([1, 2, 3, 4, 5]);
    expect(requiredAnswers).toEqual([...scaleQuestions, 'uitdaging']);
  });
});

describe('prompt timings', () => {
  const friday = promptMomentOfWeek(DateTime.fromISO('2026-11-23T09:00:00Z'), defaultPromptSchedule);

  it('prompts on Friday at 13:00 in Amsterdam by default', () => {
    expect(friday.toISO()).toBe('2026-11-27T13:00:00.000+01:00');
  });

  it('reminds 24 hours later and expires 6 days later', () => {
    expect(reminderDueAt(friday).toISO()).toBe('2026-11-28T13:00:00.000+01:00');
    expect(promptExpiresAt(friday).toISO()).toBe('2026-12-03T13:00:00.000+01:00');
  });

  it('expires at the same clock time when the clocks change meanwhile; the reminder is 24 real hours', () => {
    const beforeWinterTime = promptMomentOfWeek(
      DateTime.fromISO('2026-10-21T09:00:00Z'),
      defaultPromptSchedule,
    );
    expect(beforeWinterTime.toISO()).toBe('2026-10-23T13:00:00.000+02:00');
    expect(promptExpiresAt(beforeWinterTime).toISO()).toBe('2026-10-29T13:00:00.000+01:00');
    const saturdayBeforeChange = DateTime.fromISO('2026-10-24T13:00', { zone: 'Europe/Amsterdam' });
    expect(reminderDueAt(saturdayBeforeChange).toISO()).toBe('2026-10-25T12:00:00.000+01:00');
  });
});
