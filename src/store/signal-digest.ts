/**
 * What the mentor's daily digest needs from the store: which mentors have new signals among their
 * mentees, and, when the digest is sent, those signals. A mentor is who the scope's `mentor`
 * relationship names (the student's mentor or a mentor of the group, src/store/scope.ts), and
 * only while they hold the mentor role: a link in the data that no role stands for grants nothing.
 */
import type { signalSeverities } from '../domain/enums.ts';
import { digestKinds } from '../domain/signals/digest.ts';
import { RESOLVED } from '../domain/signals/lifecycle.ts';
import type { SignalKind } from '../domain/signals/outcome.ts';
import { evidenceSchema } from '../domain/signals/phrase.ts';
import { rawJson } from './raw-values.ts';
import type { Store } from './store.ts';

type Window = { since: string; until: string };

/** Signals new in the window and not resolved since: the kinds are the domain's, never a talk request. */
const fresh = `x.status <> '${RESOLVED}'
  and x.kind in (${digestKinds.map((kind) => `'${kind}'`).join(', ')})
  and x.first_seen_at > :since and x.first_seen_at <= :until`;

/** Holds the mentor role and is at school (a mentor who left gets no digest). */
const isMentor = (staff: string) =>
  `exists (select 1 from staff_roles r join staff m on m.id = r.staff_id
    where r.staff_id = ${staff} and r.role = 'mentor' and m.left_on is null)`;

/** The mentors of one school with at least one mentee whose signal is new in the window, by id. */
export async function mentorsWithNewSignals(
  store: Store,
  schoolId: number,
  window: Window,
): Promise<number[]> {
  const rows = (await store.raw.all(
    `with new_students as (
       select distinct s.id, s.mentor_id, s.group_id from signals x join students s on s.id = x.student_id
       where s.school_id = :schoolId and s.left_on is null and ${fresh})
     select staff_id as "staffId" from (
       select mentor_id as staff_id from new_students where mentor_id is not null
       union
       select gm.staff_id from new_students n join group_mentors gm on gm.group_id = n.group_id) who
     where ${isMentor('who.staff_id')}
     order by staff_id`,
    { schoolId, ...window },
  )) as { staffId: number }[];
  return rows.map((row) => row.staffId);
}

/** One mentor's mentees' signals new in the window, with who the student is: what the digest says. */
export async function newSignalsOfMentees(store: Store, staffId: number, window: Window) {
  type Row = {
    id: number;
    kind: SignalKind;
    severity: (typeof signalSeverities)[number];
    /** JSON text from SQLite, parsed from PostgreSQL (`rawJson`). */
    evidence: unknown;
    studentId: number;
    firstName: string;
    preferredName: string | null;
    lastNamePrefix: string | null;
    lastName: string;
    groupName: string | null;
  };
  const rows = (await store.raw.all(
    `select x.id as id, x.kind as kind, x.severity as severity, x.evidence as evidence,
       s.id as "studentId", s.first_name as "firstName", s.preferred_name as "preferredName",
       s.last_name_prefix as "lastNamePrefix", s.last_name as "lastName", g.name as "groupName"
     from signals x join students s on s.id = x.student_id left join groups g on g.id = s.group_id
     where ${fresh} and ${isMentor(':staffId')} and s.left_on is null
       and (s.mentor_id = :staffId
         or s.group_id in (select group_id from group_mentors where staff_id = :staffId))
     order by s.last_name, s.first_name, s.id, x.id`,
    { staffId, ...window },
  )) as Row[];
  return rows.map((row) => ({
    ...row,
    evidence: evidenceSchema.parse(rawJson(row.evidence)),
  }));
}
