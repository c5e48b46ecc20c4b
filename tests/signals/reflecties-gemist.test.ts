import { describe, expect, it } from 'vitest';
import type { ThresholdOverrides } from '../../src/domain/signals/thresholds.ts';
import { calendar, reflection, resultOf, student, weeks2026 } from './fixtures.ts';

/**
 * Prompts go out on Friday and can be answered for six days. On Monday 23 November (TODAY) the
 * prompt of week 47 is still open; weeks up to 46 are over.
 */
const table: {
  name: string;
  prompted: string[];
  reflected: string[];
  today?: string;
  overrides?: ThresholdOverrides;
  expected: 'fired' | 'clear' | 'notEnoughData';
  missed?: { count: number; from: string };
}[] = [
  {
    name: 'two prompted weeks unanswered (at)',
    prompted: weeks2026(40, 46),
    reflected: weeks2026(40, 44),
    expected: 'fired',
    missed: { count: 2, from: '2026-W45' },
  },
  {
    name: 'one prompted week unanswered (just below)',
    prompted: weeks2026(40, 46),
    reflected: weeks2026(40, 45),
    expected: 'clear',
  },
  {
    name: 'three prompted weeks unanswered (above)',
    prompted: weeks2026(40, 46),
    reflected: weeks2026(40, 43),
    expected: 'fired',
    missed: { count: 3, from: '2026-W44' },
  },
  {
    name: 'a holiday between two unanswered weeks does not break the run',
    prompted: weeks2026(40, 46, [45]),
    reflected: weeks2026(40, 43),
    expected: 'fired',
    missed: { count: 2, from: '2026-W44' },
  },
  {
    name: 'a holiday week is not missed',
    prompted: weeks2026(40, 46, [45]),
    reflected: weeks2026(40, 44),
    expected: 'clear',
  },
  {
    name: 'paused weeks are not missed',
    prompted: weeks2026(38, 42),
    reflected: weeks2026(38, 41),
    expected: 'clear',
  },
  {
    name: 'a prompt that never arrived (outbox row dead, no account) is not missed',
    prompted: weeks2026(40, 46, [46]),
    reflected: weeks2026(40, 44),
    expected: 'clear',
  },
  {
    name: 'a prompt whose week is not over is not missed yet',
    prompted: weeks2026(40, 47),
    reflected: weeks2026(40, 45),
    today: '2026-11-20',
    expected: 'clear',
  },
  {
    name: 'on the Sunday its week is still going',
    prompted: weeks2026(40, 47),
    reflected: weeks2026(40, 45),
    today: '2026-11-22',
    expected: 'clear',
  },
  {
    name: 'the Monday after, its week is gone by and missed',
    prompted: weeks2026(40, 47),
    reflected: weeks2026(40, 45),
    today: '2026-11-23',
    expected: 'fired',
    missed: { count: 2, from: '2026-W46' },
  },
  {
    name: 'the day after it expires it is missed',
    prompted: weeks2026(40, 47),
    reflected: weeks2026(40, 45),
    today: '2026-11-27',
    expected: 'fired',
    missed: { count: 2, from: '2026-W46' },
  },
  {
    name: 'a reflection the student started in a holiday week ends the silence',
    prompted: weeks2026(40, 46, [45]),
    reflected: [...weeks2026(40, 42), '2026-W45'],
    expected: 'clear',
  },
  {
    name: 'answering the open prompt ends the silence at once',
    prompted: weeks2026(40, 47),
    reflected: [...weeks2026(40, 43), '2026-W47'],
    expected: 'clear',
  },
  {
    name: 'missed weeks long ago do not count once the student answers again',
    prompted: weeks2026(36, 46),
    reflected: [...weeks2026(36, 37), ...weeks2026(41, 46)],
    expected: 'clear',
  },
  {
    name: 'a new student with one prompted week',
    prompted: ['2026-W46'],
    reflected: [],
    expected: 'notEnoughData',
  },
  {
    name: 'a new student whose second prompted week is not over',
    prompted: weeks2026(46, 47),
    reflected: [],
    today: '2026-11-22',
    expected: 'notEnoughData',
  },
  {
    name: 'never answered, two prompted weeks',
    prompted: weeks2026(45, 46),
    reflected: [],
    expected: 'fired',
    missed: { count: 2, from: '2026-W45' },
  },
  {
    name: 'three weeks required: two are not enough',
    prompted: weeks2026(40, 46),
    reflected: weeks2026(40, 44),
    overrides: { 'reflecties-gemist': { weeksInRow: 3 } },
    expected: 'clear',
  },
  {
    name: 'three weeks required: three are',
    prompted: weeks2026(40, 46),
    reflected: weeks2026(40, 43),
    overrides: { 'reflecties-gemist': { weeksInRow: 3 } },
    expected: 'fired',
    missed: { count: 3, from: '2026-W44' },
  },
];

describe('reflecties gemist', () => {
  it.each(table)('$name: $expected', ({ prompted, reflected, today, overrides, expected, missed }) => {
    const result = resultOf('reflecties-gemist', {
      facts: student({ reflections: reflected.map((week) => reflection(week)) }),
      calendar: calendar(prompted),
      ...(today ? { today } : {}),
      ...(overrides ? { overrides } : {}),
    });
    expect(result.outcome).toBe(expected);
    if (missed && result.outcome === 'fired')
      expect(result.signal.evidence.facts).toEqual([
        {
          key: 'signals.evidence.reflectiesGemist',
          params: { count: { count: missed.count }, from: { week: missed.from } },
        },
      ]);
  });

  it('says how many prompted weeks it has when there are too few', () => {
    const result = resultOf('reflecties-gemist', { facts: student(), calendar: calendar(['2026-W46']) });
    expect(result).toMatchObject({
      outcome: 'notEnoughData',
      missing: {
        key: 'signals.evidence.notEnough.promptedWeeks',
        params: { have: { count: 1 }, need: { count: 2 } },
      },
    });
  });

  it('is off when switched off', () => {
    const result = resultOf('reflecties-gemist', {
      facts: student(),
      calendar: calendar(weeks2026(40, 46)),
      overrides: { 'reflecties-gemist': { enabled: false } },
    });
    expect(result.outcome).toBe('off');
  });
});
