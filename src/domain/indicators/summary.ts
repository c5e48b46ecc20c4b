/**
 * The whole structured summary of a scope (PRODUCT.md 2.3), in the team's analysis order: the
 * scope as a whole, then each group, then (ids only) the students of a group with an open signal.
 * Pure: the facts and the settings in, the data the text renderer and the chart both read out.
 */
import { signalKinds } from '../enums.ts';
import { arrangementCounts } from './arrangements.ts';
import {
  type ChallengeDistribution,
  type CountOnly,
  challengeDistribution,
  type ScoreDistribution,
  scoreDistribution,
} from './distribution.ts';
import { addFacts, type GroupFacts, type Period, type SignalKind, type SummaryFacts } from './facts.ts';
import {
  againstTarget,
  type IndicatorName,
  type IndicatorResult,
  type IndicatorSettings,
  measureIndicator,
  type Outcome,
} from './indicator.ts';
import { allIndicators, indicatorRegistry } from './indicators.ts';
import { movementPerStrategy, type StrategyMovement } from './movement.ts';

export type SummarySettings = {
  /** Each team's chosen indicators with their targets (`team_indicators`), by team id. */
  byTeam: ReadonlyMap<number, IndicatorSettings>;
};

export type IndicatorLine = IndicatorResult & {
  indicator: IndicatorName;
  target: number | undefined;
  outcome: Outcome;
};

export type LevelSummary = {
  students: number;
  indicators: IndicatorLine[];
  distributions: {
    welbevinden: ScoreDistribution | CountOnly;
    motivatie: ScoreDistribution | CountOnly;
    grip: ScoreDistribution | CountOnly;
    uitdaging: ChallengeDistribution | CountOnly;
  };
  responses: { prompted: number; answered: number };
  goalsAchieved: number;
  arrangements: { running: number; overdue: number };
  openSignals: Partial<Record<SignalKind, number>>;
  movement: StrategyMovement[];
};

export type GroupSummary = LevelSummary & {
  groupId: number | null;
  name: string | null;
  teamId: number | null;
  /** Students with an open signal, ids only, ascending: naming them is the command's business. */
  studentsWithOpenSignals: number[];
};

export type SummaryData = {
  scope: SummaryFacts['scope'];
  period: Period;
  previousPeriod: Period;
  today: string;
  overall: LevelSummary;
  groups: GroupSummary[];
};

/**
 * The indicators and targets of a level that spans these teams. One team: its own choice. Several
 * (a school): every indicator some team chose, in the order first chosen, with a target only where
 * every team that chose it set the same one; a school's ambition is what its teams agree on.
 * No team chose anything: every indicator, none against a target.
 */
export function targetsFor(
  settings: SummarySettings,
  teamIds: readonly (number | null)[],
): { indicator: IndicatorName; target: number | undefined }[] {
  const chosen = [...new Set(teamIds)].flatMap((id) => (id === null ? [] : [settings.byTeam.get(id) ?? []]));
  const order: IndicatorName[] = [];
  const targets = new Map<IndicatorName, Set<number>>();
  for (const list of chosen)
    for (const { indicator, target } of list) {
      if (!targets.has(indicator)) {
        order.push(indicator);
        targets.set(indicator, new Set());
      }
      targets.get(indicator)?.add(target);
    }
  if (order.length === 0) return allIndicators.map((indicator) => ({ indicator, target: undefined }));
  return order.map((indicator) => {
    const set = targets.get(indicator) ?? new Set<number>();
    const everyTeam = chosen.every((list) => list.some((e) => e.indicator === indicator));
    return { indicator, target: set.size === 1 && everyTeam ? [...set][0] : undefined };
  });
}

function level(facts: GroupFacts, today: string, targets: ReturnType<typeof targetsFor>): LevelSummary {
  const standing = { arrangements: facts.arrangements, today };
  const openSignals: Partial<Record<SignalKind, number>> = {};
  for (const kind of signalKinds) {
    const n = facts.openSignals.filter((s) => s.kind === kind).length;
    if (n > 0) openSignals[kind] = n;
  }
  return {
    students: facts.students,
    indicators: targets.map(({ indicator, target }) => {
      const result = measureIndicator(
        indicatorRegistry[indicator],
        { facts: facts.current, standing },
        { facts: facts.previous },
      );
      return { indicator, ...result, target, outcome: againstTarget(result.value, target) };
    }),
    distributions: {
      welbevinden: scoreDistribution(facts.current.welbevinden),
      motivatie: scoreDistribution(facts.current.motivatie),
      grip: scoreDistribution(facts.current.grip),
      uitdaging: challengeDistribution(facts.current.uitdaging),
    },
    responses: { prompted: facts.current.prompted, answered: facts.current.answered },
    goalsAchieved: facts.current.goalsAchieved,
    arrangements: arrangementCounts(facts.arrangements, today),
    openSignals,
    movement: movementPerStrategy(facts.arrangements, facts.strategies),
  };
}

export function summaryData(facts: SummaryFacts, settings: SummarySettings): SummaryData {
  // A team's summary is against the team's targets, even before any of its groups has students.
  const teamIds = facts.scope.kind === 'team' ? [facts.scope.id] : facts.groups.map((g) => g.teamId);
  const single = new Set(teamIds).size === 1 ? (teamIds[0] ?? null) : null;
  return {
    scope: facts.scope,
    period: facts.period,
    previousPeriod: facts.previousPeriod,
    today: facts.today,
    overall: level(addFacts(facts.groups, single), facts.today, targetsFor(settings, teamIds)),
    groups: facts.groups.map((group) => ({
      groupId: group.groupId,
      name: group.groupName,
      teamId: group.teamId,
      ...level(group, facts.today, targetsFor(settings, [group.teamId])),
      studentsWithOpenSignals: [...new Set(group.openSignals.map((s) => s.studentId))].sort((a, b) => a - b),
    })),
  };
}
