/** Counts per student for a caseload overview: open signals, open goals, current arrangements. */
import { sql } from 'drizzle-orm';
import { currentArrangementStatuses } from '../domain/arrangement.ts';
import { openGoalStatuses } from '../domain/goal.ts';
import { RESOLVED } from '../domain/signals/lifecycle.ts';
import type { Store } from './database.ts';

export type CaseloadCounts = {
  studentId: number;
  signals: number;
  urgent: number;
  goals: number;
  arrangements: number;
};

export function caseloadCounts(store: Store, studentIds: readonly number[]): Map<number, CaseloadCounts> {
  const counts = new Map<number, CaseloadCounts>();
  if (studentIds.length === 0) return counts;
  const ids = sql.join(
    studentIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const list = (codes: readonly string[]) =>
    sql.join(
      codes.map((code) => sql`${code}`),
      sql`, `,
    );
  const rows = store.all<CaseloadCounts>(sql`
    select s.id as studentId,
      (select count(*) from signals x where x.student_id = s.id and x.status <> ${RESOLVED}) as signals,
      (select count(*) from signals x where x.student_id = s.id and x.status <> ${RESOLVED} and x.severity = 'urgent') as urgent,
      (select count(*) from goals g where g.student_id = s.id and g.status in (${list(openGoalStatuses)})) as goals,
      (select count(*) from arrangements a where a.student_id = s.id and a.status in (${list(currentArrangementStatuses)})) as arrangements
    from students s where s.id in (${ids})`);
  for (const row of rows) counts.set(row.studentId, row);
  return counts;
}
