/**
 * Adaptive Card renderer: a Reply as Microsoft Teams cards (schema 1.5), and a form as a card of inputs.
 *
 * Teams refuses a whole message over its size limit, so size is enforced here rather than trusted to
 * the commands: long texts become several TextBlocks, long tables several Tables that repeat their
 * head, and a reply too large for one message becomes several cards. Only labels (headers, buttons,
 * titles, options) are cut, visibly, with '…'. Ids and payloads are never cut — a changed id routes
 * to the wrong action — so one that does not fit throws: payloads hold ids, never content.
 *
 * Teams reads a TextBlock as a subset of markdown, so every text from a Reply is escaped to show
 * literally; emphasis is drawn with TextBlock properties, never with markdown.
 */

import { translate } from '../i18n/translate.ts';
import { FORM_ACTION, RUN_ACTION } from '../reply/buttons.ts';
import type { Block, Button, FormInput, Reply } from '../reply/reply.ts';
import { sparkline, trendChange, trendFormat } from './text.ts';
import { ELLIPSIS, oneLine, textCutter, tidy } from './text-pieces.ts';

const { take, cut, hardSplit } = textCutter();

export const TEAMS_LIMITS = { messageBytes: 28 * 1024 } as const;

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
// Well under Teams' limit: the activity around the card (ids, channel data) counts towards it too.
const CARD_BYTES = 24_000;
// Measured before escaping, in UTF-16 units: even at 6 JSON bytes a unit (a control character),
// one text chunk stays far below a card, so every element fits on a page of its own.
const TEXT_UNITS = 1500;
// Teams' host config shows at most 5 actions in a set; the parser reports a sixth as an error.
const ACTIONS_PER_SET = 5;
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
const COLUMN_GAP = '  ';

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
export function renderCards(reply: Reply): AdaptiveCard[] {
  const format = trendFormat(reply.locale);
  const elements = reply.blocks.flatMap((block) => renderBlock(block, format));
  return paginate(elements, CARD_BYTES).map((body) => card(body));
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
  let used = fixed + inputs.reduce((sum, json) => sum + bytes(json) + 1, 0);
  const context: Json[] = [];
  const format = trendFormat(reply.locale);
  for (const element of reply.blocks
    .filter((b) => b.type !== 'form')
    .flatMap((b) => renderBlock(b, format))) {
    const size = bytes(element.json) + 1;
    if (used + size > CARD_BYTES) break;
    context.push(element.json);
    used += size;
  }
  return card([title, ...context, ...inputs], [submit]);
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
  }
}

const plain = (jsons: Json[]): Element[] => jsons.map((json) => ({ json }));

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
  // Reduced, not spread into Math.max: a table of a whole school has more rows than a call has arguments.
  const count = block.rows.reduce((most, row) => Math.max(most, row.length), block.columns.length);
  const head = row(
    Array.from({ length: count }, (_, i) => cut(oneLine(block.columns[i] ?? '').trim(), COLUMN_UNITS)),
  );
  const width = Math.max(8, Math.floor(TABLE_ROW_UNITS / count));
  // A cell too long for a row continues in rows beneath it, the other cells left empty.
  const body = block.rows.flatMap((cells) => {
    const pieces = Array.from({ length: count }, (_, i) => hardSplit(oneLine(cells[i] ?? ''), width));
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
  return [...bold(block.title), ...lines.flatMap((line) => texts(line, { fontType: 'Monospace' }))];
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

/** A button without words cannot say what it does, so it is left out rather than shown blank. */
function usable(button: Button): boolean {
  return oneLine(button.label).trim() !== '';
}

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
  for (const room of ROOMS) {
    const drawn = formInput(field, room, locale);
    if (drawn.reduce((sum, json) => sum + bytes(json) + 1, 0) <= share) return drawn;
  }
  throw new Error(`input ${field.name} does not fit a Teams card beside the form's other inputs`);
}

function formInput(field: FormInput, room: Room, locale: Locale): Json[] {
  const shownLabel = cut(label(field.label, field.name), room.label);
  const error = field.error === undefined ? '' : cut(label(field.error), room.error);
  const common = {
    id: field.name,
    label: shownLabel,
    isRequired: field.required,
    ...(field.required ? { errorMessage: error === '' ? required(locale) : error } : {}),
  };
  const below = error === '' ? [] : [textBlock(escaped(error), TONE.error)];
  return [{ ...element(field, room), ...common }, ...below];
}

function element(field: FormInput, room: Room): Json {
  const value = field.value;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = Math.min(field.maxLength ?? room.value, room.value);
      return {
        type: 'Input.Text',
        ...(field.type === 'textarea' ? { isMultiline: true } : {}),
        ...(field.type === 'text' && field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
        // What the user typed, so never marked with '…': it would become part of their text.
        ...(value ? { value: take(value, max) } : {}),
      };
    }
    case 'date':
      return { type: 'Input.Date', ...(value && isIsoDate(value) ? { value } : {}) };
    case 'number':
      return numberInput(field);
    case 'select':
      return choiceSet(field, room);
    case 'checkbox':
      return {
        type: 'Input.Toggle',
        title: cut(label(field.label, field.name), room.label),
        valueOn: 'true',
        // Unticked sends nothing, as a blank field does: the form engine treats both as absent.
        valueOff: '',
        value: value === 'true' ? 'true' : '',
      };
  }
}

