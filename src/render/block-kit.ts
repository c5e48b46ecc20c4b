/**
 * Block Kit renderer: a Reply as Slack messages, a Home tab or a modal.
 *
 * Slack rejects a whole payload for one text a character too long, so every limit is enforced here
 * instead of trusted to the commands. Long texts and tables become several sections, a message with
 * too many blocks becomes several messages; only labels (headers, buttons, titles, options) are cut,
 * visibly, with '…', and where a limit leaves items out a grey note says how many ("… en nog 3.").
 * Ids and payloads are never cut — a changed id routes to the wrong action — so one that does not
 * fit throws: payloads hold ids, never content. What every renderer decides alike (labels, widths,
 * table columns, inputs, paging) is in kit/.
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
import { aligned, COLUMN_GAP, grid } from './kit/columns.ts';
import { ELLIPSIS, textCutter } from './kit/cutting.ts';
import { describeInput, type InputDescription, initialText, visibleOptions } from './kit/inputs.ts';
import { label, moreNote, usable } from './kit/labels.ts';
import { SLACK_ID_LIMITS, SLACK_LIMITS } from './kit/limits.ts';
import { oneLine, splitLines, tidy } from './kit/lines.ts';
import { chunk as chunkLines, type Frame, paginate } from './kit/paging.ts';
import { sparkline, trendChange, trendFormat, trendSpan } from './kit/trend.ts';
import { renderText } from './text.ts';

const cutter = textCutter('&(?:amp|lt|gt);');
const { cut, hardSplit } = cutter;

export { SLACK_LIMITS };

type Form = Extract<Block, { type: 'form' }>;
type ListBlock = Extract<Block, { type: 'list' }>;
type TableBlock = Extract<Block, { type: 'table' }>;
type TrendBlock = Extract<Block, { type: 'trend' }>;
type Tone = Extract<Block, { type: 'text' }>['tone'];
type Locale = Reply['locale'];

/** Sends a message's button back to the router as "open this form in a modal". */
export const FORM_OPEN_ACTION = 'koers.form.open';

// More item buttons than this would cost a section each and crowd out the rest of the message.
const MAX_ITEM_BUTTONS = 20;
const CODE_FENCE = '```';
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
  const pages = paginate(
    renderBlocks(reply.blocks, reply.locale),
    SLACK_LIMITS.messageBlocks,
    () => 1,
    (block) => block.type === 'header',
  );
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
  const names = new Set(form.inputs.map((input) => input.name));
  if (names.size < form.inputs.length) throw new Error(`form ${form.formId} repeats an input name`);
  const inputs = form.inputs.flatMap((field) => input(field, reply.locale));
  if (inputs.length > SLACK_LIMITS.viewBlocks)
    throw new Error(
      `form ${form.formId} takes ${inputs.length} blocks for its inputs; a modal holds ${SLACK_LIMITS.viewBlocks}`,
    );
  // The inputs are the point of a modal: the context above them gives way first, and says so.
  const context = fitted(
    reply.blocks.filter((block) => block.type !== 'form'),
    SLACK_LIMITS.viewBlocks - inputs.length,
    reply.locale,
  );
  return {
    type: 'modal',
    callback_id: checkedId(form.formId),
    title: plain(cut(label(form.title), SLACK_LIMITS.modalTitle)),
    submit: plain(cut(label(labels.submit), SLACK_LIMITS.modalTitle)),
    close: plain(cut(label(labels.close), SLACK_LIMITS.modalTitle)),
    private_metadata: encode(form.payload, SLACK_LIMITS.privateMetadata, `payload of form ${form.formId}`),
    blocks: [...context, ...inputs],
  };
}

/**
 * The Reply's blocks in at most `room` Slack blocks: whole blocks while they fit, then a grey line
 * saying how many were left out ("… en nog 3.").
 */
