/** Writing goals. Callers run these inside `CommandContext.change`, which makes them atomic. */
import { eq } from 'drizzle-orm';
import type { goals } from '../../db/schema.ts';
import type { Store } from './store.ts';

export type NewGoal = Omit<typeof goals.$inferInsert, 'id'>;
export type GoalChanges = Partial<
  Pick<typeof goals.$inferInsert, 'title' | 'category' | 'subject' | 'targetDate' | 'status' | 'closedAt'>
>;

export async function insertGoal(store: Store, goal: NewGoal): Promise<number> {
  const { goals } = store.t;
  const [inserted] = await store.db.insert(goals).values(goal).returning({ id: goals.id });
  return (inserted as { id: number }).id;
}

export async function goalOwner(store: Store, goalId: number) {
  const { goals } = store.t;
  const [owner] = await store.db
    .select({ studentId: goals.studentId, status: goals.status, title: goals.title })
    .from(goals)
    .where(eq(goals.id, goalId));
  return owner;
}

export async function updateGoal(store: Store, goalId: number, changes: GoalChanges): Promise<void> {
  const { goals } = store.t;
  await store.db.update(goals).set(changes).where(eq(goals.id, goalId));
}
