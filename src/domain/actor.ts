/**
 * The person a request acts for, as the platform adapters and `koers ask` identify them. Roles
 * decide which commands someone may run; relationships to a student (src/domain/access.ts)
 * decide what they may see of that student.
 */
import type { Locale, StaffRole } from './enums.ts';

/**
 * What a request needs of the person's school: its clock and its language. Read with the person,
 * in the same query (src/store/people.ts): every request needs it, and on PostgreSQL a query of
 * its own would be one more round trip before any answer.
 */
export type SchoolSetting = { timeZone: string; defaultLocale: Locale };

export type StaffActor = {
  kind: 'staff';
  staffId: number;
  schoolId: number;
  name: string;
  email: string;
  roles: StaffRole[];
  locale: Locale | null;
  school: SchoolSetting;
};

export type StudentActor = {
  kind: 'student';
  studentId: number;
  schoolId: number;
  name: string;
  email: string;
  locale: Locale | null;
  school: SchoolSetting;
};

export type Actor = StaffActor | StudentActor;

/** Who may run a command: a student (*leerling*) or a staff role. */
export type Audience = 'leerling' | StaffRole;

export function audiencesOf(actor: Actor): Audience[] {
  return actor.kind === 'student' ? ['leerling'] : actor.roles;
}
