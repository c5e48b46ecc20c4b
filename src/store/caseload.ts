/** Counts per student for a caseload overview: open signals, open goals, current arrangements. */
import { currentArrangementStatuses } from '../domain/arrangement.ts';
import { openGoalStatuses } from '../domain/goal.ts';
import { RESOLVED } from '../domain/signals/lifecycle.ts';
import type { Store } from './store.ts';

export type CaseloadCounts = {
  studentId: number;
  signals: number;
  urgent: number;
  goals: number;
  arrangements: number;
};

/** `?, ?, …`: one placeholder per value of a list. */
const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

export async function caseloadCounts(
  store: Store,
  studentIds: readonly number[],
): Promise<Map<number, CaseloadCounts>> {
  const counts = new Map<number, CaseloadCounts>();
  if (studentIds.length === 0) return counts;
  // Hand-written rather than built: counts come back as numbers from both drivers this way.
  const rows = (await store.raw.all(
    `select s.id as "studentId",
      (select count(*) from signals x where x.student_id = s.id and x.status <> ?) as signals,
      (select count(*) from signals x where x.student_id = s.id and x.status <> ? and x.severity = 'urgent') as urgent,
      (select count(*) from goals g where g.student_id = s.id and g.status in (${placeholders(openGoalStatuses)})) as goals,
      (select count(*) from arrangements a where a.student_id = s.id
        and a.status in (${placeholders(currentArrangementStatuses)})) as arrangements
    from students s where s.id in (${placeholders(studentIds)}) order by s.id`,
    [RESOLVED, RESOLVED, ...openGoalStatuses, ...currentArrangementStatuses, ...studentIds],
  )) as CaseloadCounts[];
  for (const row of rows) counts.set(row.studentId, row);
  return counts;
}
