/** Writing goals. Callers run these inside `CommandContext.change`, which makes them atomic. */
import { eq } from 'drizzle-orm';
import { goals } from '../../db/schema.ts';
import type { Store } from './database.ts';

export type NewGoal = Omit<typeof goals.$inferInsert, 'id'>;
export type GoalChanges = Partial<
  Pick<typeof goals.$inferInsert, 'title' | 'category' | 'subject' | 'targetDate' | 'status' | 'closedAt'>
>;

export function insertGoal(store: Store, goal: NewGoal): number {
  return store.insert(goals).values(goal).returning({ id: goals.id }).get().id;
}

export function goalOwner(store: Store, goalId: number) {
  return store
    .select({ studentId: goals.studentId, status: goals.status, title: goals.title })
    .from(goals)
    .where(eq(goals.id, goalId))
    .get();
}

export function updateGoal(store: Store, goalId: number, changes: GoalChanges): void {
  store.update(goals).set(changes).where(eq(goals.id, goalId)).run();
}
