/**
 * Block Kit renderer: a Reply as Slack messages, a Home tab or a modal.
 *
 * Slack rejects a whole payload for one text a character too long, so every limit is enforced here
 * instead of trusted to the commands. Long texts and tables become several sections, a message with
 * too many blocks becomes several messages; only labels (headers, buttons, titles, options) are cut,
 * visibly, with '…'. Ids and payloads are never cut — a changed id routes to the wrong action — so
 * one that does not fit throws: payloads hold ids, never content.
 */
import type {
  ContextBlock,
  HomeView,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
  Button as SlackButton,
} from '@slack/types';
import type { Block, Button, FormInput, Reply } from '../reply/reply.ts';
import { renderText, sparkline, trendChange, trendFormat } from './text.ts';
import { ELLIPSIS, oneLine, splitLines, textCutter, tidy } from './text-pieces.ts';

const { units, take, cut, hardSplit } = textCutter('&(?:amp|lt|gt);');

export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  modalTitle: 24,
  fieldsPerSection: 10,
  fieldText: 2000,
  actionsElements: 25,
  privateMetadata: 3000,
  optionText: 75,
  staticSelectOptions: 100,
  contextElements: 10,
} as const;

type Form = Extract<Block, { type: 'form' }>;
type ListBlock = Extract<Block, { type: 'list' }>;
type TableBlock = Extract<Block, { type: 'table' }>;
type TrendBlock = Extract<Block, { type: 'trend' }>;
type Tone = Extract<Block, { type: 'text' }>['tone'];

/** Sends a message's button back to the router as "open this form in a modal". */
export const FORM_OPEN_ACTION = 'koers.form.open';

// More item buttons than this would cost a section each and crowd out the rest of the message.
const MAX_ITEM_BUTTONS = 20;
// Slack's limit on an option's value; not in SLACK_LIMITS because values are ids and are never cut.
const OPTION_VALUE_MAX = 150;
const CODE_FENCE = '```';
const COLUMN_GAP = '  ';
// Slack rejects two buttons with one action_id in a block; repeats get `#2`, `#3`… (see actionIdOf).
const REPEAT_SUFFIX = /#\d+$/;

const TONE_PREFIX: Record<Tone, string> = {
  normal: '',
  muted: '',
  error: ':warning: ',
  success: ':white_check_mark: ',
};

/** The action id a button was given in the Reply, from the one Slack sends back. */
export function actionIdOf(slackActionId: string): string {
  return slackActionId.replace(REPEAT_SUFFIX, '');
}

/**
 * One or more messages: a Reply too long for one message is split, in order, never cut. Each has a
 * plain-text `text` for notifications and screen readers. A Reply with nothing to show gives none.
 */
export function renderMessages(reply: Reply): { text: string; blocks: KnownBlock[] }[] {
  const pages = paginate(renderBlocks(reply.blocks, reply.locale), SLACK_LIMITS.messageBlocks);
  const first = fallback(reply);
  return pages.map((blocks, i) => ({
    text: i === 0 ? first : `${ELLIPSIS} (${i + 1}/${pages.length})`,
    blocks,
  }));
}

/**
 * The text rendering, cut to fit. The text renderer draws each block on its own and puts a blank
 * line between them, so rendering block by block until the text is long enough gives the same start
 * without drawing the whole of a long reply only to cut it.
 */
function fallback(reply: Reply): string {
  const limit = SLACK_LIMITS.sectionText;
  let text = '';
  for (const block of reply.blocks) {
    const part = renderText({ ...reply, blocks: [block] });
    if (part !== '') text = text === '' ? part : `${text}\n\n${part}`;
    // Escaping only lengthens, so once the raw text is over the limit the escaped one is too.
    if (text.length > limit) break;
  }
  return orEllipsis(cut(escaped(text), limit));
}

/** A Home tab; past 100 blocks it ends with a grey line in the caller's words saying it was shortened. */
export function renderHome(reply: Reply, shortened: string): HomeView {
  const blocks = renderBlocks(reply.blocks, reply.locale);
  if (blocks.length <= SLACK_LIMITS.viewBlocks) return { type: 'home', blocks };
  const kept = blocks.slice(0, SLACK_LIMITS.viewBlocks - 1);
  // A header announces what follows; alone at the end it would announce the cut.
  while (kept.at(-1)?.type === 'header') kept.pop();
  const notice = cut(escaped(label(shortened)), SLACK_LIMITS.sectionText);
  return { type: 'home', blocks: [...kept, context(notice)] };
}

