/**
 * What the signal rules read about one student (src/domain/signals/student-facts.ts), loaded
 * with a few indexed queries. The same loader serves the re-evaluation after a change (one
 * student, inside that change's transaction) and the daily sweep (every student), so both see
 * the same facts.
 *
 * No reflection text is ever selected: the rules cannot leak what they never get.
 */
import { DateTime } from 'luxon';
import type { GoalStatus } from '../domain/goal.ts';
import type { Holiday } from '../domain/prompt-calendar.ts';
import type { FactsNeeded } from '../domain/signals/rules.ts';
import type {
  ArrangementFacts,
  ConversationFacts,
  EnrolmentFacts,
  ReflectionFacts,
  SignalCalendar,
  StudentFacts,
} from '../domain/signals/student-facts.ts';
import { idempotencyKey } from '../outbox/payload.ts';
import { joinedValues } from './dialect-sql.ts';
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
const reflectionColumns = `iso_week as "isoWeek", coalesce(talk_requested_at, submitted_at) as "submittedAt",
  welbevinden, motivatie, grip, uitdaging, wants_talk as "wantsTalk"`;

/**
 * The queries' text, the same for every call of a dialect: SQLite prepares each text once. The
 * lists are ordered as SQLite's indexes gave them unasked: PostgreSQL's order would vary, and
 * evidence lists them in that order (a different order is different evidence).
 */
const queryTexts = (dialect: Dialect) => ({
  student: `select s.id, s.school_id as "schoolId", g.team_id as "teamId", sc.time_zone as "timeZone",
      s.onderwijssoort, s.created_at as "createdAt"
    from students s join schools sc on sc.id = s.school_id left join groups g on g.id = s.group_id
    where s.id = ? and s.left_on is null`,
  allStudents: `select s.id, c.student_id is not null as checked from students s
    left join signal_checks c on c.student_id = s.id where s.school_id = ? and s.left_on is null
    order by s.id`,
  check: `insert into signal_checks (student_id, checked_at) values (?, ?)
    on conflict (student_id) do update set checked_at = excluded.checked_at`,
  reflections: `select ${reflectionColumns} from reflections where student_id = ? order by iso_week desc limit ?`,
  lastTalkRequest: `select ${reflectionColumns} from reflections
    where student_id = ? and wants_talk = true order by iso_week desc limit 1`,
  goals: 'select id, status, target_date as "targetDate" from goals where student_id = ? order by status, id',
  arrangements: `select a.id, a.status, a.next_evaluation_date as "nextEvaluationDate",
      (select ${joinedValues(dialect, 'e.date')} from arrangement_evaluations e where e.arrangement_id = a.id) as dates
    from arrangements a where a.student_id = ? order by a.id`,
  enrolments: `select subject, level, result_grade as "resultGrade", result_word as "resultWord", status
    from subject_enrolments where student_id = ? order by subject, level`,
  conversations: 'select kind, date from conversations where student_id = ? order by date, id',
  prompts: `select iso_week from prompts where student_id = ? order by iso_week desc limit ${PROMPTS_READ}`,
  // A prompt whose message went dead never reached the student: that week cannot be missed.
  deadPrompts: `select idempotency_key as key from outbox where student_id = ? and status = 'dead' and idempotency_key like 'prompt:%'`,
});

const texts = { sqlite: queryTexts('sqlite'), postgres: queryTexts('postgres') };

type ReflectionRow = Omit<ReflectionFacts, 'submittedOn' | 'wantsTalk'> & {
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

/**
 * Loads students' facts, caching each school's holidays for the loader's lifetime: create one
 * per transaction or sweep, not one for the life of the process (holidays get imported).
 */
export function signalFactsLoader(store: Store) {
  const queries = texts[store.dialect];
  const holidays = new Map<number, readonly Holiday[]>();
  const day = localDay;
  const holidaysFor = async (schoolId: number) => {
    let known = holidays.get(schoolId);
    if (!known) {
      known = await holidaysOf(store, schoolId);
      holidays.set(schoolId, known);
    }
    return known;
  };

  /**
   * `needs` says, from the student's school and team, what the rules about to run read
   * (src/domain/signals/rules.ts `factsNeeded`): a daily sweep of the rules time changes needs
   * far less than a change does, and a sweep reads this for every student.
   */
  return async function load(
    studentId: number,
    needs: (schoolId: number, teamId: number | null) => FactsNeeded | Promise<FactsNeeded>,
  ): Promise<SignalSubject | undefined> {
    const [student] = (await store.raw.all(queries.student, [studentId])) as StudentRow[];
    if (!student) return undefined;
    const zone = student.timeZone;
    const toFacts = (row: ReflectionRow): ReflectionFacts => ({
      isoWeek: row.isoWeek,
      submittedOn: day(row.submittedAt, zone),
      welbevinden: row.welbevinden,
      motivatie: row.motivatie,
      grip: row.grip,
      uitdaging: row.uitdaging,
      wantsTalk: rawBoolean(row.wantsTalk),
    });
    const needed = await needs(student.schoolId, student.teamId);
    const recent =
      needed.reflections === 0
        ? []
        : ((await store.raw.all(queries.reflections, [studentId, needed.reflections])) as ReflectionRow[])
            .map(toFacts)
            .reverse();
    const [talk] = needed.talkRequest
      ? ((await store.raw.all(queries.lastTalkRequest, [studentId])) as ReflectionRow[])
      : [];
    const reflections =
      talk && !recent.some((r) => r.isoWeek === talk.isoWeek) ? [toFacts(talk), ...recent] : recent;
    const arrangements = (
      (await store.raw.all(queries.arrangements, [studentId])) as (Omit<
        ArrangementFacts,
        'evaluationDates'
      > & {
        dates: string | null;
      })[]
    ).map(({ dates, ...rest }) => ({ ...rest, evaluationDates: dates ? dates.split(',') : [] }));
    const dead = new Set(
      ((await store.raw.all(queries.deadPrompts, [studentId])) as { key: string }[]).map((row) => row.key),
    );
    const prompts = ((await store.raw.all(queries.prompts, [studentId])) as { iso_week: string }[])
      .map((row) => row.iso_week)
      .filter(
        (isoWeek) => dead.size === 0 || !dead.has(idempotencyKey({ kind: 'prompt', studentId, isoWeek })),
      )
      .reverse()
      .map((isoWeek) => ({ isoWeek }));
    const goals = (await store.raw.all(queries.goals, [studentId])) as {
      id: number;
      status: GoalStatus;
      targetDate: string | null;
    }[];
    const enrolments = needed.enrolments
      ? ((await store.raw.all(queries.enrolments, [studentId])) as EnrolmentFacts[])
      : [];
    const conversations = needed.conversations
      ? ((await store.raw.all(queries.conversations, [studentId])) as ConversationFacts[])
      : [];
    return {
      studentId,
      schoolId: student.schoolId,
      teamId: student.teamId,
      timeZone: zone,
      facts: {
        onderwijssoort: student.onderwijssoort,
        knownSince: day(student.createdAt, zone),
        reflections,
        goals,
        arrangements,
        enrolments,
        conversations,
      },
      calendar: { prompts, holidays: await holidaysFor(student.schoolId) },
    };
  };
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

/** Every rule has now run for this student (see `signal_checks` in db/schema.ts). */
export async function markEveryRuleChecked(store: Store, studentId: number, at: string): Promise<void> {
  await store.raw.run(texts[store.dialect].check, [studentId, at]);
}
