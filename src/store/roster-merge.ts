/**
 * Bringing a checked roster (src/store/roster-staging.ts) into the school's data: each staged
 * row is planned as created, updated or unchanged against what the school has, what the school
 * has and the roster does not is removed, and then the plan is carried out, all in SQL. The
 * roster is the truth for its schools: a student or staff member missing from it has left
 * (`left_on` is set to the import's day: deactivated, not deleted) and comes back when a later
 * roster has them again; a group missing from it goes once no student at school is in it;
 * enrolments of the school's students that the file does not have are deleted. Importing the
 * same file again finds every row unchanged and changes nothing.
 *
 * Every function here runs inside the import's one transaction (`applyRoster`).
 */
import type { outboxStatuses, StaffRole } from '../domain/enums.ts';
import { rosterSql, WORK_TABLES } from './roster-staging.ts';
import type { RawParams, Store } from './store.ts';
import { inTransaction } from './transaction.ts';

export type RosterCounts = {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  kept: number;
};

/** The counts of each school the roster is for, by the school's key in the roster. */
export type CountsBySchool = Map<string, RosterCounts>;

export type MergeMoment = {
  /** The import's instant (`created_at` of new rows, the audit entries). */
  now: string;
  /** The import's day: the `left_on` of whoever left. */
  today: string;
};

/** The outbox's own status of a message not sent yet (src/store/outbox.ts): a student who left gets none of those. */
const QUEUED = 'queued' satisfies (typeof outboxStatuses)[number];

export const emptyCounts = (): RosterCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  removed: 0,
  kept: 0,
});

/** The schools of the roster, each with zero counts: a school with nothing to change still reports. */
async function countsOf(store: Store): Promise<CountsBySchool> {
  const counts: CountsBySchool = new Map();
  for (const row of await store.raw.all('select key from roster_schools order by id'))
    counts.set(String(row.key), emptyCounts());
  return counts;
}

async function tally(
  store: Store,
  counts: CountsBySchool,
  sql: string,
  params: RawParams = {},
): Promise<void> {
  for (const row of (await store.raw.all(sql, params)) as {
    key: string;
    outcome: keyof RosterCounts;
    n: number;
  }[]) {
    const entry = counts.get(row.key);
    if (entry) entry[row.outcome] += Number(row.n);
  }
}

/** Runs statements one after the other (a prepared statement is one statement on both dialects). */
async function exec(store: Store, ...statements: string[]): Promise<void> {
  for (const statement of statements) await store.raw.run(statement);
}

const run = (store: Store, sql: string, params: RawParams = {}) => store.raw.run(sql, params);

/** The team of a school by name (case does not matter), as a subquery. */
const teamId = (store: Store, school: string, name: string) => {
  const { caseless } = rosterSql(store.dialect);
  return `(select t.id from teams t where t.school_id = ${school} and ${caseless('t.name')} = ${caseless(name)} order by t.id limit 1)`;
};

/** Creates the schools the roster names that do not exist yet; returns their names. */
export async function createSchools(store: Store, region: string, now: string): Promise<string[]> {
  const names = (
    await store.raw.all('select name from roster_schools where school_id is null order by id')
  ).map((row) => String(row.name));
  if (names.length === 0) return names;
  await run(
    store,
    `insert into schools (name, region, created_at)
     select name, cast(:region as text), cast(:now as text) from roster_schools where school_id is null order by id`,
    { region, now },
  );
  await exec(
    store,
    `update roster_schools set school_id = (select s.id from schools s where s.name = roster_schools.name)
     where school_id is null`,
  );
  return names;
}

/** Creates the teams that groups or team leaders name and the school does not have yet. */
export async function createTeams(store: Store): Promise<number> {
  const { bytewise, caseless } = rosterSql(store.dialect);
  return run(
    store,
    `insert into teams (school_id, name)
     select sc.school_id, min(${bytewise('t.team')}) from (
       select r.school_key, rr.team from roster_staff_roles rr join roster_staff r on r.email = rr.email
       where rr.team is not null
       union select school_key, team from roster_groups where team is not null) t
     join roster_schools sc on sc.key = t.school_key
     where not exists (select 1 from teams x where x.school_id = sc.school_id and ${caseless('x.name')} = ${caseless('t.team')})
     group by sc.school_id, ${caseless('t.team')}`,
  );
}

