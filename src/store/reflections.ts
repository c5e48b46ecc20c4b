/** A student's weekly reflections: one per ISO week, answered once and correctable that week. */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { reflectionGoalProgress, reflections } from '../../db/schema.ts';
import type { Store } from './store.ts';

export type Reflection = typeof reflections.$inferSelect;
export type ReflectionAnswers = Omit<typeof reflections.$inferInsert, 'id'>;
export type GoalProgressAnswer = Omit<typeof reflectionGoalProgress.$inferInsert, 'reflectionId'>;

export async function reflectionOf(
  store: Store,
  studentId: number,
  isoWeek: string,
): Promise<Reflection | undefined> {
  const { reflections } = store.t;
  const [found] = await store.db
    .select()
    .from(reflections)
    .where(and(eq(reflections.studentId, studentId), eq(reflections.isoWeek, isoWeek)));
  return found;
}

/** The last reflection before this week: what a student is compared with (themselves, never a norm). */
export async function reflectionBefore(
  store: Store,
  studentId: number,
  isoWeek: string,
): Promise<Reflection | undefined> {
  const { reflections } = store.t;
  const [found] = await store.db
    .select()
    .from(reflections)
    .where(and(eq(reflections.studentId, studentId), lt(reflections.isoWeek, isoWeek)))
    .orderBy(desc(reflections.isoWeek))
    .limit(1);
  return found;
}

/**
 * Stores a week's reflection; a second submission that week replaces the first (the same row), with
 * its goal progress. Call inside the command's transaction.
 */
export async function saveReflection(
  store: Store,
  answers: ReflectionAnswers,
  progress: readonly GoalProgressAnswer[],
): Promise<{ id: number; updated: boolean }> {
  const { reflections, reflectionGoalProgress } = store.t;
  const existing = await reflectionOf(store, answers.studentId, answers.isoWeek);
  // The request dates from when it was first made: a correction that keeps it does not renew it.
  const talkRequestedAt = answers.wantsTalk
    ? existing?.wantsTalk
      ? (existing.talkRequestedAt ?? existing.submittedAt)
      : answers.submittedAt
    : null;
  const row = { ...answers, talkRequestedAt };
  let id: number;
  if (existing) {
    await store.db.update(reflections).set(row).where(eq(reflections.id, existing.id));
    await store.db.delete(reflectionGoalProgress).where(eq(reflectionGoalProgress.reflectionId, existing.id));
    id = existing.id;
  } else {
    const [inserted] = await store.db.insert(reflections).values(row).returning({ id: reflections.id });
    id = (inserted as { id: number }).id;
  }
  if (progress.length > 0)
    await store.db
      .insert(reflectionGoalProgress)
      .values(progress.map((answer) => ({ ...answer, reflectionId: id })));
  return { id, updated: existing !== undefined };
}

/** The goal progress a reflection gave, by goal id. */
export async function goalProgressOf(store: Store, reflectionId: number): Promise<Map<number, string>> {
  const { reflectionGoalProgress } = store.t;
  const rows = await store.db
    .select({ goalId: reflectionGoalProgress.goalId, progress: reflectionGoalProgress.progress })
    .from(reflectionGoalProgress)
    .where(eq(reflectionGoalProgress.reflectionId, reflectionId));
  return new Map(rows.map((row) => [row.goalId, row.progress]));
}