/**
 * A modal for a Reply's form, with the Reply's other blocks above the inputs. Each input's earlier
 * value is its initial value, so a form sent back with errors keeps what the user typed.
 */
export function renderModal(reply: Reply, form: Form, labels: { submit: string; close: string }): ModalView {
  if (form.inputs.length > SLACK_LIMITS.viewBlocks)
    throw new Error(
      `form ${form.formId} has ${form.inputs.length} inputs; a modal holds ${SLACK_LIMITS.viewBlocks}`,
    );
  const names = new Set(form.inputs.map((input) => input.name));
  if (names.size < form.inputs.length) throw new Error(`form ${form.formId} repeats an input name`);
  // The inputs are the point of a modal: the context above them gives way first.
  const room = SLACK_LIMITS.viewBlocks - form.inputs.length;
  const content = renderBlocks(
    reply.blocks.filter((block) => block.type !== 'form'),
    reply.locale,
  ).slice(0, room);
  return {
    type: 'modal',
    callback_id: checkedId(form.formId),
    title: plain(cut(label(form.title), SLACK_LIMITS.modalTitle)),
    submit: plain(cut(label(labels.submit), SLACK_LIMITS.modalTitle)),
    close: plain(cut(label(labels.close), SLACK_LIMITS.modalTitle)),
    private_metadata: encode(form.payload, SLACK_LIMITS.privateMetadata, `payload of form ${form.formId}`),
    blocks: [...content, ...form.inputs.map(input)],
  };
}

/** Slack's answer to a submission with field errors, keyed by input name. */
export function modalErrors(errors: Record<string, string>): {
  response_action: 'errors';
  errors: Record<string, string>;
} {
  const shown = Object.entries(errors).map(([name, message]) => [
    name,
    cut(label(message), SLACK_LIMITS.sectionText),
  ]);
  return { response_action: 'errors', errors: Object.fromEntries(shown) };
}

// ── blocks ─────────────────────────────────────────────────────────────────────────────────────

function renderBlocks(blocks: Block[], locale: Reply['locale']): KnownBlock[] {
  const format = trendFormat(locale);
  return blocks.flatMap((block) => renderBlock(block, format));
}

