/**
 * Who can be acted as in the local playground: every person linked to the local platform of a
 * workspace, with what the person picker shows (name, roles or group). Nobody else: the playground
 * never lets anyone act as a person the school did not link to it, nor as one who left the school.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { StaffRole } from '../domain/enums.ts';
import { displayName } from '../domain/person-name.ts';
import type { Store } from './store.ts';

export type LocalPerson =
  | { kind: 'staff'; userId: string; name: string; roles: StaffRole[] }
  | { kind: 'student'; userId: string; name: string; group: string | null };

/** Everyone linked to the playground of a workspace, or with `only` the one person with that user id. */
export async function localPeople(store: Store, workspaceId: string, only?: string): Promise<LocalPerson[]> {
  const { groups, platformIdentities, staff, staffRoles, students } = store.t;
  const linked = and(
    eq(platformIdentities.platform, 'local'),
    eq(platformIdentities.workspaceId, workspaceId),
    only === undefined ? undefined : eq(platformIdentities.userId, only),
  );
  const members = await store.db
    .select({ userId: platformIdentities.userId, staffId: staff.id, name: staff.name })
    .from(platformIdentities)
    .innerJoin(staff, eq(staff.id, platformIdentities.staffId))
    .where(and(linked, isNull(staff.leftOn)))
    .orderBy(asc(staff.name));
  const roles = new Map<number, StaffRole[]>();
  const ids = members.map((m) => m.staffId);
  const roleRows =
    ids.length === 0
      ? []
      : await store.db
          .select({ staffId: staffRoles.staffId, role: staffRoles.role })
          .from(staffRoles)
          .where(inArray(staffRoles.staffId, ids));
  for (const row of roleRows) {
    const known = roles.get(row.staffId) ?? [];
    if (!known.includes(row.role)) known.push(row.role);
    roles.set(row.staffId, known);
  }
  const pupils = await store.db
    .select({
      userId: platformIdentities.userId,
      firstName: students.firstName,
      preferredName: students.preferredName,
      lastNamePrefix: students.lastNamePrefix,
      lastName: students.lastName,
      group: groups.name,
    })
    .from(platformIdentities)
    .innerJoin(students, eq(students.id, platformIdentities.studentId))
    .leftJoin(groups, eq(groups.id, students.groupId))
    .where(and(linked, isNull(students.leftOn)))
    .orderBy(asc(groups.name), asc(students.lastName), asc(students.firstName));
  return [
    ...members.map(
      (m): LocalPerson => ({
        kind: 'staff',
        userId: m.userId,
        name: m.name,
        roles: roles.get(m.staffId) ?? [],
      }),
    ),
    ...pupils.map(
      (p): LocalPerson => ({ kind: 'student', userId: p.userId, name: displayName(p), group: p.group }),
    ),
  ];
}
