/**
 * The Koers store: every entity of PRODUCT.md section 3.
 *
 * Conventions (docs/store.md explains why):
 * - ids are integer primary keys; names of columns are snake_case in SQL, camelCase in code;
 * - instants are UTC ISO-8601 text, calendar dates ISO dates, ISO weeks `YYYY-Www`;
 * - closed vocabularies come from `src/domain/enums.ts` and are enforced with CHECKs;
 * - everything that belongs to a student is deleted with the student (erasure is one DELETE);
 *   the audit log keeps its rows and loses only the link.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  type SQLiteColumn,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  activityKinds,
  arrangementForms,
  arrangementStatuses,
  arrangementStrategies,
  auditActions,
  auditActorKinds,
  challengeAnswers,
  channels,
  conversationKinds,
  enrolmentStatuses,
  evaluationDecisions,
  goalCategories,
  goalOrigins,
  goalProgress,
  goalStatuses,
  goalsMetAnswers,
  indicators,
  learningStrategies,
  locales,
  onderwijssoorten,
  outboxStatuses,
  participantKinds,
  personKinds,
  platforms,
  regions,
  resultWords,
  signalKinds,
  signalSeverities,
  signalStatuses,
  staffRoles as staffRoleValues,
  subjects,
  subscriptionScopes,
  supportLevels,
  teamsScopes,
} from '../src/domain/enums.ts';
import { defaultPromptSchedule } from '../src/domain/prompt-calendar.ts';
import { between, instant, isInstant, isIsoDate, isoDate, oneOf } from './columns.ts';

const ISO_WEEK_GLOB = "'[0-9][0-9][0-9][0-9]-W[0-5][0-9]'";
/** `YYYY-Www` with a week from 01 to 53. */
const isIsoWeek = (column: SQLiteColumn) =>
  sql`${column} glob ${sql.raw(ISO_WEEK_GLOB)} and substr(${column}, 7, 2) between '01' and '53'`;
const CLOCK_GLOB = "'[0-2][0-9]:[0-5][0-9]'";

export const schools = sqliteTable(
  'schools',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull().unique(),
    region: text('region', { enum: regions }).notNull(),
    timeZone: text('time_zone').notNull().default(defaultPromptSchedule.timeZone),
    defaultLocale: text('default_locale', { enum: locales }).notNull().default('nl'),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    promptWeekday: integer('prompt_weekday').notNull().default(defaultPromptSchedule.weekday),
    promptTime: text('prompt_time').notNull().default(defaultPromptSchedule.time),
    /**
     * How many school years after a student left their reflections and conversation notes are
     * kept (the retention job deletes them after that); set by an administrator.
     */
    retentionYears: integer('retention_years').notNull().default(2),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    oneOf('schools_region', t.region, regions),
    between('schools_retention_years', t.retentionYears, 1, 10),
    oneOf('schools_default_locale', t.defaultLocale, locales),
    between('schools_prompt_weekday', t.promptWeekday, 1, 7),
    check('schools_prompt_time', sql`${t.promptTime} glob ${sql.raw(CLOCK_GLOB)}`),
    isInstant('schools_created_at', t.createdAt),
  ],
);

/** The *vakantierooster*: no prompt goes out between start and end, both inclusive. */
export const schoolHolidays = sqliteTable(
  'school_holidays',
  {
    id: integer('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startDate: isoDate('start_date').notNull(),
    endDate: isoDate('end_date').notNull(),
  },
  (t) => [
    uniqueIndex('school_holidays_unique').on(t.schoolId, t.startDate, t.name),
    isIsoDate('school_holidays_start_date', t.startDate),
    isIsoDate('school_holidays_end_date', t.endDate),
    check('school_holidays_order', sql`${t.startDate} <= ${t.endDate}`),
  ],
);

/** A school's team or department (*afdeling*), e.g. the upper years. */
export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('teams_school_name').on(t.schoolId, t.name)],
);

