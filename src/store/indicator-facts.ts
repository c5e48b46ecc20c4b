/**
 * What a team outcome summary reads (src/domain/indicators/facts.ts) for a school, a team or a
 * group over a period and the period before: a handful of aggregate queries, each grouped by the
 * students' group in SQL, so the whole 20,000-student board arrives as a few thousand small rows.
 * The indicators, distributions and the privacy rule are the domain's; this file only counts.
 *
 * No reflection text is ever selected, and no names: a summary names students only through the
 * command that renders it.
 */

import { DateTime } from 'luxon';
import { RUNNING } from '../domain/arrangement.ts';
import type { subscriptionScopes } from '../domain/enums.ts';
import { ACHIEVED, STOPPED } from '../domain/goal.ts';
import type { ChallengeAnswer, ScoreHistogram } from '../domain/indicators/distribution.ts';
import {
  type ArrangementStanding,
  emptyPeriodFacts,
  emptyTally,
  type GroupFacts,
  type Period,
  type PeriodFacts,
  type SignalKind,
  type Strategy,
  type StrategyTallies,
  type SummaryFacts,
} from '../domain/indicators/facts.ts';
import { MOVEMENT_BEFORE_WEEKS } from '../domain/indicators/movement.ts';
import { previousPeriodOf, weeksOf } from '../domain/indicators/period.ts';
import { RESOLVED } from '../domain/signals/lifecycle.ts';
import { idempotencyKey } from '../outbox/payload.ts';
import { isoWeekOf, joinedValues, shiftedDate } from './dialect-sql.ts';
import { DEAD } from './outbox.ts';
import { rawBoolean } from './raw-values.ts';
import type { Dialect, RawParams, Store } from './store.ts';

export type SummaryScope = { kind: (typeof subscriptionScopes)[number]; id: number };

/** The students of a scope (at school: not those who left) and their group: every query starts here. */
const studentsOf: Record<SummaryScope['kind'], string> = {
  school: 'select s.id, s.group_id as gid from students s where s.school_id = :scopeId and s.left_on is null',
  team: `select s.id, s.group_id as gid from groups g join students s on s.group_id = g.id
    where g.team_id = :scopeId and s.left_on is null`,
  group: 'select s.id, s.group_id as gid from students s where s.group_id = :scopeId and s.left_on is null',
};

const schoolOf: Record<SummaryScope['kind'], string> = {
  school: 'select id as "schoolId", time_zone as "timeZone" from schools where id = ?',
  team: 'select sc.id as "schoolId", sc.time_zone as "timeZone" from teams t join schools sc on sc.id = t.school_id where t.id = ?',
  group:
    'select sc.id as "schoolId", sc.time_zone as "timeZone" from groups g join schools sc on sc.id = g.school_id where g.id = ?',
};

/**
 * Comparisons such as `cur` and `since` are booleans on PostgreSQL and 1/0 on SQLite: read them
 * with `rawBoolean`.
 */