function fitted(blocks: Block[], room: number, locale: Locale): KnownBlock[] {
  const kept: KnownBlock[] = [];
  const sizes: number[] = [];
  // Drawn one by one and only while they may fit: a modal is opened for every form of a reply.
  for (const block of blocks) {
    const drawn = renderBlock(block, locale);
    if (kept.length + drawn.length > room) break;
    kept.push(...drawn);
    sizes.push(drawn.length);
  }
  // Dividers show no content, and a chart's numbers are in its text blocks: a reply that ends in them is whole.
  const leftOut = () => blocks.slice(sizes.length).filter(showsContent).length;
  if (leftOut() === 0) return kept;
  if (room < 1) return [];
  const drop = () => kept.splice(kept.length - (sizes.pop() ?? 0));
  // Whole blocks give way from the end to make room for the note; a header announces what
  // follows, so alone at the end it would announce the cut.
  while (kept.length > room - 1) drop();
  while (sizes.length > 0 && blocks[sizes.length - 1]?.type === 'header') drop();
  return [...kept, context(escaped(moreNote(locale, leftOut())))];
}

const showsContent = (block: Block) => block.type !== 'divider' && block.type !== 'chart';

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

function renderBlocks(blocks: Block[], locale: Locale): KnownBlock[] {
  return blocks.flatMap((block) => renderBlock(block, locale));
}

function renderBlock(block: Block, locale: Locale): KnownBlock[] {
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
      return list(block, locale);
    case 'trend':
      return trend(block, trendFormat(locale));
    case 'actions':
      return actions(block.buttons);
    case 'form':
      return formOpener(block);
    case 'divider':
      return [{ type: 'divider' }];
    case 'chart':
      // The Slack adapter uploads the chart as a PNG file beside the message; its numbers are in
      // the text blocks around it, so the message itself leaves it out.
      return [];
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
  // Aligned on the raw text, escaped after: `&amp;` still shows as one column.
  const { head, rule, body } = aligned(grid(block));
  const headLines = [head, ...(rule === undefined ? [] : [rule])].map(escaped);
  const caption = block.caption === undefined ? [] : bold(block.caption);
  const captionText = caption.join('\n');
  // A short caption shares the first section; a long one takes sections of its own.
  const inline = captionText.length <= SLACK_LIMITS.sectionText / 4;
  const open = `${CODE_FENCE}\n`;
  const code = chunk([...headLines, ...body.map(escaped)], SLACK_LIMITS.sectionText, {
    open,
    close: `\n${CODE_FENCE}`,
    first: inline && captionText !== '' ? `${captionText}\n${open}` : open,
    repeat: headLines,
  });
  const above = inline ? [] : chunk(caption, SLACK_LIMITS.sectionText);
  return [...above, ...code].map(section);
}

