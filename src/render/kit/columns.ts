/**
 * A table block as a grid: every row as wide as the widest (a short row is filled with empty
 * cells, a long one keeps its extra cells under columns without a name), every cell on one line.
 * Monospace renderers (text, a Slack code block, an HTML `<pre>`) align it by display width.
 */
import type { Block } from '../../reply/reply.ts';
import { oneLine } from './lines.ts';
import { displayWidth, padEnd } from './width.ts';

type TableBlock = Extract<Block, { type: 'table' }>;

export const COLUMN_GAP = '  ';

export type Grid = {
  /** Columns: the most of the head and any row. */
  count: number;
  head: string[];
  body: string[][];
};

export function grid(table: Pick<TableBlock, 'columns' | 'rows'>): Grid {
  // Reduced, not spread into Math.max: a table of a whole school has more rows than a call has arguments.
  const count = table.rows.reduce((most, row) => Math.max(most, row.length), table.columns.length);
  const fill = (row: string[]) => Array.from({ length: count }, (_, i) => oneLine(row[i] ?? ''));
  return { count, head: fill(table.columns), body: table.rows.map(fill) };
}

export type AlignedTable = {
  head: string;
  /** A rule of '─' under the head; none when there is no body, since it would separate nothing. */
  rule: string | undefined;
  body: string[];
};

/** The grid as aligned lines, columns `COLUMN_GAP` apart, without spaces at line ends. */
export function aligned({ count, head, body }: Grid): AlignedTable {
  const widths = Array.from({ length: count }, (_, i) =>
    [head, ...body].reduce((most, row) => Math.max(most, displayWidth(row[i] ?? '')), 0),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => padEnd(cell, widths[i] ?? 0))
      .join(COLUMN_GAP)
      .trimEnd();
  return {
    head: line(head),
    rule: body.length > 0 ? widths.map((width) => '─'.repeat(width)).join(COLUMN_GAP) : undefined,
    body: body.map(line),
  };
}
