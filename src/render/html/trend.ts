/**
 * A trend as a figure: per series a small bar chart drawn in SVG, and beneath them a table of every
 * value per period. The bars are for the eye; the table is for screen readers, for search and for
 * whoever wants the numbers, so no value lives only in a drawing. Each drawing is an image whose
 * name says the series, its first and last value and the periods, in the kit's words
 * (kit/trend.ts), so it reads the same as in a terminal, in Slack and in Teams; the words shown
 * beside it say the same to the eye and are hidden from screen readers, which would hear them twice.
 */
import type { Block, TrendSeries } from '../../reply/reply.ts';
import { oneLine } from '../kit/lines.ts';
import { trendChange, trendSpan } from '../kit/trend.ts';
import { element, escapeHtml, hasWords, withBreaks } from './markup.ts';

type TrendBlock = Extract<Block, { type: 'trend' }>;

// In px, as attributes, so that the drawing has a sensible size before any page style applies.
const BAR_WIDTH = 6;
const BAR_GAP = 2;
const HEIGHT = 20;
/** The lowest value still shows a bar, as the text sparkline's lowest is `▁`, not nothing. */
const LOWEST = 2;

export function trendFigure(block: TrendBlock, format: Intl.NumberFormat): string {
  const span = trendSpan(block.periods);
  const caption = hasWords(block.title) ? element('figcaption', {}, withBreaks(block.title)) : '';
  const series = block.series.map((s) => element('li', {}, seriesLine(s, span, format))).join('');
  return element(
    'figure',
    { class: 'trend' },
    [caption, element('ul', { class: 'sparklines' }, series), valueTable(block, format)].join(''),
  );
}

/** The series' name, its bars and its change; the bars' image name says all three. */
function seriesLine(series: TrendSeries, span: string, format: Intl.NumberFormat): string {
  const name = oneLine(series.label).trim();
  const change = trendChange(series.values, format);
  if (series.values.length === 0) return element('span', { class: 'label' }, escapeHtml(name));
  // "Welbevinden: 3 → 5 (40 – 42)"
  const values = [change, span === '' ? '' : `(${span})`].filter((part) => part !== '').join(' ');
  const said = [name, values].filter((part) => part !== '').join(': ');
  const hidden = { 'aria-hidden': 'true' };
  return [
    element('span', { class: 'label', ...hidden }, escapeHtml(name)),
    sparkline(series, said),
    element('span', { class: 'change', ...hidden }, escapeHtml(change)),
  ].join(' ');
}

/** One bar per value, its height on the series' scale; a period without an answer is a low tick. */
function sparkline(series: TrendSeries, name: string): string {
  const step = BAR_WIDTH + BAR_GAP;
  const width = series.values.length * step - BAR_GAP;
  const bars = series.values.map((value, i) => {
    const known = value !== null && !Number.isNaN(value);
    const height = known ? LOWEST + level(value, series.min, series.max) * (HEIGHT - LOWEST) : 1;
    // An end tag, not `<rect>` alone: inside `<svg>` the HTML parser would nest the next bar in it.
    const attributes = { x: i * step, y: round(HEIGHT - height), width: BAR_WIDTH, height: round(height) };
    return element('rect', known ? attributes : { ...attributes, class: 'gap', 'fill-opacity': '0.4' }, '');
  });
  // Without a name (no label, no value, no period) the drawing says nothing a reader could use.
  const image = name === '' ? { 'aria-hidden': 'true' } : { role: 'img', 'aria-label': name };
  return element(
    'svg',
    {
      class: 'sparkline',
      ...image,
      width,
      height: HEIGHT,
      viewBox: `0 0 ${width} ${HEIGHT}`,
      fill: 'currentColor',
      xmlns: 'http://www.w3.org/2000/svg',
    },
    bars.join(''),
  );
}

/** Where a value sits between the scale's ends, 0 to 1; as the text sparkline, a scale without range puts every value at 0. */
function level(value: number, min: number, max: number): number {
  const span = max - min;
  const ratio = span > 0 ? (value - min) / span : 0;
  return Number.isNaN(ratio) ? 0 : Math.min(1, Math.max(0, ratio));
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Every value, a row per period and a column per series; an unanswered period is an empty cell. */
function valueTable(block: TrendBlock, format: Intl.NumberFormat): string {
  const rows = block.series.reduce((most, s) => Math.max(most, s.values.length), block.periods.length);
  if (rows === 0) return '';
  const head = [
    element('td', {}, ''),
    ...block.series.map((s) => element('th', { scope: 'col' }, withBreaks(s.label))),
  ];
  const body = Array.from({ length: rows }, (_, r) => {
    const cells = block.series.map((s) => {
      const value = s.values[r];
      const shown = value === undefined || value === null || Number.isNaN(value) ? '' : format.format(value);
      return element('td', {}, escapeHtml(shown));
    });
    return element(
      'tr',
      {},
      [element('th', { scope: 'row' }, withBreaks(block.periods[r] ?? '')), ...cells].join(''),
    );
  });
  return element(
    'table',
    { class: 'trend-values' },
    element('thead', {}, element('tr', {}, head.join(''))) + element('tbody', {}, body.join('')),
  );
}
