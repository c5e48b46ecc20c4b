/**
 * Reading one student's records for the pathway card and the maatwerk overview. Each function
 * answers one question with one indexed query; the commands decide what a reader may see.
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { reflections, subjectEnrolments } from '../../db/schema.ts';
import { currentArrangementStatuses } from '../domain/arrangement.ts';
import { openGoalStatuses } from '../domain/goal.ts';
import { RESOLVED } from '../domain/signals/lifecycle.ts';
import { type Placeholders, prepared } from './prepared.ts';
import { readEvidence } from './signals.ts';
import type { Store } from './store.ts';

type OfStudent = Placeholders<{ studentId: number }>;

const profileQuery = prepared((db, { students, groups, staff }, p: OfStudent) =>
  db
    .select({
      id: students.id,
      firstName: students.firstName,
      preferredName: students.preferredName,
      lastNamePrefix: students.lastNamePrefix,
      lastName: students.lastName,
      email: students.email,
      onderwijssoort: students.onderwijssoort,
      leerjaar: students.leerjaar,
      groupName: groups.name,
      mentorName: staff.name,
      locale: students.locale,
      promptWeekday: students.promptWeekday,
      promptTime: students.promptTime,
      pausedUntil: students.pausedUntil,
    })
    .from(students)
    .leftJoin(groups, eq(groups.id, students.groupId))
    .leftJoin(staff, eq(staff.id, students.mentorId))
    .where(eq(students.id, p.studentId))
    .prepare(),
);

export async function studentProfile(store: Store, studentId: number) {
  const [row] = await profileQuery(store, { studentId });
  if (!row) throw new Error(`student ${studentId} vanished`);
  return row;
}
export type StudentProfile = Awaited<ReturnType<typeof studentProfile>>;

export type Enrolment = typeof subjectEnrolments.$inferSelect;

const enrolmentsQuery = prepared((db, { subjectEnrolments }, p: OfStudent) =>
  db
    .select()
    .from(subjectEnrolments)
    .where(eq(subjectEnrolments.studentId, p.studentId))
    .orderBy(asc(subjectEnrolments.moment), asc(subjectEnrolments.subject))
    .prepare(),
);

export async function enrolmentsOf(store: Store, studentId: number): Promise<Enrolment[]> {
  return await enrolmentsQuery(store, { studentId });
}

function goalsQuery(only: 'open' | 'all') {
  return prepared((db, { goals, reflectionGoalProgress, reflections }, p: OfStudent) => {
    // Qualified by hand: inside the subquery a bare "id" would be the reflection's, not the goal's.
    const latestProgress = sql<string | null>`(
      select rgp.progress from ${reflectionGoalProgress} rgp join ${reflections} r on r.id = rgp.reflection_id
      where rgp.goal_id = "goals"."id" order by r.iso_week desc limit 1)`;
    return (
      db
        .select({
          id: goals.id,
          title: goals.title,
          category: goals.category,
          subject: goals.subject,
          status: goals.status,
          targetDate: goals.targetDate,
          origin: goals.origin,
          progress: latestProgress,
        })
        .from(goals)
        .where(
          only === 'open'
            ? and(eq(goals.studentId, p.studentId), inArray(goals.status, [...openGoalStatuses]))
            : eq(goals.studentId, p.studentId),
        )
        // SQLite's order, goals without a date first, spelled out: PostgreSQL would put them last.
        .orderBy(asc(goals.status), sql`${goals.targetDate} asc nulls first`, asc(goals.id))
        .prepare()
    );
  });
}
const goalsQueries = { open: goalsQuery('open'), all: goalsQuery('all') };

/** Goals with the progress the student last reported on each. */
export async function goalsOf(store: Store, studentId: number, only: 'open' | 'all') {
  return await goalsQueries[only](store, { studentId });
}
export type GoalRow = Awaited<ReturnType<typeof goalsOf>>[number];

function arrangementsQuery(only: 'current' | 'all') {
  return prepared((db, { arrangements, staff }, p: OfStudent) =>
    db
      .select({
        id: arrangements.id,
        strategy: arrangements.strategy,
        form: arrangements.form,
        description: arrangements.description,
        supportLevel: arrangements.supportLevel,
        status: arrangements.status,
        startDate: arrangements.startDate,
        plannedEndDate: arrangements.plannedEndDate,
        nextEvaluationDate: arrangements.nextEvaluationDate,
        evaluationIntervalWeeks: arrangements.evaluationIntervalWeeks,
        closedOn: arrangements.closedOn,
        ownerName: staff.name,
      })
      .from(arrangements)
      .leftJoin(staff, eq(staff.id, arrangements.ownerId))
      .where(
        only === 'current'
          ? and(
              eq(arrangements.studentId, p.studentId),
              inArray(arrangements.status, [...currentArrangementStatuses]),
            )
          : eq(arrangements.studentId, p.studentId),
      )
      .orderBy(asc(arrangements.startDate), asc(arrangements.id))
      .prepare(),
  );
}
const arrangementsQueries = { current: arrangementsQuery('current'), all: arrangementsQuery('all') };

