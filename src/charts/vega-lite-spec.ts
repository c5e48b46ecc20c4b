/**
 * A chart description as a vega-lite spec: pure data in, pure data out. The marks read the rows of
 * `chartRows` as they are (stacking and percentages are computed there, not by vega), so the
 * numbers drawn are the numbers the text version writes.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Chart, DistributionChart, TargetsChart } from './chart.ts';
import { chartRows } from './chart-rows.ts';
import {
  CATEGORY_COLORS,
  CHART_WIDTH,
  chartConfig,
  INK,
  inkOn,
  MET_COLOR,
  NOT_MET_COLOR,
  ROW_STEP,
  TRACK_COLOR,
} from './chart-style.ts';

/** A segment narrower than this share of the axis carries no number (it would not fit). */
const LABEL_MIN_SHARE = 0.09;
const ROW_LABEL_LIMIT = 150;

export function vegaLiteSpec(chart: Chart): TopLevelSpec {
  return chart.kind === 'distribution' ? distributionSpec(chart) : targetsSpec(chart);
}

const frame = (chart: Chart) =>
  ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: chart.title,
    width: CHART_WIDTH,
    // A fixed height rather than `{ step }`: vega-lite drops `fit-x` for a chart with a step size.
    height: Math.max(1, chart.rows.length) * ROW_STEP,
    // The whole image is CHART_WIDTH wide, whatever the labels take; the plot gets the rest.
    autosize: { type: 'fit-x', contains: 'padding' },
    config: chartConfig(chart.locale),
  }) as const;

const rowAxis = (rows: readonly { label: string }[]) =>
  ({
    field: 'row',
    type: 'nominal',
    // The domain, not just the order: a row whose bars are all empty keeps its place.
    scale: { domain: rows.map((row) => row.label) },
    title: null,
    axis: { labelLimit: ROW_LABEL_LIMIT },
  }) as const;

function distributionSpec(chart: DistributionChart): TopLevelSpec {
  const rows = chartRows(chart);
  const categories = chart.categories.map((category) => category.label);
  const fills = chart.categories.map(
    (category, index) => category.color ?? CATEGORY_COLORS[index % CATEGORY_COLORS.length] ?? INK,
  );
  const share = chart.scale === 'share';
  const ticks = share ? [0, 0.25, 0.5, 0.75, 1] : countTicks(Math.max(0, ...rows.map((row) => row.total)));
  const axisEnd = ticks.at(-1) ?? 1;
  const y = rowAxis(chart.rows);
  return {
    ...frame(chart),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.75 } },
        transform: [{ filter: 'datum.end > datum.start' }],
        encoding: {
          y,
          x: {
            field: 'start',
            type: 'quantitative',
            scale: { domain: [0, axisEnd] },
            axis: { format: share ? '.0%' : 'd', values: ticks, title: null },
          },
          x2: { field: 'end' },
          color: {
            field: 'category',
            type: 'nominal',
            scale: { domain: categories, range: fills },
            sort: categories,
          },
          order: { field: 'categoryIndex' },
        },
      },
      {
        mark: { type: 'text', align: 'center', baseline: 'middle' },
        transform: [
          { filter: `(datum.end - datum.start) >= ${LABEL_MIN_SHARE * axisEnd}` },
          { calculate: '(datum.start + datum.end) / 2', as: 'middle' },
          {
            calculate: share ? "datum.percent + '%'" : "format(datum.count, ',')",
            as: 'number',
          },
        ],
        encoding: {
          y,
          x: { field: 'middle', type: 'quantitative' },
          text: { field: 'number' },
          color: {
            field: 'category',
            type: 'nominal',
            scale: { domain: categories, range: fills.map(inkOn) },
            legend: null,
          },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/** Whole-number ticks from 0 past the largest total, a step of 1, 2 or 5 × 10ⁿ, at most 6 of them. */
export function countTicks(largest: number): number[] {
  let step = 1;
  for (let scale = 1; step * 5 < largest; scale *= 10) {
    step = [1, 2, 5, 10].map((unit) => unit * scale).find((size) => size * 5 >= largest) ?? scale * 10;
  }
  const end = Math.max(step, Math.ceil(largest / step) * step);
  return Array.from({ length: end / step + 1 }, (_, i) => i * step);
}

function targetsSpec(chart: TargetsChart): TopLevelSpec {
  const rows = chartRows(chart).map((row) => ({
    ...row,
    status: row.met ? chart.metLabel : chart.notMetLabel,
  }));
  const y = rowAxis(chart.rows);
  const x = { type: 'quantitative' as const, scale: { domain: [0, 1] }, axis: null };
  return {
    ...frame(chart),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', color: TRACK_COLOR, height: { band: 0.6 } },
        encoding: { y, x: { ...x, datum: 0 }, x2: { datum: 1 } },
      },
      {
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: {
          y,
          // x2 cannot be a field when x is a datum; the other way round works.
          x: { ...x, field: 'position' },
          x2: { datum: 0 },
          color: {
            field: 'status',
            type: 'nominal',
            scale: { domain: [chart.metLabel, chart.notMetLabel], range: [MET_COLOR, NOT_MET_COLOR] },
          },
        },
      },
      {
        mark: { type: 'tick', color: INK, opacity: 1, thickness: 3, size: ROW_STEP * 0.8 },
        encoding: { y, x: { ...x, field: 'targetPosition' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, color: INK },
        encoding: { y, x: { ...x, datum: 1 }, text: { field: 'text' } },
      },
    ],
  };
}
