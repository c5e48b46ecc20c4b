import fc from 'fast-check';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultPromptSchedule } from '../src/domain/prompt-calendar.ts';
import { promptExpiresAt, reminderDueAt } from '../src/domain/prompt-due.ts';
import { UserError } from '../src/i18n/user-error.ts';
import { Random } from '../src/seed/random.ts';
import { scaleSchools } from '../src/seed/scale-schools.ts';
import { DEMO_STUDENT_COUNT, MAX_STUDENTS, MIN_WEEKS, parseSeedNow, seedDemo } from '../src/seed/seed.ts';
import { closeStore, openStore } from '../src/store/database.ts';
import { joinedValues } from '../src/store/dialect-sql.ts';
import { migrateStore } from '../src/store/migrations.ts';
import type { SqliteStore, SqlValue, Store } from '../src/store/store.ts';
import { freshDemo, freshDemoStore, freshMigratedStore } from './support/demo.ts';
import { dumpTables, query } from './support/dump.ts';
import { arrangeIn, dumpStore, rows } from './support/store-sql.ts';

const NOW = parseSeedNow('2026-11-23') as DateTime;

/** A store of this run's dialect (`testDialect`), and on SQLite its file. */
type Seeded = { store: Store; file?: string };

async function seeded(now: DateTime = NOW, options: { students?: number; weeks?: number } = {}) {
  const empty = await freshMigratedStore();
  await seedDemo(empty.store, { now, ...options });
  return empty;
}

/** Every table: on SQLite the file's schema and rows in rowid order, on PostgreSQL `dumpStore`. */
const dump = ({ store, file }: Seeded) => (file ? dumpTables(file) : dumpStore(store));

/** Plain SQL on a seeded store. */
const sqlIn = <T = Record<string, unknown>>(seededStore: Seeded, text: string, ...params: SqlValue[]) =>
  rows<T>(seededStore.store, text, params);

const byEmail = (local: string) => `${local}@leerling.koersmeer.example`;