export async function arrangementsOf(store: Store, studentId: number, only: 'current' | 'all') {
  return await arrangementsQueries[only](store, { studentId });
}
export type ArrangementRow = Awaited<ReturnType<typeof arrangementsOf>>[number];

export async function evaluationsOf(store: Store, arrangementIds: number[]) {
  if (arrangementIds.length === 0) return [];
  const { arrangementEvaluations, staff } = store.t;
  return await store.db
    .select({
      arrangementId: arrangementEvaluations.arrangementId,
      date: arrangementEvaluations.date,
      goalsMet: arrangementEvaluations.goalsMet,
      decision: arrangementEvaluations.decision,
      supportLevelAfter: arrangementEvaluations.supportLevelAfter,
      supportLevelBefore: arrangementEvaluations.supportLevelBefore,
      byName: staff.name,
    })
    .from(arrangementEvaluations)
    .leftJoin(staff, eq(staff.id, arrangementEvaluations.byId))
    .where(inArray(arrangementEvaluations.arrangementId, arrangementIds))
    .orderBy(asc(arrangementEvaluations.date), asc(arrangementEvaluations.id));
}

type Answers = Pick<
  typeof reflections.$inferSelect,
  'welbevinden' | 'motivatie' | 'grip' | 'uitdaging' | 'wentWell' | 'nextStep'
>;
export type WeekRow = { isoWeek: string } & { [K in keyof Answers]: Answers[K] | null };

/**
 * The last `count` weeks the student was asked to reflect or did, oldest first, with the answers
 * of that week or nulls: a missed prompt is a gap in the trend, not a week that never was.
 */
export async function recentWeeks(store: Store, studentId: number, count: number): Promise<WeekRow[]> {
  const rows = await store.raw.all(
    `select w.iso_week as "isoWeek", r.welbevinden, r.motivatie, r.grip, r.uitdaging,
        r.went_well as "wentWell", r.next_step as "nextStep"
      from (select iso_week from prompts where student_id = :studentId
            union select iso_week from reflections where student_id = :studentId
            order by iso_week desc limit :count) w
      left join reflections r on r.student_id = :studentId and r.iso_week = w.iso_week
      order by w.iso_week`,
    { studentId, count },
  );
  return rows as WeekRow[];
}

const openSignalsQuery = prepared((db, { signals }, p: OfStudent) =>
  db
    .select({
      id: signals.id,
      kind: signals.kind,
      severity: signals.severity,
      evidence: signals.evidence,
      firstSeenAt: signals.firstSeenAt,
      status: signals.status,
      escalatedToId: signals.escalatedToId,
    })
    .from(signals)
    .where(and(eq(signals.studentId, p.studentId), ne(signals.status, RESOLVED)))
    .orderBy(asc(signals.firstSeenAt))
    .prepare(),
);

export async function openSignalsOf(store: Store, studentId: number) {
  const rows = await openSignalsQuery(store, { studentId });
  return rows.map((row) => ({ ...row, evidence: readEvidence(row.evidence) }));
}

const lastConversationQuery = prepared((db, { conversations, staff }, p: OfStudent) =>
  db
    .select({
      kind: conversations.kind,
      date: conversations.date,
      summary: conversations.summary,
      byName: staff.name,
    })
    .from(conversations)
    .leftJoin(staff, eq(staff.id, conversations.loggedById))
    .where(eq(conversations.studentId, p.studentId))
    .orderBy(desc(conversations.date), desc(conversations.id))
    .limit(1)
    .prepare(),
);

export async function lastConversationOf(store: Store, studentId: number) {
  const [last] = await lastConversationQuery(store, { studentId });
  return last;
}

/** Diploma part B: activities with the competences they showed. */
export async function activitiesOf(store: Store, studentId: number) {
  const { activities, activityCompetences } = store.t;
  const rows = await store.db
    .select({
      id: activities.id,
      kind: activities.kind,
      title: activities.title,
      schoolYear: activities.schoolYear,
      competence: activityCompetences.competence,
    })
    .from(activities)
    .leftJoin(activityCompetences, eq(activityCompetences.activityId, activities.id))
    .where(eq(activities.studentId, studentId))
    .orderBy(asc(activities.schoolYear), asc(activities.id), asc(activityCompetences.competence));
  const byId = new Map<number, { kind: string; title: string; schoolYear: string; competences: string[] }>();
  for (const row of rows) {
    const activity = byId.get(row.id) ?? {
      kind: row.kind,
      title: row.title,
      schoolYear: row.schoolYear,
      competences: [],
    };
    if (row.competence) activity.competences.push(row.competence);
    byId.set(row.id, activity);
  }
  return [...byId.values()];
}
