/** A student's weekly reflections: one per ISO week, answered once and correctable that week. */
import { and, desc, eq, lt } from 'drizzle-orm';
import { reflectionGoalProgress, reflections } from '../../db/schema.ts';
import type { Store } from './database.ts';

export type Reflection = typeof reflections.$inferSelect;
export type ReflectionAnswers = Omit<typeof reflections.$inferInsert, 'id'>;
export type GoalProgressAnswer = Omit<typeof reflectionGoalProgress.$inferInsert, 'reflectionId'>;

export function reflectionOf(store: Store, studentId: number, isoWeek: string): Reflection | undefined {
  return store
    .select()
    .from(reflections)
    .where(and(eq(reflections.studentId, studentId), eq(reflections.isoWeek, isoWeek)))
    .get();
}

/** The last reflection before this week: what a student is compared with (themselves, never a norm). */
export function reflectionBefore(store: Store, studentId: number, isoWeek: string): Reflection | undefined {
  return store
    .select()
    .from(reflections)
    .where(and(eq(reflections.studentId, studentId), lt(reflections.isoWeek, isoWeek)))
    .orderBy(desc(reflections.isoWeek))
    .limit(1)
    .get();
}

/**
 * Stores a week's reflection; a second submission that week replaces the first (the same row), with
 * its goal progress. Call inside the command's transaction.
 */
export function saveReflection(
  store: Store,
  answers: ReflectionAnswers,
  progress: readonly GoalProgressAnswer[],
): { id: number; updated: boolean } {
  const existing = reflectionOf(store, answers.studentId, answers.isoWeek);
  // The request dates from when it was first made: a correction that keeps it does not renew it.
  const talkRequestedAt = answers.wantsTalk
    ? existing?.wantsTalk
      ? (existing.talkRequestedAt ?? existing.submittedAt)
      : answers.submittedAt
    : null;
  const row = { ...answers, talkRequestedAt };
  let id: number;
  if (existing) {
    store.update(reflections).set(row).where(eq(reflections.id, existing.id)).run();
    store.delete(reflectionGoalProgress).where(eq(reflectionGoalProgress.reflectionId, existing.id)).run();
    id = existing.id;
  } else {
    id = store.insert(reflections).values(row).returning({ id: reflections.id }).get().id;
  }
  for (const answer of progress)
    store
      .insert(reflectionGoalProgress)
      .values({ ...answer, reflectionId: id })
      .run();
  return { id, updated: existing !== undefined };
}

/** The goal progress a reflection gave, by goal id. */
export function goalProgressOf(store: Store, reflectionId: number): Map<number, string> {
  return new Map(
    store
      .select({ goalId: reflectionGoalProgress.goalId, progress: reflectionGoalProgress.progress })
      .from(reflectionGoalProgress)
      .where(eq(reflectionGoalProgress.reflectionId, reflectionId))
      .all()
      .map((row) => [row.goalId, row.progress]),
  );
}
