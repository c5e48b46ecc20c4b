import { describe, expect, it } from 'vitest';
import type { ConversationFacts } from '../../src/domain/signals/student-facts.ts';
import type { ThresholdOverrides } from '../../src/domain/signals/thresholds.ts';
import { autumnHoliday, calendar, factsOf, resultOf, student } from './fixtures.ts';

const on: ThresholdOverrides = { 'geen-gesprek': { enabled: true } };
const coach = (date: string): ConversationFacts => ({ kind: 'coachgesprek', date });

/** TODAY is 2026-11-23; eight weeks before it is 2026-09-28. */
describe('geen gesprek', () => {
  it('is off by default', () => {
    expect(resultOf('geen-gesprek', { facts: student() }).outcome).toBe('off');
  });

  it.each([
    {
      name: 'exactly eight weeks since a coachgesprek (at)',
      talks: [coach('2026-09-28')],
      expected: 'fired',
    },
    { name: 'a day short of eight weeks (just below)', talks: [coach('2026-09-29')], expected: 'clear' },
    { name: 'a day over eight weeks (above)', talks: [coach('2026-09-27')], expected: 'fired' },
    {
      name: 'a driehoeksgesprek counts too',
      talks: [coach('2026-06-01'), { kind: 'driehoeksgesprek', date: '2026-11-01' } as const],
      expected: 'clear',
    },
    {
      name: 'other conversations do not count',
      talks: [coach('2026-06-01'), { kind: 'oudergesprek', date: '2026-11-20' } as const],
      expected: 'fired',
    },
  ])('$name: $expected', ({ talks, expected }) => {
    expect(
      resultOf('geen-gesprek', { facts: student({ conversations: talks }), overrides: on }).outcome,
    ).toBe(expected);
  });

  it('does not count holiday days: eight calendar weeks with the autumn holiday in them are not enough', () => {
    const facts = student({ conversations: [coach('2026-09-28')] });
    expect(
      resultOf('geen-gesprek', { facts, overrides: on, calendar: calendar([], [autumnHoliday]) }).outcome,
    ).toBe('clear');
    // Nine days of holiday later, it is.
    expect(
      resultOf('geen-gesprek', {
        facts,
        overrides: on,
        calendar: calendar([], [autumnHoliday]),
        today: '2026-12-02',
      }).outcome,
    ).toBe('fired');
  });

  it('counts from the day Koers first knew a student who never had one', () => {
    const outcome = (knownSince: string) =>
      resultOf('geen-gesprek', { facts: student({ knownSince }), overrides: on }).outcome;
    expect([outcome('2026-09-28'), outcome('2026-10-15')]).toEqual(['fired', 'clear']);
    expect(
      factsOf(resultOf('geen-gesprek', { facts: student({ knownSince: '2026-09-01' }), overrides: on })),
    ).toEqual(['signals.evidence.geenGesprek.never {"date":{"date":"2026-09-01"}}']);
  });

  it('names the last conversation, and follows the number of weeks the school sets', () => {
    const facts = student({ conversations: [coach('2026-10-19')] });
    expect(resultOf('geen-gesprek', { facts, overrides: on }).outcome).toBe('clear');
    const result = resultOf('geen-gesprek', {
      facts,
      overrides: { 'geen-gesprek': { enabled: true, weeks: 4 } },
    });
    expect(result).toMatchObject({ signal: { severity: 'info' } });
    expect(factsOf(result)).toEqual(['signals.evidence.geenGesprek.since {"date":{"date":"2026-10-19"}}']);
  });
});
