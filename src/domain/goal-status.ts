/**
 * Which goals a student is still working on. *Bijgesteld* means the goal was adjusted, not that
 * it ended: it stays on the card, in the reflection form and in every count of open goals.
 */
import type { goalStatuses } from './enums.ts';

export type GoalStatus = (typeof goalStatuses)[number];

export const openGoalStatuses = ['open', 'bijgesteld'] as const satisfies readonly GoalStatus[];

export function isOpenGoal(status: GoalStatus): boolean {
  return (openGoalStatuses as readonly GoalStatus[]).includes(status);
}
