/** A goal's statuses as src/domain/goal.ts states them once: which are open, which steps follow which. */
import { describe, expect, it } from 'vitest';
import { goalStatuses } from '../src/domain/enums.ts';
import {
  type GoalStatus,
  goalStep,
  isGoalOverdue,
  isOpenGoal,
  openGoalStatuses,
  settableGoalStatuses,
} from '../src/domain/goal.ts';

describe('goal steps', () => {
  const allowed: Record<GoalStatus, GoalStatus[]> = {
    open: ['bijgesteld', 'gestopt', 'behaald'],
    bijgesteld: ['open', 'gestopt', 'behaald'],
    gestopt: ['open'],
    behaald: ['open'],
  };
  for (const from of goalStatuses)
    for (const to of goalStatuses) {
      const expected =
        from === to
          ? to === 'behaald'
            ? 'alreadyAchieved'
            : 'ok'
          : allowed[from].includes(to)
            ? 'ok'
            : 'notAllowed';
      it(`${from} → ${to}: ${expected}`, () => {
        expect(goalStep(from, to)).toBe(expected);
      });
    }

  it('wijzig may set every status but behaald, which has its own action', () => {
    expect(settableGoalStatuses).toEqual(['open', 'bijgesteld', 'gestopt']);
  });
});

describe('open goals', () => {
  it('open and bijgesteld are still being worked on', () => {
    expect(goalStatuses.filter(isOpenGoal)).toEqual([...openGoalStatuses]);
    expect(openGoalStatuses).toEqual(['open', 'bijgesteld']);
  });

  it('is overdue the day after its target date, while open', () => {
    const today = '2026-11-23';
    expect(isGoalOverdue({ status: 'open', targetDate: '2026-11-22' }, today)).toBe(true);
    expect(isGoalOverdue({ status: 'bijgesteld', targetDate: '2026-11-22' }, today)).toBe(true);
    expect(isGoalOverdue({ status: 'open', targetDate: '2026-11-23' }, today)).toBe(false);
    expect(isGoalOverdue({ status: 'open', targetDate: null }, today)).toBe(false);
    expect(isGoalOverdue({ status: 'behaald', targetDate: '2026-01-01' }, today)).toBe(false);
    expect(isGoalOverdue({ status: 'gestopt', targetDate: '2026-01-01' }, today)).toBe(false);
  });
});
