/**
 * The numbers of a chart, one flat row per mark: what the vega-lite spec puts in its data and what
 * the text version of a summary writes, so that the image and the text cannot disagree.
 */
import type { Locale } from '../domain/enums.ts';
import type { Chart, DistributionChart, TargetsChart } from './chart.ts';

/** One segment of a stacked bar. */
export type DistributionRow = {
  row: string;
  category: string;
  categoryIndex: number;
  /** The caller's value for this category (a count). */
  count: number;
  /** The sum of the row's values. */
  total: number;
  /** `count / total`, 0 in a row whose total is 0. */
  share: number;
  /** Whole percentages that add up to 100 in every row with a total (largest remainder); else 0. */
  percent: number;
  /** Where the segment starts and ends on the chart's axis: shares (0–1) or counts. */
  start: number;
  end: number;
};

/** One indicator against its target. */
export type TargetRow = {
  row: string;
  value: number;
  target: number;
  min: number;
  max: number;
  met: boolean;
  /** The text beside the bar: the caller's, or the value in the chart's language. */
  text: string;
  /** The value and the target on the indicator's scale, as a share of it (0–1, clamped). */
  position: number;
  targetPosition: number;
};

export function chartRows(chart: DistributionChart): DistributionRow[];
export function chartRows(chart: TargetsChart): TargetRow[];
export function chartRows(chart: Chart): DistributionRow[] | TargetRow[];
export function chartRows(chart: Chart): DistributionRow[] | TargetRow[] {
  return chart.kind === 'distribution' ? distributionRows(chart) : targetRows(chart);
}

function distributionRows(chart: DistributionChart): DistributionRow[] {
  return chart.rows.flatMap(({ label, values }) => {
    const total = values.reduce((sum, value) => sum + value, 0);
    const percents = wholePercents(values, total);
    let start = 0;
    return chart.categories.map(({ label: category }, categoryIndex) => {
      const count = values[categoryIndex] ?? 0;
      const share = total > 0 ? count / total : 0;
      const width = chart.scale === 'share' ? share : count;
      const segment: DistributionRow = {
        row: label,
        category,
        categoryIndex,
        count,
        total,
        share,
        percent: percents[categoryIndex] ?? 0,
        start,
        end: start + width,
      };
      start += width;
      return segment;
    });
  });
}

/**
 * Percentages rounded so that a row adds up to exactly 100: each is rounded down, and the points
 * left go to the largest remainders (the first category on a tie).
 */
export function wholePercents(values: readonly number[], total: number): number[] {
  if (!(total > 0)) return values.map(() => 0);
  // The small epsilon keeps 29 * 100 / 100 from flooring to 28 through a rounding error.
  const exact = values.map((value) => (value * 100) / total);
  const floors = exact.map((value) => Math.floor(value + 1e-9));
  let left = 100 - floors.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - (floors[index] ?? 0) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

function targetRows(chart: TargetsChart): TargetRow[] {
  return chart.rows.map((row) => ({
    row: row.label,
    value: row.value,
    target: row.target,
    min: row.min,
    max: row.max,
    met: row.met,
    text: row.text ?? plainNumber(row.value, chart.locale),
    position: onScale(row.value, row.min, row.max),
    targetPosition: onScale(row.target, row.min, row.max),
  }));
}

const onScale = (value: number, min: number, max: number) =>
  Math.min(1, Math.max(0, (value - min) / (max - min)));

/** At most one decimal, with a decimal comma in Dutch; no grouping (Intl would differ per ICU). */
function plainNumber(value: number, locale: Locale): string {
  const text = String(Math.round(value * 10) / 10);
  return locale === 'nl' ? text.replace('.', ',') : text;
}
