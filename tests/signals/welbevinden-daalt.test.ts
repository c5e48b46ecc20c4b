import { describe, expect, it } from 'vitest';
import type { ThresholdOverrides } from '../../src/domain/signals/thresholds.ts';
import { calendar, factsOf, resultOf, scoresInWeeks, student, weeks2026 } from './fixtures.ts';

const trend = 'signals.evidence.welbevindenDaalt.trend';
const low = 'signals.evidence.welbevindenDaalt.low';

/** Scores oldest first; the default window is the last 3 against the 5 before. */
const table: {
  name: string;
  scores: number[];
  expected: 'fired' | 'clear' | 'notEnoughData';
  facts?: string[];
  overrides?: ThresholdOverrides;
}[] = [
  // The trend: mean of the last 3 at least 1.0 below the mean of the 5 before.
  { name: 'a drop of exactly 1.0 (at)', scores: [4, 4, 4, 4, 4, 3, 3, 3], expected: 'fired', facts: [trend] },
  { name: 'a drop of 0.67 (just below)', scores: [4, 4, 4, 4, 4, 3, 3, 4], expected: 'clear' },
  {
    name: 'a drop of 1.33 (just above)',
    scores: [4, 4, 4, 4, 4, 3, 3, 2],
    expected: 'fired',
    facts: [trend],
  },
  { name: 'rising', scores: [2, 2, 2, 2, 2, 3, 4, 4], expected: 'clear' },
  {
    // 4.6 − 3.6 is 0.9999999999999996 in floating point.
    name: 'a drop of 1.0 between fractional means (4.6 → 3.6), not lost to rounding',
    scores: [5, 5, 5, 4, 4, 4, 4, 4, 3, 3],
    overrides: { 'welbevinden-daalt': { recent: 5 } },
    expected: 'fired',
    facts: [trend],
  },
  // Low answers: 2 of the last 3 at 1–2, with no trend.
  {
    name: 'two of the last three at 2 (at)',
    scores: [2, 2, 2, 2, 2, 2, 3, 2],
    expected: 'fired',
    facts: [low],
  },
  { name: 'one of the last three at 2 (just below)', scores: [3, 3, 3, 3, 3, 3, 2, 3], expected: 'clear' },
  {
    name: 'three of the last three low (above), with the trend too',
    scores: [4, 4, 4, 4, 4, 1, 2, 1],
    expected: 'fired',
    facts: [trend, low],
  },
  { name: 'a 3 is not low', scores: [3, 3, 3, 3, 3, 3, 3, 3], expected: 'clear' },
  // Not enough data: three reflections are not a trend.
  { name: 'two reflections', scores: [1, 1], expected: 'notEnoughData' },
  { name: 'three good reflections: no baseline yet', scores: [4, 4, 3], expected: 'notEnoughData' },
  {
    name: 'seven reflections, one short of the window',
    scores: [4, 4, 4, 4, 3, 3, 3],
    expected: 'notEnoughData',
  },
  {
    name: 'three reflections, two of them low: low needs no baseline',
    scores: [3, 2, 2],
    expected: 'fired',
    facts: [low],
  },
  // Overrides.
  {
    name: 'a larger drop required',
    scores: [4, 4, 4, 4, 4, 3, 3, 3],
    overrides: { 'welbevinden-daalt': { drop: 1.5 } },
    expected: 'clear',
  },
  {
    name: 'a 3 counted as low',
    scores: [3, 3, 3, 3, 3, 3, 3, 4],
    overrides: { 'welbevinden-daalt': { lowAtMost: 3 } },
    expected: 'fired',
    facts: [low],
  },
  {
    name: 'a shorter baseline makes four reflections enough',
    scores: [4, 3, 3, 3],
    overrides: { 'welbevinden-daalt': { baseline: 1 } },
    expected: 'fired',
    facts: [trend],
  },
];

