/**
 * The shape of every outcome indicator, its trend and its verdict against the team's target.
 *
 * An indicator is a share from 0 to 1 (what `team_indicators.target` holds) of some count: of the
 * students who answered, of the prompts sent, of the goals due, of the running arrangements. With
 * fewer than MIN_RESPONSES in that count it has no value, only the count (privacy, and too little
 * to steer by). A target not met means the approach needs a look, never that students failed.
 */
import { z } from 'zod';
import { indicators } from '../enums.ts';
import type { ArrangementFacts } from '../signals/student-facts.ts';
import type { PeriodFacts } from './facts.ts';

export type IndicatorName = (typeof indicators)[number];

/** A team's choice: an indicator and its *schoolambitie*; at most five, each once. */
export const indicatorTargetSchema = z.strictObject({
  indicator: z.enum(indicators),
  target: z.number().min(0).max(1),
});
export const indicatorSettingsSchema = z
  .array(indicatorTargetSchema)
  .max(5)
  .refine((list) => new Set(list.map((e) => e.indicator)).size === list.length, 'an indicator twice');
export type IndicatorTarget = z.infer<typeof indicatorTargetSchema>;
export type IndicatorSettings = z.infer<typeof indicatorSettingsSchema>;

/** How things stand on the summary's day, for what the store only knows as it is now. */
export type Standing = { arrangements: readonly ArrangementFacts[]; today: string };

export type IndicatorInput = {
  facts: PeriodFacts;
  /** Given for the current period only: the previous one has no standing to measure. */
  standing?: Standing;
};

/** `value`: a share 0..1, undefined with too few data; `count`: what the share is of. */
export type Measure = { value: number | undefined; count: number };

export type Indicator<K extends IndicatorName = IndicatorName> = {
  name: K;
  /** undefined: this period cannot be measured (e.g. a past period of what only stands today). */
  measure: (input: IndicatorInput) => Measure | undefined;
};

export type Trend = 'up' | 'down' | 'same';

export type IndicatorResult = Measure & { previous?: number; trend: Trend | undefined };

export type Outcome = 'gehaald' | 'niet-gehaald' | 'onbekend';

/**
 * Up, down or the same, compared in whole percentage points: a change a summary would print as
 * 0% is no trend. Undefined when either period has no value.
 */
export function trendOf(value: number | undefined, previous: number | undefined): Trend | undefined {
  if (value === undefined || previous === undefined) return undefined;
  const now = Math.round(value * 100);
  const then = Math.round(previous * 100);
  return now > then ? 'up' : now < then ? 'down' : 'same';
}

/** *Ambitie gehaald* when the share reaches the target; unknown without a value or a target. */
export function againstTarget(value: number | undefined, target: number | undefined): Outcome {
  if (value === undefined || target === undefined) return 'onbekend';
  // Compared in whole percentage points, as the summary prints them: 74.6% reads as 75%.
  return Math.round(value * 100) >= Math.round(target * 100) ? 'gehaald' : 'niet-gehaald';
}

/** One indicator over the current period and the one before. */
export function measureIndicator(
  indicator: Indicator,
  current: IndicatorInput,
  previous: IndicatorInput,
): IndicatorResult {
  const now = indicator.measure(current) ?? { value: undefined, count: 0 };
  const before = indicator.measure(previous)?.value;
  return {
    ...now,
    ...(before !== undefined ? { previous: before } : {}),
    trend: trendOf(now.value, before),
  };
}
