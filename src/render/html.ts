/**
 * HTML renderer: a Reply as a fragment of the local playground page, `<article class="reply">`.
 *
 * A page has none of Slack's or Teams' limits, so nothing is cut, split or left out here: every
 * text is shown whole, with its line breaks, and the other renderers' notes ("… en nog 3.") never
 * appear. Whatever a reader acts on is a native control: a button is a small posted form of its
 * own, a form block a posted form of labelled inputs (html/buttons.ts, html/forms.ts). So the page
 * needs no script, every control works from the keyboard, and the playground reads a press or a
 * submission as an ordinary POST. Every text is escaped (html/markup.ts); no element carries an
 * event handler or a style.
 *
 * The look is the page's: its stylesheet selects on the class names below, which say what an
 * element is rather than how it should look, so that they can stay as they are while the style
 * changes. Changing one breaks the playground's CSS silently, so they are listed here:
 *
 * - `reply` the article around one reply (with `lang`)
 * - `text` a text block's paragraph, with `muted`, `error` or `success` for its tone
 * - `fields` the `<dl>` of a fields block
 * - `list` around a list's title and items; `item-text` and `detail` in an item; `empty` the text
 *   of a list without items
 * - `actions` a row of buttons; `button` the form around each button; `primary`, `danger` on a
 *   `<button>` by its style (a form's submit button is `primary`)
 * - `form` a form block; `input` around each input with `input-text`, `input-date`,
 *   `input-number`, `input-select` or `input-checkbox`; `required` the `*` of a required input;
 *   `error` an input's error under it
 * - `trend` a trend's figure; `sparklines` its list of series, each a `label`, a `sparkline` (SVG,
 *   `currentColor`, bars; `gap` a period without an answer) and a `change`; `trend-values` the
 *   table of every value
 * - `chart` a chart's figure
 */
import type { Chart } from '../charts/chart.ts';
import type { Block, Reply } from '../reply/reply.ts';
import { buttonForm, buttonRow } from './html/buttons.ts';
import { formBlock } from './html/forms.ts';
import { type BlockIds, blockIds, checkedPrefix } from './html/ids.ts';
import { element, escapeHtml, hasWords, voidElement, withBreaks } from './html/markup.ts';
import { checkedHidden, type Posting } from './html/posting.ts';
import { trendFigure } from './html/trend.ts';
import { grid } from './kit/columns.ts';
import { usable } from './kit/labels.ts';
import { oneLine } from './kit/lines.ts';
import { trendFormat } from './kit/trend.ts';

export type HtmlTargets = {
  /** URL a button posts to (method POST, application/x-www-form-urlencoded). */
  action: string;
  /** URL a form block posts to. */
  submit: string;
  /** Hidden fields every posted <form> carries besides its own (e.g. which person acts: { as: 'm.jansen@…' }). */
  hidden?: Readonly<Record<string, string>>;
  /**
   * A chart block's image: an <img> source (data URL), or undefined to leave the chart out; the
   * chart's title is its alt text. Optional; without it charts are left out (their numbers are in
   * the text beside them).
   */
  chartImage?: (chart: Chart) => string | undefined;
  /** Prefix for element ids so two replies on one page never share an id (default 'r'). */
  idPrefix?: string;
};

type ListBlock = Extract<Block, { type: 'list' }>;
type TableBlock = Extract<Block, { type: 'table' }>;

type Context = {
  buttons: Posting;
  forms: Posting;
  chartImage: HtmlTargets['chartImage'];
  format: Intl.NumberFormat;
};

/**
 * An HTML fragment: `<article class="reply" lang="nl|en">…</article>`. Throws when `hidden` would
 * shadow a name Koers posts itself (`actionId`, `formId`, `payload`, `field.*`), when the id prefix
 * is empty or has spaces, or when a form repeats an input name: each would post or point at the
 * wrong thing.
 */
export function renderHtml(reply: Reply, targets: HtmlTargets): string {
  const hidden = checkedHidden(targets.hidden ?? {});
  const prefix = checkedPrefix(targets.idPrefix ?? 'r');
  const context: Context = {
    buttons: { url: targets.action, hidden },
    forms: { url: targets.submit, hidden },
    chartImage: targets.chartImage,
    format: trendFormat(reply.locale),
  };
  const blocks = reply.blocks
    .map((block, index) => renderBlock(block, context, blockIds(prefix, index)))
    .filter((markup) => markup !== '');
  return element('article', { class: 'reply', lang: reply.locale }, ['', ...blocks, ''].join('\n'));
}

