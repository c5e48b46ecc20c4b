/**
 * What the signal rules read about one student (src/domain/signals/student-facts.ts), loaded
 * with a few indexed queries. The same loader serves the re-evaluation after a change (one
 * student, inside that change's transaction) and the daily sweep (every student), so both see
 * the same facts.
 *
 * No reflection text is ever selected: the rules cannot leak what they never get.
 */
import { DateTime } from 'luxon';
import type { Holiday } from '../domain/prompt-calendar.ts';
import type { FactsNeeded } from '../domain/signals/rules.ts';
import type {
  ArrangementFacts,
  ConversationFacts,
  EnrolmentFacts,
  GoalFacts,
  ReflectionFacts,
  SignalCalendar,
  StudentFacts,
} from '../domain/signals/student-facts.ts';
import { idempotencyKey } from '../outbox/payload.ts';
import { idsParam, idsTable, joinedValues } from './dialect-sql.ts';
import { DEAD } from './outbox.ts';
import { rawBoolean } from './raw-values.ts';
import { holidaysOf } from './schools.ts';
import type { Dialect, Store } from './store.ts';

/**
 * The latest prompts read: more than any run of missed weeks a threshold can ask for (at most 20),
 * so a longer silence is reported as at least this long.
 */
const PROMPTS_READ = 26;

export type SignalSubject = {
  studentId: number;
  schoolId: number;
  teamId: number | null;
  timeZone: string;
  facts: StudentFacts;
  calendar: SignalCalendar;
};

type StudentRow = {
  id: number;
  schoolId: number;
  teamId: number | null;
  timeZone: string;
  onderwijssoort: StudentFacts['onderwijssoort'];
  createdAt: string;
};

/** A reflection's answers as the rules read them; a talk request dates from when it was first made. */
const reflectionColumns = `r.student_id as "studentId", r.iso_week as "isoWeek",
  coalesce(r.talk_requested_at, r.submitted_at) as "submittedAt", r.welbevinden, r.motivatie, r.grip,
  r.uitdaging, r.wants_talk as "wantsTalk"`;

/**
 * The queries' text, the same for every call of a dialect, whatever the number of students
 * (`idsTable`): SQLite prepares each text once. Each query reads a whole batch of students, so a
 * sweep costs a few queries per batch, not a few per student (on PostgreSQL every query is a
 * round trip). Rows come per student in the order evidence lists them (a different order is
 * different evidence).
 *
 * "The latest n" of a student is every row from the n-th latest week on (weeks are unique per
 * student): one indexed look-up per student, on both dialects.
 */
const queryTexts = (dialect: Dialect) => {
  const ids = idsTable(dialect);
  const latest = (table: string) =>
    `coalesce((select q.iso_week from ${table} q where q.student_id = i.id
      order by q.iso_week desc limit 1 offset ?), '')`;
  return {
    students: `select s.id, s.school_id as "schoolId", g.team_id as "teamId", sc.time_zone as "timeZone",
        s.onderwijssoort, s.created_at as "createdAt"
      from ${ids} i join students s on s.id = i.id join schools sc on sc.id = s.school_id
      left join groups g on g.id = s.group_id
      where s.left_on is null`,
    allStudents: `select s.id, c.student_id is not null as checked from students s
      left join signal_checks c on c.student_id = s.id where s.school_id = ? and s.left_on is null
      order by s.id`,
    // SQLite reads `insert … select … on conflict` only with a where clause in the select.
    check: `insert into signal_checks (student_id, checked_at) select i.id, ? from ${ids} i where true
      on conflict (student_id) do update set checked_at = excluded.checked_at`,
    reflections: `select ${reflectionColumns} from ${ids} i
      join reflections r on r.student_id = i.id and r.iso_week >= ${latest('reflections')}
      order by r.student_id, r.iso_week desc`,
    lastTalkRequest: `select ${reflectionColumns} from ${ids} i
      join reflections r on r.student_id = i.id and r.iso_week =
        (select max(q.iso_week) from reflections q where q.student_id = i.id and q.wants_talk = true)`,
    goals: `select g.student_id as "studentId", g.id, g.status, g.target_date as "targetDate"
      from ${ids} i join goals g on g.student_id = i.id order by g.student_id, g.status, g.id`,
    arrangements: `select a.student_id as "studentId", a.id, a.status, a.next_evaluation_date as "nextEvaluationDate",
        (select ${joinedValues(dialect, 'e.date')} from arrangement_evaluations e where e.arrangement_id = a.id) as dates
      from ${ids} i join arrangements a on a.student_id = i.id order by a.student_id, a.id`,
    enrolments: `select e.student_id as "studentId", e.subject, e.level, e.result_grade as "resultGrade",
        e.result_word as "resultWord", e.status
      from ${ids} i join subject_enrolments e on e.student_id = i.id order by e.student_id, e.subject, e.level`,
    conversations: `select c.student_id as "studentId", c.kind, c.date
      from ${ids} i join conversations c on c.student_id = i.id order by c.student_id, c.date, c.id`,
    prompts: `select p.student_id as "studentId", p.iso_week as "isoWeek" from ${ids} i
      join prompts p on p.student_id = i.id and p.iso_week >= ${latest('prompts')}
      order by p.student_id, p.iso_week desc`,
    // A prompt whose message went dead never reached the student: that week cannot be missed.
    deadPrompts: `select o.student_id as "studentId", o.idempotency_key as key
      from ${ids} i join outbox o on o.student_id = i.id
      where o.status = '${DEAD}' and o.idempotency_key like 'prompt:%'`,
  };
};