function renderBlock(block: Block, format: Intl.NumberFormat): KnownBlock[] {
  switch (block.type) {
    case 'header':
      return header(block.text);
    case 'text':
      return text(block.text, block.tone);
    case 'fields':
      return fields(block.fields);
    case 'table':
      return table(block);
    case 'list':
      return list(block);
    case 'trend':
      return trend(block, format);
    case 'actions':
      return actions(block.buttons);
    case 'form':
      return formOpener(block);
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function header(raw: string): KnownBlock[] {
  const line = oneLine(raw).trim();
  return line === '' ? [] : [{ type: 'header', text: plain(cut(line, SLACK_LIMITS.headerText)) }];
}

function text(raw: string, tone: Tone): KnownBlock[] {
  const lines = tidy(raw).map(escaped);
  if (lines.length === 0) return [];
  const prefixed = lines.map((line, i) => (i === 0 ? TONE_PREFIX[tone] + line : line));
  const draw: (text: string) => KnownBlock = tone === 'muted' ? context : section;
  return chunk(prefixed, SLACK_LIMITS.sectionText).map(draw);
}

function fields(items: { label: string; value: string }[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let group: string[] = [];
  const flush = () => {
    if (group.length > 0) blocks.push({ type: 'section', fields: group.map(mrkdwn) });
    group = [];
  };
  for (const item of items) {
    const lines = [...bold(oneLine(item.label)), ...tidy(item.value).map(escaped)];
    const shown = lines.join('\n');
    if (shown.trim() === '') continue;
    if (shown.length <= SLACK_LIMITS.fieldText) {
      group.push(shown);
      if (group.length === SLACK_LIMITS.fieldsPerSection) flush();
    } else {
      // Too long for a field, not for a message: it gets sections of its own rather than a cut.
      flush();
      blocks.push(...chunk(lines, SLACK_LIMITS.sectionText).map(section));
    }
  }
  flush();
  return blocks;
}

function table(block: TableBlock): KnownBlock[] {
  // Reduced, not spread into Math.max: a table of a whole school has more rows than a call has arguments.
  const count = block.rows.reduce((most, row) => Math.max(most, row.length), block.columns.length);
  const cells = [block.columns, ...block.rows].map((row) =>
    Array.from({ length: count }, (_, i) => oneLine(row[i] ?? '')),
  );
  const widths = Array.from({ length: count }, (_, i) =>
    cells.reduce((most, row) => Math.max(most, displayWidth(row[i] ?? '')), 0),
  );
  // Padding is measured on the raw text: `&amp;` still shows as one column.
  const line = (row: string[]) =>
    escaped(
      row
        .map((cell, i) => padEnd(cell, widths[i] ?? 0))
        .join(COLUMN_GAP)
        .trimEnd(),
    );
  const [head = [], ...body] = cells;
  const rule = body.length > 0 ? [widths.map((width) => '─'.repeat(width)).join(COLUMN_GAP)] : [];
  const headLines = [line(head), ...rule];
  const caption = block.caption === undefined ? [] : bold(block.caption);
  const captionText = caption.join('\n');
  // A short caption shares the first section; a long one takes sections of its own.
  const inline = captionText.length <= SLACK_LIMITS.sectionText / 4;
  const open = `${CODE_FENCE}\n`;
  const code = chunk([...headLines, ...body.map(line)], SLACK_LIMITS.sectionText, {
    open,
    close: `\n${CODE_FENCE}`,
    first: inline && captionText !== '' ? `${captionText}\n${open}` : open,
    repeat: headLines,
  });
  const above = inline ? [] : chunk(caption, SLACK_LIMITS.sectionText);
  return [...above, ...code].map(section);
}

function list(block: ListBlock): KnownBlock[] {
  const title = block.title === undefined ? [] : bold(block.title);
  if (block.items.length === 0) {
    if (block.empty === undefined) return [];
    return [...chunk(title, SLACK_LIMITS.sectionText).map(section), ...text(block.empty, 'muted')];
  }
  const buttons = block.items.flatMap((item) => (item.button && usable(item.button) ? [item.button] : []));
  const accessories = buttons.length <= MAX_ITEM_BUTTONS;
  const blocks: KnownBlock[] = [];
  let lines = title;
  const flush = () => {
    blocks.push(...chunk(lines, SLACK_LIMITS.sectionText).map(section));
    lines = [];
  };
  for (const item of block.items) {
    const detail = item.detail === undefined ? '' : ` — ${item.detail}`;
    const itemLines = splitLines(`• ${item.text}${detail}`).map((part) => escaped(part.trimEnd()));
    if (accessories && item.button && usable(item.button)) {
      flush();
      const [first = ELLIPSIS, ...rest] = chunk(itemLines, SLACK_LIMITS.sectionText);
      blocks.push({ ...section(first), accessory: slackButton(item.button) }, ...rest.map(section));
    } else {
      lines.push(...itemLines);
    }
  }
  flush();
  return accessories ? blocks : [...blocks, ...actions(buttons.slice(0, MAX_ITEM_BUTTONS))];
}

function trend(block: TrendBlock, format: Intl.NumberFormat): KnownBlock[] {
  const series = block.series.map((s) => {
    const bars = sparkline(s.values, s.min, s.max);
    const cells = [
      escaped(oneLine(s.label).trim()),
      bars === '' ? '' : `\`${bars}\``,
      trendChange(s.values, format),
    ];
    return cells.filter((cell) => cell !== '').join(COLUMN_GAP);
  });
  return chunk([...bold(block.title), ...series], SLACK_LIMITS.sectionText).map(section);
}

function actions(buttons: Button[]): KnownBlock[] {
  const shown = buttons.filter(usable);
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < shown.length; i += SLACK_LIMITS.actionsElements) {
    const row = shown.slice(i, i + SLACK_LIMITS.actionsElements);
    const ids = distinctIds(row.map((button) => checkedId(button.actionId)));
    blocks.push({ type: 'actions', elements: row.map((button, j) => slackButton(button, ids[j])) });
  }
  return blocks;
}

/** Messages cannot hold inputs: a button opens the form in a modal. */
function formOpener(form: Form): KnownBlock[] {
  const [first = ELLIPSIS, ...rest] = chunk(bold(form.title), SLACK_LIMITS.sectionText);
  const opener: SlackButton = {
    type: 'button',
    // The same words the text renderer shows on the form's button, so every surface agrees.
    text: plain(cut(label(form.submitLabel, form.title), SLACK_LIMITS.buttonText)),
    action_id: FORM_OPEN_ACTION,
    value: encode(
      { formId: form.formId, payload: form.payload },
      SLACK_LIMITS.buttonValue,
      `button of form ${form.formId}`,
    ),
  };
  return [{ ...section(first), accessory: opener }, ...rest.map(section)];
}

// ── buttons and ids ────────────────────────────────────────────────────────────────────────────

/** A button without words cannot say what it does, so it is left out rather than shown blank. */
function usable(button: Button): boolean {
  return oneLine(button.label).trim() !== '';
}

function slackButton(button: Button, actionId = checkedId(button.actionId)): SlackButton {
  return {
    type: 'button',
    text: plain(cut(oneLine(button.label).trim(), SLACK_LIMITS.buttonText)),
    action_id: actionId,
    value: encode(button.payload, SLACK_LIMITS.buttonValue, `payload of ${button.actionId}`),
    ...(button.style === undefined ? {} : { style: button.style }),
  };
}

function distinctIds(ids: string[]): string[] {
  const used = new Set<string>();
  return ids.map((id) => {
    let candidate = id;
    for (let n = 2; used.has(candidate); n++) {
      const suffix = `#${n}`;
      candidate = id.slice(0, SLACK_LIMITS.actionId - suffix.length) + suffix;
    }
    used.add(candidate);
    return candidate;
  });
}

function checkedId(id: string): string {
  if (id.length === 0 || id.length > SLACK_LIMITS.actionId)
    throw new Error(`id of ${id.length} characters; Slack takes 1 to ${SLACK_LIMITS.actionId}`);
  return id;
}

function encode(payload: unknown, max: number, what: string): string {
  const json = JSON.stringify(payload);
  if (json.length > max)
    throw new Error(
      `${what} is ${json.length} characters, over Slack's ${max}: payloads hold ids, not content`,
    );
  return json;
}

// ── form inputs ────────────────────────────────────────────────────────────────────────────────

function input(field: FormInput): InputBlock {
  const name = checkedId(field.name);
  return {
    type: 'input',
    block_id: name,
    // Slack allows an input's label as many characters as a field: 2000.
    label: plain(cut(label(field.label, field.name), SLACK_LIMITS.fieldText)),
    optional: !field.required,
    element: element(field, name),
  };
}

function element(field: FormInput, action_id: string): InputBlockElement {
  const value = field.value;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = Math.min(field.maxLength ?? SLACK_LIMITS.sectionText, SLACK_LIMITS.sectionText);
      return {
        type: 'plain_text_input',
        action_id,
        ...(field.type === 'textarea' ? { multiline: true } : {}),
        ...(field.maxLength === undefined ? {} : { max_length: max }),
        // What the user typed, so never marked with '…': it would become part of their text.
        ...(value ? { initial_value: take(value, max) } : {}),
      };
    }
    case 'date':
      return { type: 'datepicker', action_id, ...(value && isIsoDate(value) ? { initial_date: value } : {}) };
    case 'number':
      return numberInput(field, action_id);
    case 'select':
      return staticSelect(field, action_id);
    case 'checkbox': {
      const option: PlainTextOption = {
        text: plain(cut(label(field.label, field.name), SLACK_LIMITS.optionText)),
        value: 'true',
      };
      return {
        type: 'checkboxes',
        action_id,
        options: [option],
        ...(value === 'true' ? { initial_options: [option] } : {}),
      };
    }
  }
}

