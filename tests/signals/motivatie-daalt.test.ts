import { describe, expect, it } from 'vitest';
import { factsOf, reflection, resultOf, scoresInWeeks, student, weeksUpTo } from './fixtures.ts';

describe('motivatie daalt', () => {
  it.each([
    { name: 'a drop of exactly 1.0 (at)', scores: [4, 4, 4, 4, 4, 3, 3, 3], expected: 'fired' },
    { name: 'a drop of 0.67 (just below)', scores: [4, 4, 4, 4, 4, 3, 3, 4], expected: 'clear' },
    { name: 'a drop of 1.33 (just above)', scores: [4, 4, 4, 4, 4, 3, 3, 2], expected: 'fired' },
    { name: 'two of the last three at 1–2 (at)', scores: [2, 2, 2, 2, 2, 1, 3, 2], expected: 'fired' },
    {
      name: 'one of the last three at 1–2 (just below)',
      scores: [3, 3, 3, 3, 3, 3, 1, 3],
      expected: 'clear',
    },
    { name: 'three reflections, none low', scores: [5, 4, 3], expected: 'notEnoughData' },
  ])('$name: $expected', ({ scores, expected }) => {
    const result = resultOf('motivatie-daalt', {
      facts: student({ reflections: scoresInWeeks('motivatie', scores) }),
    });
    expect(result.outcome).toBe(expected);
  });

  it('reads motivation, not wellbeing, and words its evidence as motivation', () => {
    const weeks = weeksUpTo('2026-W47', 8);
    const wellbeingFalls = weeks.map((week, i) =>
      reflection(week, { welbevinden: i < 5 ? 5 : 1, motivatie: 4 }),
    );
    expect(resultOf('motivatie-daalt', { facts: student({ reflections: wellbeingFalls }) }).outcome).toBe(
      'clear',
    );

    const motivationFalls = weeks.map((week, i) =>
      reflection(week, { welbevinden: 4, motivatie: i < 5 ? 4 : 2 }),
    );
    const result = resultOf('motivatie-daalt', { facts: student({ reflections: motivationFalls }) });
    expect(factsOf(result).map((f) => f.split(' ')[0])).toEqual([
      'signals.evidence.motivatieDaalt.trend',
      'signals.evidence.motivatieDaalt.low',
    ]);
  });

  it('has its own thresholds, apart from wellbeing', () => {
    const result = resultOf('motivatie-daalt', {
      facts: student({ reflections: scoresInWeeks('motivatie', [4, 4, 4, 4, 4, 3, 3, 3]) }),
      overrides: { 'welbevinden-daalt': { drop: 2 }, 'motivatie-daalt': { enabled: true } },
    });
    expect(result.outcome).toBe('fired');
    expect(
      resultOf('motivatie-daalt', {
        facts: student({ reflections: scoresInWeeks('motivatie', [4, 4, 4, 4, 4, 3, 3, 3]) }),
        overrides: { 'motivatie-daalt': { enabled: false } },
      }).outcome,
    ).toBe('off');
  });
});