const queryText = (dialect: Dialect, scope: string) => {
  const sc = `with sc as materialized (${scope})`;
  // SQLite's CROSS JOIN keeps its planner walking from the students to their rows; PostgreSQL
  // has no CROSS JOIN with a condition, and plans the join itself.
  const walk = dialect === 'sqlite' ? 'cross join' : 'join';
  return {
    // Grouped by the group's columns too: PostgreSQL asks for every column it selects. Students
    // without a group first, where SQLite puts NULL and PostgreSQL would not.
    groups: `${sc} select sc.gid as "groupId", g.name as "groupName", g.team_id as "teamId", count(*) as students
      from sc left join groups g on g.id = sc.gid group by sc.gid, g.name, g.team_id
      order by g.name nulls first, sc.gid`,
    // Every prompt in the weeks of both periods, and whether that week has a reflection; `cur`:
    // the current period.
    responses: `${sc} select sc.gid as "groupId", p.iso_week >= :first as cur, count(*) as prompted,
        count(r.id) as answered
      from sc ${walk} prompts p on p.student_id = sc.id and p.iso_week between :previousFirst and :last
      left join reflections r on r.student_id = p.student_id and r.iso_week = p.iso_week
      group by sc.gid, cur`,
    // Prompts whose outbox message went dead (the same narrowing as src/store/signal-facts.ts);
    // which of them never reached the student is decided with the outbox's own key below.
    deadPrompts: `${sc} select sc.gid as "groupId", p.iso_week >= :first as cur, p.student_id as "studentId",
        p.iso_week as "isoWeek", r.id is not null as answered, o.idempotency_key as key
      from outbox o join sc on sc.id = o.student_id
      join prompts p on p.student_id = o.student_id and p.iso_week between :previousFirst and :last
      left join reflections r on r.student_id = p.student_id and r.iso_week = p.iso_week
      where o.status = :dead and o.idempotency_key like 'prompt:%'`,
    // Each student's latest reflection in each period (one table row per student and period,
    // read together while the student's pages are at hand), counted per answer. The answers are
    // numbers for three measures and words for `uitdaging`: one column of text, as PostgreSQL's
    // UNION asks for one type.
    answers: `${sc}, answers as materialized (
        select sc.gid, r.iso_week >= :first as cur, r.welbevinden, r.motivatie, r.grip, r.uitdaging
        from sc ${walk} reflections r on r.student_id = sc.id and r.iso_week in (
          (select max(x.iso_week) from reflections x where x.student_id = sc.id and x.iso_week between :first and :last),
          (select max(x.iso_week) from reflections x
            where x.student_id = sc.id and x.iso_week between :previousFirst and :previousLast)))
      select gid as "groupId", cur, 'welbevinden' as measure, cast(welbevinden as text) as answer, count(*) as n
        from answers group by gid, cur, welbevinden
      union all select gid, cur, 'motivatie', cast(motivatie as text), count(*) from answers group by gid, cur, motivatie
      union all select gid, cur, 'grip', cast(grip as text), count(*) from answers group by gid, cur, grip
      union all select gid, cur, 'uitdaging', uitdaging, count(*) from answers group by gid, cur, uitdaging`,
    // The goals read once for both periods. The casts give PostgreSQL the parameters' type, which
    // a bare select list does not.
    goals: `${sc}, periods (cur, dayFrom, dayTo, atStart, atEnd) as (
        select 1, cast(:from as text), cast(:to as text), cast(:start as text), cast(:end as text)
        union all select 0, :previousFrom, :previousTo, :previousStart, :start)
      select sc.gid as "groupId", pe.cur,
        coalesce(sum(case when g.status <> :stopped and g.target_date between pe.dayFrom and pe.dayTo
          then 1 else 0 end), 0) as due,
        coalesce(sum(case when g.status = :achieved and g.target_date between pe.dayFrom and pe.dayTo
          and coalesce(g.closed_at, '') < pe.atEnd then 1 else 0 end), 0) as "dueAchieved",
        coalesce(sum(case when g.status = :achieved and g.closed_at >= pe.atStart and g.closed_at < pe.atEnd
          then 1 else 0 end), 0) as achieved
      from sc join goals g on g.student_id = sc.id cross join periods pe group by sc.gid, pe.cur`,
    arrangements: `${sc} select sc.gid as "groupId", a.id, a.student_id as "studentId", a.strategy, a.status,
        a.next_evaluation_date as "nextEvaluationDate",
        (select ${joinedValues(dialect, 'e.date')} from arrangement_evaluations e where e.arrangement_id = a.id) as dates
      from sc join arrangements a on a.student_id = sc.id`,
    signals: `${sc} select sc.gid as "groupId", x.student_id as "studentId", x.kind
      from sc join signals x on x.student_id = sc.id and x.status <> :resolved order by x.student_id, x.kind`,
    // Reflections of students with a running arrangement: the weeks before its start, and since.
    strategies: `${sc}, running as materialized (
        select sc.gid, a.student_id, a.strategy, ${isoWeekOf(dialect, 'a.start_date')} as start_week,
          ${isoWeekOf(dialect, shiftedDate(dialect, 'a.start_date', ':before'))} as from_week
        from sc join arrangements a on a.student_id = sc.id where a.status = :running)
      select ru.gid as "groupId", ru.strategy, r.iso_week >= ru.start_week as since,
        r.welbevinden, r.uitdaging, count(*) as n
      from running ru join reflections r on r.student_id = ru.student_id
        and r.iso_week >= ru.from_week and r.iso_week <= :last
      group by ru.gid, ru.strategy, since, r.welbevinden, r.uitdaging`,
  };
};

