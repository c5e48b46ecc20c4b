/** Writing arrangements and their evaluations; callers run these inside one transaction. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { arrangementEvaluations, arrangements } from '../../db/schema.ts';
import { currentArrangementStatuses } from '../domain/arrangement.ts';
import type { Store } from './store.ts';

export type NewArrangement = Omit<typeof arrangements.$inferInsert, 'id'>;
export type ArrangementChanges = Partial<
  Pick<
    typeof arrangements.$inferInsert,
    'status' | 'startDate' | 'nextEvaluationDate' | 'supportLevel' | 'plannedEndDate' | 'closedOn'
  >
>;

export async function insertArrangement(
  store: Store,
  arrangement: NewArrangement,
  goalIds: readonly number[],
): Promise<number> {
  const { arrangements, arrangementGoals } = store.t;
  const [inserted] = await store.db
    .insert(arrangements)
    .values(arrangement)
    .returning({ id: arrangements.id });
  const id = (inserted as { id: number }).id;
  if (goalIds.length > 0)
    await store.db.insert(arrangementGoals).values(goalIds.map((goalId) => ({ arrangementId: id, goalId })));
  return id;
}

export async function arrangementById(store: Store, arrangementId: number) {
  const { arrangements } = store.t;
  const [found] = await store.db.select().from(arrangements).where(eq(arrangements.id, arrangementId));
  return found;
}

export async function updateArrangement(
  store: Store,
  arrangementId: number,
  changes: ArrangementChanges,
): Promise<void> {
  const { arrangements } = store.t;
  await store.db.update(arrangements).set(changes).where(eq(arrangements.id, arrangementId));
}

export async function insertEvaluation(
  store: Store,
  evaluation: Omit<typeof arrangementEvaluations.$inferInsert, 'id'>,
): Promise<number> {
  const { arrangementEvaluations } = store.t;
  const [inserted] = await store.db
    .insert(arrangementEvaluations)
    .values(evaluation)
    .returning({ id: arrangementEvaluations.id });
  return (inserted as { id: number }).id;
}

/** Which of these goal ids belong to the student (an arrangement may only link the student's own goals). */
export async function goalsOfStudent(
  store: Store,
  studentId: number,
  goalIds: readonly number[],
): Promise<number[]> {
  if (goalIds.length === 0) return [];
  const { goals } = store.t;
  const rows = await store.db
    .select({ id: goals.id })
    .from(goals)
    .where(and(eq(goals.studentId, studentId), inArray(goals.id, [...goalIds])));
  return rows.map((g) => g.id);
}

/** Current arrangements of many students, the evaluation that is due first on top. */
export async function currentArrangementsOf(store: Store, studentIds: readonly number[]) {
  if (studentIds.length === 0) return [];
  const { arrangements } = store.t;
  return await store.db
    .select()
    .from(arrangements)
    .where(
      and(
        inArray(arrangements.studentId, [...studentIds]),
        inArray(arrangements.status, [...currentArrangementStatuses]),
      ),
    )
    // SQLite's order, NULL first, spelled out: PostgreSQL would put the arrangements without a date last.
    .orderBy(sql`${arrangements.nextEvaluationDate} asc nulls first`, asc(arrangements.id));
}

/** The date of an arrangement's latest evaluation, or null when it has none. */
export async function lastEvaluationDate(store: Store, arrangementId: number): Promise<string | null> {
  const { arrangementEvaluations } = store.t;
  const [latest] = await store.db
    .select({ date: arrangementEvaluations.date })
    .from(arrangementEvaluations)
    .where(eq(arrangementEvaluations.arrangementId, arrangementId))
    .orderBy(desc(arrangementEvaluations.date))
    .limit(1);
  return latest?.date ?? null;
}
