/** Finding the person behind an email address or a platform account. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { platformIdentities, staff, staffRoles, students } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import type { Platform } from '../domain/enums.ts';
import { displayName } from '../domain/person-name.ts';
import type { Store } from './database.ts';
import { prepared } from './prepared.ts';

/** A person who left the school (`left_on`, set by a roster import) is no longer anyone Koers knows. */
const staffBy = (store: Store, column: 'id' | 'email') =>
  prepared(store, `staffBy.${column}`, () =>
    store
      .select()
      .from(staff)
      .where(and(eq(staff[column], sql.placeholder('value')), isNull(staff.leftOn)))
      .prepare(),
  );

const studentBy = (store: Store, column: 'id' | 'email') =>
  prepared(store, `studentBy.${column}`, () =>
    store
      .select()
      .from(students)
      .where(and(eq(students[column], sql.placeholder('value')), isNull(students.leftOn)))
      .prepare(),
  );

const rolesOf = (store: Store) =>
  prepared(store, 'rolesOf', () =>
    store
      .select({ role: staffRoles.role })
      .from(staffRoles)
      .where(eq(staffRoles.staffId, sql.placeholder('staffId')))
      .prepare(),
  );

function staffActor(store: Store, person: typeof staff.$inferSelect): Actor {
  const roles = rolesOf(store)
    .all({ staffId: person.id })
    .map((r) => r.role);
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
export function findPersonByEmail(store: Store, email: string): Actor | undefined {
  const value = email.trim().toLowerCase();
  const member = staffBy(store, 'email').get({ value });
  if (member) return staffActor(store, member);
  const student = studentBy(store, 'email').get({ value });
  return student ? studentActor(student) : undefined;
}

/** The linked identity of a platform account, if any: one indexed lookup, prepared once. */
function identityOf(store: Store, platform: Platform, workspaceId: string, userId: string) {
  return prepared(store, 'identityOf', () =>
    store
      .select()
      .from(platformIdentities)
      .where(
        and(
          eq(platformIdentities.platform, sql.placeholder('platform')),
          eq(platformIdentities.workspaceId, sql.placeholder('workspaceId')),
          eq(platformIdentities.userId, sql.placeholder('userId')),
        ),
      )
      .prepare(),
  ).get({ platform, workspaceId, userId });
}

export function findPersonByPlatformUser(
  store: Store,
  platform: Platform,
  workspaceId: string,
  userId: string,
): Actor | undefined {
  const identity = identityOf(store, platform, workspaceId, userId);
  if (!identity) return undefined;
  if (identity.staffId !== null) {
    const member = staffBy(store, 'id').get({ value: identity.staffId });
    return member ? staffActor(store, member) : undefined;
  }
  const student =
    identity.studentId === null ? undefined : studentBy(store, 'id').get({ value: identity.studentId });
  return student ? studentActor(student) : undefined;
}

/** The student a platform mention points at, if that account is a linked student. */
export function studentIdOfPlatformUser(
  store: Store,
  platform: Platform,
  workspaceId: string,
  userId: string,
): number | undefined {
  const studentId = identityOf(store, platform, workspaceId, userId)?.studentId ?? undefined;
  return studentId !== undefined && studentBy(store, 'id').get({ value: studentId }) ? studentId : undefined;
}
