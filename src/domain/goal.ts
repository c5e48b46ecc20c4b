/**
 * A goal's statuses (PRODUCT.md section 3): which goals a student is still working on, and which
 * step may follow which. *Bijgesteld* means the goal was adjusted, not that it ended: it stays on
 * the card, in the reflection form and in every count of open goals.
 */
import { goalStatuses } from './enums.ts';

export type GoalStatus = (typeof goalStatuses)[number];

/** A new goal, and one reopened. */
export const OPEN = 'open' as const satisfies GoalStatus;
export const ACHIEVED = 'behaald' as const satisfies GoalStatus;
/** Given up on: it no longer counts among the goals due. */
export const STOPPED = 'gestopt' as const satisfies GoalStatus;

export const openGoalStatuses = [OPEN, 'bijgesteld'] as const satisfies readonly GoalStatus[];

export function isOpenGoal(status: GoalStatus): boolean {
  return (openGoalStatuses as readonly GoalStatus[]).includes(status);
}

/** A goal the student is still working on whose target date has passed; the target day itself is not yet past. */
export function isGoalOverdue(
  goal: { status: GoalStatus; targetDate: string | null },
  today: string,
): boolean {
  return isOpenGoal(goal.status) && goal.targetDate !== null && goal.targetDate < today;
}

/** An open goal may be adjusted, stopped or achieved; a closed one only reopened. */
const allowedSteps: Record<GoalStatus, readonly GoalStatus[]> = {
  open: ['bijgesteld', 'gestopt', ACHIEVED],
  bijgesteld: [OPEN, 'gestopt', ACHIEVED],
  gestopt: [OPEN],
  behaald: [OPEN],
};

/**
 * Whether a goal may go from one status to the other. Setting the status it has is no step and
 * allowed, except achieving a goal already achieved (`alreadyAchieved`: the praise would repeat).
 */
export function goalStep(from: GoalStatus, to: GoalStatus): 'ok' | 'alreadyAchieved' | 'notAllowed' {
  if (from === to) return to === ACHIEVED ? 'alreadyAchieved' : 'ok';
  return allowedSteps[from].includes(to) ? 'ok' : 'notAllowed';
}

/** What `doel wijzig --status` may set: achieving a goal has its own action, which also says well done. */
export const settableGoalStatuses = goalStatuses.filter(
  (status): status is Exclude<GoalStatus, typeof ACHIEVED> => status !== ACHIEVED,
);
