/**
 * The team outcome summary on the demo school (src/seed/demo-school.ts): team Bovenbouw (3H, 3T,
 * 4V) chose welbevinden-hoog 0.75, uitdaging-precies-goed 0.6 and responspercentage 0.9. The
 * summary of Monday 2026-11-23 covers the ISO weeks 44–47 (2026-10-26 … 2026-11-22, four prompted
 * weeks) against weeks 40–43 (the Herfstvakantie leaves three prompted weeks: 40, 41, 42).
 *
 * Every number is checked twice: against the value the seed gives (written out, so a change in
 * the seed or the queries shows), and against a plain recount from the rows in this file.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MIN_RESPONSES } from '../src/domain/indicators/privacy.ts';
import { summaryData } from '../src/domain/indicators/summary.ts';
import { type SummaryScope, summaryFacts } from '../src/store/indicator-facts.ts';
import type { SqlValue, Store } from '../src/store/store.ts';
import { summarySettings } from '../src/store/summary-settings.ts';
import { freshDemoStore } from './support/demo.ts';
import { sweep } from './support/signals.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const PERIOD = { from: '2026-10-26', to: '2026-11-22' };
const TODAY = '2026-11-23';
const WEEKS = ['2026-W44', '2026-W47'] as const;
const PREVIOUS_WEEKS = ['2026-W40', '2026-W43'] as const;

const idOf = async (store: Store, sql: string, ...params: SqlValue[]) =>
  (await rows<{ id: number }>(store, sql, params))[0]?.id ?? -1;
const teamId = (store: Store) => idOf(store, "select id from teams where name = 'Bovenbouw'");
const groupId = (store: Store, name: string) => idOf(store, 'select id from groups where name = ?', name);
const studentId = (store: Store, email: string) =>
  idOf(store, 'select id from students where email = ?', `${email}@leerling.koersmeer.example`);

async function summary(store: Store, scope: SummaryScope) {
  const facts = await summaryFacts(store, scope, PERIOD, TODAY);
  if (!facts) throw new Error('no such scope');
  return summaryData(facts, await summarySettings(store, facts.schoolId));
}

/** The plain recount: the group's rows, counted in JavaScript. */
async function recount(store: Store, group: string, [first, last]: readonly [string, string]) {
  const students = (
    await rows<{ id: number }>(
      store,
      'select s.id from students s join groups g on g.id = s.group_id where g.name = ?',
      [group],
    )
  ).map((s) => s.id);
  const prompts = await rows<{ s: number; w: string }>(
    store,
    `select student_id as s, iso_week as w from prompts where iso_week between ? and ? and student_id in (${students.join(',')})`,
    [first, last],
  );
  const reflections = await rows<{ s: number; w: string; welbevinden: number; uitdaging: string }>(
    store,
    `select student_id as s, iso_week as w, welbevinden, uitdaging from reflections
       where iso_week between ? and ? and student_id in (${students.join(',')}) order by iso_week`,
    [first, last],
  );
  const answered = new Set(reflections.map((r) => `${r.s}:${r.w}`));
  const latest = new Map<number, { welbevinden: number; uitdaging: string }>();
  for (const r of reflections) latest.set(r.s, r); // ordered by week: the last one stays
  const answers = [...latest.values()];
  return {
    prompted: prompts.length,
    answered: prompts.filter((p) => answered.has(`${p.s}:${p.w}`)).length,
    students: answers.length,
    high: answers.filter((a) => a.welbevinden >= 4).length,
    preciesGoed: answers.filter((a) => a.uitdaging === 'precies-goed').length,
  };
}

