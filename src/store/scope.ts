/**
 * The students someone may look up, each with the relationships that give access
 * (src/domain/access.ts). A student outside this list does not exist for that person: lookups
 * search only here, so a refusal and "no such student" are the same answer. A student who left
 * the school (`left_on`, set by a roster import) is in nobody's list.
 */
import type { students } from '../../db/schema.ts';
import { careSeverities, heldByRoles, type Relationship, relationships } from '../domain/access.ts';
import { type Actor, audiencesOf } from '../domain/actor.ts';
import { currentArrangementStatuses } from '../domain/arrangement.ts';
import { RESOLVED } from '../domain/signals/lifecycle.ts';
import type { Store } from './store.ts';

export type ScopedStudent = Pick<
  typeof students.$inferSelect,
  'id' | 'firstName' | 'preferredName' | 'lastNamePrefix' | 'lastName' | 'email'
> & { groupName: string | null; relationships: Relationship[] };

type Row = Omit<ScopedStudent, 'relationships'> & { relationship: Relationship };

const columns = `s.id as id, s.first_name as "firstName", s.preferred_name as "preferredName",
  s.last_name_prefix as "lastNamePrefix", s.last_name as "lastName", s.email as email, g.name as "groupName"`;

/** A closed list of the domain's codes as SQL literals: codes of our own, never user input. */
const sqlList = (codes: readonly string[]) => codes.map((code) => `'${code}'`).join(', ');

/** Each branch walks an index from the person to the students, so a mentor's lookup stays small at any school size. */
const branches = {
  mentor: `select ${columns}, 'mentor' as relationship from students s left join groups g on g.id = s.group_id
      where s.mentor_id = :staffId and s.left_on is null
    union all
    select ${columns}, 'mentor' from group_mentors gm
      join students s on s.group_id = gm.group_id join groups g on g.id = s.group_id
      where gm.staff_id = :staffId and s.left_on is null`,
  teaches: `select ${columns}, 'teaches' from group_teachers gt
      join students s on s.group_id = gt.group_id join groups g on g.id = s.group_id
      where gt.staff_id = :staffId and s.left_on is null`,
  team: `select ${columns}, 'team' from staff_roles r
      join groups g on g.team_id = r.team_id join students s on s.group_id = g.id
      where r.staff_id = :staffId and r.role = 'teamleider' and s.left_on is null`,
  care: `select ${columns}, 'care' from students s left join groups g on g.id = s.group_id
      where s.school_id = :schoolId and s.left_on is null and s.id in (
        select student_id from arrangements where status in (${sqlList(currentArrangementStatuses)})
        union select student_id from signals where status <> '${RESOLVED}' and severity in (${sqlList(careSeverities)}))
    union all
    select ${columns}, 'careEscalated' from signals x
      join students s on s.id = x.student_id left join groups g on g.id = s.group_id
      where x.escalated_to_id = :staffId and x.status <> '${RESOLVED}' and s.school_id = :schoolId
        and s.left_on is null`,
  self: `select ${columns}, 'self' as relationship from students s left join groups g on g.id = s.group_id
      where s.id = :studentId and s.left_on is null`,
};

async function scopeRows(store: Store, actor: Actor): Promise<Row[]> {
  if (actor.kind === 'student')
    return (await store.raw.all(branches.self, { studentId: actor.studentId })) as Row[];
  const parts: (keyof typeof branches)[] = ['mentor', 'teaches'];
  if (actor.roles.includes('teamleider')) parts.push('team');
  if (actor.roles.includes('zorgcoordinator')) parts.push('care');
  const needsSchool = parts.includes('care');
  return (await store.raw.all(parts.map((part) => branches[part]).join(' union all '), {
    staffId: actor.staffId,
    ...(needsSchool ? { schoolId: actor.schoolId } : {}),
  })) as Row[];
}

/** Dutch alphabetical order; one collator, because creating one per comparison is slow. */
const byName = new Intl.Collator('nl');

export async function studentsInScope(store: Store, actor: Actor): Promise<ScopedStudent[]> {
  // A link in the data that none of the person's roles stands for grants nothing (access.ts).
  const granted = new Set(heldByRoles(audiencesOf(actor), relationships));
  const byId = new Map<number, ScopedStudent>();
  // Built field by field: a caseload of hundreds is read on every lookup, and copying each row
  // through rest and spread made this function the request's largest allocation.
  for (const row of await scopeRows(store, actor)) {
    const { relationship } = row;
    if (!granted.has(relationship)) continue;
    const known = byId.get(row.id);
    if (known) {
      if (!known.relationships.includes(relationship)) known.relationships.push(relationship);
    } else
      byId.set(row.id, {
        id: row.id,
        firstName: row.firstName,
        preferredName: row.preferredName,
        lastNamePrefix: row.lastNamePrefix,
        lastName: row.lastName,
        email: row.email,
        groupName: row.groupName,
        relationships: [relationship],
      });
  }
  return [...byId.values()].sort(
    (a, b) =>
      byName.compare(a.lastName, b.lastName) || byName.compare(a.firstName, b.firstName) || a.id - b.id,
  );
}
