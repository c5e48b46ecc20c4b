/**
 * The movement per strategy (Van Hasselt, richtlijn III: a team chooses a strategy and checks that
 * it works): for the students with a running arrangement of a strategy, their reflections in the
 * `MOVEMENT_BEFORE_WEEKS` weeks before it started against those since, up to the period's end.
 * Shares of reflections: *welbevinden* at 4–5 and at 1–2, *uitdaging precies goed*. Fewer than
 * MIN_RESPONSES students are marked `few`: one plusklas student's wellbeing is theirs, so a view
 * shows their figures only where it may name students (a private answer or a staff channel) and
 * the count elsewhere. The rule of who may see is the view's; the mark is the domain's.
 */

import { isRunning } from '../arrangement.ts';
import { arrangementStrategies } from '../enums.ts';
import { histogramCount } from './distribution.ts';
import type { ArrangementStanding, ReflectionTally, Strategy, StrategyTallies } from './facts.ts';
import { type Trend, trendOf } from './indicator.ts';
import { enoughToShow } from './privacy.ts';

/** How far back "before" looks from an arrangement's start. */
export const MOVEMENT_BEFORE_WEEKS = 8;

export type TallyShares = {
  reflections: number;
  /** Undefined without reflections (an arrangement that started before Koers did). */
  welbevindenHoog: number | undefined;
  welbevindenLaag: number | undefined;
  preciesGoed: number | undefined;
};

export type StrategyMovement = {
  strategy: Strategy;
  /** Students with a running arrangement of this strategy. */
  students: number;
  /** Fewer than MIN_RESPONSES students: the figures are about individuals. */
  few: boolean;
  /** Absent when no reflection facts were loaded for the strategy. */
  before?: TallyShares;
  since?: TallyShares;
  /** How the share at 4–5 and the share *precies goed* moved, before → since. */
  welbevinden?: Trend | undefined;
  uitdaging?: Trend | undefined;
};

export function tallyShares(t: ReflectionTally): TallyShares {
  const reflections = histogramCount(t.welbevinden);
  const share = (n: number) => (reflections > 0 ? n / reflections : undefined);
  return {
    reflections,
    welbevindenHoog: share(t.welbevinden[3] + t.welbevinden[4]),
    welbevindenLaag: share(t.welbevinden[0] + t.welbevinden[1]),
    preciesGoed: share(t.uitdaging['precies-goed']),
  };
}

/** One entry per strategy with a running arrangement, in the order of `arrangementStrategies`. */
export function movementPerStrategy(
  arrangements: readonly ArrangementStanding[],
  tallies: Partial<Readonly<Record<Strategy, StrategyTallies>>>,
): StrategyMovement[] {
  return arrangementStrategies.flatMap((strategy) => {
    const students = new Set(
      arrangements.filter((a) => a.strategy === strategy && isRunning(a.status)).map((a) => a.studentId),
    ).size;
    if (students === 0) return [];
    const few = !enoughToShow(students);
    const facts = tallies[strategy];
    if (!facts) return [{ strategy, students, few }];
    const before = tallyShares(facts.before);
    const since = tallyShares(facts.since);
    return [
      {
        strategy,
        students,
        few,
        before,
        since,
        welbevinden: trendOf(since.welbevindenHoog, before.welbevindenHoog),
        uitdaging: trendOf(since.preciesGoed, before.preciesGoed),
      },
    ];
  });
}