function numberInput(field: Extract<FormInput, { type: 'number' }>, action_id: string): InputBlockElement {
  let min = integer(field.min, Math.ceil);
  let max = integer(field.max, Math.floor);
  // Slack refuses a range that holds no whole number; the handler's own check still applies.
  if (min !== undefined && max !== undefined && min > max) [min, max] = [undefined, undefined];
  const typed = field.value?.trim() ?? '';
  const initial = /^-?\d+$/.test(typed) ? Number(typed) : undefined;
  const fits =
    initial !== undefined &&
    Number.isSafeInteger(initial) &&
    (min === undefined || initial >= min) &&
    (max === undefined || initial <= max);
  return {
    type: 'number_input',
    action_id,
    is_decimal_allowed: false,
    ...(min === undefined ? {} : { min_value: String(min) }),
    ...(max === undefined ? {} : { max_value: String(max) }),
    ...(fits ? { initial_value: String(initial) } : {}),
  };
}

function integer(value: number | undefined, round: (n: number) => number): number | undefined {
  if (value === undefined) return undefined;
  const whole = round(value) + 0; // + 0 turns -0 into 0
  return Number.isSafeInteger(whole) ? whole : undefined;
}

function staticSelect(field: Extract<FormInput, { type: 'select' }>, action_id: string): InputBlockElement {
  const options = field.options.map((option): PlainTextOption => {
    if (option.value.length > OPTION_VALUE_MAX)
      throw new Error(`option value of ${option.value.length} characters in ${field.name}; Slack takes 150`);
    return {
      text: plain(cut(label(option.label, option.value), SLACK_LIMITS.optionText)),
      value: option.value,
    };
  });
  const chosen = options.find((option) => option.value === field.value);
  let shown = options.slice(0, SLACK_LIMITS.staticSelectOptions);
  // The user's earlier choice stays choosable even when it is past the options Slack will show.
  if (chosen && !shown.includes(chosen))
    shown = [...shown.slice(0, SLACK_LIMITS.staticSelectOptions - 1), chosen];
  return { type: 'static_select', action_id, options: shown, ...(chosen ? { initial_option: chosen } : {}) };
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

// ── text ───────────────────────────────────────────────────────────────────────────────────────

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text });
const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/** Slack reads `<…>` as links and mentions and `&` as the start of an entity. */
function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Mrkdwn bold ends at a line break and fails around spaces, so each trimmed line is bold alone. */
function bold(raw: string): string[] {
  return splitLines(raw)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `*${escaped(line)}*`);
}

