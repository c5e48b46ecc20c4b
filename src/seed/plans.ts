/**
 * The shape of a seeded student's story: what the generator should write instead of what it
 * would draw. Field types come from the drizzle schema.
 */
import type { DateTime } from 'luxon';
import type {
  activities,
  arrangementEvaluations,
  arrangements,
  goals,
  reflections,
} from '../../db/schema.ts';
import type { Onderwijssoort, Subject } from '../domain/enums.ts';

type Reflection = typeof reflections.$inferInsert;
type Arrangement = typeof arrangements.$inferInsert;
type Evaluation = typeof arrangementEvaluations.$inferInsert;
type Goal = typeof goals.$inferInsert;

export type ReflectionOverride = Partial<
  Pick<Reflection, 'welbevinden' | 'motivatie' | 'grip' | 'uitdaging' | 'wantsTalk' | 'wentWell' | 'nextStep'>
>;

/** For prompted week `week` (0 = the most recent), what the student answered, or that they did not. */
export type ReflectionPlan = (week: number) => ReflectionOverride | 'missed';

export type ArrangementPlan = (now: DateTime) => Pick<
  Arrangement,
  'strategy' | 'form' | 'description' | 'supportLevel' | 'evaluationIntervalWeeks' | 'status'
> & {
  startWeeksAgo: number;
  nextEvaluation: DateTime | undefined;
  plannedEnd?: DateTime;
  evaluations: (Pick<Evaluation, 'goalsMet' | 'decision' | 'note'> & { weeksAgo: number })[];
  goal: Pick<Goal, 'title' | 'category' | 'subject'> & { achieved?: boolean };
};

export type StudentPlan = {
  firstName: string;
  lastNamePrefix?: string;
  lastName: string;
  email: string;
  group: string;
  /** Subjects taken at a level other than the student's own, with the current result. */
  higherLevel?: { subject: Subject; level: Onderwijssoort; grade: number }[];
  /** Subjects finished ahead of schedule. */
  completedEarly?: { subject: Subject; level: Onderwijssoort; grade: number; yearsAgo: number }[];
  activities?: (Pick<typeof activities.$inferInsert, 'kind' | 'title'> & { competences: string[] })[];
  reflections?: ReflectionPlan;
  arrangements?: ArrangementPlan[];
};
