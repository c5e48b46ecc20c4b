/**
 * The checks of a roster over the whole file, after every line was read on its own: an address
 * twice, an address that is someone else's (a student's address in the staff file, a student of
 * another school), a group, mentor, teacher or student the school does not have. Each finding is
 * a problem at the line and column it is about (src/store/roster-staging.ts).
 */
import type { ColumnAt } from '../import/roster-layouts.ts';
import { FILE_ORDER_SQL, type RosterStage, rosterSql } from './roster-staging.ts';
import type { SqlValue } from './store.ts';

/** A column of the file a check names: its position and its header. */
export type At = ColumnAt;

async function report(stage: RosterStage, at: At | undefined, key: string, select: string): Promise<void> {
  await stage.flush();
  await stage.store.raw.run(
    `insert into roster_problems (file_order, file, line, position, col, key, params)
     select ${FILE_ORDER_SQL}, file, line, position, col, cast(:key as text), params from (${select}) as found`,
    {
      ...(select.includes(':position') ? { position: at?.position ?? -1, col: at?.column ?? null } : {}),
      key,
    } satisfies Record<string, SqlValue>,
  );
}

/** The column a check was given, for the rows of its query (a group's links carry their own). */
const HERE = 'cast(:position as integer) as position, cast(:col as text) as col';

/** Lines whose `keyExpr` an earlier line of `table` already has. */
async function duplicates(
  stage: RosterStage,
  table: string,
  keyExpr: string,
  shown: string,
  at: At | undefined,
) {
  const { jsonText } = rosterSql(stage.store.dialect);
  await report(
    stage,
    at,
    'roster.problem.duplicate',
    `select r.file, r.line, ${HERE}, ${jsonText("'value'", shown, "'line'", 'cast(f.first as text)')} as params
     from (select *, ${keyExpr} as k from ${table}) r
     join (select ${keyExpr} as k, min(line) as first from ${table} group by 1 having count(*) > 1) f
       on f.k = r.k and r.line > f.first`,
  );
}

const valueParams = (stage: RosterStage, expr: string) =>
  `${rosterSql(stage.store.dialect).jsonText("'value'", expr)} as params`;

/** An address that belongs to someone Koers knows at another school, or to a person of the other kind. */
async function addressesOfOthers(stage: RosterStage, table: 'roster_staff' | 'roster_students', email: At) {
  const [own, other] = table === 'roster_staff' ? ['staff', 'students'] : ['students', 'staff'];
  await report(
    stage,
    email,
    table === 'roster_staff' ? 'roster.problem.isStudent' : 'roster.problem.isStaff',
    `select r.file, r.line, ${HERE}, ${valueParams(stage, 'r.email')} from ${table} r
     where exists (select 1 from ${other} o where o.email = r.email)
       or exists (select 1 from ${table === 'roster_staff' ? 'roster_students' : 'roster_staff'} o where o.email = r.email)`,
  );
  await report(
    stage,
    email,
    'roster.problem.otherSchool',
    `select r.file, r.line, ${HERE}, ${valueParams(stage, 'r.email')} from ${table} r
     join roster_schools sc on sc.key = r.school_key
     join ${own} p on p.email = r.email where p.school_id is distinct from sc.school_id`,
  );
}

export async function checkStaff(stage: RosterStage, at: { email: At }): Promise<void> {
  await duplicates(stage, 'roster_staff', 'email', 'r.email', at.email);
  await addressesOfOthers(stage, 'roster_staff', at.email);
}

/** A staff member of the roster's school: on the staged staff roster, or at school now. */
const knownStaff = (fromStage: boolean, email: string) =>
  fromStage
    ? `exists (select 1 from roster_staff x where x.email = ${email} and x.school_key = sc.key)`
    : `exists (select 1 from staff x where x.email = ${email} and x.school_id = sc.school_id and x.left_on is null)`;

export async function checkGroups(
  stage: RosterStage,
  at: { name: At },
  options: { staffFromStage: boolean },
): Promise<void> {
  const { caseless } = rosterSql(stage.store.dialect);
  await duplicates(stage, 'roster_groups', `school_key || '|' || ${caseless('name')}`, 'r.name', at.name);
  await report(
    stage,
    undefined,
    'roster.problem.unknownStaff',
    `select distinct l.file, l.line, ${valueParams(stage, 'l.email')}, l.position, l.col from roster_group_links l
     join roster_schools sc on sc.key = l.school_key where not ${knownStaff(options.staffFromStage, 'l.email')}`,
  );
}

export async function checkStudents(
  stage: RosterStage,
  at: { email: At; group?: At; mentor?: At },
  options: { fromStage: boolean },
): Promise<void> {
  const { caseless } = rosterSql(stage.store.dialect);
  await duplicates(stage, 'roster_students', 'email', 'r.email', at.email);
  await addressesOfOthers(stage, 'roster_students', at.email);
  if (options.fromStage) return;
  await report(
    stage,
    at.group,
    'roster.problem.unknownGroup',
    `select r.file, r.line, ${HERE}, ${valueParams(stage, 'r.group_name')} from roster_students r
     join roster_schools sc on sc.key = r.school_key
     where not exists (select 1 from groups g where g.school_id = sc.school_id
       and ${caseless('g.name')} = ${caseless('r.group_name')})`,
  );
  await report(
    stage,
    at.mentor,
    'roster.problem.unknownMentor',
    `select r.file, r.line, ${HERE}, ${valueParams(stage, 'r.mentor')} from roster_students r
     join roster_schools sc on sc.key = r.school_key
     where r.mentor is not null and not ${knownStaff(false, 'r.mentor')}`,
  );
}

export async function checkEnrolments(stage: RosterStage, at: { email: At; subject: At }): Promise<void> {
  const { jsonText } = rosterSql(stage.store.dialect);
  await report(
    stage,
    at.email,
    'roster.problem.unknownStudent',
    `select r.file, r.line, ${HERE}, ${valueParams(stage, 'r.email')} from roster_enrolments r
     join roster_schools sc on sc.key = r.school_key
     where not exists (select 1 from students s where s.email = r.email and s.school_id = sc.school_id and s.left_on is null)`,
  );
  // The same subject at the same level twice; an empty level is the student's own.
  await stage.flush();
  const { raw } = stage.store;
  await raw.run('drop table if exists roster_enrolment_levels');
  await raw.run(`create temp table roster_enrolment_levels as
      select r.id as id, r.email || '|' || r.subject || '|' || coalesce(r.level, s.onderwijssoort) as k
      from roster_enrolments r join students s on s.email = r.email`);
  await raw.run('create index roster_enrolment_levels_k on roster_enrolment_levels (k)');
  await report(
    stage,
    at.subject,
    'roster.problem.duplicateSubject',
    `select r.file, r.line, ${HERE}, ${jsonText("'value'", 'r.subject', "'line'", 'cast(f.first as text)')} as params
     from roster_enrolments r join roster_enrolment_levels l on l.id = r.id
     join (select l2.k, min(r2.line) as first from roster_enrolment_levels l2
           join roster_enrolments r2 on r2.id = l2.id group by l2.k having count(*) > 1) f
       on f.k = l.k and r.line > f.first`,
  );
  await raw.run('drop table roster_enrolment_levels');
}
