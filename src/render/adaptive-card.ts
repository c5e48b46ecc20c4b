/**
 * Adaptive Card renderer: a Reply as Microsoft Teams cards (schema 1.5), and a form as a card of inputs.
 *
 * Teams refuses a whole message over its size limit, so size is enforced here rather than trusted to
 * the commands: long texts become several TextBlocks, long tables several Tables that repeat their
 * head, and a reply too large for one message becomes several cards. Only labels (headers, buttons,
 * titles, options) are cut, visibly, with '…', and what a form card cannot hold is noted ("… en nog
 * 3."). Ids and payloads are never cut — a changed id routes to the wrong action — so one that does
 * not fit throws: payloads hold ids, never content. What every renderer decides alike is in kit/.
 *
 * Teams reads a TextBlock as a subset of markdown, so every text from a Reply is escaped to show
 * literally; emphasis is drawn with TextBlock properties, never with markdown.
 */

import { translate } from '../i18n/translate.ts';
import { FORM_ACTION, RUN_ACTION } from '../reply/buttons.ts';
import type { Block, Button, FormInput, Reply } from '../reply/reply.ts';
import { COLUMN_GAP, grid } from './kit/columns.ts';
import { textCutter } from './kit/cutting.ts';
import { describeInput, type InputDescription, initialText, visibleOptions } from './kit/inputs.ts';
import { label, moreNote, usable } from './kit/labels.ts';
import { TEAMS_LIMITS } from './kit/limits.ts';
import { oneLine, tidy } from './kit/lines.ts';
import { jsonBytes as bytes, chunk as chunkLines, grouped as groupedBy, paginate } from './kit/paging.ts';
import { sparkline, trendChange, trendFormat, trendSpan } from './kit/trend.ts';

const cutter = textCutter();
const { cut, hardSplit } = cutter;

export { TEAMS_LIMITS };

export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  msteams?: { width: 'Full' };
};

type Form = Extract<Block, { type: 'form' }>;
type ListBlock = Extract<Block, { type: 'list' }>;
type TableBlock = Extract<Block, { type: 'table' }>;
type TrendBlock = Extract<Block, { type: 'trend' }>;
type Tone = Extract<Block, { type: 'text' }>['tone'];
type Locale = Reply['locale'];
type Json = Record<string, unknown>;
/** A body element and whether it is a header, which should not end a page without what it heads. */
type Element = { json: Json; header?: boolean };

/**
 * The verbs of Koers's `Action.Execute` buttons: what the Teams adapter routes an
 * `adaptiveCard/action` invoke on. Any other button keeps its own action id as its verb.
 */
export const CARD_VERB = {
  run: 'koers.run',
  formOpen: 'koers.form.open',
  formSubmit: 'koers.form.submit',
} as const;

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const CARD_BYTES = TEAMS_LIMITS.cardBytes;
// Measured before escaping, in UTF-16 units: even at 6 JSON bytes a unit (a control character),
// one text chunk stays far below a card, so every element fits on a page of its own.
const TEXT_UNITS = 1500;
const ACTIONS_PER_SET = TEAMS_LIMITS.actionsPerSet;
const TABLE_BYTES = 12_000;
const FACTSET_BYTES = 12_000;
const TABLE_ROW_UNITS = 1200;
const FACT_VALUE_UNITS = 1000;
const HEADER_UNITS = 150;
const LABEL_UNITS = 200;
const BUTTON_UNITS = 75;
const COLUMN_UNITS = 60;
const FORM_TITLE_UNITS = 150;
const PAYLOAD_BYTES = 4000;
// Keys the adapter reads from a submission; an input with one of these names would shadow them.
const RESERVED = ['formId', 'payload', 'msteams'];

const TONE: Record<Tone, Json> = {
  normal: {},
  muted: { isSubtle: true },
  error: { color: 'Attention' },
  success: { color: 'Good' },
};

// A required input without an error message is flagged by the Adaptive Cards validator; when the
// Reply has none for it, the card says the general one, from the locale files like every word.
const required = (locale: Locale) => translate(locale, 'forms.fillIn');

