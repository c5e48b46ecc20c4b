/**
 * A OneRoster 1.1 bundle, staged as read (the `or_` tables of src/store/roster-staging.ts),
 * turned into Koers's roster: schools from the orgs of type `school`; a homeroom class is a
 * group, its teacher the group's mentor (the primary one the students' mentor); teachers are
 * staff with the docent role (and mentor when they have a homeroom), administrators staff with
 * the beheerder role; a student is in the group of their homeroom class. A teacher of a scheduled
 * class in a subject Koers knows teaches that subject to the groups of the students in it. What
 * the bundle does not fit (a user without a school, a student without a homeroom, an enrolment
 * in a class or of a user the bundle does not have) is a problem at its file and line.
 */
import type { At } from './roster-checks.ts';
import { fileOrder, type RosterStage, rosterSql } from './roster-staging.ts';
import type { Dialect } from './store.ts';

const TEACHING = "('teacher', 'administrator')";

/** The problems of the bundle's links, each at its file and line. */
async function problems(stage: RosterStage, key: string, file: string, at: At | undefined, select: string) {
  await stage.store.raw.run(
    `insert into roster_problems (file_order, file, line, position, col, key, params)
     select cast(:order as integer), cast(:file as text), line, cast(:position as integer), cast(:col as text),
       cast(:key as text), params from (${select}) as found`,
    {
      order: fileOrder(file),
      file,
      position: at?.position ?? -1,
      col: at?.column ?? null,
      key,
    },
  );
}

/** The first of a user's organisations (a JSON array of ids) that is a school of the roster. */
function firstSchoolOf(dialect: Dialect, orgIds: string): string {
  const elements =
    dialect === 'sqlite'
      ? `json_each(${orgIds}) j`
      : `jsonb_array_elements_text((${orgIds})::jsonb) with ordinality as j(value, key)`;
  return `(select j.value from ${elements} where j.value in (select key from roster_schools) order by j.key limit 1)`;
}

export type OneRosterColumns = {
  orgIds: At | undefined;
  classSchool: At | undefined;
  classId: At | undefined;
  userId: At | undefined;
};

/**
 * Fills the roster tables from the bundle's staged files and records what does not fit. Returns
 * how many scheduled classes were passed over because Koers does not know their subject.
 */
