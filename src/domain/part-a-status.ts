/**
 * Where a subject of diploma part A stands. A grade of a subject still being taken is a current
 * result, not a final one: the status says which, so a 5,2 in the middle of the year does not
 * read as a failed subject.
 */
import type { enrolmentStatuses, partAStatuses } from './enums.ts';

export type PartAStatus = (typeof partAStatuses)[number];

export function partAStatus(enrolment: {
  status: (typeof enrolmentStatuses)[number];
  resultGrade: number | null;
  resultWord: string | null;
}): PartAStatus {
  if (enrolment.status === 'afgerond') return 'behaald';
  if (enrolment.status === 'gestopt') return 'gestopt';
  // Being taken but without any result yet: it has not really begun.
  return enrolment.resultGrade === null && enrolment.resultWord === null ? 'gepland' : 'loopt';
}