/** One or more cards: a Reply too large for one message is paged in order, never silently cut. */
export type CardOptions = {
  /**
   * The chart images to show, by the index of their chart block in the Reply: a PNG as a data URL
   * (src/charts/data-url.ts) that the caller made small enough for the card. A chart block without
   * one is left out: its numbers are in the text blocks beside it.
   */
  images?: ReadonlyMap<number, string>;
};

export function renderCards(reply: Reply, options: CardOptions = {}): AdaptiveCard[] {
  const format = trendFormat(reply.locale);
  const elements = reply.blocks.flatMap((block, index) => {
    if (block.type !== 'chart') return renderBlock(block, format);
    const url = options.images?.get(index);
    return url === undefined ? [] : [{ json: chartImage(url, block.chart.title) }];
  });
  const room = CARD_BYTES - bytes(card([]));
  return paginate(
    elements,
    room,
    (element) => bytes(element.json) + 1,
    (element) => element.header === true,
  ).map((page) => card(page.map((element) => element.json)));
}

/**
 * A card for a form block. Each input's earlier value is its initial value, so a form sent back with
 * errors keeps what the user typed; the Reply's other blocks go above the inputs while there is room.
 */
export function renderFormCard(reply: Reply, form: Form): AdaptiveCard {
  const names = new Set(form.inputs.map((input) => input.name));
  if (names.size < form.inputs.length) throw new Error(`form ${form.formId} repeats an input name`);
  for (const name of names)
    if (RESERVED.includes(name)) throw new Error(`input ${name} of form ${form.formId} is a reserved name`);
  const submit = {
    type: 'Action.Execute',
    verb: CARD_VERB.formSubmit,
    title: cut(label(form.submitLabel, form.title), BUTTON_UNITS),
    style: 'positive',
    data: checkedData({ formId: form.formId, payload: form.payload }, form.formId),
  };
  const title = textBlock(escaped(cut(label(form.title), FORM_TITLE_UNITS)), {
    size: 'Large',
    weight: 'Bolder',
  });
  const fixed = bytes(card([title], [submit]));
  // The inputs are the point of the card, so each gets an equal share before any context does.
  const share = Math.floor((CARD_BYTES - fixed) / form.inputs.length) - 1;
  const inputs = form.inputs.flatMap((field) => fitted(field, share, reply.locale));
  const used = fixed + inputs.reduce((sum, json) => sum + bytes(json) + 1, 0);
  const context = fittedContext(
    reply.blocks.filter((b) => b.type !== 'form'),
    CARD_BYTES - used,
    reply.locale,
  );
  return card([title, ...context, ...inputs], [submit]);
}

/**
 * The Reply's other blocks in at most `room` bytes: whole blocks while they fit, then a subtle line
 * saying how many were left out ("… en nog 3."), if it fits too.
 */
function fittedContext(blocks: Block[], room: number, locale: Locale): Json[] {
  const format = trendFormat(locale);
  const size = (jsons: Json[]) => jsons.reduce((sum, json) => sum + bytes(json) + 1, 0);
  const kept: Json[][] = [];
  let used = 0;
  // Drawn one by one and only while they may fit: a card is drawn for every form of a reply.
  for (const block of blocks) {
    const drawn = renderBlock(block, format).map((element) => element.json);
    if (used + size(drawn) > room) break;
    kept.push(drawn);
    used += size(drawn);
  }
  // Dividers show no content, and a chart's numbers are in its text blocks: a reply that ends in them is whole.
  const leftOut = () =>
    blocks.slice(kept.length).filter((block) => block.type !== 'divider' && block.type !== 'chart').length;
  if (leftOut() === 0) return kept.flat();
  const note = () => texts(moreNote(locale, leftOut()), TONE.muted);
  // Whole blocks give way from the end to make room for the note, which grows as they do.
  while (kept.length > 0 && used + size(note()) > room) used -= size(kept.pop() ?? []);
  return used + size(note()) <= room ? [...kept.flat(), ...note()] : [];
}

