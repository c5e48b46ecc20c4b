/** Writing arrangements and their evaluations; callers run these inside one transaction. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { arrangementEvaluations, arrangementGoals, arrangements, goals } from '../../db/schema.ts';
import { currentArrangementStatuses } from '../domain/arrangement.ts';
import type { Store } from './database.ts';

export type NewArrangement = Omit<typeof arrangements.$inferInsert, 'id'>;
export type ArrangementChanges = Partial<
  Pick<
    typeof arrangements.$inferInsert,
    'status' | 'startDate' | 'nextEvaluationDate' | 'supportLevel' | 'plannedEndDate' | 'closedOn'
  >
>;

export function insertArrangement(
  store: Store,
  arrangement: NewArrangement,
  goalIds: readonly number[],
): number {
  const id = store.insert(arrangements).values(arrangement).returning({ id: arrangements.id }).get().id;
  if (goalIds.length > 0)
    store
      .insert(arrangementGoals)
      .values(goalIds.map((goalId) => ({ arrangementId: id, goalId })))
      .run();
  return id;
}

export function arrangementById(store: Store, arrangementId: number) {
  return store.select().from(arrangements).where(eq(arrangements.id, arrangementId)).get();
}

export function updateArrangement(store: Store, arrangementId: number, changes: ArrangementChanges): void {
  store.update(arrangements).set(changes).where(eq(arrangements.id, arrangementId)).run();
}

export function insertEvaluation(
  store: Store,
  evaluation: Omit<typeof arrangementEvaluations.$inferInsert, 'id'>,
): number {
  return store
    .insert(arrangementEvaluations)
    .values(evaluation)
    .returning({ id: arrangementEvaluations.id })
    .get().id;
}

/** Which of these goal ids belong to the student (an arrangement may only link the student's own goals). */
export function goalsOfStudent(store: Store, studentId: number, goalIds: readonly number[]): number[] {
  if (goalIds.length === 0) return [];
  return store
    .select({ id: goals.id })
    .from(goals)
    .where(and(eq(goals.studentId, studentId), inArray(goals.id, [...goalIds])))
    .all()
    .map((g) => g.id);
}

/** Current arrangements of many students, the evaluation that is due first on top. */
export function currentArrangementsOf(store: Store, studentIds: readonly number[]) {
  if (studentIds.length === 0) return [];
  return store
    .select()
    .from(arrangements)
    .where(
      and(
        inArray(arrangements.studentId, [...studentIds]),
        inArray(arrangements.status, [...currentArrangementStatuses]),
      ),
    )
    .orderBy(asc(arrangements.nextEvaluationDate), asc(arrangements.id))
    .all();
}

/** The date of an arrangement's latest evaluation, or null when it has none. */
export function lastEvaluationDate(store: Store, arrangementId: number): string | null {
  return (
    store
      .select({ date: arrangementEvaluations.date })
      .from(arrangementEvaluations)
      .where(eq(arrangementEvaluations.arrangementId, arrangementId))
      .orderBy(desc(arrangementEvaluations.date))
      .limit(1)
      .get()?.date ?? null
  );
}
