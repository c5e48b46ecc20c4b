/**
 * The pure parts of the team outcome summary: distributions (shares, middenmoot, spread), the
 * privacy rule, every indicator of the registry, trend and target, the movement per strategy, the
 * targets of a level and the periods. The same functions on the demo school: indicators-demo.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { indicators } from '../src/domain/enums.ts';
import { arrangementCounts } from '../src/domain/indicators/arrangements.ts';
import {
  challengeDistribution,
  quantile,
  type ScoreHistogram,
  scoreDistribution,
} from '../src/domain/indicators/distribution.ts';
import {
  type ArrangementStanding,
  emptyPeriodFacts,
  type GroupFacts,
  type PeriodFacts,
  type ReflectionTally,
} from '../src/domain/indicators/facts.ts';
import {
  againstTarget,
  indicatorSettingsSchema,
  measureIndicator,
  trendOf,
} from '../src/domain/indicators/indicator.ts';
import { indicatorRegistry } from '../src/domain/indicators/indicators.ts';
import { movementPerStrategy } from '../src/domain/indicators/movement.ts';
import { periodBefore, previousPeriodOf, weeksOf } from '../src/domain/indicators/period.ts';
import { enoughToShow, MIN_RESPONSES, shareOf } from '../src/domain/indicators/privacy.ts';
import { summaryData, targetsFor } from '../src/domain/indicators/summary.ts';

const facts = (changes: Partial<PeriodFacts>): PeriodFacts => ({ ...emptyPeriodFacts(), ...changes });

const arrangement = (changes: Partial<ArrangementStanding>): ArrangementStanding => ({
  id: 1,
  studentId: 1,
  strategy: 'verrijken',
  status: 'lopend',
  nextEvaluationDate: '2026-12-01',
  evaluationDates: [],
  ...changes,
});

describe('distributions', () => {
  it('gives the shares at 1–2, 3 and 4–5, the middenmoot by nearest rank and the spread', () => {
    // Ten students: one 1, one 2, two 3s, four 4s, two 5s.
    const d = scoreDistribution([1, 1, 2, 4, 2]);
    expect(d).toEqual({
      count: 10,
      low: 0.2,
      middle: 0.2,
      high: 0.6,
      // ranks ⌈2.5⌉ = 3, 5 and ⌈7.5⌉ = 8 of 1,2,3,3,4,4,4,4,5,5
      middenmoot: { q1: 3, median: 4, q3: 4 },
      spread: { min: 1, max: 5 },
    });
  });

  it('finds the spread where nobody answered at the ends', () => {
    expect(scoreDistribution([0, 0, 3, 2, 0])).toMatchObject({ spread: { min: 3, max: 4 } });
    expect(quantile([0, 0, 3, 2, 0], 0.75)).toBe(4);
    expect(quantile([0, 0, 3, 2, 0], 0.25)).toBe(3);
  });

  it('shows only the count below MIN_RESPONSES answers', () => {
    expect(MIN_RESPONSES).toBe(5);
    expect(scoreDistribution([0, 1, 1, 1, 1])).toEqual({ count: 4 });
    expect(scoreDistribution([0, 1, 1, 1, 2])).toMatchObject({ count: 5, high: 0.6 });
    expect(challengeDistribution({ 'te-makkelijk': 1, 'precies-goed': 2, 'te-moeilijk': 1 })).toEqual({
      count: 4,
    });
    expect(challengeDistribution({ 'te-makkelijk': 1, 'precies-goed': 3, 'te-moeilijk': 1 })).toEqual({
      count: 5,
      'te-makkelijk': 0.2,
      'precies-goed': 0.6,
      'te-moeilijk': 0.2,
    });
    expect([enoughToShow(4), enoughToShow(5), shareOf(2, 4), shareOf(0, 0), shareOf(3, 6)]).toEqual([
      false,
      true,
      undefined,
      undefined,
      0.5,
    ]);
  });
});

describe('trend and target', () => {
  it('compares in whole percentage points', () => {
    expect(trendOf(0.8, 0.7)).toBe('up');
    expect(trendOf(0.7, 0.8)).toBe('down');
    expect(trendOf(0.801, 0.799)).toBe('same');
    expect(trendOf(undefined, 0.8)).toBeUndefined();
    expect(trendOf(0.8, undefined)).toBeUndefined();
  });

  it('says gehaald, niet gehaald or onbekend', () => {
    expect(againstTarget(0.75, 0.75)).toBe('gehaald');
    expect(againstTarget(0.9, 0.75)).toBe('gehaald');
    expect(againstTarget(0.7, 0.75)).toBe('niet-gehaald');
    // 74.6% is printed as 75%: it reads as met, so it is.
    expect(againstTarget(0.746, 0.75)).toBe('gehaald');
    expect(againstTarget(0.744, 0.75)).toBe('niet-gehaald');
    expect(againstTarget(undefined, 0.75)).toBe('onbekend');
    expect(againstTarget(0.8, undefined)).toBe('onbekend');
  });

  it('accepts at most five indicators, each once, with targets from 0 to 1', () => {
    const ok = [{ indicator: 'welbevinden-hoog', target: 0.75 }];
    expect(indicatorSettingsSchema.safeParse(ok).success).toBe(true);
    expect(indicatorSettingsSchema.safeParse([...ok, ...ok]).success).toBe(false);
    expect(indicatorSettingsSchema.safeParse([{ indicator: 'grip-hoog', target: 1.2 }]).success).toBe(false);
    expect(
      indicatorSettingsSchema.safeParse(
        indicators.slice(0, 6).map((indicator) => ({ indicator, target: 0.5 })),
      ).success,
    ).toBe(false);
  });
});

describe('the indicators', () => {
  it('has one indicator for every code of the enum, under its own name', () => {
    expect(Object.keys(indicatorRegistry).sort()).toEqual([...indicators].sort());
    for (const [name, indicator] of Object.entries(indicatorRegistry)) expect(indicator.name).toBe(name);
  });

  it('measures the share at 4–5 of each score, of the students who answered', () => {
    const period = facts({ welbevinden: [1, 1, 2, 4, 2], motivatie: [0, 0, 5, 5, 0], grip: [0, 0, 1, 1, 2] });
    expect(indicatorRegistry['welbevinden-hoog'].measure({ facts: period })).toEqual({
      value: 0.6,
      count: 10,
    });
    expect(indicatorRegistry['motivatie-hoog'].measure({ facts: period })).toEqual({ value: 0.5, count: 10 });
    // Four students: the count only.
    expect(indicatorRegistry['grip-hoog'].measure({ facts: period })).toEqual({ value: undefined, count: 4 });
  });

  it('measures challenge, response, goals', () => {
    const period = facts({
      uitdaging: { 'te-makkelijk': 2, 'precies-goed': 6, 'te-moeilijk': 2 },
      prompted: 40,
      answered: 36,
      goalsDue: 8,
      goalsDueAchieved: 6,
    });
    expect(indicatorRegistry['uitdaging-precies-goed'].measure({ facts: period })).toEqual({
      value: 0.6,
      count: 10,
    });
    expect(indicatorRegistry.responspercentage.measure({ facts: period })).toEqual({ value: 0.9, count: 40 });
    expect(indicatorRegistry['doelen-behaald'].measure({ facts: period })).toEqual({ value: 0.75, count: 8 });
  });

  it('counts an evaluation overdue by the domain’s rule, and only for running arrangements', () => {
    const today = '2026-11-23';
    const list = [
      arrangement({ id: 1, nextEvaluationDate: '2026-11-02' }),
      // Evaluated after the planned date, which was not moved on: not overdue.
      arrangement({ id: 2, nextEvaluationDate: '2026-11-02', evaluationDates: ['2026-11-03'] }),
      ...[3, 4, 5].map((id) => arrangement({ id })),
      arrangement({ id: 6, status: 'afgerond', nextEvaluationDate: '2026-01-01' }),
      arrangement({ id: 7, status: 'voorgesteld', nextEvaluationDate: '2026-01-01' }),
    ];
    expect(arrangementCounts(list, today)).toEqual({ running: 5, overdue: 1 });
    const indicator = indicatorRegistry['evaluaties-op-tijd'];
    expect(indicator.measure({ facts: facts({}), standing: { arrangements: list, today } })).toEqual({
      value: 0.8,
      count: 5,
    });
    // No past evaluation plans are kept: no previous value, no trend.
    expect(
      measureIndicator(
        indicator,
        { facts: facts({}), standing: { arrangements: list, today } },
        { facts: facts({}) },
      ),
    ).toEqual({ value: 0.8, count: 5, trend: undefined });
  });

  it('compares with the previous period', () => {
    const result = measureIndicator(
      indicatorRegistry['welbevinden-hoog'],
      { facts: facts({ welbevinden: [0, 0, 2, 4, 4] }) },
      { facts: facts({ welbevinden: [0, 1, 4, 3, 2] }) },
    );
    expect(result).toEqual({ value: 0.8, count: 10, previous: 0.5, trend: 'up' });
  });
});

describe('the movement per strategy', () => {
  const tally = (welbevinden: ScoreHistogram, preciesGoed: number, total: number): ReflectionTally => ({
    welbevinden,
    uitdaging: { 'te-makkelijk': total - preciesGoed, 'precies-goed': preciesGoed, 'te-moeilijk': 0 },
  });

  it('compares before and since, and marks fewer than five students as few', () => {
    const five = [1, 2, 3, 4, 5].map((studentId) => arrangement({ id: studentId, studentId }));
    const four = [6, 7, 8, 9].map((studentId) =>
      arrangement({ id: studentId, studentId, strategy: 'versnellen' }),
    );
    const movement = movementPerStrategy([...five, ...four], {
      verrijken: { before: tally([0, 2, 4, 4, 0], 4, 10), since: tally([0, 0, 2, 6, 2], 8, 10) },
      versnellen: { before: tally([0, 0, 0, 8, 0], 8, 8), since: tally([0, 0, 0, 8, 0], 8, 8) },
    });
    expect(movement).toEqual([
      {
        strategy: 'versnellen',
        students: 4,
        few: true,
        before: { reflections: 8, welbevindenHoog: 1, welbevindenLaag: 0, preciesGoed: 1 },
        since: { reflections: 8, welbevindenHoog: 1, welbevindenLaag: 0, preciesGoed: 1 },
        welbevinden: 'same',
        uitdaging: 'same',
      },
      {
        strategy: 'verrijken',
        students: 5,
        few: false,
        before: { reflections: 10, welbevindenHoog: 0.4, welbevindenLaag: 0.2, preciesGoed: 0.4 },
        since: { reflections: 10, welbevindenHoog: 0.8, welbevindenLaag: 0, preciesGoed: 0.8 },
        welbevinden: 'up',
        uitdaging: 'up',
      },
    ]);
  });

  it('counts a student once, and only running arrangements', () => {
    const list = [
      arrangement({ id: 1, studentId: 1 }),
      arrangement({ id: 2, studentId: 1 }),
      arrangement({ id: 3, studentId: 2, status: 'afgerond' }),
    ];
    expect(movementPerStrategy(list, {})).toEqual([{ strategy: 'verrijken', students: 1, few: true }]);
  });
});

describe('targets of a level', () => {
  const byTeam = new Map([
    [
      1,
      [
        { indicator: 'welbevinden-hoog' as const, target: 0.75 },
        { indicator: 'responspercentage' as const, target: 0.9 },
      ],
    ],
    [
      2,
      [
        { indicator: 'welbevinden-hoog' as const, target: 0.75 },
        { indicator: 'responspercentage' as const, target: 0.8 },
        { indicator: 'grip-hoog' as const, target: 0.5 },
      ],
    ],
  ]);

  it('a team: its own choice, in its order', () => {
    expect(targetsFor({ byTeam }, [2])).toEqual([
      { indicator: 'welbevinden-hoog', target: 0.75 },
      { indicator: 'responspercentage', target: 0.8 },
      { indicator: 'grip-hoog', target: 0.5 },
    ]);
  });

  it('a school: every chosen indicator, with a target only where every team agrees', () => {
    expect(targetsFor({ byTeam }, [1, 2, 2])).toEqual([
      { indicator: 'welbevinden-hoog', target: 0.75 },
      { indicator: 'responspercentage', target: undefined },
      { indicator: 'grip-hoog', target: undefined },
    ]);
  });

  it('nothing chosen: every indicator, none against a target', () => {
    expect(targetsFor({ byTeam: new Map() }, [3])).toEqual(
      indicators.map((indicator) => ({ indicator, target: undefined })),
    );
  });
});

describe('summaryData', () => {
  const group = (groupId: number, changes: Partial<GroupFacts>): GroupFacts => ({
    groupId,
    groupName: `G${groupId}`,
    teamId: 1,
    students: 5,
    current: facts({}),
    previous: facts({}),
    arrangements: [],
    openSignals: [],
    strategies: {},
    ...changes,
  });

  it('adds the groups for the scope, keeps each group’s own privacy, and lists students with signals', () => {
    const data = summaryData(
      {
        scope: { kind: 'team', id: 1 },
        schoolId: 1,
        period: { from: '2026-10-26', to: '2026-11-22' },
        previousPeriod: { from: '2026-09-28', to: '2026-10-25' },
        today: '2026-11-23',
        groups: [
          group(1, {
            current: facts({ welbevinden: [0, 0, 1, 2, 1] }),
            previous: facts({ welbevinden: [0, 1, 1, 2, 1] }),
            openSignals: [
              { studentId: 7, kind: 'welbevinden-daalt' },
              { studentId: 7, kind: 'reflecties-gemist' },
              { studentId: 3, kind: 'gespreksverzoek' },
            ],
          }),
          group(2, {
            current: facts({ welbevinden: [0, 0, 0, 1, 2] }),
            previous: facts({ welbevinden: [0, 0, 1, 1, 3] }),
          }),
        ],
      },
      { byTeam: new Map([[1, [{ indicator: 'welbevinden-hoog', target: 0.75 }]]]) },
    );
    // 6 of 7 at 4–5 now (3 of 4, 3 of 3), 7 of 10 before (3 of 5, 4 of 5): together past the privacy rule…
    expect(data.overall.indicators).toEqual([
      {
        indicator: 'welbevinden-hoog',
        value: 6 / 7,
        count: 7,
        previous: 0.7,
        trend: 'up',
        target: 0.75,
        outcome: 'gehaald',
      },
    ]);
    // …each group alone does not.
    expect(data.groups.map((g) => [g.indicators[0]?.value, g.indicators[0]?.outcome])).toEqual([
      [undefined, 'onbekend'],
      [undefined, 'onbekend'],
    ]);
    expect(data.groups[0]?.distributions.welbevinden).toEqual({ count: 4 });
    expect(data.groups[0]?.openSignals).toEqual({
      'welbevinden-daalt': 1,
      'reflecties-gemist': 1,
      gespreksverzoek: 1,
    });
    expect(data.groups[0]?.studentsWithOpenSignals).toEqual([3, 7]);
    expect(data.overall.students).toBe(10);
  });
});

describe('periods', () => {
  it('a Monday summary covers the four whole weeks before it; the previous period as long, just before', () => {
    const period = periodBefore('2026-11-23');
    expect(period).toEqual({ from: '2026-10-26', to: '2026-11-22' });
    expect(periodBefore('2026-11-25')).toEqual(period);
    expect(previousPeriodOf(period)).toEqual({ from: '2026-09-28', to: '2026-10-25' });
    expect(weeksOf(period)).toEqual({ first: '2026-W44', last: '2026-W47' });
    // Across the new year: ISO week-numbering years.
    expect(weeksOf({ from: '2026-12-28', to: '2027-01-10' })).toEqual({
      first: '2026-W53',
      last: '2027-W01',
    });
  });
});