function card(body: Json[], actions?: Json[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.5',
    body,
    ...(actions ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

// ── blocks ─────────────────────────────────────────────────────────────────────────────────────

function renderBlock(block: Block, format: Intl.NumberFormat): Element[] {
  switch (block.type) {
    case 'header':
      return header(block.text);
    case 'text':
      return plain(texts(block.text, TONE[block.tone]));
    case 'fields':
      return plain(factSets(block.fields));
    case 'table':
      return plain(table(block));
    case 'list':
      return plain(list(block));
    case 'trend':
      return plain(trend(block, format));
    case 'actions':
      return plain(actionSets(block.buttons));
    case 'form':
      return plain(formOpener(block));
    case 'divider':
      return [{ json: { type: 'Container', separator: true, items: [] } }];
    case 'chart':
      // Shown only where `renderCards` is given its image; its numbers are in the text blocks.
      return [];
  }
}

const plain = (jsons: Json[]): Element[] => jsons.map((json) => ({ json }));

/** A chart as an image; its title is the text a screen reader says. */
function chartImage(url: string, title: string): Json {
  return { type: 'Image', url, altText: cut(label(title), LABEL_UNITS), size: 'Stretch' };
}

function header(raw: string): Element[] {
  const line = oneLine(raw).trim();
  if (line === '') return [];
  return [
    { json: textBlock(escaped(cut(line, HEADER_UNITS)), { size: 'Large', weight: 'Bolder' }), header: true },
  ];
}

/** A text as TextBlocks of at most TEXT_UNITS each, cutting nothing. */
function texts(raw: string, style: Json = {}): Json[] {
  return chunk(tidy(raw), TEXT_UNITS).map((text) => textBlock(text, style));
}

const bold = (raw: string): Json[] => texts(raw, { weight: 'Bolder' });

function factSets(items: { label: string; value: string }[]): Json[] {
  const facts = items.flatMap((item) => {
    const title = escaped(cut(oneLine(item.label).trim(), LABEL_UNITS));
    const pieces = chunk(tidy(item.value), FACT_VALUE_UNITS);
    if (title === '' && pieces.length === 0) return [];
    // A value too long for one fact continues in facts without a title rather than being cut.
    return (pieces.length > 0 ? pieces : ['']).map((piece, i) => ({
      title: i === 0 ? title : '',
      value: piece,
    }));
  });
  return grouped(facts, FACTSET_BYTES).map((group) => ({ type: 'FactSet', facts: group }));
}

function table(block: TableBlock): Json[] {
  const { count, head: names, body: cells } = grid(block);
  const head = row(names.map((name) => cut(name.trim(), COLUMN_UNITS)));
  const width = Math.max(8, Math.floor(TABLE_ROW_UNITS / count));
  // A cell too long for a row continues in rows beneath it, the other cells left empty.
  const body = cells.flatMap((cellsOfRow) => {
    const pieces = cellsOfRow.map((cell) => hardSplit(cell, width));
    const height = Math.max(1, ...pieces.map((p) => p.length));
    return Array.from({ length: height }, (_, r) => row(pieces.map((p) => p[r] ?? '')));
  });
  const columns = Array.from({ length: count }, () => ({ width: 1 }));
  const room = TABLE_BYTES - bytes(head);
  const tables = (body.length > 0 ? grouped(body, room) : [[]]).map((rows) => ({
    type: 'Table',
    columns,
    firstRowAsHeaders: true,
    rows: [head, ...rows],
  }));
  return [...(block.caption === undefined ? [] : bold(block.caption)), ...tables];
}

function row(cells: string[]): Json {
  return {
    type: 'TableRow',
    cells: cells.map((cell) => ({
      type: 'TableCell',
      items: cell.trim() === '' ? [] : [textBlock(escaped(cell))],
    })),
  };
}

function list(block: ListBlock): Json[] {
  const title = block.title === undefined ? [] : bold(block.title);
  if (block.items.length === 0)
    return block.empty === undefined ? [] : [...title, ...texts(block.empty, TONE.muted)];
  const items = block.items.flatMap((item) => {
    const detail = item.detail === undefined ? '' : ` — ${item.detail}`;
    const button = item.button && usable(item.button) ? [actionSet([item.button])] : [];
    return [...texts(`• ${item.text}${detail}`), ...button];
  });
  return [...title, ...items];
}

function trend(block: TrendBlock, format: Intl.NumberFormat): Json[] {
  const lines = block.series.map((s) =>
    [oneLine(s.label), sparkline(s.values, s.min, s.max), trendChange(s.values, format)]
      .filter((part) => part !== '')
      .join(COLUMN_GAP),
  );
  const span = trendSpan(block.periods);
  const axis = span === '' ? [] : [span];
  return [
    ...bold(block.title),
    ...[...lines, ...axis].flatMap((line) => texts(line, { fontType: 'Monospace' })),
  ];
}

function actionSets(buttons: Button[]): Json[] {
  const shown = buttons.filter(usable);
  const sets: Json[] = [];
  for (let i = 0; i < shown.length; i += ACTIONS_PER_SET)
    sets.push(actionSet(shown.slice(i, i + ACTIONS_PER_SET)));
  return sets;
}

function actionSet(buttons: Button[]): Json {
  return { type: 'ActionSet', actions: buttons.map(submitAction) };
}

function formOpener(form: Form): Json[] {
  const opener = {
    type: 'Action.Execute',
    verb: CARD_VERB.formOpen,
    // A form without a submit label still needs words on its button: the title says what it is.
    title: cut(label(form.submitLabel, form.title), BUTTON_UNITS),
    data: checkedData({ formId: form.formId, payload: form.payload }, form.formId),
  };
  return [...bold(form.title), { type: 'ActionSet', actions: [opener] }];
}

// ── buttons ────────────────────────────────────────────────────────────────────────────────────

function submitAction(button: Button): Json {
  const style =
    button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  return {
    type: 'Action.Execute',
    ...executed(button),
    title: cut(oneLine(button.label).trim(), BUTTON_UNITS),
    ...(style ? { style } : {}),
  };
}

/** A form button opens its form the way a form shown in a message does: `{ formId, payload }`. */
function executed(button: Button): { verb: string; data: Json } {
  if (button.actionId === FORM_ACTION) {
    const { form, ...prefill } = button.payload;
    if (form === undefined) throw new Error('a form button needs the form it opens');
    return {
      verb: CARD_VERB.formOpen,
      data: checkedData({ formId: form, payload: prefill }, button.actionId),
    };
  }
  const verb = button.actionId === RUN_ACTION ? CARD_VERB.run : button.actionId;
  return { verb, data: checkedData({ ...button.payload }, button.actionId) };
}

function checkedData<T extends Json>(data: T, what: string): T {
  const size = bytes(data);
  if (size > PAYLOAD_BYTES)
    throw new Error(
      `data of ${what} is ${size} bytes, over ${PAYLOAD_BYTES}: payloads hold ids, not content`,
    );
  return data;
}

// ── form inputs ────────────────────────────────────────────────────────────────────────────────

/** How much of an input's texts is kept; tighter levels are tried until the input fits its share. */
type Room = { label: number; error: number; value: number; option: number; options: number };
const ROOMS: Room[] = [
  { label: 600, error: 1000, value: 4000, option: 150, options: 100 },
  { label: 300, error: 500, value: 2000, option: 75, options: 100 },
  { label: 150, error: 250, value: 1000, option: 40, options: 50 },
  { label: 60, error: 120, value: 300, option: 20, options: 20 },
  { label: 30, error: 60, value: 60, option: 12, options: 8 },
];

function fitted(field: FormInput, share: number, locale: Locale): Json[] {
  const described = describeInput(field, { whole: false });
  for (const room of ROOMS) {
    const drawn = formInput(described, room, locale);
    if (drawn.reduce((sum, json) => sum + bytes(json) + 1, 0) <= share) return drawn;
  }
  throw new Error(`input ${field.name} does not fit a Teams card beside the form's other inputs`);
}

/** The input, then what the card had to leave out of it, then its error, as a reader sees them. */
function formInput(field: InputDescription, room: Room, locale: Locale): Json[] {
  const error = field.error === undefined ? '' : cut(label(field.error), room.error);
  const common = {
    id: field.name,
    label: cut(field.label, room.label),
    isRequired: field.required,
    ...(field.required ? { errorMessage: error === '' ? required(locale) : error } : {}),
  };
  const { json, hidden } = element(field, room);
  const note = hidden > 0 ? texts(moreNote(locale, hidden), TONE.muted) : [];
  const below = error === '' ? [] : [textBlock(escaped(error), TONE.error)];
  return [{ ...json, ...common }, ...note, ...below];
}

function element(field: InputDescription, room: Room): { json: Json; hidden: number } {
  switch (field.kind) {
    case 'text': {
      const max = Math.min(field.maxLength ?? room.value, room.value);
      const initial = field.initial ? initialText(field.initial, max, cutter) : undefined;
      const json = {
        type: 'Input.Text',
        ...(field.multiline ? { isMultiline: true } : {}),
        ...(!field.multiline && field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
        ...(initial ? { value: initial.shown } : {}),
      };
      return { json, hidden: initial?.hidden ?? 0 };
    }
    case 'date':
      return { json: { type: 'Input.Date', ...(field.initial ? { value: field.initial } : {}) }, hidden: 0 };
    case 'number':
      return {
        json: {
          type: 'Input.Number',
          ...(field.min === undefined ? {} : { min: field.min }),
          ...(field.max === undefined ? {} : { max: field.max }),
          ...(field.initial === undefined ? {} : { value: field.initial }),
        },
        hidden: 0,
      };
    case 'select':
      return choiceSet(field, room);
    case 'checkbox':
      return {
        json: {
          type: 'Input.Toggle',
          title: cut(field.label, room.label),
          valueOn: 'true',
          // Unticked sends nothing, as a blank field does: the form engine treats both as absent.
          valueOff: '',
          value: field.checked ? 'true' : '',
        },
        hidden: 0,
      };
  }
}

function choiceSet(
  field: Extract<InputDescription, { kind: 'select' }>,
  room: Room,
): { json: Json; hidden: number } {
  // The user's earlier choice stays choosable even when it is past the options shown.
  const { shown, hidden } = visibleOptions(field.options, field.chosen?.value, room.options);
  const choices = shown.map((option) => ({
    title: cut(label(option.label, option.value), room.option),
    value: option.value,
  }));
  const json = {
    type: 'Input.ChoiceSet',
    style: 'compact',
    choices,
    ...(field.chosen ? { value: field.chosen.value } : {}),
  };
  return { json, hidden };
}

// ── text ───────────────────────────────────────────────────────────────────────────────────────

/** `text` is already escaped: callers escape, since a chunk's line starts are known only after chunking. */
function textBlock(text: string, style: Json = {}): Json {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

/**
 * Backslash before every character Teams' markdown could read as markup, so user text such as
 * `**x**` or `[a](b)` shows as typed. Line starts also escape lists, quotes and headings.
 */
export function escaped(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\*_~`[\]#>]/g, '\\$&')
        // `{{DATE(…)}}` and `{{TIME(…)}}` are Teams' own formatting functions; a zero-width
        // space between the braces keeps a typed one literal.
        .replace(/\{\{/g, '{\u200B{')
        .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/** Lines into escaped texts of at most `limit` units before escaping, in order, cutting nothing. */
function chunk(lines: string[], limit: number): string[] {
  return chunkLines(lines, limit, hardSplit).map(escaped);
}

/** Items into groups whose JSON stays within `max` bytes; an item larger than that goes alone. */
function grouped<T>(items: T[], max: number): T[][] {
  return groupedBy(items, max, (item) => bytes(item) + 1);
}
