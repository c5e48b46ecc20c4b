/** te weinig uitdaging (te makkelijk) and te veel leerpijn (te moeilijk): one rule, two answers. */
import { describe, expect, it } from 'vitest';
import type { ThresholdOverrides } from '../../src/domain/signals/thresholds.ts';
import { type Challenge, calendar, challengesInWeeks, resultOf, student, weeks2026 } from './fixtures.ts';

const E: Challenge = 'te-makkelijk';
const G: Challenge = 'precies-goed';
const M: Challenge = 'te-moeilijk';

type Row = {
  name: string;
  answers: Challenge[];
  expected: 'fired' | 'clear' | 'notEnoughData';
  hits?: number;
  overrides?: ThresholdOverrides;
};

/** Written for "te makkelijk"; the same rows with the answers swapped hold for "te moeilijk". */
const table: Row[] = [
  { name: 'three of the last four (at)', answers: [G, G, E, E, G, E], expected: 'fired', hits: 3 },
  { name: 'two of the last four (just below)', answers: [E, E, G, E, G, E], expected: 'clear' },
  { name: 'four of the last four (above)', answers: [E, E, E, E], expected: 'fired', hits: 4 },
  {
    name: 'older answers outside the window do not count',
    answers: [E, E, E, G, G, G, E],
    expected: 'clear',
  },
  { name: 'the other extreme does not count', answers: [M, M, M, M], expected: 'clear' },
  { name: 'three reflections are not enough', answers: [E, E, E], expected: 'notEnoughData' },
];

const swap = (answer: Challenge): Challenge => (answer === E ? M : answer === M ? E : answer);

describe.each([
  { kind: 'te-weinig-uitdaging' as const, answer: E, mirror: (a: Challenge) => a },
  { kind: 'te-veel-leerpijn' as const, answer: M, mirror: swap },
])('$kind', ({ kind, answer, mirror }) => {
  it.each(table)('$name: $expected', ({ answers, expected, hits, overrides }) => {
    const result = resultOf(kind, {
      facts: student({ reflections: challengesInWeeks(answers.map(mirror)) }),
      ...(overrides ? { overrides } : {}),
    });
    expect(result.outcome).toBe(expected);
    if (hits !== undefined && result.outcome === 'fired')
      expect(result.signal).toEqual({
        kind,
        severity: 'let-op',
        evidence: {
          facts: [
            {
              key: 'signals.evidence.sameAnswer',
              params: {
                answer: { label: 'challenge', value: answer },
                count: { count: hits },
                outOf: { count: 4 },
              },
            },
          ],
          nextStep: expect.objectContaining({ key: expect.stringMatching(/^signals\.next\./) }),
        },
      });
  });

  it.each([
    { name: 'the autumn holiday', weeks: weeks2026(42, 46, [43]) },
    { name: 'a pause', weeks: weeks2026(38, 46, [40, 41, 42, 43, 44]) },
    { name: 'an undelivered and an unanswered prompt', weeks: weeks2026(40, 45, [41, 43]) },
  ])('reads the last four reflections across $name inside the window', ({ weeks }) => {
    const answers = [G, E, E, E].map(mirror);
    const result = resultOf(kind, {
      facts: student({ reflections: challengesInWeeks(answers, weeks) }),
      calendar: calendar(weeks),
    });
    expect(result.outcome).toBe('fired');
  });

  it('follows the team’s count and window', () => {
    const overrides = { [kind]: { count: 2, outOf: 3 } } as ThresholdOverrides;
    const fired = resultOf(kind, {
      facts: student({ reflections: challengesInWeeks([G, E, G, E].map(mirror)) }),
      overrides,
    });
    const three = resultOf(kind, {
      facts: student({ reflections: challengesInWeeks([E, E].map(mirror)) }),
      overrides,
    });
    expect([fired.outcome, three.outcome]).toEqual(['fired', 'notEnoughData']);
  });

  it('is off when switched off', () => {
    const overrides = { [kind]: { enabled: false } } as ThresholdOverrides;
    const result = resultOf(kind, {
      facts: student({ reflections: challengesInWeeks([E, E, E, E].map(mirror)) }),
      overrides,
    });
    expect(result.outcome).toBe('off');
  });
});
