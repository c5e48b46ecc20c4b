/**
 * The shapes a seed is described in: a school with its groups and staff, and a student's story
 * (what the generator should write instead of what it would draw). Field types come from the
 * drizzle schema.
 */
import type { DateTime } from 'luxon';
import type {
  activities,
  arrangementEvaluations,
  arrangements,
  goals,
  groups,
  reflections,
  schoolHolidays,
  schools,
  staff,
  teamIndicators,
} from '../../db/schema.ts';
import type { Onderwijssoort, StaffRole, Subject } from '../domain/enums.ts';

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

export type SeedHoliday = Pick<typeof schoolHolidays.$inferInsert, 'name' | 'startDate' | 'endDate'>;

export type GroupSpec = Pick<typeof groups.$inferInsert, 'name' | 'leerjaar' | 'onderwijssoort'> & {
  team: string;
};

export type StaffSpec = Pick<typeof staff.$inferInsert, 'name' | 'email'> & {
  roles: StaffRole[];
  mentorOf?: string;
  teaches?: { group: string; subject: Subject }[];
  /** The team a team leader leads. */
  leads?: string;
};

export type SchoolSpec = Pick<typeof schools.$inferInsert, 'name' | 'region'> & {
  studentEmailDomain: string;
  /** The local playground workspace its people are linked in. */
  workspace: string;
  holidays: SeedHoliday[];
  groups: GroupSpec[];
  staff: StaffSpec[];
  namedStudents: StudentPlan[];
  /** Spread over the groups as evenly as possible. */
  studentCount: number;
  indicators?: readonly Pick<typeof teamIndicators.$inferInsert, 'indicator' | 'target'>[];
  indicatorTeam?: string;
  staffChannel?: { team: string; channel: string };
};