/**
 * Staff: name and roles from the roster (a team leader's role with each team they lead). With
 * `keepLinkedRoles`, a staff member who mentors or teaches a group keeps the mentor or docent
 * role the groups file gave them, though the staff file does not name it; `keepRoles` are roles
 * the roster cannot say (OneRoster has no care coordinators), kept as they are.
 */
export async function mergeStaff(
  store: Store,
  at: MergeMoment,
  options: { keepLinkedRoles: boolean; keepRoles: readonly StaffRole[] },
): Promise<CountsBySchool> {
  const counts = await countsOf(store);
  await exec(
    store,
    'drop table if exists roster_staff_plan',
    `create temp table roster_staff_plan as
       select r.school_key as key, sc.school_id, r.email, r.name, s.id as staff_id,
         s.name is distinct from r.name or s.left_on is not null as changed, null as outcome
       from roster_staff r join roster_schools sc on sc.key = r.school_key
       left join staff s on s.email = r.email`,
    'create index roster_staff_plan_email on roster_staff_plan (email)',
    'create index roster_staff_plan_id on roster_staff_plan (staff_id)',
    'drop table if exists roster_role_plan',
    `create temp table roster_role_plan as
       select distinct r.email, rr.role,
         case when rr.role = 'teamleider' then ${teamId(store, 'sc.school_id', 'rr.team')} end as team_id
       from roster_staff_roles rr join roster_staff r on r.email = rr.email
       join roster_schools sc on sc.key = r.school_key`,
  );
  if (options.keepRoles.length > 0)
    await exec(
      store,
      `insert into roster_role_plan (email, role, team_id)
       select p.email, x.role, x.team_id from staff_roles x join roster_staff_plan p on p.staff_id = x.staff_id
       where x.role in (${options.keepRoles.map((role) => `'${role}'`).join(', ')})
         and not exists (select 1 from roster_role_plan d where d.email = p.email and d.role = x.role
           and d.team_id is not distinct from x.team_id)`,
    );
  if (options.keepLinkedRoles)
    await exec(
      store,
      `insert into roster_role_plan (email, role, team_id)
       select p.email, 'mentor', cast(null as integer) from roster_staff_plan p where p.staff_id is not null
         and (exists (select 1 from group_mentors gm where gm.staff_id = p.staff_id)
           or exists (select 1 from students st where st.mentor_id = p.staff_id and st.left_on is null))
         and not exists (select 1 from roster_role_plan d where d.email = p.email and d.role = 'mentor')
       union
       select p.email, 'docent', cast(null as integer) from roster_staff_plan p where p.staff_id is not null
         and exists (select 1 from group_teachers gt where gt.staff_id = p.staff_id)
         and not exists (select 1 from roster_role_plan d where d.email = p.email and d.role = 'docent')`,
    );
  await exec(
    store,
    'create index roster_role_plan_email on roster_role_plan (email)',
    `update roster_staff_plan set outcome = case
       when staff_id is null then 'created'
       when changed
         or exists (select role, team_id from roster_role_plan d where d.email = roster_staff_plan.email
                    except select role, team_id from staff_roles x where x.staff_id = roster_staff_plan.staff_id)
         or exists (select role, team_id from staff_roles x where x.staff_id = roster_staff_plan.staff_id
                    except select role, team_id from roster_role_plan d where d.email = roster_staff_plan.email)
         then 'updated'
       else 'unchanged' end`,
  );
  await tally(
    store,
    counts,
    'select key, outcome, count(*) as n from roster_staff_plan group by key, outcome',
  );
  const leaving = `from staff s join roster_schools sc on sc.school_id = s.school_id
    where s.left_on is null and not exists (select 1 from roster_staff_plan p where p.email = s.email)`;
  await tally(
    store,
    counts,
    `select sc.key as key, 'removed' as outcome, count(*) as n ${leaving} group by sc.key`,
  );

  await run(
    store,
    `insert into staff (school_id, name, email, created_at)
     select school_id, name, email, cast(:now as text) from roster_staff_plan where outcome = 'created'`,
    { now: at.now },
  );
  await exec(
    store,
    `update roster_staff_plan set staff_id = (select s.id from staff s where s.email = roster_staff_plan.email)
       where staff_id is null`,
    `update staff set name = p.name, left_on = null from roster_staff_plan p
       where p.staff_id = staff.id and p.outcome = 'updated'`,
    `delete from staff_roles where staff_id in (select staff_id from roster_staff_plan where outcome = 'updated')
       and not exists (select 1 from roster_role_plan d join roster_staff_plan p on p.email = d.email
         where p.staff_id = staff_roles.staff_id and d.role = staff_roles.role
           and d.team_id is not distinct from staff_roles.team_id)`,
    `insert into staff_roles (staff_id, role, team_id)
       select p.staff_id, d.role, d.team_id from roster_role_plan d
       join roster_staff_plan p on p.email = d.email
       where p.outcome in ('created', 'updated') and not exists (select 1 from staff_roles x
         where x.staff_id = p.staff_id and x.role = d.role and x.team_id is not distinct from d.team_id)`,
  );
  await run(store, `update staff set left_on = :today where id in (select s.id ${leaving})`, {
    today: at.today,
  });
  return counts;
}

