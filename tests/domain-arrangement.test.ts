/**
 * The arrangement's life cycle as src/domain/arrangement.ts states it once: which steps may
 * follow which status, which statuses are current or running, and when an evaluation is overdue.
 */
import { describe, expect, it } from 'vitest';
import {
  type ArrangementStatus,
  type ArrangementStep,
  arrangementSteps,
  CLOSED,
  closingChanges,
  currentArrangementStatuses,
  decisionCloses,
  decisionMayChangeLevel,
  decisionMaySetEnd,
  isCurrent,
  isOverdue,
  isRunning,
  mayStep,
  nextEvaluationAfter,
} from '../src/domain/arrangement.ts';
import { arrangementStatuses, evaluationDecisions } from '../src/domain/enums.ts';

const allowed: Record<ArrangementStep, ArrangementStatus[]> = {
  propose: [],
  assign: ['voorgesteld'],
  start: ['voorgesteld', 'toegewezen'],
  evaluate: ['lopend'],
  close: ['voorgesteld', 'toegewezen', 'lopend'],
};

describe('steps', () => {
  for (const step of Object.keys(allowed) as ArrangementStep[])
    for (const from of arrangementStatuses)
      it(`${step} from ${from}: ${allowed[step].includes(from) ? 'allowed' : 'refused'}`, () => {
        expect(mayStep(step, from)).toBe(allowed[step].includes(from));
      });

  it('nothing follows a closed arrangement', () => {
    for (const step of Object.keys(arrangementSteps) as ArrangementStep[])
      expect(mayStep(step, CLOSED)).toBe(false);
  });

  it('each step ends where PRODUCT.md says', () => {
    expect(Object.fromEntries(Object.entries(arrangementSteps).map(([step, { to }]) => [step, to]))).toEqual({
      propose: 'voorgesteld',
      assign: 'toegewezen',
      start: 'lopend',
      evaluate: 'lopend',
      close: 'afgerond',
    });
  });

  it('closing leaves no evaluation due and records the day', () => {
    expect(closingChanges('2026-11-23')).toEqual({
      status: 'afgerond',
      nextEvaluationDate: null,
      closedOn: '2026-11-23',
    });
  });
});

describe('current and running', () => {
  it('current is every status but closed, in the order of the life cycle', () => {
    expect(currentArrangementStatuses).toEqual(arrangementStatuses.filter((s) => s !== 'afgerond'));
    for (const status of arrangementStatuses)
      expect(isCurrent(status)).toBe((currentArrangementStatuses as readonly string[]).includes(status));
  });

  it('only lopend is running', () => {
    expect(arrangementStatuses.filter(isRunning)).toEqual(['lopend']);
  });
});

describe('isOverdue', () => {
  const today = '2026-11-23';
  const running = (nextEvaluationDate: string | null) => ({ status: 'lopend' as const, nextEvaluationDate });

  it('is overdue the day after the evaluation date, not on the day itself', () => {
    expect(isOverdue(running('2026-11-22'), today)).toBe(true);
    expect(isOverdue(running('2026-11-23'), today)).toBe(false);
    expect(isOverdue(running('2026-11-24'), today)).toBe(false);
  });

  it('is never overdue without a date, or when not running', () => {
    expect(isOverdue(running(null), today)).toBe(false);
    for (const status of ['voorgesteld', 'toegewezen', 'afgerond'] as const)
      expect(isOverdue({ status, nextEvaluationDate: '2026-01-01' }, today)).toBe(false);
  });

  it('an evaluation on or after the planned date counts; one before it does not', () => {
    const due = running('2026-11-10');
    expect(isOverdue(due, today, ['2026-11-10'])).toBe(false);
    expect(isOverdue(due, today, ['2026-11-12'])).toBe(false);
    expect(isOverdue(due, today, ['2026-11-09'])).toBe(true);
    expect(isOverdue(due, today, [])).toBe(true);
  });
});

describe('evaluation decisions', () => {
  it('only afsluiten closes; only aanpassen changes the level; a planned end only while it runs on', () => {
    expect(evaluationDecisions.filter(decisionCloses)).toEqual(['afsluiten']);
    expect(evaluationDecisions.filter(decisionMayChangeLevel)).toEqual(['aanpassen']);
    expect(evaluationDecisions.filter(decisionMaySetEnd)).toEqual(['verlengen', 'aanpassen']);
  });

  it('the next evaluation is the interval in weeks on', () => {
    expect(nextEvaluationAfter('2026-11-23', 6)).toBe('2027-01-04');
  });
});
