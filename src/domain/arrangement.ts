/**
 * An arrangement's life cycle (PRODUCT.md section 3): *voorgesteld* → *toegewezen* → *lopend* →
 * *afgerond*, and what an evaluation may decide on the way. The one place that says which
 * statuses are current or running, which step may follow which, when an evaluation is overdue,
 * and what closing does; the commands, the store's SQL, the views, the signal rule and the seed
 * all ask here.
 */
import { addWeeks } from './calendar-math.ts';
import { type arrangementStatuses, type evaluationDecisions, supportLevels } from './enums.ts';

export type ArrangementStatus = (typeof arrangementStatuses)[number];
export type EvaluationDecision = (typeof evaluationDecisions)[number];

export const PROPOSED = 'voorgesteld' as const satisfies ArrangementStatus;
export const ASSIGNED = 'toegewezen' as const satisfies ArrangementStatus;
export const RUNNING = 'lopend' as const satisfies ArrangementStatus;
/** Closed: it stays in the pathway's history, and off the card, the lists and the counts. */
export const CLOSED = 'afgerond' as const satisfies ArrangementStatus;

/**
 * Current: not closed. A proposed or assigned arrangement is current (on the card, in a care
 * coordinator's scope) though it has not started yet.
 */
export const currentArrangementStatuses = [
  PROPOSED,
  ASSIGNED,
  RUNNING,
] as const satisfies readonly ArrangementStatus[];

export function isCurrent(status: ArrangementStatus): boolean {
  return status !== CLOSED;
}

/** Running: started and not closed; only a running arrangement is evaluated, or overdue. */
export function isRunning(status: ArrangementStatus): boolean {
  return status === RUNNING;
}

/**
 * Whether a running arrangement is past its evaluation date with no evaluation: the day itself is
 * not yet past. An evaluation dated on or after the planned date counts, so a date that was not
 * moved on does not keep it overdue; who knows the date was moved on when evaluating (the card)
 * may leave the dates out.
 */
export function isOverdue(
  arrangement: { status: ArrangementStatus; nextEvaluationDate: string | null },
  today: string,
  evaluationDates: readonly string[] = [],
): boolean {
  const due = arrangement.nextEvaluationDate;
  if (!isRunning(arrangement.status) || due === null || due >= today) return false;
  return !evaluationDates.some((date) => date >= due);
}

/** The steps of the life cycle, by the action that takes them: from which statuses, to which. */
export const arrangementSteps = {
  propose: { from: [], to: PROPOSED },
  assign: { from: [PROPOSED], to: ASSIGNED },
  start: { from: [PROPOSED, ASSIGNED], to: RUNNING },
  /** An evaluation keeps it running, or closes it (`afsluiten`). */
  evaluate: { from: [RUNNING], to: RUNNING },
  close: { from: [PROPOSED, ASSIGNED, RUNNING], to: CLOSED },
} as const satisfies Record<string, { from: readonly ArrangementStatus[]; to: ArrangementStatus }>;

export type ArrangementStep = keyof typeof arrangementSteps;

export function mayStep(step: ArrangementStep, from: ArrangementStatus): boolean {
  return (arrangementSteps[step].from as readonly ArrangementStatus[]).includes(from);
}

/** What closing writes: no evaluation is due any more, and the day it closed. */
export function closingChanges(date: string) {
  return { status: CLOSED, nextEvaluationDate: null, closedOn: date };
}

/** The decision that ends it; the others keep it running to the next evaluation. */
export function decisionCloses(decision: EvaluationDecision): boolean {
  return decision === 'afsluiten';
}

/** Only an adjustment (`aanpassen`) moves it to another support level. */
export function decisionMayChangeLevel(decision: EvaluationDecision): boolean {
  return decision === 'aanpassen';
}

/** A planned end can be set by a decision that keeps it running, not by one that closes it. */
export function decisionMaySetEnd(decision: EvaluationDecision): boolean {
  return !decisionCloses(decision);
}

/** Weeks between evaluations unless the proposal says otherwise; at most a school year. */
export const DEFAULT_EVALUATION_INTERVAL_WEEKS = 6;
export const EVALUATION_INTERVAL_WEEKS = { min: 1, max: 52 } as const;

/** The step of the support pyramid, 1 (in the class) to 4 (full-time outside the school). */
export const SUPPORT_LEVEL = { min: Math.min(...supportLevels), max: Math.max(...supportLevels) } as const;

/** The evaluation after one on (or a start on) `date`. */
export function nextEvaluationAfter(date: string, intervalWeeks: number): string {
  return addWeeks(date, intervalWeeks);
}