describe('the demo school', () => {
  // The demo school of this run (`koers db seed --demo --now 2026-11-23`: seedDemo at NOW), copied
  // per test on this run's dialect.
  let store: Store;
  beforeEach(async () => {
    store = await freshDemoStore();
  });
  const sql = <T = Record<string, unknown>>(text: string, ...params: SqlValue[]) =>
    rows<T>(store, text, params);

  it('is Koersmeer College in region midden, with groups of about 25', async () => {
    expect(await sql('select name, region, time_zone, prompt_weekday, prompt_time from schools')).toEqual([
      {
        name: 'Koersmeer College',
        region: 'midden',
        time_zone: 'Europe/Amsterdam',
        prompt_weekday: 5,
        prompt_time: '13:00',
      },
    ]);
    expect(
      await sql(
        'select g.name, g.onderwijssoort, g.leerjaar, count(s.id) n from groups g join students s on s.group_id = g.id group by g.id order by g.name',
      ),
    ).toEqual([
      { name: '3H', onderwijssoort: 'havo', leerjaar: 3, n: 25 },
      { name: '3T', onderwijssoort: 'vmbo-tl', leerjaar: 3, n: 25 },
      { name: '4V', onderwijssoort: 'vwo', leerjaar: 4, n: 25 },
    ]);
  });

  it('has the staff of PRODUCT.md with their roles and groups', async () => {
    const roles = await sql<{ email: string; roles: string }>(
      `select st.email, ${joinedValues(store.dialect, 'r.role')} roles from staff st join staff_roles r on r.staff_id = st.id group by st.id`,
    );
    const rolesOf = (email: string) =>
      roles
        .find((r) => r.email === email)
        ?.roles.split(',')
        .sort();
    expect(rolesOf('m.jansen@koersmeer.example')).toContain('mentor');
    expect(rolesOf('z.bos@koersmeer.example')).toEqual(['zorgcoordinator']);
    expect(rolesOf('t.smit@koersmeer.example')).toEqual(['teamleider']);
    expect(rolesOf('beheer@koersmeer.example')).toEqual(['beheerder']);
    expect(
      await sql(
        'select g.name, st.email from group_mentors m join groups g on g.id = m.group_id join staff st on st.id = m.staff_id order by g.name',
      ),
    ).toEqual([
      { name: '3H', email: 'm.jansen@koersmeer.example' },
      { name: '3T', email: 'f.yilmaz@koersmeer.example' },
      { name: '4V', email: 'p.devries@koersmeer.example' },
    ]);
    expect(
      await sql(
        "select g.name, t.subject from group_teachers t join groups g on g.id = t.group_id join staff st on st.id = t.staff_id where st.email = 'p.devries@koersmeer.example' order by g.name",
      ),
    ).toContainEqual({ name: '3H', subject: 'frans' });
    expect(
      await sql(
        "select t.name team from staff_roles r join teams t on t.id = r.team_id join staff st on st.id = r.staff_id where r.role = 'teamleider'",
      ),
    ).toEqual([{ team: 'Bovenbouw' }]);
    expect(
      await sql(
        "select g.name from groups g join teams t on t.id = g.team_id where t.name = 'Bovenbouw' order by g.name",
      ),
    ).toHaveLength(3);
  });

  it('gives Sarina French and Dutch at vwo level, with a 5.2 for French', async () => {
    const rows = await sql(
      'select e.subject, e.level, e.result_grade, s.onderwijssoort, g.name grp from subject_enrolments e join students s on s.id = e.student_id join groups g on g.id = s.group_id where s.email = ? and e.level <> s.onderwijssoort order by e.subject',
      byEmail('sarina.elamrani'),
    );
    expect(rows).toEqual([
      { subject: 'frans', level: 'vwo', result_grade: 5.2, onderwijssoort: 'havo', grp: '3H' },
      {
        subject: 'nederlands',
        level: 'vwo',
        result_grade: expect.any(Number),
        onderwijssoort: 'havo',
        grp: '3H',
      },
    ]);
  });

  it('gives Daan wellbeing 4,4,3,3,2,2 and then two prompted weeks without a reflection', async () => {
    const weeks = await sql<{ iso_week: string; welbevinden: number | null }>(
      'select p.iso_week, r.welbevinden from prompts p join students s on s.id = p.student_id left join reflections r on r.student_id = p.student_id and r.iso_week = p.iso_week where s.email = ? order by p.iso_week',
      byEmail('daan.visser'),
    );
    const answered = weeks.filter((w) => w.welbevinden !== null);
    expect(answered.slice(-6).map((w) => w.welbevinden)).toEqual([4, 4, 3, 3, 2, 2]);
    expect(weeks.slice(-2)).toEqual([
      { iso_week: '2026-W46', welbevinden: null },
      { iso_week: '2026-W47', welbevinden: null },
    ]);
    // The autumn holiday (week 43) was not a prompted week.
    expect(weeks.map((w) => w.iso_week)).not.toContain('2026-W43');
  });

  it("gives Noor four 'te makkelijk' in a row and a verrijken arrangement in a plusklas at level 2", async () => {
    const last = (
      await sql<{ uitdaging: string }>(
        'select r.uitdaging from reflections r join students s on s.id = r.student_id where s.email = ? order by r.iso_week desc limit 5',
        byEmail('noor.hendriks'),
      )
    ).map((r) => r.uitdaging);
    expect(last.slice(0, 4)).toEqual(['te-makkelijk', 'te-makkelijk', 'te-makkelijk', 'te-makkelijk']);
    expect(last[4]).not.toBe('te-makkelijk');
    expect(
      await sql(
        'select a.strategy, a.form, a.support_level, a.status from arrangements a join students s on s.id = a.student_id where s.email = ?',
        byEmail('noor.hendriks'),
      ),
    ).toEqual([{ strategy: 'verrijken', form: 'plusklas', support_level: 2, status: 'lopend' }]);
  });

  it('gives Milan an intensiveren arrangement with an OPP whose evaluation is three weeks overdue', async () => {
    const [arrangement] = await sql<{
      id: number;
      strategy: string;
      form: string;
      next_evaluation_date: string;
      status: string;
    }>(
      'select a.id, a.strategy, a.form, a.next_evaluation_date, a.status from arrangements a join students s on s.id = a.student_id where s.email = ?',
      byEmail('milan.peters'),
    );
    expect(arrangement).toMatchObject({
      strategy: 'intensiveren',
      form: 'extra-ondersteuning-opp',
      status: 'lopend',
    });
    expect(arrangement?.next_evaluation_date).toBe(NOW.minus({ weeks: 3 }).toISODate());
    expect(
      await sql(
        'select count(*) n from arrangement_evaluations where arrangement_id = ? and date >= ?',
        arrangement?.id ?? null,
        arrangement?.next_evaluation_date ?? null,
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('gives Yara a talk request in her last reflection, and nobody else one', async () => {
    expect(
      await sql(
        'select s.email, r.iso_week from reflections r join students s on s.id = r.student_id where r.wants_talk = true',
      ),
    ).toEqual([{ email: byEmail('yara.wijaya'), iso_week: '2026-W47' }]);
  });

  it('gives Kelly Dutch at havo level and a part B with a work placement', async () => {
    expect(
      await sql(
        "select e.level from subject_enrolments e join students s on s.id = e.student_id where s.email = ? and e.subject = 'nederlands'",
        byEmail('kelly.mulder'),
      ),
    ).toEqual([{ level: 'havo' }]);
    expect(
      await sql(
        "select a.kind, count(c.competence) competences from activities a join students s on s.id = a.student_id join activity_competences c on c.activity_id = a.id where s.email = ? and a.kind = 'stage' group by a.id",
        byEmail('kelly.mulder'),
      ),
    ).toEqual([{ kind: 'stage', competences: 2 }]);
  });

  it('gives Lucas maths B finished a year early, with a versnellen arrangement', async () => {
    expect(
      await sql(
        "select e.level, e.status, e.result_grade, e.moment from subject_enrolments e join students s on s.id = e.student_id where s.email = ? and e.subject = 'wiskunde-b'",
        byEmail('lucas.bakker'),
      ),
    ).toEqual([{ level: 'vwo', status: 'afgerond', result_grade: 7.8, moment: '2026-06' }]);
    expect(
      await sql(
        'select a.strategy from arrangements a join students s on s.id = a.student_id where s.email = ?',
        byEmail('lucas.bakker'),
      ),
    ).toEqual([{ strategy: 'versnellen' }]);
  });

  it('links every demo person to the local playground', async () => {
    const [counts] = await sql<{ people: number; linked: number }>(
      "select (select count(*) from staff) + (select count(*) from students) people, (select count(*) from platform_identities where platform = 'local') linked",
    );
    expect(counts?.linked).toBe(counts?.people);
  });

  it('ships the 2026-2027 holidays and never prompts in them', async () => {
    expect(
      await sql(
        "select start_date, end_date from school_holidays where name = 'Kerstvakantie' and start_date like '2026-%'",
      ),
    ).toEqual([{ start_date: '2026-12-19', end_date: '2027-01-03' }]);
    const winter = await seeded(parseSeedNow('2027-01-06') as DateTime);
    const weeks = (
      await sqlIn<{ iso_week: string }>(winter, 'select distinct iso_week from prompts order by iso_week')
    ).map((r) => r.iso_week);
    expect(weeks).not.toContain('2026-W52');
    expect(weeks).not.toContain('2026-W53');
    expect(weeks.at(-1)).toBe('2026-W51');
  });

  // SQLite's own checks of its file, on the same demo school; PostgreSQL checks every foreign key
  // as the rows are written.
  it('holds only what the constraints allow', async () => {
    const { file } = await freshDemo();
    expect(query(file, 'pragma foreign_key_check')).toEqual([]);
    expect(query(file, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});

describe('seeding', () => {
  it('gives byte-identical tables for the same --now', async () => {
    expect(await dump(await seeded())).toBe(await dump(await seeded()));
  });

  it('moves the stories with --now', async () => {
    const later = await seeded(parseSeedNow('2026-12-07') as DateTime);
    expect(
      await sqlIn(
        later,
        'select r.iso_week from reflections r join students s on s.id = r.student_id where r.wants_talk = true',
      ),
    ).toEqual([{ iso_week: '2026-W49' }]);
  });

  it('refuses a database that already holds a school, and leaves it as it was', async () => {
    const school = await seeded();
    const before = await dump(school);
    await expect(seedDemo(school.store, { now: NOW })).rejects.toThrow(UserError);
    expect(await dump(school)).toBe(before);
  });

  it('leaves the database unchanged when it fails halfway', async () => {
    const empty = await freshMigratedStore();
    const { store } = empty;
    // A real failure deep inside the load: the 500th reflection is refused by the database itself.
    if (store.dialect === 'sqlite') {
      await arrangeIn(
        store,
        "create trigger fail_midway before insert on reflections when new.id = 500 begin select raise(abort, 'disk full'); end",
      );
    } else {
      await arrangeIn(
        store,
        `create function fail_midway() returns trigger language plpgsql as $$
         begin if new.id = 500 then raise exception 'disk full'; end if; return new; end $$`,
      );
      await arrangeIn(
        store,
        'create trigger fail_midway before insert on reflections for each row execute function fail_midway()',
      );
    }
    const before = await dump(empty);
    await expect(seedDemo(store, { now: NOW })).rejects.toThrow(/disk full/);
    // SQLite loads with its foreign keys off (`inCheckedTransaction`), and must turn them on again.
    if (store.dialect === 'sqlite')
      expect((store as SqliteStore).$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(await dump(empty)).toBe(before);
  });

  it('adds the schools of a board when asked for more students', async () => {
    const board = await seeded(NOW, { students: 600, weeks: 8 });
    expect(await sqlIn(board, 'select count(*) n from students')).toEqual([{ n: 600 }]);
    expect(await sqlIn(board, 'select count(*) n from schools')).toEqual([{ n: 2 }]);
    expect(await sqlIn(board, 'select count(distinct iso_week) n from prompts')).toEqual([{ n: 8 }]);
    // PostgreSQL checks every foreign key as the rows are written; SQLite loads with them off.
    if (board.file) expect(query(board.file, 'pragma foreign_key_check')).toEqual([]);
  });

  /** Seeds in memory and counts the students, so that many counts stay fast. */
  async function studentsSeeded(students: number): Promise<number> {
    const store = openStore(':memory:', { create: true });
    try {
      migrateStore(store);
      await seedDemo(store, { now: NOW, students, weeks: MIN_WEEKS });
      return (store.$client.prepare('select count(*) n from students').get() as { n: number }).n;
    } finally {
      await closeStore(store);
    }
  }

  // A last school of a board with fewer than six groups (a remainder of 1 to 125 students) once
  // made its mentors teach one group the same subject twice.
  it.each([DEMO_STUDENT_COUNT + 1, 100, 150, 200, 2_576])('seeds exactly %i students', async (students) => {
    expect(await studentsSeeded(students)).toBe(students);
  });

  it('seeds exactly the students asked for, for counts across the range', async () => {
    // Few samples: a seed takes a quarter of a second per hundred students. The plan below is
    // checked for every count.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: DEMO_STUDENT_COUNT, max: DEMO_STUDENT_COUNT + 400 }),
          fc.integer({ min: DEMO_STUDENT_COUNT + 2_500, max: DEMO_STUDENT_COUNT + 2_700 }),
        ),
        async (students) => (await studentsSeeded(students)) === students,
      ),
      { numRuns: 3 },
    );
  });

  it('plans the other schools of a board for any count: that many students, no lesson twice', () => {
    const problems = (students: number): string[] => {
      const schools = scaleSchools(new Random(1), students, () => []);
      const found: string[] = [];
      const total = schools.reduce((sum, school) => sum + school.studentCount, 0);
      if (total !== students) found.push(`${total} students planned`);
      if (new Set(schools.map((school) => school.name)).size !== schools.length)
        found.push('a school name twice');
      for (const school of schools) {
        if (school.studentCount < 1) found.push(`${school.name} without students`);
        const groups = new Set(school.groups.map((group) => group.name));
        if (groups.size !== school.groups.length) found.push(`${school.name}: a group name twice`);
        if (new Set(school.staff.map((person) => person.email)).size !== school.staff.length)
          found.push(`${school.name}: an email twice`);
        const lessons = new Set<string>();
        for (const person of school.staff)
          for (const lesson of person.teaches ?? []) {
            const key = `${person.email} ${lesson.group} ${lesson.subject}`;
            if (lessons.has(key)) found.push(`${school.name}: ${key} twice`);
            if (!groups.has(lesson.group)) found.push(`${school.name}: ${lesson.group} unknown`);
            lessons.add(key);
          }
      }
      return found;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 3 * 2_500 }),
          fc.integer({ min: 0, max: MAX_STUDENTS - DEMO_STUDENT_COUNT }),
        ),
        (students) => {
          expect(problems(students)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects options outside their range', async () => {
    const empty = await freshMigratedStore();
    await expect(seedDemo(empty.store, { now: NOW, weeks: 3 })).rejects.toThrow();
    await expect(seedDemo(empty.store, { now: NOW, students: 10 })).rejects.toThrow();
    expect(await sqlIn(empty, 'select count(*) n from schools')).toEqual([{ n: 0 }]);
  });
});

describe('--now', () => {
  it('reads a date as the start of that day in Amsterdam, and a date-time as that instant', () => {
    expect(parseSeedNow('2026-11-23')?.toISO()).toBe('2026-11-23T00:00:00.000+01:00');
    expect(parseSeedNow('2026-11-27T13:00+01:00')?.toUTC().toISO()).toBe('2026-11-27T12:00:00.000Z');
    expect(parseSeedNow('2026-11-27T12:30:00Z')?.toUTC().toISO()).toBe('2026-11-27T12:30:00.000Z');
  });

  it('reads a date-time without an offset in Amsterdam, whatever the machine zone', () => {
    expect(parseSeedNow('2026-11-27T12:30')?.toISO()).toBe('2026-11-27T12:30:00.000+01:00');
    expect(parseSeedNow('2026-07-03T12:30')?.toISO()).toBe('2026-07-03T12:30:00.000+02:00');
  });

  it.each([
    '23-11-2026',
    '2026-02-30',
    '2026-W48-1',
    '2026-327',
    '0002-01-01',
    '+012026-11-23',
    '9999-12-25',
    '',
  ])('refuses %j', (text) => {
    expect(parseSeedNow(text)).toBeUndefined();
  });
});

describe('a seed right after a prompt', () => {
  const now = parseSeedNow('2026-11-27T13:30+01:00') as DateTime;
  let school: Seeded;
  beforeEach(async () => {
    school = await seeded(now);
  });
  const nowIso = now.toUTC().toISO() ?? '';

  it('writes nothing that happens after now', async () => {
    expect(await sqlIn(school, 'select count(*) n from prompts where reminded_at > ?', nowIso)).toEqual([
      { n: 0 },
    ]);
    expect(await sqlIn(school, 'select count(*) n from reflections where submitted_at > ?', nowIso)).toEqual([
      { n: 0 },
    ]);
    expect(await sqlIn(school, 'select count(*) n from prompts where prompted_at > ?', nowIso)).toEqual([
      { n: 0 },
    ]);
  });

  it('still tells the stories: Yara asked to talk, and Daan left the last two prompts unanswered', async () => {
    expect(
      await sqlIn(
        school,
        'select s.email, r.iso_week from reflections r join students s on s.id = r.student_id where r.wants_talk = true',
      ),
    ).toEqual([{ email: byEmail('yara.wijaya'), iso_week: '2026-W48' }]);
    expect(
      await sqlIn(
        school,
        'select p.iso_week, r.id reflection from prompts p join students s on s.id = p.student_id left join reflections r on r.student_id = p.student_id and r.iso_week = p.iso_week where s.email = ? order by p.iso_week desc limit 2',
        byEmail('daan.visser'),
      ),
    ).toEqual([
      { iso_week: '2026-W48', reflection: null },
      { iso_week: '2026-W47', reflection: null },
    ]);
  });

  it('leaves the drawn students who answer later without a reflection for this week yet', async () => {
    const [row] = await sqlIn<{ n: number }>(
      school,
      "select count(*) n from reflections where iso_week = '2026-W48'",
    );
    expect(row?.n).toBeLessThan(10);
  });
});

describe('a long history', () => {
  it('writes holidays for every school year it covers and never prompts in them', async () => {
    const history = await seeded(NOW, { weeks: 120 });
    // The instant's UTC date, as SQLite's date() gives it.
    const inHoliday = await sqlIn(
      history,
      'select count(*) n from prompts p join students s on s.id = p.student_id join school_holidays h on h.school_id = s.school_id where substr(p.prompted_at, 1, 10) between h.start_date and h.end_date',
    );
    expect(inHoliday).toEqual([{ n: 0 }]);
    // Every winter the history spans has its Christmas holiday.
    const [span] = await sqlIn<{ first: string; last: string }>(
      history,
      'select min(prompted_at) as "first", max(prompted_at) as "last" from prompts',
    );
    const christmases = await sqlIn<{ start_date: string }>(
      history,
      "select start_date from school_holidays where name = 'Kerstvakantie' and start_date between ? and ?",
      span?.first.slice(0, 10) ?? null,
      span?.last.slice(0, 10) ?? null,
    );
    expect(christmases.length).toBeGreaterThanOrEqual(2);
    for (const { start_date } of christmases) expect(start_date.slice(5)).toMatch(/^12-(1[5-9]|2[0-3])$/);
    expect(
      await sqlIn(
        history,
        'select count(*) n from prompts p join students s on s.id = p.student_id where p.prompted_at < s.created_at',
      ),
    ).toEqual([{ n: 0 }]);
  });
});

describe('prompt timings', () => {
  it('expires and reminds every prompt as the jobs do (src/domain/prompt-due.ts), in summer and in winter time', async () => {
    const school = await seeded(NOW, { weeks: 60 });
    const prompts = await sqlIn<{ prompted_at: string; expires_at: string; reminded_at: string | null }>(
      school,
      'select prompted_at, expires_at, reminded_at from prompts',
    );
    const instant = (moment: DateTime) => moment.toUTC().toISO();
    for (const prompt of prompts) {
      const moment = DateTime.fromISO(prompt.prompted_at, { zone: defaultPromptSchedule.timeZone });
      expect(prompt.expires_at).toBe(instant(promptExpiresAt(moment)));
      if (prompt.reminded_at !== null) expect(prompt.reminded_at).toBe(instant(reminderDueAt(moment)));
    }
    // Sent on a Friday at 13:00 in Amsterdam, the prompt expires on Thursday at 13:00 there, whatever the clocks did.
    const local = new Set(
      prompts.map((p) =>
        DateTime.fromISO(p.expires_at, { zone: defaultPromptSchedule.timeZone }).toFormat('c HH:mm'),
      ),
    );
    expect([...local]).toEqual(['4 13:00']);
  });
});