/**
 * Groups: year, level, team, mentors and teachers from the roster. The mentors and teachers it
 * names get the mentor or docent role. A group of the school that the roster does not have is
 * removed once no student at school is in it; until then it is kept, and counted as such.
 */
export async function mergeGroups(store: Store, options: { keepTeams: boolean }): Promise<CountsBySchool> {
  const { caseless } = rosterSql(store.dialect);
  const counts = await countsOf(store);
  // A roster without teams (OneRoster) leaves each group in the team it has.
  const team = options.keepTeams ? 'g.team_id' : teamId(store, 'sc.school_id', 'r.team');
  await exec(
    store,
    'drop table if exists roster_group_plan',
    `create temp table roster_group_plan as
       select r.school_key as key, r.school_key || '|' || ${caseless('r.name')} as gkey, sc.school_id, r.name,
         r.leerjaar, r.onderwijssoort, ${team} as team_id,
         g.id as group_id, g.name is distinct from r.name or g.leerjaar is distinct from r.leerjaar
           or g.onderwijssoort is distinct from r.onderwijssoort or g.team_id is distinct from ${team} as changed,
         null as outcome
       from roster_groups r join roster_schools sc on sc.key = r.school_key
       left join groups g on g.school_id = sc.school_id and ${caseless('g.name')} = ${caseless('r.name')}`,
    'create index roster_group_plan_gkey on roster_group_plan (gkey)',
    'create index roster_group_plan_id on roster_group_plan (group_id)',
    'drop table if exists roster_link_plan',
    `create temp table roster_link_plan as
       select distinct l.school_key || '|' || ${caseless('l.group_name')} as gkey, l.kind, s.id as staff_id,
         coalesce(l.subject, '') as subject
       from roster_group_links l join staff s on s.email = l.email`,
    'create index roster_link_plan_gkey on roster_link_plan (gkey, kind)',
    `update roster_group_plan set outcome = case
       when group_id is null then 'created'
       when changed
         or exists (select staff_id from roster_link_plan l where l.gkey = roster_group_plan.gkey and l.kind = 'mentor'
                    except select staff_id from group_mentors m where m.group_id = roster_group_plan.group_id)
         or exists (select staff_id from group_mentors m where m.group_id = roster_group_plan.group_id
                    except select staff_id from roster_link_plan l where l.gkey = roster_group_plan.gkey and l.kind = 'mentor')
         or exists (select staff_id, subject from roster_link_plan l where l.gkey = roster_group_plan.gkey and l.kind = 'teacher'
                    except select staff_id, subject from group_teachers t where t.group_id = roster_group_plan.group_id)
         or exists (select staff_id, subject from group_teachers t where t.group_id = roster_group_plan.group_id
                    except select staff_id, subject from roster_link_plan l where l.gkey = roster_group_plan.gkey and l.kind = 'teacher')
         then 'updated'
       else 'unchanged' end`,
  );
  await tally(
    store,
    counts,
    'select key, outcome, count(*) as n from roster_group_plan group by key, outcome',
  );
  const missing = `from groups g join roster_schools sc on sc.school_id = g.school_id
    where not exists (select 1 from roster_group_plan p where p.group_id = g.id)`;
  const inUse = 'exists (select 1 from students s where s.group_id = g.id and s.left_on is null)';
  await tally(
    store,
    counts,
    `select sc.key as key, case when ${inUse} then 'kept' else 'removed' end as outcome, count(*) as n
     ${missing} group by 1, 2`,
  );
  await exec(
    store,
    `insert into groups (school_id, team_id, name, leerjaar, onderwijssoort)
       select school_id, team_id, name, leerjaar, onderwijssoort from roster_group_plan where outcome = 'created'`,
    `update roster_group_plan set group_id = (select g.id from groups g
       where g.school_id = roster_group_plan.school_id and g.name = roster_group_plan.name) where group_id is null`,
    `update groups set name = p.name, team_id = p.team_id, leerjaar = p.leerjaar, onderwijssoort = p.onderwijssoort
       from roster_group_plan p where p.group_id = groups.id and p.outcome = 'updated'`,
    `delete from group_mentors where group_id in (select group_id from roster_group_plan where outcome = 'updated')
       and not exists (select 1 from roster_group_plan p join roster_link_plan l on l.gkey = p.gkey
         where p.group_id = group_mentors.group_id and l.kind = 'mentor' and l.staff_id = group_mentors.staff_id)`,
    `insert into group_mentors (group_id, staff_id)
       select p.group_id, l.staff_id from roster_group_plan p join roster_link_plan l on l.gkey = p.gkey
       where l.kind = 'mentor' and p.outcome in ('created', 'updated') and not exists (select 1 from group_mentors m
         where m.group_id = p.group_id and m.staff_id = l.staff_id)`,
    `delete from group_teachers where group_id in (select group_id from roster_group_plan where outcome = 'updated')
       and not exists (select 1 from roster_group_plan p join roster_link_plan l on l.gkey = p.gkey
         where p.group_id = group_teachers.group_id and l.kind = 'teacher' and l.staff_id = group_teachers.staff_id
           and l.subject = group_teachers.subject)`,
    `insert into group_teachers (group_id, staff_id, subject)
       select p.group_id, l.staff_id, l.subject from roster_group_plan p join roster_link_plan l on l.gkey = p.gkey
       where l.kind = 'teacher' and p.outcome in ('created', 'updated') and not exists (select 1 from group_teachers t
         where t.group_id = p.group_id and t.staff_id = l.staff_id and t.subject = l.subject)`,
    `insert into staff_roles (staff_id, role)
       select distinct l.staff_id, case l.kind when 'mentor' then 'mentor' else 'docent' end from roster_link_plan l
       where not exists (select 1 from staff_roles x where x.staff_id = l.staff_id and x.team_id is null
         and x.role = case l.kind when 'mentor' then 'mentor' else 'docent' end)`,
    `delete from groups where id in (select g.id ${missing} and not ${inUse})`,
  );
  return counts;
}

