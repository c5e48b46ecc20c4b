/**
 * What the rules read about one student: plain data the store loads, nothing the rules fetch.
 *
 * Dates are ISO calendar dates in the school's time zone (`YYYY-MM-DD`), weeks ISO weeks
 * (`YYYY-Www`). A reflection here carries its answers but no free text: the rules cannot put
 * what a student wrote into evidence because they never see it.
 */
import type {
  arrangementStatuses,
  challengeAnswers,
  conversationKinds,
  enrolmentStatuses,
  Onderwijssoort,
  resultWords,
  Subject,
} from '../enums.ts';
import type { GoalStatus } from '../goal.ts';
import type { Holiday } from '../prompt-calendar.ts';

export type ReflectionFacts = {
  isoWeek: string;
  /**
   * The day it was submitted, or for a talk request the day it was first asked (a correction later
   * that week keeps that day): a talk request is answered by a conversation on or after it.
   */
  submittedOn: string;
  welbevinden: number;
  motivatie: number;
  grip: number;
  uitdaging: (typeof challengeAnswers)[number];
  wantsTalk: boolean;
};

export type GoalFacts = { id: number; status: GoalStatus; targetDate: string | null };

export type ArrangementFacts = {
  id: number;
  status: (typeof arrangementStatuses)[number];
  nextEvaluationDate: string | null;
  /** The dates of its evaluations, in any order. */
  evaluationDates: readonly string[];
};

export type EnrolmentFacts = {
  subject: Subject;
  level: Onderwijssoort;
  resultGrade: number | null;
  resultWord: (typeof resultWords)[number] | null;
  status: (typeof enrolmentStatuses)[number];
};

export type ConversationFacts = { kind: (typeof conversationKinds)[number]; date: string };

export type StudentFacts = {
  /** The student's own level; an enrolment above it is a subject taken at a higher level. */
  onderwijssoort: Onderwijssoort;
  /** The first day Koers knew this student: silence is counted from here when nothing was logged. */
  knownSince: string;
  /**
   * Oldest first. All of them, or at least the last `reflectionsNeeded(thresholds)` plus the
   * latest one with `wantsTalk` (see rules.ts).
   */
  reflections: readonly ReflectionFacts[];
  goals: readonly GoalFacts[];
  arrangements: readonly ArrangementFacts[];
  enrolments: readonly EnrolmentFacts[];
  conversations: readonly ConversationFacts[];
};

/** A week whose prompt reached the student; it counts as missed once the week is over. */
export type DeliveredPrompt = { isoWeek: string };

/**
 * The student's calendar. `prompts` lists only weeks whose prompt actually reached the student:
 * a holiday, a pause, a missing platform account or an outbox row that went `dead` leaves the
 * week out, so it can never count as missed.
 */
export type SignalCalendar = {
  prompts: readonly DeliveredPrompt[];
  /** The school's *vakantierooster*: holidays are not school time for "geen gesprek". */
  holidays: readonly Holiday[];
};