type QueryName = keyof ReturnType<typeof queryText>;

/** The queries' text per dialect and scope kind, built once: SQLite prepares each text once. */
const texts = new Map<string, Record<QueryName, string>>();

/** Runs one of the summary's queries for a scope kind. */
type Queries = (name: QueryName, params: RawParams) => Promise<Record<string, unknown>[]>;

function queriesFor(store: Store, kind: SummaryScope['kind']): Queries {
  const key = `${store.dialect}.${kind}`;
  let text = texts.get(key);
  if (!text) {
    text = queryText(store.dialect, studentsOf[kind]);
    texts.set(key, text);
  }
  const of = text;
  return (name, params) => store.raw.all(of[name], params);
}

type GroupKey = number | null;

/** The UTC instant a school day starts, as stored (`Date#toISOString`). */
function startOfDay(date: string, zone: string): string {
  return new Date(DateTime.fromISO(date, { zone }).startOf('day').toMillis()).toISOString();
}

/** The facts of both periods, by group: `[current, previous]`. */
async function periodFacts(
  queries: Queries,
  scopeId: number,
  period: Period,
  previousPeriod: Period,
  zone: string,
): Promise<[Map<GroupKey, PeriodFacts>, Map<GroupKey, PeriodFacts>]> {
  const { first, last } = weeksOf(period);
  const previousWeeks = weeksOf(previousPeriod);
  const both: [Map<GroupKey, PeriodFacts>, Map<GroupKey, PeriodFacts>] = [new Map(), new Map()];
  const of = (groupId: GroupKey, cur: unknown) => {
    const byGroup = both[rawBoolean(cur) ? 0 : 1];
    let facts = byGroup.get(groupId);
    if (!facts) {
      facts = emptyPeriodFacts();
      byGroup.set(groupId, facts);
    }
    return facts;
  };
  const weeks = { scopeId, first, last, previousFirst: previousWeeks.first };
  for (const row of (await queries('responses', weeks)) as {
    groupId: GroupKey;
    cur: unknown;
    prompted: number;
    answered: number;
  }[]) {
    Object.assign(of(row.groupId, row.cur), { prompted: row.prompted, answered: row.answered });
  }
  // A week whose prompt message went dead never reached the student: it is not a prompted week
  // (src/domain/signals/student-facts.ts, SignalCalendar), answered or not.
  for (const row of (await queries('deadPrompts', { ...weeks, dead: DEAD })) as {
    groupId: GroupKey;
    cur: unknown;
    studentId: number;
    isoWeek: string;
    answered: unknown;
    key: string;
  }[]) {
    if (row.key !== idempotencyKey({ kind: 'prompt', studentId: row.studentId, isoWeek: row.isoWeek }))
      continue;
    const facts = of(row.groupId, row.cur);
    facts.prompted -= 1;
    if (rawBoolean(row.answered)) facts.answered -= 1;
  }
  for (const row of (await queries('answers', { ...weeks, previousLast: previousWeeks.last })) as {
    groupId: GroupKey;
    cur: unknown;
    measure: 'welbevinden' | 'motivatie' | 'grip' | 'uitdaging';
    /** As text: a score's digits, or a `ChallengeAnswer`. */
    answer: string;
    n: number;
  }[]) {
    const facts = of(row.groupId, row.cur);
    if (row.measure === 'uitdaging')
      facts.uitdaging = { ...facts.uitdaging, [row.answer as ChallengeAnswer]: row.n };
    else {
      const h = [...facts[row.measure]] as [number, number, number, number, number];
      h[Number(row.answer) - 1] = row.n;
      facts[row.measure] = h;
    }
  }
  const dayAfter = (date: string) => DateTime.fromISO(date).plus({ days: 1 }).toISODate() ?? date;
  const days = {
    scopeId,
    from: period.from,
    to: period.to,
    start: startOfDay(period.from, zone),
    end: startOfDay(dayAfter(period.to), zone),
    previousFrom: previousPeriod.from,
    previousTo: previousPeriod.to,
    previousStart: startOfDay(previousPeriod.from, zone),
  };
  for (const row of (await queries('goals', { ...days, achieved: ACHIEVED, stopped: STOPPED })) as {
    groupId: GroupKey;
    cur: unknown;
    due: number;
    dueAchieved: number;
    achieved: number;
  }[]) {
    Object.assign(of(row.groupId, row.cur), {
      goalsDue: row.due,
      goalsDueAchieved: row.dueAchieved,
      goalsAchieved: row.achieved,
    });
  }
  return both;
}