/**
 * Students: names, group, level, year and mentor from the roster. A student the school has and
 * the roster does not has left: `left_on` is set, their queued messages are dropped, and they
 * are no longer part of the school's life (src/store/scope.ts and the other lists leave them
 * out). One audit entry per student created, changed or deactivated, without personal data.
 */
export async function mergeStudents(store: Store, at: MergeMoment): Promise<CountsBySchool> {
  const { caseless, json } = rosterSql(store.dialect);
  const counts = await countsOf(store);
  await exec(
    store,
    'drop table if exists roster_student_plan',
    `create temp table roster_student_plan as
       select r.school_key as key, sc.school_id, r.email, r.first_name, r.prefix, r.last_name, r.preferred_name,
         r.onderwijssoort, r.leerjaar,
         (select g.id from groups g where g.school_id = sc.school_id and ${caseless('g.name')} = ${caseless('r.group_name')}
           order by g.id limit 1) as group_id,
         (select m.id from staff m where m.email = r.mentor) as mentor_id,
         s.id as student_id, null as outcome
       from roster_students r join roster_schools sc on sc.key = r.school_key
       left join students s on s.email = r.email`,
    'create index roster_student_plan_email on roster_student_plan (email)',
    `update roster_student_plan set outcome = case
       when student_id is null then 'created'
       when exists (select 1 from students s where s.id = roster_student_plan.student_id and (
         s.first_name is distinct from roster_student_plan.first_name
         or s.last_name_prefix is distinct from roster_student_plan.prefix
         or s.last_name is distinct from roster_student_plan.last_name
         or s.preferred_name is distinct from roster_student_plan.preferred_name
         or s.group_id is distinct from roster_student_plan.group_id
         or s.mentor_id is distinct from roster_student_plan.mentor_id
         or s.onderwijssoort is distinct from roster_student_plan.onderwijssoort
         or s.leerjaar is distinct from roster_student_plan.leerjaar
         or s.left_on is not null)) then 'updated'
       else 'unchanged' end`,
    'drop table if exists roster_left',
    `create temp table roster_left as
       select s.id, sc.key from students s join roster_schools sc on sc.school_id = s.school_id
       where s.left_on is null and not exists (select 1 from roster_student_plan p where p.email = s.email)`,
  );
  await tally(
    store,
    counts,
    'select key, outcome, count(*) as n from roster_student_plan group by key, outcome',
  );
  await tally(store, counts, `select key, 'removed' as outcome, count(*) as n from roster_left group by key`);
  await run(
    store,
    `insert into students (school_id, group_id, mentor_id, first_name, last_name_prefix, last_name, preferred_name,
       email, onderwijssoort, leerjaar, created_at)
     select school_id, group_id, mentor_id, first_name, prefix, last_name, preferred_name, email, onderwijssoort,
       leerjaar, cast(:now as text) from roster_student_plan where outcome = 'created'`,
    { now: at.now },
  );
  await exec(
    store,
    `update roster_student_plan set student_id = (select s.id from students s
       where s.email = roster_student_plan.email) where student_id is null`,
    `update students set first_name = p.first_name, last_name_prefix = p.prefix, last_name = p.last_name,
       preferred_name = p.preferred_name, group_id = p.group_id, mentor_id = p.mentor_id,
       onderwijssoort = p.onderwijssoort, leerjaar = p.leerjaar, left_on = null
       from roster_student_plan p where p.student_id = students.id and p.outcome = 'updated'`,
    `delete from outbox where status = '${QUEUED}' and student_id in (select id from roster_left)`,
    `delete from signal_checks where student_id in (select id from roster_left)
       or student_id in (select student_id from roster_student_plan where outcome = 'updated')`,
  );
  await run(store, 'update students set left_on = :today where id in (select id from roster_left)', {
    today: at.today,
  });
  await run(
    store,
    `insert into audit_log (at, actor_kind, student_id, action, subject, channel, detail)
     select cast(:now as text), 'system', student_id, case outcome when 'created' then 'create' else 'update' end,
       'import students', 'cli', ${json("'outcome'", 'outcome')}
     from roster_student_plan where outcome in ('created', 'updated')
     union all
     select cast(:now as text), 'system', id, 'update', 'import students', 'cli', ${json("'outcome'", "'deactivated'")}
     from roster_left`,
    { now: at.now },
  );
  return counts;
}

