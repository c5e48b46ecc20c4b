/**
 * One chart for a team summary (issue 14): a stacked bar of 4 groups × 3 wellbeing bands, from the
 * description through the vega-lite spec and the SVG to a PNG, 30 times in one process after a
 * first chart that loads vega (shown beside it), at 960 px with 256 colours (what a Teams card
 * gets); the median is held against the target (≤ 150 ms). For scale, 480 px as resvg writes it.
 * Then the PNG's bytes at each width offered, RGBA as resvg writes it and indexed with 256 and 16
 * colours, against what fits inline in a Teams card (about 28 KB for the card, base64 included).
 */
import { type DistributionChart, distributionChart } from '../src/charts/chart.ts';
import { CHART_WIDTHS, chartPng, pngWithin } from '../src/charts/chart-png.ts';
import { pngBytesForDataUrl } from '../src/charts/data-url.ts';
import { type PngOptions, renderPng } from '../src/charts/render-png.ts';
import { renderSvg } from '../src/charts/render-svg.ts';
import { vegaLiteSpec } from '../src/charts/vega-lite-spec.ts';
import type { Benchmark } from './benchmark.ts';

const RUNS = 30;
const TARGET_MS = 150;
/** The width a chart is timed at, and its palette: what a Teams card gets when it fits. */
const TIMED = { width: 960, colors: 256 } as const;
/** The part of a Teams card's 28 KB left to the image's data URL once the summary text is in it. */
const TEAMS_IMAGE_BUDGET = 20_000;

const chart: DistributionChart = distributionChart.parse({
  kind: 'distribution',
  title: 'Welbevinden per groep, week 48',
  locale: 'nl',
  categories: [{ label: '1–2 (laag)' }, { label: '3' }, { label: '4–5 (hoog)' }],
  rows: [
    { label: '3H', values: [3, 8, 14] },
    { label: '3V', values: [1, 5, 20] },
    { label: '4H', values: [6, 6, 6] },
    { label: '4V', values: [2, 9, 13] },
  ],
});

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export const summaryChart: Benchmark = {
  name: 'summary-chart: one stacked bar chart, spec → SVG → PNG',
  async run() {
    let started = performance.now();
    await chartPng(chart, TIMED);
    const first = performance.now() - started;
    const timesOf = async (options: PngOptions) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        started = performance.now();
        await chartPng(chart, options);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b);
    };
    const times = await timesOf(TIMED);
    const median = percentile(times, 0.5);
    const plain = await timesOf({ width: 480 });

    const svg = await renderSvg(vegaLiteSpec(chart));
    const sizes = CHART_WIDTHS.map((width) => {
      const [rgba, indexed, sixteen] = [undefined, 256, 16].map(
        (colors) => renderPng(svg, { width, colors }).bytes.length,
      );
      return {
        label: `PNG ${width} px`,
        value: `${kb(rgba ?? 0)} RGBA, ${kb(indexed ?? 0)} 256 colours, ${kb(sixteen ?? 0)} 16 colours`,
      };
    });
    const budget = pngBytesForDataUrl(TEAMS_IMAGE_BUDGET);
    started = performance.now();
    const teams = await pngWithin(chart, budget);
    const teamsMs = performance.now() - started;
    return [
      { label: 'first chart', value: `${first.toFixed(0)} ms (loads vega and vega-lite)` },
      {
        label: `median of ${RUNS}`,
        value: `${median.toFixed(1)} ms (${TIMED.width} px, ${TIMED.colors} colours)`,
        target: `≤ ${TARGET_MS} ms`,
        met: median <= TARGET_MS,
      },
      { label: 'p95', value: `${percentile(times, 0.95).toFixed(1)} ms` },
      {
        label: '480 px RGBA',
        value: `median ${percentile(plain, 0.5).toFixed(1)} ms, p95 ${percentile(plain, 0.95).toFixed(1)} ms (resvg's own PNG)`,
      },
      ...sizes,
      {
        label: 'Teams inline',
        value: teams
          ? `${teams.width} px, ${kb(teams.bytes.length)} (≤ ${kb(budget)} PNG for a ${kb(TEAMS_IMAGE_BUDGET)} data URL), ${teamsMs.toFixed(0)} ms`
          : `none fits in ${kb(budget)}`,
      },
    ];
  },
};