const texts = { sqlite: queryTexts('sqlite'), postgres: queryTexts('postgres') };

type ReflectionRow = Omit<ReflectionFacts, 'submittedOn' | 'wantsTalk'> & {
  studentId: number;
  submittedAt: string;
  /** 1/0 from SQLite, a boolean from PostgreSQL (`rawBoolean`). */
  wantsTalk: unknown;
};

/**
 * The school's date of an instant. Luxon takes tens of microseconds per conversion and a sweep
 * converts hundreds of thousands, so a zone's offset is looked up once per UTC hour (offsets
 * change only on whole UTC hours) and the date is then plain arithmetic. The offsets are facts
 * of the time-zone database, kept for the life of the process (a bounded number of them).
 */
const offsets = new Map<string, number>();
const OFFSETS_KEPT = 50_000;

function localDay(instant: string, zone: string): string {
  const key = `${zone}|${instant.slice(0, 13)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offset = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).offset;
    offsets.set(key, offset);
  }
  const local = Date.parse(instant) + offset * 60_000;
  return Number.isNaN(local) ? instant.slice(0, 10) : new Date(local).toISOString().slice(0, 10);
}

/** Rows of a batch query, per student, in the query's order. */
function perStudent<T extends { studentId: number }>(rows: readonly T[]): Map<number, T[]> {
  const by = new Map<number, T[]>();
  for (const row of rows) {
    const list = by.get(row.studentId);
    if (list) list.push(row);
    else by.set(row.studentId, [row]);
  }
  return by;
}

/** What the rules about to run read, from the student's school and team (src/domain/signals/rules.ts `factsNeeded`). */
export type NeedsOf = (
  schoolId: number,
  teamId: number | null,
  studentId: number,
) => FactsNeeded | Promise<FactsNeeded>;

/**
 * Loads students' facts, caching each school's holidays for the loader's lifetime: create one
 * per transaction or sweep, not one for the life of the process (holidays get imported).
 *
 * `load(id, needs)` loads one student; `load.many(ids, needs)` a batch, a few queries for all of
 * them. A daily sweep of the rules time changes needs far less than a change does, and a sweep
 * reads this for every student: what is not needed is not read. Each student's facts are what
 * they would be if loaded alone.
 */
export function signalFactsLoader(store: Store) {
  const queries = texts[store.dialect];
  const holidays = new Map<number, readonly Holiday[]>();
  const holidaysFor = async (schoolId: number) => {
    let known = holidays.get(schoolId);
    if (!known) {
      known = await holidaysOf(store, schoolId);
      holidays.set(schoolId, known);
    }
    return known;
  };

  async function many(studentIds: readonly number[], needs: NeedsOf): Promise<Map<number, SignalSubject>> {
    const subjects = new Map<number, SignalSubject>();
    if (studentIds.length === 0) return subjects;
    const ids = idsParam(store.dialect, studentIds);
    const found = new Map(
      ((await store.raw.all(queries.students, [ids])) as StudentRow[]).map((row) => [row.id, row]),
    );
    const present = studentIds.filter((id) => found.has(id));
    if (present.length === 0) return subjects;
    const needed = new Map<number, FactsNeeded>();
    for (const id of present) {
      const student = found.get(id) as StudentRow;
      needed.set(id, await needs(student.schoolId, student.teamId, id));
    }
    const wanted = [...needed.values()];
    const mostReflections = Math.max(...wanted.map((n) => n.reflections));
    const byStudent = async <T extends { studentId: number }>(
      text: string,
      asked: boolean,
      extra: readonly (string | number)[] = [],
    ): Promise<Map<number, T[]>> =>
      asked ? perStudent((await store.raw.all(text, [ids, ...extra])) as unknown as T[]) : new Map();
    // One after another: inside a transaction the queries share one connection anyway.
    const reflections = await byStudent<ReflectionRow>(queries.reflections, mostReflections > 0, [
      mostReflections - 1,
    ]);
    const talks = await byStudent<ReflectionRow>(
      queries.lastTalkRequest,
      wanted.some((n) => n.talkRequest),
    );
    const arrangements = await byStudent<
      Omit<ArrangementFacts, 'evaluationDates'> & { studentId: number; dates: string | null }
    >(queries.arrangements, true);
    const dead = await byStudent<{ studentId: number; key: string }>(queries.deadPrompts, true);
    const prompts = await byStudent<{ studentId: number; isoWeek: string }>(queries.prompts, true, [
      PROMPTS_READ - 1,
    ]);
    const goals = await byStudent<GoalFacts & { studentId: number }>(queries.goals, true);
    const enrolments = await byStudent<EnrolmentFacts & { studentId: number }>(
      queries.enrolments,
      wanted.some((n) => n.enrolments),
    );
    const conversations = await byStudent<ConversationFacts & { studentId: number }>(
      queries.conversations,
      wanted.some((n) => n.conversations),
    );

    for (const studentId of present) {
      const student = found.get(studentId) as StudentRow;
      const need = needed.get(studentId) as FactsNeeded;
      const zone = student.timeZone;
      const toFacts = (row: ReflectionRow): ReflectionFacts => ({
        isoWeek: row.isoWeek,
        submittedOn: localDay(row.submittedAt, zone),
        welbevinden: row.welbevinden,
        motivatie: row.motivatie,
        grip: row.grip,
        uitdaging: row.uitdaging,
        wantsTalk: rawBoolean(row.wantsTalk),
      });
      const recent = (reflections.get(studentId) ?? []).slice(0, need.reflections).map(toFacts).reverse();
      const [talk] = need.talkRequest ? (talks.get(studentId) ?? []) : [];
      const deadKeys = new Set((dead.get(studentId) ?? []).map((row) => row.key));
      subjects.set(studentId, {
        studentId,
        schoolId: student.schoolId,
        teamId: student.teamId,
        timeZone: zone,
        facts: {
          onderwijssoort: student.onderwijssoort,
          knownSince: localDay(student.createdAt, zone),
          reflections:
            talk && !recent.some((r) => r.isoWeek === talk.isoWeek) ? [toFacts(talk), ...recent] : recent,
          goals: (goals.get(studentId) ?? []).map(({ id, status, targetDate }) => ({
            id,
            status,
            targetDate,
          })),
          arrangements: (arrangements.get(studentId) ?? []).map(
            ({ id, status, nextEvaluationDate, dates }) => ({
              id,
              status,
              nextEvaluationDate,
              evaluationDates: dates ? dates.split(',') : [],
            }),
          ),
          enrolments: need.enrolments
            ? (enrolments.get(studentId) ?? []).map(({ studentId: _, ...enrolment }) => enrolment)
            : [],
          conversations: need.conversations
            ? (conversations.get(studentId) ?? []).map(({ kind, date }) => ({ kind, date }))
            : [],
        },
        calendar: {
          prompts: (prompts.get(studentId) ?? [])
            .map((row) => row.isoWeek)
            .filter(
              (isoWeek) =>
                deadKeys.size === 0 || !deadKeys.has(idempotencyKey({ kind: 'prompt', studentId, isoWeek })),
            )
            .reverse()
            .map((isoWeek) => ({ isoWeek })),
          holidays: await holidaysFor(student.schoolId),
        },
      });
    }
    return subjects;
  }

  /** One student's facts; undefined for one who left or is not there. */
  async function load(
    studentId: number,
    needs: (schoolId: number, teamId: number | null) => FactsNeeded | Promise<FactsNeeded>,
  ): Promise<SignalSubject | undefined> {
    return (await many([studentId], needs)).get(studentId);
  }
  return Object.assign(load, { many });
}

/** Every student at a school (not those who left), for the sweep, and whether every rule has run for them before. */
export async function studentsToSweep(
  store: Store,
  schoolId: number,
): Promise<{ id: number; checked: boolean }[]> {
  const rows = (await store.raw.all(texts[store.dialect].allStudents, [schoolId])) as {
    id: number;
    checked: unknown;
  }[];
  return rows.map((row) => ({ id: row.id, checked: rawBoolean(row.checked) }));
}

/** Every rule has now run for these students (see `signal_checks` in db/schema.ts). */
export async function markEveryRuleChecked(
  store: Store,
  studentIds: readonly number[],
  at: string,
): Promise<void> {
  if (studentIds.length === 0) return;
  await store.raw.run(texts[store.dialect].check, [at, idsParam(store.dialect, studentIds)]);
}
