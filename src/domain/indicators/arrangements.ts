/**
 * Running arrangements and those whose evaluation is overdue, for a summary: counted by the rules
 * of src/domain/arrangement.ts, which the card and the signal *evaluatie verlopen* use too, so
 * they can never disagree about "overdue".
 */
import { isOverdue, isRunning } from '../arrangement.ts';
import type { ArrangementFacts } from '../signals/student-facts.ts';

export function arrangementCounts(
  arrangements: readonly ArrangementFacts[],
  today: string,
): { running: number; overdue: number } {
  const running = arrangements.filter((a) => isRunning(a.status));
  return {
    running: running.length,
    overdue: running.filter((a) => isOverdue(a, today, a.evaluationDates)).length,
  };
}
