/**
 * The checks of a roster over the whole file, after every line was read on its own: an address
 * twice, an address that is someone else's (a student's address in the staff file, a student of
 * another school), a group, mentor, teacher or student the school does not have. Each finding is
 * a problem at the line and column it is about (src/store/roster-staging.ts).
 */
import type { ColumnAt } from '../import/roster-layouts.ts';
import { FILE_ORDER_SQL, type RosterStage } from './roster-staging.ts';

/** A column of the file a check names: its position and its header. */
export type At = ColumnAt;

function report(stage: RosterStage, at: At | undefined, key: string, select: string, params: object = {}) {
  stage.flush();
  stage.store.$client
    .prepare(
      `insert into temp.roster_problems (file_order, file, line, position, col, key, params)
       select ${FILE_ORDER_SQL}, file, line, position, col, :key, params from (${select})`,
    )
    .run({
      ...(select.includes(':position') ? { position: at?.position ?? -1, col: at?.column ?? null } : {}),
      key,
      ...params,
    });
}

/** The column a check was given, for the rows of its query (a group's links carry their own). */
const HERE = ':position as position, :col as col';

/** Lines whose `keyExpr` an earlier line of `table` already has. */
function duplicates(stage: RosterStage, table: string, keyExpr: string, shown: string, at: At | undefined) {
  report(
    stage,
    at,
    'roster.problem.duplicate',
    `select r.file, r.line, ${HERE}, json_object('value', ${shown}, 'line', cast(f.first as text)) as params
     from (select *, ${keyExpr} as k from temp.${table}) r
     join (select ${keyExpr} as k, min(line) as first from temp.${table} group by 1 having count(*) > 1) f
       on f.k = r.k and r.line > f.first`,
  );
}

const valueParams = (expr: string) => `json_object('value', ${expr}) as params`;

/** An address that belongs to someone Koers knows at another school, or to a person of the other kind. */
function addressesOfOthers(stage: RosterStage, table: 'roster_staff' | 'roster_students', email: At) {
  const [own, other] = table === 'roster_staff' ? ['staff', 'students'] : ['students', 'staff'];
  report(
    stage,
    email,
    table === 'roster_staff' ? 'roster.problem.isStudent' : 'roster.problem.isStaff',
    `select r.file, r.line, ${HERE}, ${valueParams('r.email')} from temp.${table} r
     where exists (select 1 from ${other} o where o.email = r.email)
       or exists (select 1 from temp.${table === 'roster_staff' ? 'roster_students' : 'roster_staff'} o where o.email = r.email)`,
  );
  report(
    stage,
    email,
    'roster.problem.otherSchool',
    `select r.file, r.line, ${HERE}, ${valueParams('r.email')} from temp.${table} r
     join temp.roster_schools sc on sc.key = r.school_key
     join ${own} p on p.email = r.email where p.school_id is not sc.school_id`,
  );
}

export function checkStaff(stage: RosterStage, at: { email: At }): void {
  duplicates(stage, 'roster_staff', 'email', 'r.email', at.email);
  addressesOfOthers(stage, 'roster_staff', at.email);
}

/** A staff member of the roster's school: on the staged staff roster, or at school now. */
const knownStaff = (fromStage: boolean, email: string) =>
  fromStage
    ? `exists (select 1 from temp.roster_staff x where x.email = ${email} and x.school_key = sc.key)`
    : `exists (select 1 from staff x where x.email = ${email} and x.school_id = sc.school_id and x.left_on is null)`;

export function checkGroups(
  stage: RosterStage,
  at: { name: At },
  options: { staffFromStage: boolean },
): void {
  duplicates(stage, 'roster_groups', "school_key || '|' || lower(name)", 'r.name', at.name);
  report(
    stage,
    undefined,
    'roster.problem.unknownStaff',
    `select distinct l.file, l.line, ${valueParams('l.email')}, l.position, l.col from temp.roster_group_links l
     join temp.roster_schools sc on sc.key = l.school_key where not ${knownStaff(options.staffFromStage, 'l.email')}`,
  );
}

export function checkStudents(
  stage: RosterStage,
  at: { email: At; group?: At; mentor?: At },
  options: { fromStage: boolean },
): void {
  duplicates(stage, 'roster_students', 'email', 'r.email', at.email);
  addressesOfOthers(stage, 'roster_students', at.email);
  if (options.fromStage) return;
  report(
    stage,
    at.group,
    'roster.problem.unknownGroup',
    `select r.file, r.line, ${HERE}, ${valueParams('r.group_name')} from temp.roster_students r
     join temp.roster_schools sc on sc.key = r.school_key
     where not exists (select 1 from groups g where g.school_id = sc.school_id and g.name = r.group_name collate nocase)`,
  );
  report(
    stage,
    at.mentor,
    'roster.problem.unknownMentor',
    `select r.file, r.line, ${HERE}, ${valueParams('r.mentor')} from temp.roster_students r
     join temp.roster_schools sc on sc.key = r.school_key
     where r.mentor is not null and not ${knownStaff(false, 'r.mentor')}`,
  );
}

export function checkEnrolments(stage: RosterStage, at: { email: At; subject: At }): void {
  report(
    stage,
    at.email,
    'roster.problem.unknownStudent',
    `select r.file, r.line, ${HERE}, ${valueParams('r.email')} from temp.roster_enrolments r
     join temp.roster_schools sc on sc.key = r.school_key
     where not exists (select 1 from students s where s.email = r.email and s.school_id = sc.school_id and s.left_on is null)`,
  );
  // The same subject at the same level twice; an empty level is the student's own.
  stage.flush();
  stage.store.$client.exec(`drop table if exists temp.roster_enrolment_levels;
    create temp table roster_enrolment_levels as
      select r.rowid as id, r.email || '|' || r.subject || '|' || coalesce(r.level, s.onderwijssoort) as k
      from temp.roster_enrolments r join students s on s.email = r.email;
    create index temp.roster_enrolment_levels_k on roster_enrolment_levels (k);`);
  report(
    stage,
    at.subject,
    'roster.problem.duplicateSubject',
    `select r.file, r.line, ${HERE}, json_object('value', r.subject, 'line', cast(f.first as text)) as params
     from temp.roster_enrolments r join temp.roster_enrolment_levels l on l.id = r.rowid
     join (select l2.k, min(r2.line) as first from temp.roster_enrolment_levels l2
           join temp.roster_enrolments r2 on r2.rowid = l2.id group by l2.k having count(*) > 1) f
       on f.k = l.k and r.line > f.first`,
  );
  stage.store.$client.exec('drop table temp.roster_enrolment_levels');
}
