/**
 * Distributions, never a bare mean (PRODUCT.md 2.3; Van Hasselt, richtlijn II): the share of
 * students at 1–2, 3 and 4–5, the *middenmoot* (the middle half: first to third quartile), and the
 * spread (lowest to highest). Scores arrive as a histogram: `counts[i]` students answered `i + 1`.
 */
import type { challengeAnswers } from '../enums.ts';
import { enoughToShow } from './privacy.ts';

/** How many students gave each score 1–5; index 0 is score 1. */
export type ScoreHistogram = readonly [number, number, number, number, number];

export type ChallengeAnswer = (typeof challengeAnswers)[number];
export type ChallengeCounts = Readonly<Record<ChallengeAnswer, number>>;

export const emptyHistogram = (): ScoreHistogram => [0, 0, 0, 0, 0];
export const emptyChallenge = (): ChallengeCounts => ({
  'te-makkelijk': 0,
  'precies-goed': 0,
  'te-moeilijk': 0,
});

export type ScoreDistribution = {
  count: number;
  /** Shares of the students (0..1) at 1–2, at 3 and at 4–5. */
  low: number;
  middle: number;
  high: number;
  /** The *middenmoot*: the middle half of the scores, first quartile to third, and its median. */
  middenmoot: { q1: number; median: number; q3: number };
  /** The lowest and the highest score given. */
  spread: { min: number; max: number };
};

export type ChallengeDistribution = { count: number } & Readonly<Record<ChallengeAnswer, number>>;

/** Only the count: fewer than MIN_RESPONSES answers (privacy), or none. */
export type CountOnly = { count: number };

export const histogramCount = (h: ScoreHistogram) => h.reduce((a, b) => a + b, 0);

export function addHistograms(a: ScoreHistogram, b: ScoreHistogram): ScoreHistogram {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]];
}

export function addChallenge(a: ChallengeCounts, b: ChallengeCounts): ChallengeCounts {
  return {
    'te-makkelijk': a['te-makkelijk'] + b['te-makkelijk'],
    'precies-goed': a['precies-goed'] + b['precies-goed'],
    'te-moeilijk': a['te-moeilijk'] + b['te-moeilijk'],
  };
}

/**
 * The score at a rank (1-based) of the sorted scores: nearest rank, so a quartile is always a
 * score someone gave (1–5), never an average of two.
 */
function scoreAtRank(h: ScoreHistogram, rank: number): number {
  let seen = 0;
  for (let score = 1; score <= 5; score += 1) {
    seen += h[score - 1] ?? 0;
    if (seen >= rank) return score;
  }
  return 5;
}

/** The p-quantile (0..1) by nearest rank: the score at rank ⌈p·n⌉ (at least 1). */
export function quantile(h: ScoreHistogram, p: number): number {
  const n = histogramCount(h);
  return scoreAtRank(h, Math.max(1, Math.ceil(p * n)));
}

export function scoreDistribution(h: ScoreHistogram): ScoreDistribution | CountOnly {
  const count = histogramCount(h);
  if (!enoughToShow(count)) return { count };
  const at = (score: number) => h[score - 1] ?? 0;
  const lowest = h.findIndex((n) => n > 0) + 1;
  const highest = 5 - [...h].reverse().findIndex((n) => n > 0);
  return {
    count,
    low: (at(1) + at(2)) / count,
    middle: at(3) / count,
    high: (at(4) + at(5)) / count,
    middenmoot: { q1: quantile(h, 0.25), median: quantile(h, 0.5), q3: quantile(h, 0.75) },
    spread: { min: lowest, max: highest },
  };
}

export function challengeDistribution(c: ChallengeCounts): ChallengeDistribution | CountOnly {
  const count = c['te-makkelijk'] + c['precies-goed'] + c['te-moeilijk'];
  if (!enoughToShow(count)) return { count };
  return {
    count,
    'te-makkelijk': c['te-makkelijk'] / count,
    'precies-goed': c['precies-goed'] / count,
    'te-moeilijk': c['te-moeilijk'] / count,
  };
}

export const isShown = <T extends object>(d: T | CountOnly): d is T => Object.keys(d).length > 1;