describe('welbevinden daalt', () => {
  it.each(table)('$name: $expected', ({ scores, expected, facts, overrides }) => {
    const result = resultOf('welbevinden-daalt', {
      facts: student({ reflections: scoresInWeeks('welbevinden', scores) }),
      ...(overrides ? { overrides } : {}),
    });
    expect(result.outcome).toBe(expected);
    if (facts) expect(factsOf(result).map((f) => f.split(' ')[0])).toEqual(facts);
  });

  it('states the numbers that made it fire (Daan: 4,4,4,4,3,3,2,2, then silence)', () => {
    const result = resultOf('welbevinden-daalt', {
      facts: student({
        reflections: scoresInWeeks('welbevinden', [4, 4, 4, 4, 3, 3, 2, 2], weeks2026(38, 45)),
      }),
      calendar: calendar(weeks2026(38, 47)),
    });
    expect(result).toMatchObject({
      outcome: 'fired',
      signal: { kind: 'welbevinden-daalt', severity: 'let-op' },
    });
    expect(factsOf(result)).toEqual([
      `${trend} {"before":{"score":3.8},"after":{"score":2.3},"recentCount":{"count":3},"baselineCount":{"count":5}}`,
      `${low} {"lowCount":{"count":2},"recentCount":{"count":3},"lowAtMost":{"score":2},"series":{"series":[3,2,2]}}`,
    ]);
    if (result.outcome === 'fired')
      expect(result.signal.evidence.nextStep).toEqual({ key: 'signals.next.welbevindenDaalt', params: {} });
  });

  // Weeks without a reflection are skipped, never gaps: the window is the last 8 reflections.
  it.each([
    { name: 'the autumn holiday', weeks: weeks2026(36, 44, [43]) },
    { name: 'a four-week pause', weeks: weeks2026(30, 41, [34, 35, 36, 37]) },
    { name: 'prompts that never arrived', weeks: weeks2026(38, 47, [40, 44]) },
    { name: 'two prompts left unanswered', weeks: weeks2026(38, 47, [42, 43]) },
  ])('reads the last eight reflections across $name inside the window', ({ weeks }) => {
    const at = resultOf('welbevinden-daalt', {
      facts: student({ reflections: scoresInWeeks('welbevinden', [4, 4, 4, 4, 4, 3, 3, 3], weeks) }),
      calendar: calendar(weeks),
    });
    const below = resultOf('welbevinden-daalt', {
      facts: student({ reflections: scoresInWeeks('welbevinden', [4, 4, 4, 4, 4, 3, 3, 4], weeks) }),
      calendar: calendar(weeks),
    });
    expect([at.outcome, below.outcome]).toEqual(['fired', 'clear']);
  });

  it('only reads the last eight: an old dip outside the window does not count', () => {
    const result = resultOf('welbevinden-daalt', {
      facts: student({ reflections: scoresInWeeks('welbevinden', [1, 1, 1, 4, 4, 4, 4, 4, 4, 4, 4]) }),
    });
    expect(result.outcome).toBe('clear');
  });

  it('clears once new good weeks fill the window', () => {
    const falling = [4, 4, 4, 4, 4, 3, 2, 2];
    const recovered = [...falling, 4, 4, 4];
    const outcome = (scores: number[]) =>
      resultOf('welbevinden-daalt', { facts: student({ reflections: scoresInWeeks('welbevinden', scores) }) })
        .outcome;
    expect(outcome(falling)).toBe('fired');
    expect(outcome([...falling, 4])).toBe('fired');
    expect(outcome(recovered)).toBe('clear');
  });

  it('says what is missing when there is not enough data', () => {
    const result = resultOf('welbevinden-daalt', {
      facts: student({ reflections: scoresInWeeks('welbevinden', [4, 4, 4, 4]) }),
    });
    expect(result).toEqual({
      kind: 'welbevinden-daalt',
      outcome: 'notEnoughData',
      missing: {
        key: 'signals.evidence.notEnough.reflections',
        params: { have: { count: 4 }, need: { count: 8 } },
      },
    });
  });

  it('is off when the school switches it off', () => {
    const result = resultOf('welbevinden-daalt', {
      facts: student({ reflections: scoresInWeeks('welbevinden', [4, 4, 4, 4, 4, 1, 1, 1]) }),
      overrides: { 'welbevinden-daalt': { enabled: false } },
    });
    expect(result).toEqual({ kind: 'welbevinden-daalt', outcome: 'off' });
  });
});
