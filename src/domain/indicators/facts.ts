/**
 * What the indicators read about one group in one period: plain counts the store aggregates in
 * SQL (src/store/indicator-facts.ts), so a board of 20,000 students arrives as a few hundred rows.
 * A team or a school is the sum of its groups (`addFacts`): every student is in one group.
 */
import type { arrangementStrategies, signalKinds } from '../enums.ts';
import type { ArrangementFacts } from '../signals/student-facts.ts';
import {
  addChallenge,
  addHistograms,
  type ChallengeCounts,
  emptyChallenge,
  emptyHistogram,
  type ScoreHistogram,
} from './distribution.ts';

export type Strategy = (typeof arrangementStrategies)[number];
export type SignalKind = (typeof signalKinds)[number];

/** A period of the school's calendar, both days included (`YYYY-MM-DD`, the school's time zone). */
export type Period = { from: string; to: string };

/** Everything that depends on the period: counted once for it and once for the period before. */
export type PeriodFacts = {
  /** Prompts that reached a student in the period's ISO weeks (a dead outbox message is no prompt). */
  prompted: number;
  /** Of those, the ones answered with a reflection for that week. */
  answered: number;
  /** Each student's latest reflection in the period: one answer per student. */
  welbevinden: ScoreHistogram;
  motivatie: ScoreHistogram;
  grip: ScoreHistogram;
  uitdaging: ChallengeCounts;
  /** Goals (not *gestopt*) whose target date lies in the period… */
  goalsDue: number;
  /** …and of those, the ones achieved by the period's end. */
  goalsDueAchieved: number;
  /** Goals achieved in the period, whatever their target date. */
  goalsAchieved: number;
};

/** The answers in some reflections: how many gave each *welbevinden* and each *uitdaging*. */
export type ReflectionTally = { welbevinden: ScoreHistogram; uitdaging: ChallengeCounts };

/**
 * The reflections of the students with a running arrangement of one strategy, in the
 * `MOVEMENT_BEFORE_WEEKS` weeks before its start and since (up to the period's end).
 */
export type StrategyTallies = { before: ReflectionTally; since: ReflectionTally };

/** An arrangement as it stands on the summary's day, with whose it is and its strategy. */
export type ArrangementStanding = ArrangementFacts & { studentId: number; strategy: Strategy };

export type GroupFacts = {
  groupId: number | null;
  groupName: string | null;
  teamId: number | null;
  students: number;
  current: PeriodFacts;
  previous: PeriodFacts;
  /** Arrangements as they stand on the summary's day (the store keeps no past evaluation plans). */
  arrangements: readonly ArrangementStanding[];
  /** Unresolved signals now: the student and the kind. */
  openSignals: readonly { studentId: number; kind: SignalKind }[];
  /** Running arrangements by strategy: their students' answers before the start and since. */
  strategies: Partial<Readonly<Record<Strategy, StrategyTallies>>>;
};

export type SummaryFacts = {
  scope: { kind: 'school' | 'team' | 'group'; id: number };
  schoolId: number;
  period: Period;
  previousPeriod: Period;
  /** The summary's day: arrangements and signals are as they stand on it. */
  today: string;
  groups: readonly GroupFacts[];
};

export const emptyPeriodFacts = (): PeriodFacts => ({
  prompted: 0,
  answered: 0,
  welbevinden: emptyHistogram(),
  motivatie: emptyHistogram(),
  grip: emptyHistogram(),
  uitdaging: emptyChallenge(),
  goalsDue: 0,
  goalsDueAchieved: 0,
  goalsAchieved: 0,
});

export const emptyTally = (): ReflectionTally => ({
  welbevinden: emptyHistogram(),
  uitdaging: emptyChallenge(),
});

export function addPeriodFacts(a: PeriodFacts, b: PeriodFacts): PeriodFacts {
  return {
    prompted: a.prompted + b.prompted,
    answered: a.answered + b.answered,
    welbevinden: addHistograms(a.welbevinden, b.welbevinden),
    motivatie: addHistograms(a.motivatie, b.motivatie),
    grip: addHistograms(a.grip, b.grip),
    uitdaging: addChallenge(a.uitdaging, b.uitdaging),
    goalsDue: a.goalsDue + b.goalsDue,
    goalsDueAchieved: a.goalsDueAchieved + b.goalsDueAchieved,
    goalsAchieved: a.goalsAchieved + b.goalsAchieved,
  };
}

export function addTally(a: ReflectionTally, b: ReflectionTally): ReflectionTally {
  return {
    welbevinden: addHistograms(a.welbevinden, b.welbevinden),
    uitdaging: addChallenge(a.uitdaging, b.uitdaging),
  };
}

/** Several groups as one (a team, a school): their counts added. Group fields become null. */
export function addFacts(groups: readonly GroupFacts[], teamId: number | null = null): GroupFacts {
  const strategies: Partial<Record<Strategy, StrategyTallies>> = {};
  for (const group of groups)
    for (const [strategy, s] of Object.entries(group.strategies) as [Strategy, StrategyTallies][]) {
      const known = strategies[strategy];
      strategies[strategy] = known
        ? { before: addTally(known.before, s.before), since: addTally(known.since, s.since) }
        : s;
    }
  return {
    groupId: null,
    groupName: null,
    teamId,
    students: groups.reduce((n, g) => n + g.students, 0),
    current: groups.reduce((sum, g) => addPeriodFacts(sum, g.current), emptyPeriodFacts()),
    previous: groups.reduce((sum, g) => addPeriodFacts(sum, g.previous), emptyPeriodFacts()),
    arrangements: groups.flatMap((g) => g.arrangements),
    openSignals: groups.flatMap((g) => g.openSignals),
    strategies,
  };
}