function renderBlock(block: Block, context: Context, ids: BlockIds): string {
  switch (block.type) {
    case 'header': {
      const line = oneLine(block.text).trim();
      return line === '' ? '' : element('h2', {}, escapeHtml(line));
    }
    case 'text': {
      const tone = block.tone === 'normal' ? 'text' : `text ${block.tone}`;
      return hasWords(block.text) ? element('p', { class: tone }, withBreaks(block.text)) : '';
    }
    case 'fields':
      return fields(block.fields);
    case 'table':
      return table(block);
    case 'list':
      return list(block, context.buttons);
    case 'trend':
      return trendFigure(block, context.format);
    case 'actions':
      return buttonRow(block.buttons, context.buttons);
    case 'form':
      return formBlock(block, context.forms, ids);
    case 'divider':
      return voidElement('hr');
    case 'chart': {
      // Its numbers are in the text blocks beside it, so without an image it is left out.
      const src = context.chartImage?.(block.chart);
      if (src === undefined) return '';
      const image = voidElement('img', { src, alt: oneLine(block.chart.title).trim() });
      return element('figure', { class: 'chart' }, image);
    }
  }
}

function fields(items: { label: string; value: string }[]): string {
  const shown = items.filter((item) => hasWords(item.label) || hasWords(item.value));
  if (shown.length === 0) return '';
  const pairs = shown.map(
    (item) => element('dt', {}, withBreaks(item.label)) + element('dd', {}, withBreaks(item.value)),
  );
  return element('dl', { class: 'fields' }, pairs.join(''));
}

/** A real table: a caption, a head of column headers, and every row as wide as the widest. */
function table(block: TableBlock): string {
  // The kit's column count, so the table has the columns it has on every platform; the cells keep
  // their line breaks, which a table cell can show.
  const { count } = grid(block);
  const fill = (row: string[]) => Array.from({ length: count }, (_, i) => row[i] ?? '');
  // A column without a name has an empty cell in the head rather than a header that names nothing.
  const head = fill(block.columns).map((name) =>
    hasWords(name) ? element('th', { scope: 'col' }, withBreaks(name)) : element('td', {}, ''),
  );
  const body = block.rows.map((row) =>
    element(
      'tr',
      {},
      fill(row)
        .map((cell) => element('td', {}, withBreaks(cell)))
        .join(''),
    ),
  );
  const caption =
    block.caption !== undefined && hasWords(block.caption)
      ? element('caption', {}, withBreaks(block.caption))
      : '';
  const parts = [
    caption,
    element('thead', {}, element('tr', {}, head.join(''))),
    body.length > 0 ? element('tbody', {}, body.join('')) : '',
  ];
  return element('table', {}, parts.join(''));
}

function list(block: ListBlock, posting: Posting): string {
  // An empty list with nothing to say about it is left out, title and all, as on every platform.
  if (block.items.length === 0 && block.empty === undefined) return '';
  const title =
    block.title !== undefined && hasWords(block.title) ? element('h3', {}, withBreaks(block.title)) : '';
  const empty = block.empty !== undefined && hasWords(block.empty) ? block.empty : undefined;
  const content =
    block.items.length > 0
      ? element('ul', {}, block.items.map((item) => element('li', {}, listItem(item, posting))).join(''))
      : empty === undefined
        ? ''
        : element('p', { class: 'empty' }, withBreaks(empty));
  return element('div', { class: 'list' }, title + content);
}

function listItem(item: ListBlock['items'][number], posting: Posting): string {
  const parts = [element('span', { class: 'item-text' }, withBreaks(item.text))];
  if (item.detail !== undefined && hasWords(item.detail))
    parts.push(`— ${element('span', { class: 'detail' }, withBreaks(item.detail))}`);
  if (item.button !== undefined && usable(item.button)) parts.push(buttonForm(item.button, posting));
  return parts.join(' ');
}