function numberInput(field: Extract<FormInput, { type: 'number' }>): Json {
  let min = finite(field.min);
  let max = finite(field.max);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [undefined, undefined];
  const typed = field.value?.trim() ?? '';
  const initial = /^-?\d+(\.\d+)?$/.test(typed) ? Number(typed) : undefined;
  const fits =
    initial !== undefined &&
    Number.isFinite(initial) &&
    (min === undefined || initial >= min) &&
    (max === undefined || initial <= max);
  return {
    type: 'Input.Number',
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...(fits ? { value: initial } : {}),
  };
}

/** JSON has no Infinity: it would arrive as null. */
function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value + 0 : undefined;
}

function choiceSet(field: Extract<FormInput, { type: 'select' }>, room: Room): Json {
  const choices = field.options.map((option) => ({
    title: cut(label(option.label, option.value), room.option),
    value: option.value,
  }));
  const chosen = choices.find((choice) => choice.value === field.value);
  let shown = choices.slice(0, room.options);
  // The user's earlier choice stays choosable even when it is past the options shown.
  if (chosen && !shown.includes(chosen)) shown = [...shown.slice(0, room.options - 1), chosen];
  return {
    type: 'Input.ChoiceSet',
    style: 'compact',
    choices: shown,
    ...(chosen ? { value: chosen.value } : {}),
  };
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
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

/** Labels fall back to the next candidate, then to '…', so no button or input is left without words. */
function label(...candidates: string[]): string {
  return (
    candidates.map((candidate) => oneLine(candidate).trim()).find((candidate) => candidate !== '') ?? ELLIPSIS
  );
}

/** Lines into escaped texts of at most `limit` units before escaping, in order, cutting nothing. */
function chunk(lines: string[], limit: number): string[] {
  const texts: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) texts.push(escaped(current.join('\n')));
    current = [];
    size = 0;
  };
  for (const line of lines.flatMap((whole) => hardSplit(whole, limit))) {
    if (current.length > 0 && size + 1 + line.length > limit) flush();
    size = current.length === 0 ? line.length : size + 1 + line.length;
    current.push(line);
  }
  flush();
  return texts.filter((text) => text.trim() !== '');
}

// ── measuring and paging ───────────────────────────────────────────────────────────────────────

/** What Teams counts: the UTF-8 bytes of the JSON. */
function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Items into groups whose JSON stays within `max` bytes; an item larger than that goes alone. */
function grouped<T>(items: T[], max: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = bytes(item) + 1;
    if (group.length > 0 && size + itemSize > max) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(item);
    size += itemSize;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Elements into card bodies of at most `max` bytes as a card, keeping a header with what it heads. */
function paginate(elements: Element[], max: number): Json[][] {
  const room = max - bytes(card([]));
  const pages: Element[][] = [];
  let page: Element[] = [];
  let size = 0;
  for (const element of elements) {
    const elementSize = bytes(element.json) + 1;
    if (page.length > 0 && size + elementSize > room) {
      const last = page.at(-1);
      const carried = last?.header && page.length > 1 ? [last] : [];
      pages.push(carried.length > 0 ? page.slice(0, -1) : page);
      page = carried;
      size = carried.reduce((sum, e) => sum + bytes(e.json) + 1, 0);
    }
    page.push(element);
    size += elementSize;
  }
  if (page.length > 0) pages.push(page);
  return pages.map((p) => p.map((element) => element.json));
}
