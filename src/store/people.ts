/** Finding the person behind an email address or a platform account. */
import { and, eq, isNull, or } from 'drizzle-orm';
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

/** A student by id (a platform mention) or by address (an email): both columns are unique. */
type Key = 'id' | 'email';
type KeyValue = { value: number | string };

/** A person's roles, from the rows of a query that joined them (a row per role, or one with none). */
const rolesOf = (rows: readonly { role: StaffRole | null }[]) =>
  rows.flatMap((r) => (r.role === null ? [] : [r.role]));

/**
 * The staff member with this address, with their roles and their school's setting, in one query
 * (a row per role), prepared (`prepared.ts`): it runs on every request, and on PostgreSQL each
 * query is a round trip.
 * A person who left the school (`left_on`, set by a roster import) is no longer anyone Koers knows.
 */
const staffByEmailQuery = prepared((db, { staff, staffRoles, schools }, p: Placeholders<{ email: string }>) =>
  db
    .select({ person: staff, role: staffRoles.role, school: settingColumns(schools) })
    .from(staff)
    .innerJoin(schools, eq(schools.id, staff.schoolId))
    .leftJoin(staffRoles, eq(staffRoles.staffId, staff.id))
    .where(and(eq(staff.email, p.email), isNull(staff.leftOn)))
    .prepare(),
);

async function staffByEmail(store: Store, email: string): Promise<Actor | undefined> {
  const rows = await staffByEmailQuery(store, { email });
  const [first] = rows;
  return first && staffActor(first.person, rolesOf(rows), first.school);
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
    // In one order, whichever order the rows came in on either dialect.
    roles: [...new Set(roles)].sort(),
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
  const member = await staffByEmail(store, value);
  if (member) return member;
  const student = await studentBy(store, 'email', value);
  return student ? studentActor(student) : undefined;
}

/** A platform account: its platform, workspace and user id (unique together). */
type Account = Placeholders<{ platform: Platform; workspaceId: string; userId: string }>;

const isAccount = (identities: Store['t']['platformIdentities'], p: Account) =>
  and(
    eq(identities.platform, p.platform),
    eq(identities.workspaceId, p.workspaceId),
    eq(identities.userId, p.userId),
  );

const identityQuery = prepared((db, { platformIdentities }, p: Account) =>
  db.select().from(platformIdentities).where(isAccount(platformIdentities, p)).prepare(),
);

/** The linked identity of a platform account, if any: one indexed lookup. */
async function identityOf(store: Store, platform: Platform, workspaceId: string, userId: string) {
  const [found] = await identityQuery(store, { platform, workspaceId, userId });
  return found;
}

/**
 * The person a platform account is linked to, with their roles and their school's setting: one
 * query from the link to the person (a row per role), as for an address. A Slack or Teams request
 * starts with it, so on PostgreSQL the link and the person are one round trip, not two. A link
 * to someone who left the school finds no one (nor does it fall back on the link's other column).
 */
const linkedPersonQuery = prepared(
  (db, { platformIdentities, staff, staffRoles, students, schools }, p: Account) =>
    db
      .select({ staff, role: staffRoles.role, student: students, school: settingColumns(schools) })
      .from(platformIdentities)
      .leftJoin(staff, and(eq(staff.id, platformIdentities.staffId), isNull(staff.leftOn)))
      .leftJoin(staffRoles, eq(staffRoles.staffId, staff.id))
      .leftJoin(students, and(eq(students.id, platformIdentities.studentId), isNull(students.leftOn)))
      .innerJoin(schools, or(eq(schools.id, staff.schoolId), eq(schools.id, students.schoolId)))
      .where(isAccount(platformIdentities, p))
      .prepare(),
);

export async function findPersonByPlatformUser(
  store: Store,
  platform: Platform,
  workspaceId: string,
  userId: string,
): Promise<Actor | undefined> {
  const rows = await linkedPersonQuery(store, { platform, workspaceId, userId });
  const [first] = rows;
  if (first?.staff) return staffActor(first.staff, rolesOf(rows), first.school);
  return first?.student ? studentActor({ person: first.student, school: first.school }) : undefined;
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
