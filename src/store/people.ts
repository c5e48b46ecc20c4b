/** Finding the person behind an email address or a platform account. */
import { and, eq } from 'drizzle-orm';
import { platformIdentities, staff, staffRoles, students } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import type { Platform } from '../domain/enums.ts';
import { displayName } from '../domain/person-name.ts';
import type { Store } from './database.ts';

function staffActor(store: Store, staffId: number): Actor | undefined {
  const person = store.select().from(staff).where(eq(staff.id, staffId)).get();
  if (!person) return undefined;
  const roles = store
    .select({ role: staffRoles.role })
    .from(staffRoles)
    .where(eq(staffRoles.staffId, staffId))
    .all()
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

function studentActor(store: Store, studentId: number): Actor | undefined {
  const person = store.select().from(students).where(eq(students.id, studentId)).get();
  if (!person) return undefined;
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
  const wanted = email.trim().toLowerCase();
  const member = store.select({ id: staff.id }).from(staff).where(eq(staff.email, wanted)).get();
  if (member) return staffActor(store, member.id);
  const student = store.select({ id: students.id }).from(students).where(eq(students.email, wanted)).get();
  return student ? studentActor(store, student.id) : undefined;
}

export function findPersonByPlatformUser(
  store: Store,
  platform: Platform,
  workspaceId: string,
  userId: string,
): Actor | undefined {
  const identity = store
    .select()
    .from(platformIdentities)
    .where(
      and(
        eq(platformIdentities.platform, platform),
        eq(platformIdentities.workspaceId, workspaceId),
        eq(platformIdentities.userId, userId),
      ),
    )
    .get();
  if (!identity) return undefined;
  return identity.staffId !== null
    ? staffActor(store, identity.staffId)
    : identity.studentId !== null
      ? studentActor(store, identity.studentId)
      : undefined;
}

/** The student a platform mention points at, if that account is a linked student. */
export function studentIdOfPlatformUser(
  store: Store,
  platform: Platform,
  workspaceId: string,
  userId: string,
): number | undefined {
  return (
    store
      .select({ studentId: platformIdentities.studentId })
      .from(platformIdentities)
      .where(
        and(
          eq(platformIdentities.platform, platform),
          eq(platformIdentities.workspaceId, workspaceId),
          eq(platformIdentities.userId, userId),
        ),
      )
      .get()?.studentId ?? undefined
  );
}