export const staff = sqliteTable(
  'staff',
  {
    id: integer('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    locale: text('locale', { enum: locales }),
    /** The day they left: missing from a new full staff roster, deactivated, not deleted. NULL while at school. */
    leftOn: isoDate('left_on'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('staff_school').on(t.schoolId),
    isIsoDate('staff_left_on', t.leftOn),
    oneOf('staff_locale', t.locale, locales),
    check('staff_email_lower', sql`${t.email} = lower(${t.email})`),
    isInstant('staff_created_at', t.createdAt),
  ],
);

/** A role of a staff member; a team leader's role names the team it covers. */
export const staffRoles = sqliteTable(
  'staff_roles',
  {
    id: integer('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    role: text('role', { enum: staffRoleValues }).notNull(),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'cascade' }),
  },
  (t) => [
    // Whose roles these are is read on every request; the unique indexes below are partial.
    index('staff_roles_staff').on(t.staffId),
    uniqueIndex('staff_roles_unique').on(t.staffId, t.role).where(sql`${t.teamId} is null`),
    uniqueIndex('staff_roles_unique_team')
      .on(t.staffId, t.role, t.teamId)
      .where(sql`${t.teamId} is not null`),
    oneOf('staff_roles_role', t.role, staffRoleValues),
    check('staff_roles_team_only_for_leaders', sql`${t.teamId} is null or ${t.role} = 'teamleider'`),
  ],
);

/** A *klas* or *stamgroep*. */
export const groups = sqliteTable(
  'groups',
  {
    id: integer('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    leerjaar: integer('leerjaar').notNull(),
    onderwijssoort: text('onderwijssoort', { enum: onderwijssoorten }).notNull(),
  },
  (t) => [
    uniqueIndex('groups_school_name').on(t.schoolId, t.name),
    index('groups_team').on(t.teamId),
    oneOf('groups_onderwijssoort', t.onderwijssoort, onderwijssoorten),
    between('groups_leerjaar', t.leerjaar, 1, 8),
  ],
);

export const groupMentors = sqliteTable(
  'group_mentors',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.staffId] }), index('group_mentors_staff').on(t.staffId)],
);

/** Who teaches which subject to a group: the relationship that lets a *docent* look a student up. */
export const groupTeachers = sqliteTable(
  'group_teachers',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    subject: text('subject', { enum: subjects }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.staffId, t.subject] }),
    index('group_teachers_staff').on(t.staffId),
    oneOf('group_teachers_subject', t.subject, subjects),
  ],
);

export const students = sqliteTable(
  'students',
  {
    id: integer('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').references(() => groups.id, { onDelete: 'set null' }),
    mentorId: integer('mentor_id').references(() => staff.id, { onDelete: 'set null' }),
    firstName: text('first_name').notNull(),
    /** The *tussenvoegsel*: "de", "van der", "El". */
    lastNamePrefix: text('last_name_prefix'),
    lastName: text('last_name').notNull(),
    preferredName: text('preferred_name'),
    email: text('email').notNull().unique(),
    onderwijssoort: text('onderwijssoort', { enum: onderwijssoorten }).notNull(),
    leerjaar: integer('leerjaar').notNull(),
    /** NULL: the school's default locale. */
    locale: text('locale', { enum: locales }),
    /** Per-student prompt moment; NULL: the school's default. */
    promptWeekday: integer('prompt_weekday'),
    promptTime: text('prompt_time'),
    /** No prompts up to and including this date. */
    pausedUntil: isoDate('paused_until'),
    /**
     * The day the student left the school: missing from a new full roster (`koers import`), so
     * deactivated, not deleted. NULL while at school. Retention counts from this day.
     */
    leftOn: isoDate('left_on'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('students_school').on(t.schoolId),
    index('students_group').on(t.groupId),
    index('students_mentor').on(t.mentorId),
    index('students_last_name').on(t.lastName),
    index('students_first_name').on(t.firstName),
    oneOf('students_onderwijssoort', t.onderwijssoort, onderwijssoorten),
    between('students_leerjaar', t.leerjaar, 1, 8),
    oneOf('students_locale', t.locale, locales),
    between('students_prompt_weekday', t.promptWeekday, 1, 7),
    check('students_prompt_time', sql`${t.promptTime} glob ${sql.raw(CLOCK_GLOB)}`),
    isIsoDate('students_paused_until', t.pausedUntil),
    isIsoDate('students_left_on', t.leftOn),
    check('students_email_lower', sql`${t.email} = lower(${t.email})`),
    isInstant('students_created_at', t.createdAt),
  ],
);

/** A subject a student takes, at a level that may differ from their own (diploma part A). */
export const subjectEnrolments = sqliteTable(
  'subject_enrolments',
  {
    id: integer('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    subject: text('subject', { enum: subjects }).notNull(),
    level: text('level', { enum: onderwijssoorten }).notNull(),
    /** The month of completion (*moment van afsluiten*), planned or done, e.g. `2027-06`. */
    moment: text('moment').notNull(),
    resultGrade: real('result_grade'),
    resultWord: text('result_word', { enum: resultWords }),
    status: text('status', { enum: enrolmentStatuses }).notNull(),
  },
  (t) => [
    uniqueIndex('subject_enrolments_unique').on(t.studentId, t.subject, t.level),
    oneOf('subject_enrolments_subject', t.subject, subjects),
    oneOf('subject_enrolments_level', t.level, onderwijssoorten),
    oneOf('subject_enrolments_result_word', t.resultWord, resultWords),
    oneOf('subject_enrolments_status', t.status, enrolmentStatuses),
    between('subject_enrolments_result_grade', t.resultGrade, 1, 10),
    check('subject_enrolments_one_result', sql`${t.resultGrade} is null or ${t.resultWord} is null`),
    check('subject_enrolments_moment', sql`${t.moment} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'`),
  ],
);

/** Diploma part B: what a student did outside the subjects, and the competences it showed. */
export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: activityKinds }).notNull(),
    title: text('title').notNull(),
    schoolYear: text('school_year').notNull(),
    description: text('description'),
  },
  (t) => [index('activities_student').on(t.studentId), oneOf('activities_kind', t.kind, activityKinds)],
);

