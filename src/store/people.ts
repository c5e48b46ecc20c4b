/** Finding the person behind an email address or a platform account. */
import { and, eq, isNull } from 'drizzle-orm';
import type { staff, students } from '../../db/schema.ts';
import type { Actor, SchoolSetting } from '../domain/actor.ts';
import type { Platform, StaffRole } from '../domain/enums.ts';
import { displayName } from '../domain/person-name.ts';
import { type Placeholders, prepared } from './prepared.ts';
import type { Store } from './store.ts';

/** The school's setting, selected with the person (the `schools` join of the queries below). */
const settingColumns = (schools: Store['t']['schools']) => ({
  timeZone: schools.timeZone,
  defaultLocale: schools.defaultLocale,
});

/** By id (a platform link) or by address (an email): both columns are unique. */
type Key = 'id' | 'email';
type KeyValue = { value: number | string };

/**
 * The staff member with this id or address, with their roles and their school's setting, in one
 * query (a row per role), prepared (`prepared.ts`): it runs on every request, and on PostgreSQL
 * each query is a round trip.
 * A person who left the school (`left_on`, set by a roster import) is no longer anyone Koers knows.
 */
const staffQuery = (column: Key) =>
  prepared((db, { staff, staffRoles, schools }, p: Placeholders<KeyValue>) =>
    db
      .select({ person: staff, role: staffRoles.role, school: settingColumns(schools) })
      .from(staff)
      .innerJoin(schools, eq(schools.id, staff.schoolId))
      .leftJoin(staffRoles, eq(staffRoles.staffId, staff.id))
      .where(and(eq(staff[column], p.value), isNull(staff.leftOn)))
      .prepare(),
  );
const staffQueries = { id: staffQuery('id'), email: staffQuery('email') };

async function staffBy(store: Store, column: Key, value: number | string): Promise<Actor | undefined> {
  const rows = await staffQueries[column](store, { value });
  const [first] = rows;
  return (
    first &&
    staffActor(
      first.person,
      rows.flatMap((r) => (r.role === null ? [] : [r.role])),
      first.school,
    )
  );
}

const studentQuery = (column: Key) =>
  prepared((db, { students, schools }, p: Placeholders<KeyValue>) =>
    db
      .select({ person: students, school: settingColumns(schools) })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(and(eq(students[column], p.value), isNull(students.leftOn)))
      .limit(1)
      .prepare(),
  );
const studentQueries = { id: studentQuery('id'), email: studentQuery('email') };

async function studentBy(store: Store, column: Key, value: number | string) {
  const [found] = await studentQueries[column](store, { value });
  return found;
}

function staffActor(person: typeof staff.$inferSelect, roles: StaffRole[], school: SchoolSetting): Actor {
  return {
    kind: 'staff',
    staffId: person.id,
    schoolId: person.schoolId,
    name: person.name,
    email: person.email,
    roles: [...new Set(roles)],
    locale: person.locale,
    school,
  };
}

function studentActor({
  person,
  school,
}: {
  person: typeof students.$inferSelect;
  school: SchoolSetting;
}): Actor {
  return {
    kind: 'student',
    studentId: person.id,
    schoolId: person.schoolId,
    name: displayName(person),
    email: person.email,
    locale: person.locale,
    school,
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

const identityQuery = prepared(
  (
    db,
    { platformIdentities },
    p: Placeholders<{ platform: Platform; workspaceId: string; userId: string }>,
  ) =>
    db
      .select()
      .from(platformIdentities)
      .where(
        and(
          eq(platformIdentities.platform, p.platform),
          eq(platformIdentities.workspaceId, p.workspaceId),
          eq(platformIdentities.userId, p.userId),
        ),
      )
      .prepare(),
);

/** The linked identity of a platform account, if any: one indexed lookup. */
async function identityOf(store: Store, platform: Platform, workspaceId: string, userId: string) {
  const [found] = await identityQuery(store, { platform, workspaceId, userId });
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