/**
 * Subject enrolments (diploma part A) of the school's students: a subject at a level (the
 * student's own when the file leaves it empty) with its moment, result and status. Enrolments of
 * the school's students at school that the file does not have are deleted. The signal sweep
 * looks at every student whose enrolments changed again (a grade below 5.5 at a higher level).
 */
export async function mergeEnrolments(store: Store): Promise<CountsBySchool> {
  const counts = await countsOf(store);
  await exec(
    store,
    'drop table if exists roster_enrolment_plan',
    `create temp table roster_enrolment_plan as
       select r.school_key as key, s.id as student_id, r.subject, coalesce(r.level, s.onderwijssoort) as level,
         r.moment, r.grade, r.word, r.status, e.id as enrolment_id,
         case when e.id is null then 'created'
           when e.moment is distinct from r.moment or e.result_grade is distinct from r.grade
             or e.result_word is distinct from r.word or e.status is distinct from r.status then 'updated'
           else 'unchanged' end as outcome
       from roster_enrolments r join roster_schools sc on sc.key = r.school_key
       join students s on s.email = r.email
       left join subject_enrolments e on e.student_id = s.id and e.subject = r.subject
         and e.level = coalesce(r.level, s.onderwijssoort)`,
    'create index roster_enrolment_plan_key on roster_enrolment_plan (student_id, subject, level)',
    'drop table if exists roster_enrolment_gone',
    `create temp table roster_enrolment_gone as
       select e.id, e.student_id, sc.key from subject_enrolments e join students s on s.id = e.student_id
       join roster_schools sc on sc.school_id = s.school_id
       where s.left_on is null and not exists (select 1 from roster_enrolment_plan p
         where p.student_id = e.student_id and p.subject = e.subject and p.level = e.level)`,
  );
  await tally(
    store,
    counts,
    'select key, outcome, count(*) as n from roster_enrolment_plan group by key, outcome',
  );
  await tally(
    store,
    counts,
    `select key, 'removed' as outcome, count(*) as n from roster_enrolment_gone group by key`,
  );
  await exec(
    store,
    `insert into subject_enrolments (student_id, subject, level, moment, result_grade, result_word, status)
       select student_id, subject, level, moment, grade, word, status from roster_enrolment_plan
       where outcome = 'created'`,
    `update subject_enrolments set moment = p.moment, result_grade = p.grade, result_word = p.word, status = p.status
       from roster_enrolment_plan p where p.enrolment_id = subject_enrolments.id and p.outcome = 'updated'`,
    'delete from subject_enrolments where id in (select id from roster_enrolment_gone)',
    `delete from signal_checks where student_id in (
       select student_id from roster_enrolment_plan where outcome <> 'unchanged'
       union select student_id from roster_enrolment_gone)`,
  );
  return counts;
}

/** The import's own audit entry: what was imported and the counts, never a name or an address. */
export async function auditRosterImport(
  store: Store,
  at: MergeMoment,
  subject: string,
  detail: Record<string, unknown>,
): Promise<void> {
  const { auditLog } = store.t;
  await store.db.insert(auditLog).values({
    at: at.now,
    actorKind: 'system',
    action: 'update',
    subject,
    channel: 'cli',
    detail,
  });
}

class DryRun<T> extends Error {
  constructor(readonly result: T) {
    super('dry run');
  }
}

/**
 * Runs the merge in one transaction (a savepoint in the staging's transaction on PostgreSQL, see
 * `withRosterStage`): all of it is stored or none. A dry run does all of it and rolls back, so it
 * reports exactly what a real import would do. The merge's own tables go with a rollback, or are
 * dropped before the commit.
 */
export async function applyRoster<T>(store: Store, dryRun: boolean, work: () => Promise<T>): Promise<T> {
  try {
    return await inTransaction(store, async () => {
      const result = await work();
      if (dryRun) throw new DryRun(result);
      for (const table of WORK_TABLES) await store.raw.run(`drop table if exists ${table}`);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result as T;
    throw error;
  }
}