async function strategyTallies(queries: Queries, scopeId: number, period: Period) {
  const byGroup = new Map<GroupKey, Partial<Record<Strategy, StrategyTallies>>>();
  for (const row of (await queries('strategies', {
    scopeId,
    last: weeksOf(period).last,
    before: `-${MOVEMENT_BEFORE_WEEKS * 7} days`,
    running: RUNNING,
  })) as {
    groupId: GroupKey;
    strategy: Strategy;
    since: unknown;
    welbevinden: number;
    uitdaging: ChallengeAnswer;
    n: number;
  }[]) {
    const groups = byGroup.get(row.groupId) ?? {};
    byGroup.set(row.groupId, groups);
    const tallies = groups[row.strategy] ?? { before: emptyTally(), since: emptyTally() };
    groups[row.strategy] = tallies;
    const since = rawBoolean(row.since);
    const phase = since ? tallies.since : tallies.before;
    const h = [...phase.welbevinden] as [number, number, number, number, number];
    h[row.welbevinden - 1] = (h[row.welbevinden - 1] ?? 0) + row.n;
    const next = {
      welbevinden: h as ScoreHistogram,
      uitdaging: { ...phase.uitdaging, [row.uitdaging]: phase.uitdaging[row.uitdaging] + row.n },
    };
    groups[row.strategy] = since ? { ...tallies, since: next } : { ...tallies, before: next };
  }
  return byGroup;
}

/**
 * Everything a summary of `scope` reads for `period` (and the same-length period before it, for
 * the trend). `today` is the summary's day in the school's calendar: arrangements and open signals
 * are counted as they stand then (default: the period's last day). Undefined: no such scope.
 */
export async function summaryFacts(
  store: Store,
  scope: SummaryScope,
  period: Period,
  today: string = period.to,
): Promise<SummaryFacts | undefined> {
  const [school] = (await store.raw.all(schoolOf[scope.kind], [scope.id])) as {
    schoolId: number;
    timeZone: string;
  }[];
  if (!school) return undefined;
  const queries = queriesFor(store, scope.kind);
  const scopeId = { scopeId: scope.id };
  const previousPeriod = previousPeriodOf(period);
  const [current, previous] = await periodFacts(queries, scope.id, period, previousPeriod, school.timeZone);
  const tallies = await strategyTallies(queries, scope.id, period);

  const arrangements = new Map<GroupKey, ArrangementStanding[]>();
  for (const { groupId, dates, ...row } of (await queries('arrangements', scopeId)) as (Omit<
    ArrangementStanding,
    'evaluationDates'
  > & { groupId: GroupKey; dates: string | null })[]) {
    const list = arrangements.get(groupId) ?? [];
    list.push({ ...row, evaluationDates: dates ? dates.split(',') : [] });
    arrangements.set(groupId, list);
  }
  const signals = new Map<GroupKey, { studentId: number; kind: SignalKind }[]>();
  for (const { groupId, ...row } of (await queries('signals', { ...scopeId, resolved: RESOLVED })) as {
    groupId: GroupKey;
    studentId: number;
    kind: SignalKind;
  }[]) {
    const list = signals.get(groupId) ?? [];
    list.push(row);
    signals.set(groupId, list);
  }

  const groups: GroupFacts[] = (
    (await queries('groups', scopeId)) as {
      groupId: GroupKey;
      groupName: string | null;
      teamId: number | null;
      students: number;
    }[]
  ).map((g) => ({
    ...g,
    current: current.get(g.groupId) ?? emptyPeriodFacts(),
    previous: previous.get(g.groupId) ?? emptyPeriodFacts(),
    arrangements: arrangements.get(g.groupId) ?? [],
    openSignals: signals.get(g.groupId) ?? [],
    strategies: tallies.get(g.groupId) ?? {},
  }));
  return { scope, schoolId: school.schoolId, period, previousPeriod, today, groups };
}
