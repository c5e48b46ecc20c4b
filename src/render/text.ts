/**
 * Plain-text renderer for the terminal (`koers ask`) and the local playground.
 *
 * Output may be piped into files or other tools, so it holds no ANSI codes, no trailing spaces and
 * only `\n` line breaks. Columns are aligned by display width (kit/width.ts: wide East Asian and
 * emoji counted double) so names like `Zoë` line up. Blocks are separated by a blank line so they
 * read as paragraphs. Nothing limits a terminal, so nothing is ever cut or left out.
 */
import type { Block, FormInput, Reply, TrendSeries } from '../reply/reply.ts';
import { aligned, COLUMN_GAP, grid } from './kit/columns.ts';
import { shownValue } from './kit/inputs.ts';
import { oneLine, splitLines, tidy as tidyText } from './kit/lines.ts';
import { sparkline, trendChange, trendFormat, trendSpan } from './kit/trend.ts';
import { displayWidth, padEnd } from './kit/width.ts';

// Kept here too: other modules and tests import them from the text renderer.
export { sparkline, trendChange, trendFormat };

type Lines = string[];

const DIVIDER_WIDTH = 40;

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
      return table(block);
    case 'list':
      return list(block);
    case 'trend':
      return trend(block, format);
    case 'actions':
      return [block.buttons.map((button) => buttonLabel(button.label)).join(' ')];
    case 'form':
      return form(block);
    case 'divider':
      return ['─'.repeat(DIVIDER_WIDTH)];
    case 'chart':
      // An image: a terminal shows none, and every number it draws is in the text blocks beside it.
      return [];
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

function table(block: Extract<Block, { type: 'table' }>): Lines {
  const { head, rule, body } = aligned(grid(block));
  return [...optional(block.caption), head, ...(rule === undefined ? [] : [rule]), ...body];
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

function trend(block: Extract<Block, { type: 'trend' }>, format: Intl.NumberFormat): Lines {
  const labels = block.series.map((s: TrendSeries) => oneLine(s.label));
  const width = Math.max(0, ...labels.map(displayWidth));
  const lines = block.series.map((s, i) => {
    const cells = [
      padEnd(labels[i] ?? '', width),
      sparkline(s.values, s.min, s.max),
      trendChange(s.values, format),
    ];
    return cells.join(COLUMN_GAP);
  });
  // The span of periods as an axis, under the bars.
  const span = trendSpan(block.periods);
  const axis = span === '' ? [] : [`${' '.repeat(width)}${COLUMN_GAP}${span}`];
  return [...optional(block.title), ...lines, ...axis];
}

function form(block: Extract<Block, { type: 'form' }>): Lines {
  return [...optional(block.title), ...block.inputs.flatMap(formInput), buttonLabel(block.submitLabel)];
}

function formInput(input: FormInput): Lines {
  const required = input.required ? ' *' : '';
  const options =
    input.type === 'select' ? ` (${input.options.map((option) => oneLine(option.label)).join(' / ')})` : '';
  const shown = shownValue(input);
  const value = shown === undefined ? '' : `: ${oneLine(shown)}`;
  const error = input.error === undefined ? [] : hanging('  ✗ ', input.error);
  return [...hanging('• ', `${oneLine(input.label)}${required}${options}${value}`), ...error];
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
