import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  isoWeekOf,
  nextPromptMoment,
  promptedWeeksUpTo,
  promptMomentOfWeek,
} from '../src/domain/prompt-calendar.ts';

const schedule = { weekday: 5, time: '13:00', timeZone: 'Europe/Amsterdam' };
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

describe('the prompt calendar', () => {
  it('prompts at 13:00 in Amsterdam, in summer time and in winter time', () => {
    expect(promptMomentOfWeek(at('2026-10-21T09:00+02:00'), schedule).toUTC().toISO()).toBe(
      '2026-10-23T11:00:00.000Z',
    );
    expect(promptMomentOfWeek(at('2026-11-25T09:00+01:00'), schedule).toUTC().toISO()).toBe(
      '2026-11-27T12:00:00.000Z',
    );
  });

  it('numbers weeks by ISO week-year', () => {
    expect(isoWeekOf(at('2027-01-01T13:00+01:00'))).toBe('2026-W53');
    expect(isoWeekOf(at('2026-01-01T13:00+01:00'))).toBe('2026-W01');
  });

  it('counts back from the last prompt at or before now, skipping holidays', () => {
    const holidays = [{ startDate: '2026-10-17', endDate: '2026-10-25' }];
    const weeks = promptedWeeksUpTo(at('2026-11-06T13:00+01:00'), 4, schedule, holidays).map(
      (w) => w.isoWeek,
    );
    expect(weeks).toEqual(['2026-W45', '2026-W44', '2026-W42', '2026-W41']);
    const justBefore = promptedWeeksUpTo(at('2026-11-06T12:59+01:00'), 1, schedule, holidays).map(
      (w) => w.isoWeek,
    );
    expect(justBefore).toEqual(['2026-W44']);
  });
});

describe('the next prompt', () => {
  const christmas = [{ startDate: '2026-12-19', endDate: '2027-01-03' }];
  const next = (now: string, pausedUntil: string | null = null) =>
    nextPromptMoment(at(now), schedule, christmas, pausedUntil)?.toUTC().toISO();

  it('is this week’s moment when it is still ahead, else next week’s', () => {
    expect(next('2026-11-27T12:59+01:00')).toBe('2026-11-27T12:00:00.000Z');
    expect(next('2026-11-27T13:00+01:00')).toBe('2026-12-04T12:00:00.000Z');
  });

  it('skips the holidays and a pause', () => {
    expect(next('2026-12-18T14:00+01:00')).toBe('2027-01-08T12:00:00.000Z');
    expect(next('2026-11-24T09:00+01:00', '2026-12-04')).toBe('2026-12-11T12:00:00.000Z');
  });

  it('crosses into summer time at 13:00 local', () => {
    expect(next('2027-03-24T09:00+01:00')).toBe('2027-03-26T12:00:00.000Z');
    expect(next('2027-03-27T09:00+01:00')).toBe('2027-04-02T11:00:00.000Z');
  });

  it('is none when a pause outlasts the search', () => {
    expect(next('2026-11-24T09:00+01:00', '2030-01-01')).toBeUndefined();
  });
});
