/**
 * Where a subject of diploma part A stands. A grade of a subject still being taken is a current
 * result, not a final one: the status says which, so a 5,2 in the middle of the year does not
 * read as a failed subject.
 */
import type { enrolmentStatuses, partAStatuses } from './enums.ts';

export type PartAStatus = (typeof partAStatuses)[number];
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

/** Being taken; finished (the result is final); stopped before the end. */
export const TAKING = 'bezig' as const satisfies EnrolmentStatus;
export const COMPLETED = 'afgerond' as const satisfies EnrolmentStatus;
export const STOPPED = 'gestopt' as const satisfies EnrolmentStatus;

export function partAStatus(enrolment: {
  status: EnrolmentStatus;
  resultGrade: number | null;
  resultWord: string | null;
}): PartAStatus {
  if (enrolment.status === COMPLETED) return 'behaald';
  if (enrolment.status === STOPPED) return 'gestopt';
  // Being taken but without any result yet: it has not really begun.
  return enrolment.resultGrade === null && enrolment.resultWord === null ? 'gepland' : 'loopt';
}
