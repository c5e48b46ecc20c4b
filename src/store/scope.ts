/**
 * The students someone may look up, each with the relationships that give access
 * (src/domain/access.ts). A student outside this list does not exist for that person: lookups
 * search only here, so a refusal and "no such student" are the same answer.
 */
import { sql } from 'drizzle-orm';
import type { students } from '../../db/schema.ts';
import type { Relationship } from '../domain/access.ts';
import type { Actor } from '../domain/actor.ts';
import type { Store } from './database.ts';

export type ScopedStudent = Pick<
  typeof students.$inferSelect,
  'id' | 'firstName' | 'preferredName' | 'lastNamePrefix' | 'lastName' | 'email'
> & { groupName: string | null; relationships: Relationship[] };

type Row = Omit<ScopedStudent, 'relationships'> & { relationship: Relationship };

const columns = sql.raw(`s.id as id, s.first_name as firstName, s.preferred_name as preferredName,
  s.last_name_prefix as lastNamePrefix, s.last_name as lastName, s.email as email, g.name as groupName`);

/** Each branch walks an index from the actor to the students, so a mentor's lookup stays small at any school size. */
function staffScopeQuery(staffId: number, schoolId: number, roles: readonly string[]) {
  const branches = [
    sql`select ${columns}, 'mentor' as relationship from students s left join groups g on g.id = s.group_id
        where s.mentor_id = ${staffId}`,
    sql`select ${columns}, 'mentor' as relationship from group_mentors gm
        join students s on s.group_id = gm.group_id join groups g on g.id = s.group_id where gm.staff_id = ${staffId}`,
    sql`select ${columns}, 'teaches' as relationship from group_teachers gt
        join students s on s.group_id = gt.group_id join groups g on g.id = s.group_id where gt.staff_id = ${staffId}`,
  ];
  if (roles.includes('teamleider'))
    branches.push(sql`select ${columns}, 'team' as relationship from staff_roles r
        join groups g on g.team_id = r.team_id join students s on s.group_id = g.id
        where r.staff_id = ${staffId} and r.role = 'teamleider'`);
  if (roles.includes('zorgcoordinator')) {
    branches.push(sql`select ${columns}, 'care' as relationship from students s left join groups g on g.id = s.group_id
        where s.school_id = ${schoolId} and s.id in (
          select student_id from arrangements where status <> 'afgerond'
          union select student_id from signals where status <> 'opgelost')`);
    branches.push(sql`select ${columns}, 'careEscalated' as relationship from signals x
        join students s on s.id = x.student_id left join groups g on g.id = s.group_id
        where x.escalated_to_id = ${staffId} and x.status <> 'opgelost' and s.school_id = ${schoolId}`);
  }
  return sql.join(branches, sql` union all `);
}

export function studentsInScope(store: Store, actor: Actor): ScopedStudent[] {
  const rows =
    actor.kind === 'student'
      ? store.all<Row>(sql`select ${columns}, 'self' as relationship from students s
          left join groups g on g.id = s.group_id where s.id = ${actor.studentId}`)
      : store.all<Row>(staffScopeQuery(actor.staffId, actor.schoolId, actor.roles));
  const byId = new Map<number, ScopedStudent>();
  for (const { relationship, ...student } of rows) {
    const known = byId.get(student.id);
    if (known) {
      if (!known.relationships.includes(relationship)) known.relationships.push(relationship);
    } else byId.set(student.id, { ...student, relationships: [relationship] });
  }
  return [...byId.values()].sort(
    (a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || a.id - b.id,
  );
}
