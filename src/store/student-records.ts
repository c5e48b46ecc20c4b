/**
 * Reading one student's records for the pathway card and the maatwerk overview. Each function
 * answers one question with one indexed query; the commands decide what a reader may see.
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  activities,
  activityCompetences,
  arrangementEvaluations,
  arrangements,
  conversations,
  goals,
  groups,
  reflectionGoalProgress,
  reflections,
  signals,
  staff,
  students,
  subjectEnrolments,
} from '../../db/schema.ts';
import type { Store } from './database.ts';

export function studentProfile(store: Store, studentId: number) {
  const row = store
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
    .where(eq(students.id, studentId))
    .get();
  if (!row) throw new Error(`student ${studentId} vanished`);
  return row;
}
export type StudentProfile = ReturnType<typeof studentProfile>;

export type Enrolment = typeof subjectEnrolments.$inferSelect;

export function enrolmentsOf(store: Store, studentId: number): Enrolment[] {
  return store
    .select()
    .from(subjectEnrolments)
    .where(eq(subjectEnrolments.studentId, studentId))
    .orderBy(asc(subjectEnrolments.moment), asc(subjectEnrolments.subject))
    .all();
}

/** Goals with the progress the student last reported on each. */
export function goalsOf(store: Store, studentId: number, only: 'open' | 'all') {
  const latestProgress = sql<string | null>`(
    select rgp.progress from ${reflectionGoalProgress} rgp join ${reflections} r on r.id = rgp.reflection_id
    where rgp.goal_id = ${goals.id} order by r.iso_week desc limit 1)`;
  return store
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
        ? and(eq(goals.studentId, studentId), eq(goals.status, 'open'))
        : eq(goals.studentId, studentId),
    )
    .orderBy(asc(goals.status), asc(goals.targetDate), asc(goals.id))
    .all();
}
export type GoalRow = ReturnType<typeof goalsOf>[number];

export function arrangementsOf(store: Store, studentId: number, only: 'current' | 'all') {
  return store
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
      ownerName: staff.name,
    })
    .from(arrangements)
    .leftJoin(staff, eq(staff.id, arrangements.ownerId))
    .where(
      only === 'current'
        ? and(eq(arrangements.studentId, studentId), ne(arrangements.status, 'afgerond'))
        : eq(arrangements.studentId, studentId),
    )
    .orderBy(asc(arrangements.startDate), asc(arrangements.id))
    .all();
}
export type ArrangementRow = ReturnType<typeof arrangementsOf>[number];

export function evaluationsOf(store: Store, arrangementIds: number[]) {
  if (arrangementIds.length === 0) return [];
  return store
    .select({
      arrangementId: arrangementEvaluations.arrangementId,
      date: arrangementEvaluations.date,
      goalsMet: arrangementEvaluations.goalsMet,
      decision: arrangementEvaluations.decision,
      supportLevelAfter: arrangementEvaluations.supportLevelAfter,
      byName: staff.name,
    })
    .from(arrangementEvaluations)
    .leftJoin(staff, eq(staff.id, arrangementEvaluations.byId))
    .where(inArray(arrangementEvaluations.arrangementId, arrangementIds))
    .orderBy(asc(arrangementEvaluations.date), asc(arrangementEvaluations.id))
    .all();
}

/** The last `count` reflections, oldest first. */
export function recentReflections(store: Store, studentId: number, count: number) {
  return store
    .select({
      isoWeek: reflections.isoWeek,
      welbevinden: reflections.welbevinden,
      motivatie: reflections.motivatie,
      grip: reflections.grip,
      uitdaging: reflections.uitdaging,
      wentWell: reflections.wentWell,
      nextStep: reflections.nextStep,
      wantsTalk: reflections.wantsTalk,
      submittedAt: reflections.submittedAt,
    })
    .from(reflections)
    .where(eq(reflections.studentId, studentId))
    .orderBy(desc(reflections.isoWeek))
    .limit(count)
    .all()
    .reverse();
}
export type ReflectionRow = ReturnType<typeof recentReflections>[number];

export function openSignalsOf(store: Store, studentId: number) {
  return store
    .select({
      id: signals.id,
      kind: signals.kind,
      severity: signals.severity,
      evidence: signals.evidence,
      firstSeenAt: signals.firstSeenAt,
      status: signals.status,
    })
    .from(signals)
    .where(and(eq(signals.studentId, studentId), ne(signals.status, 'opgelost')))
    .orderBy(asc(signals.firstSeenAt))
    .all();
}

export function lastConversationOf(store: Store, studentId: number) {
  return store
    .select({
      kind: conversations.kind,
      date: conversations.date,
      summary: conversations.summary,
      byName: staff.name,
    })
    .from(conversations)
    .leftJoin(staff, eq(staff.id, conversations.loggedById))
    .where(eq(conversations.studentId, studentId))
    .orderBy(desc(conversations.date), desc(conversations.id))
    .limit(1)
    .get();
}

/** Diploma part B: activities with the competences they showed. */
export function activitiesOf(store: Store, studentId: number) {
  const rows = store
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
    .orderBy(asc(activities.schoolYear), asc(activities.id), asc(activityCompetences.competence))
    .all();
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
