/**
 * A trend as every renderer writes it in text: a sparkline of one bar per period, the first and
 * last known value in the reader's number format, and the span of periods the bars cover. A
 * renderer that can draw a chart (HTML) may draw one too; these words stay, for screen readers.
 */
import type { Reply } from '../../reply/reply.ts';

type Locale = Reply['locale'];

const BARS = '▁▂▃▄▅▆▇█';
/** A period without an answer. */
export const GAP = '·';

/**
 * One bar per value. The level is the nearest of the 8 bars: round((v - min) / (max - min) * 7),
 * with Math.round so halves go up. A scale without range (max <= min) draws every value at the
 * lowest bar rather than inventing a height.
 */
export function sparkline(values: (number | null)[], min: number, max: number): string {
  return values.map((value) => (value === null || Number.isNaN(value) ? GAP : bar(value, min, max))).join('');
}

function bar(value: number, min: number, max: number): string {
  const span = max - min;
  const ratio = span > 0 ? (value - min) / span : 0;
  const clamped = Number.isNaN(ratio) ? 0 : Math.min(1, Math.max(0, ratio));
  return BARS[Math.round(clamped * (BARS.length - 1))] ?? GAP;
}

/** First and last known value; a single answer has no change to show, so it stands alone. */
export function trendChange(values: (number | null)[], format: Intl.NumberFormat): string {
  const known = values.filter((value): value is number => value !== null && !Number.isNaN(value));
  const first = known[0];
  const last = known[known.length - 1];
  if (first === undefined || last === undefined) return '';
  return known.length === 1 ? format.format(first) : `${format.format(first)} → ${format.format(last)}`;
}

/**
 * The periods the bars cover, as an axis under them: the first and the last, since one label per
 * bar does not fit under bars one character wide. `periods` are labels, already in the reader's
 * language; blank ones are skipped.
 */
export function trendSpan(periods: string[]): string {
  const named = periods.map((period) => period.replace(/\s+/g, ' ').trim()).filter((period) => period !== '');
  const first = named[0];
  const last = named.at(-1);
  if (first === undefined || last === undefined) return '';
  return named.length === 1 ? first : `${first} – ${last}`;
}

const trendFormats = new Map<Locale, Intl.NumberFormat>();

/** How a trend's numbers are written: `3,5` in Dutch, one decimal at most. Built once per language. */
export function trendFormat(locale: Locale): Intl.NumberFormat {
  let format = trendFormats.get(locale);
  if (!format) {
    // 'negative' keeps a rounded -0.04 from showing as "-0".
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'negative' });
    trendFormats.set(locale, format);
  }
  return format;
}