export const activityCompetences = sqliteTable(
  'activity_competences',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    competence: text('competence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.competence] })],
);

/** A *gesprek*; its agreements become goals (goals.conversation_id). */
export const conversations = sqliteTable(
  'conversations',
  {
    id: integer('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: conversationKinds }).notNull(),
    date: isoDate('date').notNull(),
    loggedById: integer('logged_by_id').references(() => staff.id, { onDelete: 'set null' }),
    summary: text('summary'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('conversations_student_date').on(t.studentId, t.date),
    oneOf('conversations_kind', t.kind, conversationKinds),
    isIsoDate('conversations_date', t.date),
    isInstant('conversations_created_at', t.createdAt),
  ],
);

export const conversationParticipants = sqliteTable(
  'conversation_participants',
  {
    id: integer('id').primaryKey(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: participantKinds }).notNull(),
    staffId: integer('staff_id').references(() => staff.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('conversation_participants_conversation').on(t.conversationId),
    oneOf('conversation_participants_kind', t.kind, participantKinds),
  ],
);

/** A *doel*. `createdById` NULL: the student set it. */
export const goals = sqliteTable(
  'goals',
  {
    id: integer('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    category: text('category', { enum: goalCategories }).notNull(),
    subject: text('subject', { enum: subjects }),
    origin: text('origin', { enum: goalOrigins }).notNull(),
    conversationId: integer('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    createdById: integer('created_by_id').references(() => staff.id, { onDelete: 'set null' }),
    targetDate: isoDate('target_date'),
    status: text('status', { enum: goalStatuses }).notNull().default('open'),
    createdAt: instant('created_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('goals_student_status').on(t.studentId, t.status),
    oneOf('goals_category', t.category, goalCategories),
    oneOf('goals_subject', t.subject, subjects),
    oneOf('goals_origin', t.origin, goalOrigins),
    oneOf('goals_status', t.status, goalStatuses),
    isIsoDate('goals_target_date', t.targetDate),
    isInstant('goals_created_at', t.createdAt),
    isInstant('goals_closed_at', t.closedAt),
    check('goals_title_length', sql`length(${t.title}) between 1 and 200`),
  ],
);

export const arrangements = sqliteTable(
  'arrangements',
  {
    id: integer('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    strategy: text('strategy', { enum: arrangementStrategies }).notNull(),
    form: text('form', { enum: arrangementForms }).notNull(),
    description: text('description'),
    supportLevel: integer('support_level').notNull(),
    ownerId: integer('owner_id').references(() => staff.id, { onDelete: 'set null' }),
    startDate: isoDate('start_date').notNull(),
    plannedEndDate: isoDate('planned_end_date'),
    evaluationIntervalWeeks: integer('evaluation_interval_weeks').notNull(),
    nextEvaluationDate: isoDate('next_evaluation_date'),
    status: text('status', { enum: arrangementStatuses }).notNull(),
    /** The day it ended (*afgerond*): the real end of its period, which the planned end is not. */
    closedOn: isoDate('closed_on'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('arrangements_student').on(t.studentId),
    index('arrangements_status_evaluation').on(t.status, t.nextEvaluationDate),
    oneOf('arrangements_strategy', t.strategy, arrangementStrategies),
    oneOf('arrangements_form', t.form, arrangementForms),
    oneOf('arrangements_support_level', t.supportLevel, supportLevels),
    oneOf('arrangements_status', t.status, arrangementStatuses),
    between('arrangements_evaluation_interval', t.evaluationIntervalWeeks, 1, 52),
    isIsoDate('arrangements_start_date', t.startDate),
    isIsoDate('arrangements_planned_end_date', t.plannedEndDate),
    isIsoDate('arrangements_next_evaluation_date', t.nextEvaluationDate),
    isIsoDate('arrangements_closed_on', t.closedOn),
    isInstant('arrangements_created_at', t.createdAt),
  ],
);

export const arrangementGoals = sqliteTable(
  'arrangement_goals',
  {
    arrangementId: integer('arrangement_id')
      .notNull()
      .references(() => arrangements.id, { onDelete: 'cascade' }),
    goalId: integer('goal_id')
      .notNull()
      .references(() => goals.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.arrangementId, t.goalId] })],
);

export const arrangementEvaluations = sqliteTable(
  'arrangement_evaluations',
  {
    id: integer('id').primaryKey(),
    arrangementId: integer('arrangement_id')
      .notNull()
      .references(() => arrangements.id, { onDelete: 'cascade' }),
    date: isoDate('date').notNull(),
    byId: integer('by_id').references(() => staff.id, { onDelete: 'set null' }),
    goalsMet: text('goals_met', { enum: goalsMetAnswers }).notNull(),
    decision: text('decision', { enum: evaluationDecisions }).notNull(),
    /** Set when the decision moved the student up or down the pyramid. */
    supportLevelAfter: integer('support_level_after'),
    /** The level it moved from, set with `supportLevelAfter`: so every period keeps its own level. */
    supportLevelBefore: integer('support_level_before'),
    note: text('note'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('arrangement_evaluations_arrangement').on(t.arrangementId, t.date),
    oneOf('arrangement_evaluations_goals_met', t.goalsMet, goalsMetAnswers),
    oneOf('arrangement_evaluations_decision', t.decision, evaluationDecisions),
    oneOf('arrangement_evaluations_support_level', t.supportLevelAfter, supportLevels),
    oneOf('arrangement_evaluations_support_level_before', t.supportLevelBefore, supportLevels),
    isIsoDate('arrangement_evaluations_date', t.date),
    isInstant('arrangement_evaluations_created_at', t.createdAt),
  ],
);

/** That a student was asked to reflect in a week: the ground truth for "reflecties gemist". */
export const prompts = sqliteTable(
  'prompts',
  {
    id: integer('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    isoWeek: text('iso_week').notNull(),
    promptedAt: instant('prompted_at').notNull(),
    remindedAt: instant('reminded_at'),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('prompts_student_week').on(t.studentId, t.isoWeek),
    // The weekly jobs ask "who was prompted in this week": by week first.
    index('prompts_week').on(t.isoWeek, t.studentId),
    check('prompts_iso_week', isIsoWeek(t.isoWeek)),
    isInstant('prompts_prompted_at', t.promptedAt),
    isInstant('prompts_reminded_at', t.remindedAt),
    isInstant('prompts_expires_at', t.expiresAt),
  ],
);

/** The weekly reflection of PRODUCT.md 2.2; one per student and ISO week. */
export const reflections = sqliteTable(
  'reflections',
  {
    id: integer('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    isoWeek: text('iso_week').notNull(),
    welbevinden: integer('welbevinden').notNull(),
    motivatie: integer('motivatie').notNull(),
    grip: integer('grip').notNull(),
    uitdaging: text('uitdaging', { enum: challengeAnswers }).notNull(),
    learningStrategy: text('learning_strategy', { enum: learningStrategies }),
    wentWell: text('went_well'),
    nextStep: text('next_step'),
    wantsTalk: integer('wants_talk', { mode: 'boolean' }).notNull().default(false),
    channel: text('channel', { enum: channels }).notNull(),
    submittedAt: instant('submitted_at').notNull(),
    /**
     * When the student first ticked "Ik wil graag met mijn mentor praten" this week; a correction
     * later that week keeps it, so a conversation held in between still answers the request.
     */
    talkRequestedAt: instant('talk_requested_at'),
  },
  (t) => [
    uniqueIndex('reflections_student_week').on(t.studentId, t.isoWeek),
    // A student's latest talk request, wherever it lies in their history (the gespreksverzoek rule).
    index('reflections_talk').on(t.studentId, t.isoWeek).where(sql`${t.wantsTalk} = 1`),
    index('reflections_week').on(t.isoWeek, t.studentId),
    check('reflections_iso_week', isIsoWeek(t.isoWeek)),
    between('reflections_welbevinden', t.welbevinden, 1, 5),
    between('reflections_motivatie', t.motivatie, 1, 5),
    between('reflections_grip', t.grip, 1, 5),
    oneOf('reflections_uitdaging', t.uitdaging, challengeAnswers),
    oneOf('reflections_learning_strategy', t.learningStrategy, learningStrategies),
    oneOf('reflections_channel', t.channel, channels),
    check('reflections_went_well_length', sql`length(${t.wentWell}) <= 2000`),
    check('reflections_next_step_length', sql`length(${t.nextStep}) <= 2000`),
    isInstant('reflections_submitted_at', t.submittedAt),
    isInstant('reflections_talk_requested_at', t.talkRequestedAt),
  ],
);

export const reflectionGoalProgress = sqliteTable(
  'reflection_goal_progress',
  {
    reflectionId: integer('reflection_id')
      .notNull()
      .references(() => reflections.id, { onDelete: 'cascade' }),
    goalId: integer('goal_id')
      .notNull()
      .references(() => goals.id, { onDelete: 'cascade' }),
    progress: text('progress', { enum: goalProgress }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reflectionId, t.goalId] }),
    index('reflection_goal_progress_goal').on(t.goalId),
    oneOf('reflection_goal_progress_progress', t.progress, goalProgress),
  ],
);

/**
 * An *aandachtspunt*. `evidence` holds the facts behind it (numbers, weeks), rendered into plain
 * words in the reader's language. At most one signal of a kind is unresolved per student.
 */
export const signals = sqliteTable(
  'signals',
  {
    id: integer('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: signalKinds }).notNull(),
    severity: text('severity', { enum: signalSeverities }).notNull(),
    evidence: text('evidence', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    firstSeenAt: instant('first_seen_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    status: text('status', { enum: signalStatuses }).notNull().default('open'),
    acknowledgedById: integer('acknowledged_by_id').references(() => staff.id, { onDelete: 'set null' }),
    acknowledgedAt: instant('acknowledged_at'),
    /** A care coordinator this signal was escalated to; only then may they read reflection texts. */
    escalatedToId: integer('escalated_to_id').references(() => staff.id, { onDelete: 'set null' }),
    escalatedAt: instant('escalated_at'),
    resolvedAt: instant('resolved_at'),
    /** Who resolved it by hand; NULL when it resolved by itself because its condition cleared. */
    resolvedById: integer('resolved_by_id').references(() => staff.id, { onDelete: 'set null' }),
    /**
     * Why it was resolved: `{ by: 'rule', phrase }` (the condition cleared, in words) or
     * `{ by: 'staff', note }` (the reason the staff member gave).
     */
    resolution: text('resolution', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('signals_one_unresolved').on(t.studentId, t.kind).where(sql`${t.status} <> 'opgelost'`),
    index('signals_status_kind').on(t.status, t.kind),
    oneOf('signals_kind', t.kind, signalKinds),
    oneOf('signals_severity', t.severity, signalSeverities),
    oneOf('signals_status', t.status, signalStatuses),
    isInstant('signals_first_seen_at', t.firstSeenAt),
    isInstant('signals_last_seen_at', t.lastSeenAt),
    isInstant('signals_acknowledged_at', t.acknowledgedAt),
    isInstant('signals_resolved_at', t.resolvedAt),
    isInstant('signals_escalated_at', t.escalatedAt),
    index('signals_student').on(t.studentId, t.status),
  ],
);

/**
 * Students whose signals were evaluated against every rule at least once. The daily sweep
 * re-evaluates those only against the rules time changes (a date passing, a silence growing);
 * a student without a row (new, imported, seeded) gets every rule. Data written outside Koers's
 * commands must delete the student's row, so that the next sweep looks at everything again.
 */
export const signalChecks = sqliteTable(
  'signal_checks',
  {
    studentId: integer('student_id')
      .primaryKey()
      .references(() => students.id, { onDelete: 'cascade' }),
    checkedAt: instant('checked_at').notNull(),
  },
  (t) => [isInstant('signal_checks_checked_at', t.checkedAt)],
);

/**
 * The threshold of a signal kind for a whole school (team NULL) or one team, overriding the
 * defaults in code. `params` holds the kind's numbers (weeks, deltas, counts).
 */
export const signalThresholds = sqliteTable(
  'signal_thresholds',
  {
    id: integer('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: signalKinds }).notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    params: text('params', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  },
  (t) => [
    uniqueIndex('signal_thresholds_school').on(t.schoolId, t.kind).where(sql`${t.teamId} is null`),
    uniqueIndex('signal_thresholds_team').on(t.teamId, t.kind).where(sql`${t.teamId} is not null`),
    oneOf('signal_thresholds_kind', t.kind, signalKinds),
  ],
);

/** The indicators a team chose, each with its *schoolambitie*; positions 1–5 keep it to five. */
export const teamIndicators = sqliteTable(
  'team_indicators',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    indicator: text('indicator', { enum: indicators }).notNull(),
    /** A share from 0 to 1 (e.g. 0.8: 80% of students at 4–5). */
    target: real('target').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.position] }),
    uniqueIndex('team_indicators_unique').on(t.teamId, t.indicator),
    between('team_indicators_position', t.position, 1, 5),
    between('team_indicators_target', t.target, 0, 1),
    oneOf('team_indicators_indicator', t.indicator, indicators),
  ],
);

/** A channel that receives summaries for a school, a team or a group. */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey(),
    platform: text('platform', { enum: platforms }).notNull(),
    workspaceId: text('workspace_id').notNull(),
    channelId: text('channel_id').notNull(),
    scope: text('scope', { enum: subscriptionScopes }).notNull(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    /** A cron expression in the school's time zone; default Monday 08:00. */
    schedule: text('schedule').notNull().default('0 8 * * 1'),
    locale: text('locale', { enum: locales }).notNull().default('nl'),
    isStaffChannel: integer('is_staff_channel', { mode: 'boolean' }).notNull().default(false),
    createdById: integer('created_by_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    // One subscription per channel and scope target; NULLs are distinct in SQLite, hence one index a scope.
    uniqueIndex('subscriptions_unique_school')
      .on(t.platform, t.workspaceId, t.channelId, t.schoolId)
      .where(sql`${t.scope} = 'school'`),
    uniqueIndex('subscriptions_unique_team')
      .on(t.platform, t.workspaceId, t.channelId, t.teamId)
      .where(sql`${t.scope} = 'team'`),
    uniqueIndex('subscriptions_unique_group')
      .on(t.platform, t.workspaceId, t.channelId, t.groupId)
      .where(sql`${t.scope} = 'group'`),
    oneOf('subscriptions_platform', t.platform, platforms),
    oneOf('subscriptions_scope', t.scope, subscriptionScopes),
    oneOf('subscriptions_locale', t.locale, locales),
    check(
      'subscriptions_scope_target',
      sql`(${t.scope} = 'school' and ${t.teamId} is null and ${t.groupId} is null)
        or (${t.scope} = 'team' and ${t.teamId} is not null and ${t.groupId} is null)
        or (${t.scope} = 'group' and ${t.groupId} is not null)`,
    ),
    isInstant('subscriptions_created_at', t.createdAt),
  ],
);

/** A platform account linked to a Koers person. */
export const platformIdentities = sqliteTable(
  'platform_identities',
  {
    id: integer('id').primaryKey(),
    platform: text('platform', { enum: platforms }).notNull(),
    /** Slack team id, Teams tenant id, or `local`. */
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    personKind: text('person_kind', { enum: personKinds }).notNull(),
    staffId: integer('staff_id').references(() => staff.id, { onDelete: 'cascade' }),
    studentId: integer('student_id').references(() => students.id, { onDelete: 'cascade' }),
    /**
     * The platform account's email when it was linked (by email, or by an administrator with
     * `koers link`): an account whose email changed since is checked again. NULL: not known.
     */
    platformEmail: text('platform_email'),
    /** `koers link` by an administrator; otherwise linked by the account's email. */
    linkedByAdmin: integer('linked_by_admin', { mode: 'boolean' }).notNull().default(false),
    linkedAt: instant('linked_at').notNull(),
  },
  (t) => [
    uniqueIndex('platform_identities_user').on(t.platform, t.workspaceId, t.userId),
    index('platform_identities_staff').on(t.staffId),
    index('platform_identities_student').on(t.studentId),
    oneOf('platform_identities_platform', t.platform, platforms),
    oneOf('platform_identities_person_kind', t.personKind, personKinds),
    check(
      'platform_identities_one_person',
      sql`(${t.personKind} = 'staff' and ${t.staffId} is not null and ${t.studentId} is null)
        or (${t.personKind} = 'student' and ${t.studentId} is not null and ${t.staffId} is null)`,
    ),
    isInstant('platform_identities_linked_at', t.linkedAt),
  ],
);

/**
 * Where Koers may speak in Teams without being spoken to first: the conversation reference Teams
 * gives when the app is installed for a person, a team or a group chat. Proactive messages
 * (prompts, reminders, summaries) need it; uninstalling removes it. Kept apart from people
 * because an installation can come before the roster names the person.
 */
export const teamsConversations = sqliteTable(
  'teams_conversations',
  {
    id: integer('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    scope: text('scope', { enum: teamsScopes }).notNull(),
    /** A personal chat's user (Entra object id): how a message to a person finds its chat. */
    userId: text('user_id'),
    /** A team's id: how a message to a team's channel finds it. */
    teamId: text('team_id'),
    reference: text('reference', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    installedAt: instant('installed_at').notNull(),
  },
  (t) => [
    uniqueIndex('teams_conversations_conversation').on(t.tenantId, t.conversationId),
    // One personal chat per user: a reinstall's new chat replaces the old one.
    uniqueIndex('teams_conversations_personal').on(t.tenantId, t.userId).where(sql`${t.scope} = 'personal'`),
    index('teams_conversations_team').on(t.tenantId, t.teamId),
    oneOf('teams_conversations_scope', t.scope, teamsScopes),
    check('teams_conversations_personal_user', sql`(${t.scope} = 'personal') = (${t.userId} is not null)`),
    isInstant('teams_conversations_installed_at', t.installedAt),
  ],
);

/** Every message Koers will send. The idempotency key makes queuing the same message twice a no-op. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    platform: text('platform', { enum: platforms }).notNull(),
    workspaceId: text('workspace_id').notNull(),
    /** A channel id, or a user id for a direct message. */
    recipient: text('recipient').notNull(),
    /** The student a message is about or to, so that erasing the student erases it too. */
    studentId: integer('student_id').references(() => students.id, { onDelete: 'cascade' }),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    notBefore: instant('not_before').notNull(),
    attempts: integer('attempts').notNull().default(0),
    status: text('status', { enum: outboxStatuses }).notNull().default('queued'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    index('outbox_due').on(t.status, t.platform, t.workspaceId, t.notBefore),
    index('outbox_student').on(t.studentId),
    oneOf('outbox_platform', t.platform, platforms),
    oneOf('outbox_status', t.status, outboxStatuses),
    check('outbox_attempts', sql`${t.attempts} >= 0`),
    isInstant('outbox_not_before', t.notBefore),
    isInstant('outbox_created_at', t.createdAt),
    isInstant('outbox_sent_at', t.sentAt),
  ],
);

/**
 * Who read or changed what about which student, when, through which channel. Never holds
 * reflection texts. Rows outlive the people they name: links are set to NULL on erasure.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: instant('at').notNull(),
    actorKind: text('actor_kind', { enum: auditActorKinds }).notNull(),
    actorStaffId: integer('actor_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    actorStudentId: integer('actor_student_id').references(() => students.id, { onDelete: 'set null' }),
    studentId: integer('student_id').references(() => students.id, { onDelete: 'set null' }),
    action: text('action', { enum: auditActions }).notNull(),
    /** What was read or changed: a command name or data operation, e.g. `leerling`, `db seed`. */
    subject: text('subject').notNull(),
    channel: text('channel', { enum: channels }).notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_student_at').on(t.studentId, t.at),
    index('audit_log_at').on(t.at),
    oneOf('audit_log_actor_kind', t.actorKind, auditActorKinds),
    oneOf('audit_log_action', t.action, auditActions),
    oneOf('audit_log_channel', t.channel, channels),
    isInstant('audit_log_at_instant', t.at),
  ],
);

/**
 * The local playground's inbox: what the outbox delivered in local mode, to a person's direct
 * messages or into a channel, as the Reply composed when it was sent (a chat platform keeps its
 * message history the same way). Only Koers's own messages: what a person types and the answers
 * they get stay in the running process, as Slack keeps ephemeral answers nowhere.
 */
export const localMessages = sqliteTable(
  'local_messages',
  {
    id: integer('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    /** A person's user id (their email in the demo) or a channel id, as the outbox addressed it. */
    recipient: text('recipient').notNull(),
    toChannel: integer('to_channel', { mode: 'boolean' }).notNull(),
    /** The student the message is to or about: erasing the student erases it. */
    studentId: integer('student_id').references(() => students.id, { onDelete: 'cascade' }),
    reply: text('reply', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The playground's moment of delivery (its clock may run ahead of the real one). */
    deliveredAt: instant('delivered_at').notNull(),
  },
  (t) => [
    index('local_messages_recipient').on(t.workspaceId, t.toChannel, t.recipient, t.id),
    index('local_messages_student').on(t.studentId),
    isInstant('local_messages_delivered_at', t.deliveredAt),
  ],
);

/**
 * The playground's clock in local mode: how far it runs ahead of the real one. One row at most;
 * kept in the store so a restart does not take the demo back to a week it has already lived.
 */
export const localClock = sqliteTable(
  'local_clock',
  {
    id: integer('id').primaryKey(),
    offsetMs: integer('offset_ms').notNull(),
  },
  (t) => [
    check('local_clock_one_row', sql`${t.id} = 1`),
    check('local_clock_ahead', sql`${t.offsetMs} >= 0`),
  ],
);

/**
 * Slack requests already taken (`src/platforms/slack/retry-guard.ts`): a retry Slack sends may
 * reach another Koers process than its first try, so the processes sharing a database remember
 * them here. Only the key — an event's id or a hash of the body — and when it was first seen;
 * nothing of what was asked. Rows older than the retry window are of no use and are pruned.
 */
export const slackRequests = sqliteTable(
  'slack_requests',
  {
    key: text('key').primaryKey(),
    seenAt: instant('seen_at').notNull(),
  },
  (t) => [isInstant('slack_requests_seen_at', t.seenAt)],
);

/**
 * Which drainer sends a workspace's messages now (`src/outbox/drain.ts`): one at a time per lane
 * (`platform/workspace`), so that the rate its sender learned is all the workspace is sent. A
 * lease: `holder` (one drain run) has the lane until `expires_at`, renews it while it sends and
 * deletes it when done; a lease its holder stopped renewing (a killed process) is taken over.
 */
export const outboxLanes = sqliteTable(
  'outbox_lanes',
  {
    lane: text('lane').primaryKey(),
    holder: text('holder').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [isInstant('outbox_lanes_expires_at', t.expiresAt)],
);
