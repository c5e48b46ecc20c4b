/** Finding the person behind an email address or a platform account. */
import { and, eq, isNull } from 'drizzle-orm';
import type { staff, students } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import type { Platform, StaffRole } from '../domain/enums.ts';
import { displayName } from '../domain/person-name.ts';
import type { Store } from './store.ts';

/**
 * The staff member with this id or address, with their roles, in one query (a row per role): it
 * runs on every request, and on PostgreSQL each query is a round trip. Both columns are unique.
 * A person who left the school (`left_on`, set by a roster import) is no longer anyone Koers knows.
 */
async function staffBy(
  store: Store,
  column: 'id' | 'email',
  value: number | string,
): Promise<Actor | undefined> {
  const { staff, staffRoles } = store.t;
  const rows = await store.db
    .select({ person: staff, role: staffRoles.role })
    .from(staff)
    .leftJoin(staffRoles, eq(staffRoles.staffId, staff.id))
    .where(and(eq(staff[column], value), isNull(staff.leftOn)));
  const [first] = rows;
  return (
    first &&
    staffActor(
      first.person,
      rows.flatMap((r) => (r.role === null ? [] : [r.role])),
    )
  );
}

async function studentBy(
  store: Store,
  column: 'id' | 'email',
  value: number | string,
): Promise<typeof students.$inferSelect | undefined> {
  const { students } = store.t;
  const [found] = await store.db
    .select()
    .from(students)
    .where(and(eq(students[column], value), isNull(students.leftOn)))
    .limit(1);
  return found;
}

function staffActor(person: typeof staff.$inferSelect, roles: StaffRole[]): Actor {
  return {
    kind: 'staff',
    staffId: person.id,
    schoolId: person.schoolId,
    name: person.name,
    email: person.email,
    roles: [...new Set(roles)],
    locale: person.locale,
  };
}

function studentActor(person: typeof students.$inferSelect): Actor {
  return {
    kind: 'student',
    studentId: person.id,
    schoolId: person.schoolId,
    name: displayName(person),
    email: person.email,
    locale: person.locale,
  };
}

/** Emails are stored lower-case; what people type is not. */
export async function findPersonByEmail(store: Store, email: string): Promise<Actor | undefined> {
  const value = email.trim().toLowerCase();
  const member = await staffBy(store, 'email', value);
  if (member) return member;
  const student = await studentBy(store, 'email', value);
  return student ? studentActor(student) : undefined;
}

/** The linked identity of a platform account, if any: one indexed lookup. */
async function identityOf(store: Store, platform: Platform, workspaceId: string, userId: string) {
  const { platformIdentities } = store.t;
  const [found] = await store.db
    .select()
    .from(platformIdentities)
    .where(
      and(
        eq(platformIdentities.platform, platform),
        eq(platformIdentities.workspaceId, workspaceId),
        eq(platformIdentities.userId, userId),
      ),
    );
  return found;
}

export async function findPersonByPlatformUser(
  store: Store,
  platform: Platform,
  workspaceId: string,
  userId: string,
): Promise<Actor | undefined> {
  const identity = await identityOf(store, platform, workspaceId, userId);
  if (!identity) return undefined;
  if (identity.staffId !== null) {
    return staffBy(store, 'id', identity.staffId);
  }
  const student = identity.studentId === null ? undefined : await studentBy(store, 'id', identity.studentId);
  return student ? studentActor(student) : undefined;
}

/** The student a platform mention points at, if that account is a linked student. */
export async function studentIdOfPlatformUser(
  store: Store,
  platform: Platform,
  workspaceId: string,
  userId: string,
): Promise<number | undefined> {
  const studentId = (await identityOf(store, platform, workspaceId, userId))?.studentId ?? undefined;
  return studentId !== undefined && (await studentBy(store, 'id', studentId)) ? studentId : undefined;
}
