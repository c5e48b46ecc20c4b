/**
 * Plain-text renderer for the terminal (`koers ask`) and the local playground.
 *
 * Output may be piped into files or other tools, so it holds no ANSI codes, no trailing spaces and
 * only `\n` line breaks. Columns are aligned by display width (graphemes, wide East Asian and emoji
 * counted double) so names like `Zoë` line up. Blocks are separated by a blank line so they read as
 * paragraphs.
 */
import type { Block, FormInput, Reply, TrendSeries } from '../reply/reply.ts';
import { oneLine, splitLines, tidy as tidyText } from './text-pieces.ts';

type Locale = Reply['locale'];
type Lines = string[];

const BARS = '▁▂▃▄▅▆▇█';
const GAP = '·';
const COLUMN_GAP = '  ';
const DIVIDER_WIDTH = 40;

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

export function renderText(reply: Reply): string {
  const format = trendFormat(reply.locale);
  return reply.blocks
    .map((block) => tidy(renderBlock(block, format)))
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n');
}

function renderBlock(block: Block, format: Intl.NumberFormat): Lines {
  switch (block.type) {
    case 'header':
      return header(block.text);
    case 'text':
      return hanging(TONE_PREFIX[block.tone], block.text);
    case 'fields':
      return fields(block.fields);
    case 'table':
      return table(block.caption, block.columns, block.rows);
    case 'list':
      return list(block);
    case 'trend':
      return trend(block.title, block.series, format);
    case 'actions':
      return [block.buttons.map((button) => buttonLabel(button.label)).join(' ')];
    case 'form':
      return form(block);
    case 'divider':
      return ['─'.repeat(DIVIDER_WIDTH)];
  }
}

// Without colour, error and success need a symbol; muted text has nothing honest to show it by.
const TONE_PREFIX: Record<Extract<Block, { type: 'text' }>['tone'], string> = {
  normal: '',
  muted: '',
  error: '✗ ',
  success: '✓ ',
};

function header(text: string): Lines {
  const title = oneLine(text).trimEnd();
  return [title, '═'.repeat(displayWidth(title))];
}

function fields(items: { label: string; value: string }[]): Lines {
  const labels = items.map((item) => `${oneLine(item.label)}:`);
  const width = Math.max(0, ...labels.map(displayWidth));
  return items.flatMap((item, i) => hanging(`${padEnd(labels[i] ?? '', width)} `, item.value));
}

function table(caption: string | undefined, columns: string[], rows: string[][]): Lines {
  const count = Math.max(columns.length, ...rows.map((row) => row.length));
  const cells = [columns, ...rows].map((row) =>
    Array.from({ length: count }, (_, i) => oneLine(row[i] ?? '')),
  );
  const widths = Array.from({ length: count }, (_, i) =>
    Math.max(...cells.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (row: string[]) => row.map((cell, i) => padEnd(cell, widths[i] ?? 0)).join(COLUMN_GAP);
  const [head = [], ...body] = cells;
  // A rule under a header with nothing beneath it separates nothing.
  const rule = body.length > 0 ? [widths.map((width) => '─'.repeat(width)).join(COLUMN_GAP)] : [];
  return [...optional(caption), line(head), ...rule, ...body.map(line)];
}

function list(block: Extract<Block, { type: 'list' }>): Lines {
  if (block.items.length === 0) {
    return block.empty === undefined ? [] : [...optional(block.title), block.empty];
  }
  const items = block.items.flatMap((item) => {
    const detail = item.detail === undefined ? '' : ` — ${item.detail}`;
    const button = item.button === undefined ? '' : ` ${buttonLabel(item.button.label)}`;
    return hanging('• ', `${item.text}${detail}${button}`);
  });
  return [...optional(block.title), ...items];
}

function trend(title: string, series: TrendSeries[], format: Intl.NumberFormat): Lines {
  const labels = series.map((s) => oneLine(s.label));
  const width = Math.max(0, ...labels.map(displayWidth));
  const lines = series.map((s, i) => {
    const cells = [
      padEnd(labels[i] ?? '', width),
      sparkline(s.values, s.min, s.max),
      trendChange(s.values, format),
    ];
    return cells.join(COLUMN_GAP);
  });
  return [...optional(title), ...lines];
}

/**
 * First and last known value; a single answer has no change to show, so it stands alone. Shared
 * with the Block Kit and Adaptive Card renderers, so every platform shows a trend's numbers alike.
 */
export function trendChange(values: (number | null)[], format: Intl.NumberFormat): string {
  const known = values.filter((value): value is number => value !== null && !Number.isNaN(value));
  const first = known[0];
  const last = known[known.length - 1];
  if (first === undefined || last === undefined) return '';
  return known.length === 1 ? format.format(first) : `${format.format(first)} → ${format.format(last)}`;
}

function form(block: Extract<Block, { type: 'form' }>): Lines {
  return [...optional(block.title), ...block.inputs.flatMap(formInput), buttonLabel(block.submitLabel)];
}

function formInput(input: FormInput): Lines {
  const required = input.required ? ' *' : '';
  const options =
    input.type === 'select' ? ` (${input.options.map((option) => oneLine(option.label)).join(' / ')})` : '';
  const value = input.value === undefined ? '' : `: ${shownValue(input, input.value)}`;
  const error = input.error === undefined ? [] : hanging('  ✗ ', input.error);
  return [...hanging('• ', `${oneLine(input.label)}${required}${options}${value}`), ...error];
}

/** A select keeps the option's value; the reader chose its label. */
function shownValue(input: FormInput, value: string): string {
  const option = input.type === 'select' ? input.options.find((o) => o.value === value) : undefined;
  return oneLine(option?.label ?? value);
}

function buttonLabel(label: string): string {
  return `[${oneLine(label).trim()}]`;
}

function optional(line: string | undefined): Lines {
  return line === undefined ? [] : splitLines(line);
}

/** Prefix the first line and indent the rest under it, so wrapped text stays in its column. */
function hanging(prefix: string, text: string): Lines {
  const indent = ' '.repeat(displayWidth(prefix));
  return splitLines(text).map((line, i) => (i === 0 ? prefix : indent) + line);
}

/** Trim each line's end and drop blank lines around the block, so the blank line between blocks stays one. */
function tidy(lines: Lines): Lines {
  return tidyText(lines.join('\n'));
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

/** Printable ASCII and Latin-1/Latin Extended letters, each one code unit and one column. */
const SIMPLE_LATIN =
  /^[\u0020-\u007e\u00a0-\u024f\u2013\u2014\u2022\u2026\u2190-\u21ff\u2500-\u259f\u25b2]*$/;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const WIDE = /^[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u;

/** Columns a string takes in a monospace terminal; approximate for the scripts Koers rarely sees. */
function displayWidth(text: string): number {
  // Latin text without combining marks is one column a character: most of what Koers prints.
  if (SIMPLE_LATIN.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += WIDE.test(segment) ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