export async function deriveOneRoster(
  stage: RosterStage,
  at: OneRosterColumns,
): Promise<{ skippedClasses: number }> {
  await stage.flush();
  const { raw, dialect } = stage.store;
  const { caseless, jsonText } = rosterSql(dialect);
  const valueParams = (expr: string) => `${jsonText("'value'", expr)} as params`;
  // A school named twice in orgs.csv is taken from its first line.
  await raw.run(`insert into roster_schools (key, name, school_id)
    select o.sourced_id, o.name, (select s.id from schools s where ${caseless('s.name')} = ${caseless('o.name')}
      order by s.id limit 1)
    from or_orgs o where o.type = 'school' and o.sourced_id not in (select key from roster_schools)
      and o.line = (select min(f.line) from or_orgs f where f.sourced_id = o.sourced_id and f.type = 'school')
    order by o.line`);
  const [schools] = await raw.all('select count(*) as n from roster_schools');
  if (Number(schools?.n ?? 0) === 0) {
    await problems(
      stage,
      'roster.oneroster.noSchool',
      'orgs.csv',
      undefined,
      "select 1 as line, '{}' as params",
    );
    return { skippedClasses: 0 };
  }
  await raw.run('drop table if exists or_user_school');
  await raw.run(`create temp table or_user_school as
      select u.sourced_id, ${firstSchoolOf(dialect, 'u.org_ids')} as school_key
      from or_users u where u.kept = 1`);
  await raw.run('create index or_user_school_id on or_user_school (sourced_id)');
  await raw.run('drop table if exists or_homeroom');
  await raw.run(`create temp table or_homeroom as
      select u.sourced_id as user_id, (select c.sourced_id from or_enrollments e
        join or_classes c on c.sourced_id = e.class_id
        where e.user_id = u.sourced_id and e.role = 'student' and (c.class_type = 'homeroom' or c.kept = 0)
        order by c.kept desc, e.id limit 1) as class_id
      from or_users u where u.role = 'student' and u.kept = 1`);
  await raw.run('create index or_homeroom_user on or_homeroom (user_id)');

  await problems(
    stage,
    'roster.oneroster.userWithoutSchool',
    'users.csv',
    at.orgIds,
    `select u.line, ${valueParams('u.sourced_id')} from or_users u
     join or_user_school us on us.sourced_id = u.sourced_id where us.school_key is null and u.role <> 'student'`,
  );
  await problems(
    stage,
    'roster.oneroster.unknownSchool',
    'classes.csv',
    at.classSchool,
    `select c.line, ${valueParams('c.school_id')} from or_classes c
     where c.kept = 1 and c.school_id not in (select key from roster_schools)`,
  );
  // An enrolment of a class, or of a user, that the bundle does not have.
  for (const [key, column, idColumn, table] of [
    ['roster.oneroster.unknownClass', at.classId, 'class_id', 'or_classes'],
    ['roster.oneroster.unknownUser', at.userId, 'user_id', 'or_users'],
  ] as const)
    await problems(
      stage,
      key,
      'enrollments.csv',
      column,
      `select e.line, ${valueParams(`e.${idColumn}`)} from or_enrollments e
       where not exists (select 1 from ${table} x where x.sourced_id = e.${idColumn})`,
    );
  await problems(
    stage,
    'roster.oneroster.notStaff',
    'enrollments.csv',
    at.userId,
    `select e.line, ${valueParams('e.user_id')} from or_enrollments e
     join or_users u on u.sourced_id = e.user_id where e.role = 'teacher' and u.kept = 1
       and u.role not in ${TEACHING}`,
  );
  await problems(
    stage,
    'roster.oneroster.noHomeroom',
    'users.csv',
    undefined,
    `select u.line, ${valueParams('u.sourced_id')} from or_users u
     join or_homeroom h on h.user_id = u.sourced_id where h.class_id is null`,
  );

  await raw.run(`insert into roster_staff (line, file, school_key, email, name)
      select u.line, 'users.csv', us.school_key, u.email,
        trim(u.given_name || ' ' || coalesce(nullif(u.middle_name, '') || ' ', '') || u.family_name)
      from or_users u join or_user_school us on us.sourced_id = u.sourced_id
      where u.role in ${TEACHING} and us.school_key is not null`);
  await raw.run(`insert into roster_staff_roles (line, email, role, team)
      select u.line, u.email, case u.role when 'teacher' then 'docent' else 'beheerder' end, null
      from or_users u join roster_staff r on r.email = u.email where u.role in ${TEACHING}
      union
      select u.line, u.email, 'mentor', null from or_users u join roster_staff r on r.email = u.email
      where u.role in ${TEACHING} and exists (select 1 from or_enrollments e
        join or_classes c on c.sourced_id = e.class_id
        where e.user_id = u.sourced_id and e.role = 'teacher' and c.kept = 1 and c.class_type = 'homeroom'
          and c.leerjaar is not null)`);
  await raw.run(`insert into roster_groups (line, file, school_key, name, leerjaar, onderwijssoort, team)
      select c.line, 'classes.csv', c.school_id, c.title, c.leerjaar, c.onderwijssoort, null from or_classes c
      where c.kept = 1 and c.class_type = 'homeroom' and c.leerjaar is not null
        and c.school_id in (select key from roster_schools)`);
  await raw.run(`insert into roster_group_links (line, file, position, col, school_key, group_name, email, kind, subject)
      select e.line, 'enrollments.csv', -1, null, c.school_id, c.title, u.email, 'mentor', null
      from or_enrollments e join or_classes c on c.sourced_id = e.class_id
      join or_users u on u.sourced_id = e.user_id join roster_staff rs on rs.email = u.email
      where e.role = 'teacher' and c.kept = 1 and c.class_type = 'homeroom' and c.leerjaar is not null
      union
      select e.line, 'enrollments.csv', -1, null, h.school_id, h.title, u.email, 'teacher', c.subject
      from or_enrollments e join or_classes c on c.sourced_id = e.class_id
      join or_users u on u.sourced_id = e.user_id join roster_staff rs on rs.email = u.email
      join or_enrollments se on se.class_id = c.sourced_id and se.role = 'student'
      join or_homeroom hr on hr.user_id = se.user_id
      join or_classes h on h.sourced_id = hr.class_id
      where e.role = 'teacher' and c.kept = 1 and c.class_type <> 'homeroom' and c.subject is not null
        and h.kept = 1 and h.leerjaar is not null`);
  await raw.run(`insert into roster_students (line, file, school_key, email, first_name, prefix, last_name, preferred_name,
        group_name, onderwijssoort, leerjaar, mentor)
      select u.line, 'users.csv', c.school_id, u.email, u.given_name, nullif(u.middle_name, ''), u.family_name, null,
        c.title, c.onderwijssoort, c.leerjaar,
        (select t.email from or_enrollments te join or_users t on t.sourced_id = te.user_id
          join roster_staff rs on rs.email = t.email
          where te.class_id = c.sourced_id and te.role = 'teacher'
          order by te.is_primary desc, te.id limit 1)
      from or_users u join or_homeroom h on h.user_id = u.sourced_id
      join or_classes c on c.sourced_id = h.class_id
      where c.kept = 1 and c.leerjaar is not null and c.school_id in (select key from roster_schools)`);
  await raw.run('drop table or_user_school');
  await raw.run('drop table or_homeroom');
  const [skipped] = await raw.all(
    "select count(*) as n from or_classes where kept = 1 and class_type <> 'homeroom' and subject is null",
  );
  return { skippedClasses: Number(skipped?.n ?? 0) };
}