function list(block: ListBlock, locale: Locale): KnownBlock[] {
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
  if (accessories) return blocks;
  const hidden = buttons.length - MAX_ITEM_BUTTONS;
  return [
    ...blocks,
    ...actions(buttons.slice(0, MAX_ITEM_BUTTONS)),
    context(escaped(moreNote(locale, hidden))),
  ];
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
  const span = trendSpan(block.periods);
  const axis = span === '' ? [] : [escaped(span)];
  return chunk([...bold(block.title), ...series, ...axis], SLACK_LIMITS.sectionText).map(section);
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

/** An input block, and beneath it in grey what the platform made it leave out or the input's error. */
function input(field: FormInput, locale: Locale): KnownBlock[] {
  const name = checkedId(field.name);
  const described = describeInput(field, { whole: true });
  const { element, hidden } = inputElement(described, name);
  const block: InputBlock = {
    type: 'input',
    block_id: name,
    // Slack allows an input's label as many characters as a field: 2000.
    label: plain(cut(described.label, SLACK_LIMITS.fieldText)),
    optional: !described.required,
    element,
  };
  const notes = hidden > 0 ? [context(escaped(moreNote(locale, hidden)))] : [];
  const error = described.error === undefined ? [] : text(described.error, 'error').map(asContext);
  return [block, ...notes, ...error];
}

/** Sections of an error as grey context lines: a modal's input is followed by what is wrong with it. */
function asContext(block: KnownBlock): KnownBlock {
  return block.type === 'section' && block.text ? context(block.text.text) : block;
}

function inputElement(
  field: InputDescription,
  action_id: string,
): { element: InputBlockElement; hidden: number } {
  switch (field.kind) {
    case 'text': {
      const limit = SLACK_ID_LIMITS.textInput;
      const max = Math.min(field.maxLength ?? limit, limit);
      const initial = field.initial ? initialText(field.initial, max, cutter) : undefined;
      const element: InputBlockElement = {
        type: 'plain_text_input',
        action_id,
        ...(field.multiline ? { multiline: true } : {}),
        ...(field.maxLength === undefined ? {} : { max_length: max }),
        ...(initial ? { initial_value: initial.shown } : {}),
      };
      return { element, hidden: initial?.hidden ?? 0 };
    }
    case 'date':
      return {
        element: { type: 'datepicker', action_id, ...(field.initial ? { initial_date: field.initial } : {}) },
        hidden: 0,
      };
    case 'number':
      return {
        element: {
          type: 'number_input',
          action_id,
          is_decimal_allowed: false,
          ...(field.min === undefined ? {} : { min_value: String(field.min) }),
          ...(field.max === undefined ? {} : { max_value: String(field.max) }),
          ...(field.initial === undefined ? {} : { initial_value: String(field.initial) }),
        },
        hidden: 0,
      };
    case 'select':
      return staticSelect(field, action_id);
    case 'checkbox': {
      const option: PlainTextOption = {
        text: plain(cut(field.label, SLACK_LIMITS.optionText)),
        value: 'true',
      };
      const element: InputBlockElement = {
        type: 'checkboxes',
        action_id,
        options: [option],
        ...(field.checked ? { initial_options: [option] } : {}),
      };
      return { element, hidden: 0 };
    }
  }
}

/**
 * A select of up to 100 options as they are; of more, in groups of 100 named by their positions
 * ("101–200"), so that up to 10,000 are all offered. Past that the rest are left out, with a note.
 */
function staticSelect(
  field: Extract<InputDescription, { kind: 'select' }>,
  action_id: string,
): { element: InputBlockElement; hidden: number } {
  const perGroup = SLACK_LIMITS.staticSelectOptions;
  const { shown, hidden } = visibleOptions(
    field.options,
    field.chosen?.value,
    perGroup * SLACK_ID_LIMITS.optionGroups,
  );
  const options = shown.map((option): PlainTextOption => {
    if (option.value.length > SLACK_ID_LIMITS.optionValue)
      throw new Error(
        `option value of ${option.value.length} characters in ${field.name}; Slack takes ${SLACK_ID_LIMITS.optionValue}`,
      );
    return {
      text: plain(cut(label(option.label, option.value), SLACK_LIMITS.optionText)),
      value: option.value,
    };
  });
  const chosen = options.find((option) => option.value === field.chosen?.value);
  const initial = chosen ? { initial_option: chosen } : {};
  if (options.length <= perGroup)
    return { element: { type: 'static_select', action_id, options, ...initial }, hidden };
  const option_groups = Array.from({ length: Math.ceil(options.length / perGroup) }, (_, g) => {
    const group = options.slice(g * perGroup, (g + 1) * perGroup);
    return { label: plain(`${g * perGroup + 1}–${g * perGroup + group.length}`), options: group };
  });
  return { element: { type: 'static_select', action_id, option_groups, ...initial }, hidden };
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

function orEllipsis(text: string): string {
  return text.trim() === '' ? ELLIPSIS : text;
}

/** Mrkdwn lines into texts of at most `limit` characters, in order, cutting nothing nor inside an escape. */
function chunk(lines: string[], limit: number, frame: Frame = {}): string[] {
  return chunkLines(lines, limit, hardSplit, frame);
}
