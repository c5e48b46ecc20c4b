/** The rules driven by dates: doel verlopen and evaluatie verlopen. TODAY is 2026-11-23. */
import { describe, expect, it } from 'vitest';
import type { ArrangementFacts, GoalFacts } from '../../src/domain/signals/student-facts.ts';
import { factsOf, resultOf, student } from './fixtures.ts';

describe('doel verlopen', () => {
  const goal = (targetDate: string | null, status: GoalFacts['status'] = 'open', id = 1): GoalFacts => ({
    id,
    status,
    targetDate,
  });

  it.each([
    { name: 'target date yesterday (just past)', goals: [goal('2026-11-22')], expected: 'fired' },
    { name: 'target date today (at: not past yet)', goals: [goal('2026-11-23')], expected: 'clear' },
    { name: 'target date tomorrow', goals: [goal('2026-11-24')], expected: 'clear' },
    {
      name: 'an adjusted goal is still being worked on',
      goals: [goal('2026-10-01', 'bijgesteld')],
      expected: 'fired',
    },
    { name: 'an achieved goal', goals: [goal('2026-10-01', 'behaald')], expected: 'clear' },
    { name: 'a stopped goal', goals: [goal('2026-10-01', 'gestopt')], expected: 'clear' },
    { name: 'no target date', goals: [goal(null)], expected: 'clear' },
    { name: 'no goals', goals: [], expected: 'clear' },
  ])('$name: $expected', ({ goals, expected }) => {
    expect(resultOf('doel-verlopen', { facts: student({ goals }) }).outcome).toBe(expected);
  });

  it('is info, and lists each overdue goal by number, oldest first', () => {
    const result = resultOf('doel-verlopen', {
      facts: student({
        goals: [goal('2026-11-10', 'open', 7), goal('2026-12-01', 'open', 8), goal('2026-09-30', 'open', 9)],
      }),
    });
    expect(result).toMatchObject({ signal: { severity: 'info' } });
    expect(factsOf(result)).toEqual([
      'signals.evidence.doelVerlopen {"goal":{"id":9},"date":{"date":"2026-09-30"}}',
      'signals.evidence.doelVerlopen {"goal":{"id":7},"date":{"date":"2026-11-10"}}',
    ]);
  });

  it('is off when switched off', () => {
    const result = resultOf('doel-verlopen', {
      facts: student({ goals: [goal('2026-01-01')] }),
      overrides: { 'doel-verlopen': { enabled: false } },
    });
    expect(result.outcome).toBe('off');
  });
});

describe('evaluatie verlopen', () => {
  const arrangement = (facts: Partial<ArrangementFacts>): ArrangementFacts => ({
    id: 4,
    status: 'lopend',
    nextEvaluationDate: '2026-11-02',
    evaluationDates: ['2026-09-21'],
    ...facts,
  });

  it.each([
    { name: 'three weeks overdue (Milan)', a: arrangement({}), expected: 'fired' },
    {
      name: 'due yesterday (just past)',
      a: arrangement({ nextEvaluationDate: '2026-11-22' }),
      expected: 'fired',
    },
    {
      name: 'due today (at: not past yet)',
      a: arrangement({ nextEvaluationDate: '2026-11-23' }),
      expected: 'clear',
    },
    { name: 'due next week', a: arrangement({ nextEvaluationDate: '2026-11-30' }), expected: 'clear' },
    {
      name: 'evaluated on the planned day, date not moved on',
      a: arrangement({ evaluationDates: ['2026-09-21', '2026-11-02'] }),
      expected: 'clear',
    },
    {
      name: 'evaluated late, date not moved on',
      a: arrangement({ evaluationDates: ['2026-11-16', '2026-09-21'] }),
      expected: 'clear',
    },
    {
      name: 'an evaluation before the planned day does not count for it',
      a: arrangement({ evaluationDates: ['2026-10-30'] }),
      expected: 'fired',
    },
    { name: 'proposed, not started', a: arrangement({ status: 'voorgesteld' }), expected: 'clear' },
    { name: 'assigned, not started', a: arrangement({ status: 'toegewezen' }), expected: 'clear' },
    { name: 'finished', a: arrangement({ status: 'afgerond' }), expected: 'clear' },
    { name: 'no evaluation planned', a: arrangement({ nextEvaluationDate: null }), expected: 'clear' },
  ])('$name: $expected', ({ a, expected }) => {
    expect(resultOf('evaluatie-verlopen', { facts: student({ arrangements: [a] }) }).outcome).toBe(expected);
  });

  it('states the planned date and how many days ago it was', () => {
    const result = resultOf('evaluatie-verlopen', { facts: student({ arrangements: [arrangement({})] }) });
    expect(result).toMatchObject({ signal: { severity: 'let-op' } });
    expect(factsOf(result)).toEqual([
      'signals.evidence.evaluatieVerlopen {"arrangement":{"id":4},"date":{"date":"2026-11-02"},"count":{"count":21}}',
    ]);
  });

  it('is off when switched off', () => {
    const result = resultOf('evaluatie-verlopen', {
      facts: student({ arrangements: [arrangement({})] }),
      overrides: { 'evaluatie-verlopen': { enabled: false } },
    });
    expect(result.outcome).toBe('off');
  });
});