describe('the summary of team Bovenbouw on the demo school', () => {
  it('gives each chosen indicator with its value, target, verdict and trend', async () => {
    const store = await freshDemoStore();
    const data = await summary(store, { kind: 'team', id: await teamId(store) });
    expect(data.period).toEqual(PERIOD);
    expect(data.previousPeriod).toEqual({ from: '2026-09-28', to: '2026-10-25' });
    expect(data.overall.students).toBe(75);
    expect(data.groups.map((g) => g.name)).toEqual(['3H', '3T', '4V']);
    // 66 of 75 students at 4–5 (70 before); 68 of 75 precies goed (64 before); 293 of 300 prompts
    // answered (217 of 225 before: three prompted weeks).
    expect(data.overall.indicators).toEqual([
      {
        indicator: 'welbevinden-hoog',
        value: 66 / 75,
        count: 75,
        previous: 70 / 75,
        trend: 'down',
        target: 0.75,
        outcome: 'gehaald',
      },
      {
        indicator: 'uitdaging-precies-goed',
        value: 68 / 75,
        count: 75,
        previous: 64 / 75,
        trend: 'up',
        target: 0.6,
        outcome: 'gehaald',
      },
      {
        indicator: 'responspercentage',
        value: 293 / 300,
        count: 300,
        previous: 217 / 225,
        trend: 'up',
        target: 0.9,
        outcome: 'gehaald',
      },
    ]);
    // 3H: Daan missed weeks 46 and 47, one drawn student missed one week; Daan's latest answer is his 2.
    const h = data.groups[0];
    expect(h?.responses).toEqual({ prompted: 100, answered: 97 });
    expect(h?.distributions.welbevinden).toEqual({
      count: 25,
      low: 1 / 25,
      middle: 2 / 25,
      high: 22 / 25,
      middenmoot: { q1: 4, median: 4, q3: 5 },
      spread: { min: 2, max: 5 },
    });

    let total = { prompted: 0, answered: 0, students: 0, high: 0, preciesGoed: 0 };
    for (const group of data.groups) {
      const now = await recount(store, group.name ?? '', WEEKS);
      const before = await recount(store, group.name ?? '', PREVIOUS_WEEKS);
      expect(group.responses).toEqual({ prompted: now.prompted, answered: now.answered });
      const [wellbeing, challenge, response] = group.indicators;
      expect(wellbeing).toMatchObject({
        value: now.high / now.students,
        previous: before.high / before.students,
      });
      expect(challenge).toMatchObject({ value: now.preciesGoed / now.students });
      expect(response).toMatchObject({
        value: now.answered / now.prompted,
        previous: before.answered / before.prompted,
      });
      total = {
        prompted: total.prompted + now.prompted,
        answered: total.answered + now.answered,
        students: total.students + now.students,
        high: total.high + now.high,
        preciesGoed: total.preciesGoed + now.preciesGoed,
      };
    }
    expect(total).toEqual({ prompted: 300, answered: 293, students: 75, high: 66, preciesGoed: 68 });
  });

  it('says niet gehaald when the share falls short of the target, and the trend follows the previous period', async () => {
    const store = await freshDemoStore();
    const h = await groupId(store, '3H');
    // Half of 3H (13 of 25) answered wellbeing 3 in their latest reflection of the period.
    await arrangeIn(
      store,
      `update reflections set welbevinden = 3 where iso_week between ? and ? and student_id in
         (select id from students where group_id = ? order by id limit 13)`,
      [...WEEKS, h],
    );
    const data = await summary(store, { kind: 'group', id: h });
    expect(data.overall.indicators[0]).toEqual({
      indicator: 'welbevinden-hoog',
      value: 12 / 25,
      count: 25,
      previous: 24 / 25,
      trend: 'down',
      target: 0.75,
      outcome: 'niet-gehaald',
    });
    // And the other way: the previous period's answers lowered, this period's as they were.
    const other = await freshDemoStore();
    await arrangeIn(
      other,
      `update reflections set welbevinden = 2 where iso_week between ? and ? and student_id in
         (select id from students where group_id = ?)`,
      [...PREVIOUS_WEEKS, h],
    );
    expect((await summary(other, { kind: 'group', id: h })).overall.indicators[0]).toMatchObject({
      value: 22 / 25,
      previous: 0,
      trend: 'up',
      outcome: 'gehaald',
    });
  });

  it('shows a group with fewer than 5 responses as a count only', async () => {
    const store = await freshDemoStore();
    const v = await groupId(store, '4V');
    // Only the first four students of 4V reflected in the period.
    await arrangeIn(
      store,
      `delete from reflections where iso_week between ? and ? and student_id in
         (select id from students where group_id = ? and id not in
           (select id from students where group_id = ? order by id limit 4))`,
      [...WEEKS, v, v],
    );
    const data = await summary(store, { kind: 'team', id: await teamId(store) });
    const group = data.groups.find((g) => g.name === '4V');
    expect(MIN_RESPONSES).toBe(5);
    expect(group?.distributions).toEqual({
      welbevinden: { count: 4 },
      motivatie: { count: 4 },
      grip: { count: 4 },
      uitdaging: { count: 4 },
    });
    expect(group?.indicators.slice(0, 2)).toEqual([
      expect.objectContaining({
        indicator: 'welbevinden-hoog',
        value: undefined,
        count: 4,
        outcome: 'onbekend',
      }),
      expect.objectContaining({
        indicator: 'uitdaging-precies-goed',
        value: undefined,
        count: 4,
        trend: undefined,
      }),
    ]);
    // The team as a whole still has 54 students who answered.
    expect(data.overall.distributions.welbevinden).toMatchObject({ count: 54 });
    // Five students are enough again.
    const five = await freshDemoStore();
    await arrangeIn(
      five,
      `delete from reflections where iso_week between ? and ? and student_id in
         (select id from students where group_id = ? and id not in
           (select id from students where group_id = ? order by id limit 5))`,
      [...WEEKS, v, v],
    );
    const shown = await summary(five, { kind: 'group', id: v });
    expect(shown.overall.distributions.welbevinden).toMatchObject({ count: 5 });
    expect(shown.overall.indicators[0]?.value).toBeTypeOf('number');
  });

  it('does not count a week whose prompt never reached the student', async () => {
    const store = await freshDemoStore();
    const daan = await studentId(store, 'daan.visser');
    // Daan's week-47 prompt went dead in the outbox: that week was never asked.
    await arrangeIn(
      store,
      `insert into outbox (idempotency_key, platform, workspace_id, recipient, student_id, payload, not_before, status, attempts, created_at)
         values (?, 'local', 'local', 'x', ?, '{}', '2026-11-20T12:00:00.000Z', 'dead', 5, '2026-11-20T12:00:00.000Z')`,
      [`prompt:${daan}:2026-W47`, daan],
    );
    const data = await summary(store, { kind: 'group', id: await groupId(store, '3H') });
    expect(data.overall.responses).toEqual({ prompted: 99, answered: 97 });
  });

  it('counts running arrangements, the overdue evaluation, and open signals by kind with the students', async () => {
    const store = await freshDemoStore();
    await sweep(store, '2026-11-23T06:30');
    const data = await summary(store, { kind: 'team', id: await teamId(store) });
    const byName = Object.fromEntries(data.groups.map((g) => [g.name, g]));
    // Milan's intensiveren: evaluation due 2026-11-02, last evaluated 2026-09-21. Lucas's is afgerond.
    expect(data.overall.arrangements).toEqual({ running: 6, overdue: 1 });
    expect(byName['3T']?.arrangements).toEqual({ running: 3, overdue: 1 });
    expect(byName['3T']?.openSignals['evaluatie-verlopen']).toBe(1);
    const milan = await studentId(store, 'milan.peters');
    const daan = await studentId(store, 'daan.visser');
    const noor = await studentId(store, 'noor.hendriks');
    const yara = await studentId(store, 'yara.wijaya');
    expect(byName['3T']?.studentsWithOpenSignals).toContain(milan);
    expect(byName['3H']?.studentsWithOpenSignals).toEqual(expect.arrayContaining([daan, noor]));
    expect(byName['4V']?.studentsWithOpenSignals).toContain(yara);
    expect(byName['4V']?.openSignals.gespreksverzoek).toBe(1);
    expect(byName['3H']?.openSignals['te-weinig-uitdaging']).toBe(1);
    // Every count is one of the signals table's unresolved rows.
    const [open] = await rows<{ n: number }>(
      store,
      "select count(*) as n from signals where status <> 'opgelost'",
    );
    const counted = data.groups
      .flatMap((g) => Object.values(g.openSignals))
      .reduce((a, b) => a + (b ?? 0), 0);
    expect(counted).toBe(open?.n);
    expect(counted).toBeGreaterThan(0);
  });

  it('shows how Noor’s plusklas moved since it started, marked as a few students', async () => {
    const store = await freshDemoStore();
    const data = await summary(store, { kind: 'group', id: await groupId(store, '3H') });
    // Noor's verrijken and one drawn student's: two students, so the figures are about individuals.
    const students = await rows<{ id: number; start: string }>(
      store,
      `select a.student_id as id, a.start_date as start from arrangements a join students s on s.id = a.student_id
         join groups g on g.id = s.group_id where g.name = '3H' and a.strategy = 'verrijken' and a.status = 'lopend'`,
    );
    expect(students).toHaveLength(2);
    // Recounted per student from their own start: the 8 weeks before, and since up to week 47.
    const reflected: { isoWeek: string; welbevinden: number; uitdaging: string; since: boolean }[] = [];
    for (const { id, start } of students) {
      const week = (date: DateTime) => `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`;
      const startWeek = week(DateTime.fromISO(start));
      const fromWeek = week(DateTime.fromISO(start).minus({ weeks: 8 }));
      const found = await rows<{ isoWeek: string; welbevinden: number; uitdaging: string }>(
        store,
        `select iso_week as "isoWeek", welbevinden, uitdaging from reflections where student_id = ? and iso_week >= ? and iso_week <= '2026-W47'`,
        [id, fromWeek],
      );
      reflected.push(...found.map((r) => ({ ...r, since: r.isoWeek >= startWeek })));
    }
    const shares = (phase: typeof reflected) => ({
      reflections: phase.length,
      welbevindenHoog: phase.filter((r) => r.welbevinden >= 4).length / phase.length,
      welbevindenLaag: phase.filter((r) => r.welbevinden <= 2).length / phase.length,
      preciesGoed: phase.filter((r) => r.uitdaging === 'precies-goed').length / phase.length,
    });
    const movement = data.overall.movement.find((m) => m.strategy === 'verrijken');
    expect(movement).toMatchObject({
      strategy: 'verrijken',
      students: 2,
      few: true,
      before: shares(reflected.filter((r) => !r.since)),
      since: shares(reflected.filter((r) => r.since)),
    });
    expect(movement?.since?.reflections).toBeGreaterThan(0);
    expect(movement?.before?.reflections).toBeGreaterThan(0);
  });

  it('compares before and since for five students of one strategy', async () => {
    const store = await freshDemoStore();
    const t = await groupId(store, '3T');
    // Five students of 3T without an arrangement start verbreden on Monday of week 44.
    const five = (
      await rows<{ id: number }>(
        store,
        'select id from students where group_id = ? and id not in (select student_id from arrangements) order by id limit 5',
        [t],
      )
    ).map((s) => s.id);
    for (const id of five)
      await arrangeIn(
        store,
        `insert into arrangements (student_id, strategy, form, support_level, start_date, evaluation_interval_weeks, next_evaluation_date, status, created_at)
           values (?, 'verbreden', 'in-de-klas', 1, '2026-10-26', 8, '2026-12-21', 'lopend', '2026-10-26T08:00:00.000Z')`,
        [id],
      );
    // Before: the 8 weeks before the start (weeks 36–43); since: weeks 44–47.
    const tally = async (first: string, last: string) => {
      const found = await rows<{ welbevinden: number; uitdaging: string }>(
        store,
        `select welbevinden, uitdaging from reflections where iso_week between ? and ? and student_id in (${five.join(',')})`,
        [first, last],
      );
      return {
        reflections: found.length,
        welbevindenHoog: found.filter((r) => r.welbevinden >= 4).length / found.length,
        welbevindenLaag: found.filter((r) => r.welbevinden <= 2).length / found.length,
        preciesGoed: found.filter((r) => r.uitdaging === 'precies-goed').length / found.length,
      };
    };
    const data = await summary(store, { kind: 'group', id: t });
    const movement = data.overall.movement.find((m) => m.strategy === 'verbreden');
    const before = await tally('2026-W36', '2026-W43');
    const since = await tally('2026-W44', '2026-W47');
    expect(movement).toMatchObject({ strategy: 'verbreden', students: 5, few: false, before, since });
    // Six prompted weeks before (36 is before the first prompt: 37–42), four since; one of the 30
    // prompts before was not answered.
    expect([before.reflections, since.reflections]).toEqual([29, 20]);
  });

  it('gives the same overall summary for the school (one team) and the team', async () => {
    const store = await freshDemoStore();
    const school = await summary(store, { kind: 'school', id: 1 });
    const team = await summary(store, { kind: 'team', id: await teamId(store) });
    expect(school.overall).toEqual(team.overall);
    expect(school.groups).toEqual(team.groups);
  });
});