/** Slack rejects an empty text, so a label falls back to the next candidate, then to '…'. */
function label(...candidates: string[]): string {
  return (
    candidates.map((candidate) => oneLine(candidate).trim()).find((candidate) => candidate !== '') ?? ELLIPSIS
  );
}

function orEllipsis(text: string): string {
  return text.trim() === '' ? ELLIPSIS : text;
}

type Frame = {
  /** Mrkdwn before and after each chunk's lines, such as a code fence. */
  open?: string;
  close?: string;
  /** What opens the first chunk instead of `open`, such as a caption and a fence. */
  first?: string;
  /** Lines that start every later chunk, such as a table's head. */
  repeat?: string[];
};

/** Mrkdwn lines into texts of at most `limit` characters, in order, cutting nothing. */
function chunk(lines: string[], limit: number, frame: Frame = {}): string[] {
  const { open = '', close = '', repeat = [] } = frame;
  const first = frame.first ?? open;
  const room = limit - Math.max(first.length, open.length) - close.length;
  const head = repeat.join('\n');
  // A head that would fill half of every chunk costs more than it helps.
  const carry = repeat.length > 0 && head.length <= room / 2 ? repeat : [];
  const width = carry.length > 0 ? room - head.length - 1 : room;
  const texts: string[] = [];
  let current: string[] = [];
  let size = 0;
  let filled = false;
  const flush = () => {
    texts.push((texts.length === 0 ? first : open) + current.join('\n') + close);
    current = [...carry];
    size = carry.length > 0 ? head.length : 0;
    filled = false;
  };
  for (const line of lines.flatMap((whole) => hardSplit(whole, width))) {
    if (filled && size + 1 + line.length > room) flush();
    size = current.length === 0 ? line.length : size + 1 + line.length;
    current.push(line);
    filled = true;
  }
  if (filled) flush();
  return texts.filter((text) => text.trim() !== '');
}

/** Blocks into pages of at most `max`, keeping a header with what it heads. */
function paginate(blocks: KnownBlock[], max: number): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  for (const block of blocks) {
    if (page.length === max) {
      const last = page.at(-1);
      const carried = last?.type === 'header' && page.length > 1 ? [last] : [];
      pages.push(carried.length > 0 ? page.slice(0, -1) : page);
      page = carried;
    }
    page.push(block);
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

// ── measuring ──────────────────────────────────────────────────────────────────────────────────

const SIMPLE_LATIN = /^[\u0020-\u007e\u00a0-\u024f\u2013\u2014\u2022\u2026\u2190-\u21ff\u2500-\u259f]*$/;
const WIDE = /^[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u;

/** Columns in Slack's monospace code block, measured as the text renderer measures a terminal's. */
function displayWidth(text: string): number {
  if (SIMPLE_LATIN.test(text)) return text.length;
  let width = 0;
  for (const unit of units(text)) width += WIDE.test(unit) ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
