/**
 * Every renderer shows every text of any Reply: each header, text, field, table cell, list item,
 * button, trend label, form title, input label, option and error appears in the text rendering,
 * in the Slack messages and modals, in the Teams cards and form cards, and in the HTML of that
 * Reply (a chart is an image, whose numbers a summary also writes as text: its own texts are not
 * looked for). A platform limit may shorten what is shown, but only visibly: a label cut with '…',
 * or items left out with a note that says how many ("… en nog 12."). Nothing may go missing
 * silently; the terminal and a web page have no limits, so there every text is shown whole.
 *
 * The texts expected are read from the Reply here, not from the renderers, and looked for in what
 * a reader sees: the strings a platform shows, with its escapes undone. Whitespace, '*' and '`'
 * are ignored on both sides, since renderers wrap, indent, align and emphasise with them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCards, renderFormCard } from '../src/render/adaptive-card.ts';
import { renderMessages, renderModal } from '../src/render/block-kit.ts';
import { renderHtml } from '../src/render/html.ts';
import { splitLines } from '../src/render/kit/lines.ts';
import { renderText } from '../src/render/text.ts';
import { type Block, type BlockInput, type Reply, reply } from '../src/reply/reply.ts';
import { replyArb, shortReplyArb } from './support/reply-arbitraries.ts';

type Form = Extract<Block, { type: 'form' }>;

/**
 * How a text may be shown: `content` whole (perhaps split over several texts, at line ends);
 * `label` whole or cut with '…'; `value` (what a user typed before) whole or, where an input
 * holds less, its start with a note of what was left out. `droppable` texts may be left out
 * where the surface says how many were.
 */
type Kind = 'content' | 'label' | 'value';
type Expected = { text: string; kind: Kind; droppable?: boolean; where: string };

function expectedTexts(r: Reply): Expected[] {
  const found: Expected[] = [];
  const add = (where: string, text: string | undefined, kind: Kind, droppable = false) => {
    if (text !== undefined) found.push({ text, kind, droppable, where });
  };
  r.blocks.forEach((block, b) => {
    const at = `block ${b} (${block.type})`;
    switch (block.type) {
      case 'header':
        add(at, block.text, 'label');
        return;
      case 'text':
        add(at, block.text, 'content');
        return;
      case 'fields':
        for (const field of block.fields) {
          add(`${at} label`, field.label, 'label');
          add(`${at} value`, field.value, 'content');
        }
        return;
      case 'table':
        add(`${at} caption`, block.caption, 'content');
        for (const column of block.columns) add(`${at} column`, column, 'label');
        for (const row of block.rows) for (const cell of row) add(`${at} cell`, cell, 'content');
        return;
      case 'list':
        // An empty list with nothing to say about it is left out, title and all, by design.
        if (block.items.length > 0 || block.empty !== undefined) add(`${at} title`, block.title, 'content');
        if (block.items.length === 0) add(`${at} empty`, block.empty, 'content');
        for (const item of block.items) {
          add(`${at} item`, item.text, 'content');
          add(`${at} detail`, item.detail, 'content');
          add(`${at} button`, item.button?.label, 'label', true);
        }
        return;
      case 'trend': {
        add(`${at} title`, block.title, 'content');
        for (const series of block.series) add(`${at} series`, series.label, 'content');
        // The span of periods the bars cover: the first and the last with words.
        const named = block.periods.filter((period) => period.trim() !== '');
        add(`${at} first period`, named[0], 'content');
        add(`${at} last period`, named.at(-1), 'content');
        return;
      }
      case 'actions':
        for (const button of block.buttons) add(`${at} button`, button.label, 'label');
        return;
      case 'form':
        add(`${at} title`, block.title, 'content');
        add(`${at} submit`, block.submitLabel, 'label');
        for (const input of block.inputs) {
          add(`${at} input label`, input.label, 'label');
          add(`${at} input error`, input.error, 'label');
          if (input.type === 'select')
            for (const option of input.options) add(`${at} option`, option.label, 'label', true);
          if (input.type === 'text' || input.type === 'textarea') add(`${at} value`, input.value, 'value');
        }
        return;
      case 'divider':
        return;
      case 'chart':
        // An image, not text: its numbers are in the reply's text blocks, which are checked as such.
        return;
    }
  });
  return found;
}

// ── what a reader sees ─────────────────────────────────────────────────────────────────────────

/** What is left of a text once whitespace and emphasis marks are ignored. */
const normal = (text: string) => text.replace(/[\s\u0085*`\u200B]/gu, '');

/** A surface's texts, each line on its own, as one searchable string. */
function surface(texts: string[]): string {
  return texts
    .flatMap((text) => text.split('\n'))
    .map(normal)
    .filter((line) => line !== '')
    .join('\n');
}

const slackUnescaped = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The texts of Slack text objects, in order: headers, sections, fields, context, buttons, labels, options. */
function slackTexts(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) slackTexts(item, into);
  else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ((object.type === 'plain_text' || object.type === 'mrkdwn') && typeof object.text === 'string')
      into.push(slackUnescaped(object.text));
    else if (object.type === 'plain_text_input' && typeof object.initial_value === 'string')
      into.push(object.initial_value);
    else
      for (const [key, inner] of Object.entries(object))
        if (key !== 'value' && key !== 'private_metadata') slackTexts(inner, into);
  }
  return into;
}

const cardUnescaped = (text: string) => text.replace(/\\([\s\S])/g, '$1');

/** The texts a card shows, in order; never its data, ids or choice values. */
function cardTexts(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) cardTexts(item, into);
  else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const type = typeof object.type === 'string' ? object.type : '';
    const push = (text: unknown, escaped = false) => {
      if (typeof text === 'string') into.push(escaped ? cardUnescaped(text) : text);
    };
    if (type === 'TextBlock') push(object.text, true);
    else if (type.startsWith('Action.')) push(object.title);
    else if (type.startsWith('Input.')) {
      push(object.label);
      if (type === 'Input.Toggle') push(object.title);
      if (type === 'Input.Text') push(object.value);
      if (type === 'Input.ChoiceSet')
        for (const choice of (object.choices ?? []) as { title: string }[]) push(choice.title);
    } else if (Array.isArray(object.facts)) {
      for (const fact of object.facts as { title: string; value: string }[]) {
        push(fact.title, true);
        push(fact.value, true);
      }
    } else
      for (const [key, inner] of Object.entries(object))
        if (key !== 'data' && key !== 'msteams') cardTexts(inner, into);
  }
  return into;
}

const HTML_ENTITY = /&(?:amp|lt|gt|quot|#39|#(\d+)|#x([0-9a-f]+));/gi;
const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

const htmlUnescaped = (text: string) =>
  text.replace(HTML_ENTITY, (entity, decimal?: string, hex?: string) => {
    if (decimal !== undefined) return String.fromCodePoint(Number(decimal));
    if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
    return HTML_ENTITIES[entity.slice(1, -1).toLowerCase()] ?? entity;
  });

// What an input shows of its value; a hidden one's is data, a checkbox's is 'true'.
const SHOWN_VALUE = new Set(['text', 'number', 'date']);

/**
 * What a page shows: each text between tags on its own (so a text is found inside one element, or
 * over the `<br>`s of its lines), an option's and a textarea's text among them, and what a reader
 * gets from attributes: an image's alt text, an aria-label, the value a text input holds. Never a
 * hidden input's value, an id or a URL.
 */
function htmlTexts(html: string): string[] {
  const texts: string[] = [];
  for (const [, tag = '', attributes = '', text] of html.matchAll(
    /<\/?([a-z][a-z0-9-]*)([^>]*)>|([^<]+)/gi,
  )) {
    if (text !== undefined) {
      texts.push(htmlUnescaped(text));
      continue;
    }
    const attrs = new Map(
      Array.from(attributes.matchAll(/([^\s=]+)(?:="([^"]*)")?/g), ([, name = '', value = '']) => [
        name,
        htmlUnescaped(value),
      ]),
    );
    for (const name of ['alt', 'aria-label']) if (attrs.has(name)) texts.push(attrs.get(name) ?? '');
    if (tag === 'input' && SHOWN_VALUE.has(attrs.get('type') ?? 'text') && attrs.has('value'))
      texts.push(attrs.get('value') ?? '');
  }
  return texts;
}

const formsOf = (r: Reply) => r.blocks.filter((block): block is Form => block.type === 'form');

const surfaces = (r: Reply): Record<string, Shown> => ({
  text: shownAs(surface(renderText(r).split('\n'))),
  slack: shownAs(
    surface([
      ...slackTexts(renderMessages(r).map((message) => message.blocks)),
      ...formsOf(r).flatMap((form) =>
        slackTexts(renderModal(r, form, { submit: 'Opslaan', close: 'Sluiten' })),
      ),
    ]),
  ),
  teams: shownAs(
    surface([
      ...cardTexts(renderCards(r)),
      ...formsOf(r).flatMap((form) => cardTexts(renderFormCard(r, form))),
    ]),
  ),
  // Charts are left out: their texts are not looked for, and an image is the caller's to make.
  html: shownAs(
    surface(htmlTexts(renderHtml(r, { action: '/actie', submit: '/formulier', hidden: { as: 'x' } }))),
  ),
});

/** Surfaces without limits: a text there is shown whole, never cut or left out with a note. */
const WHOLE = new Set(['text', 'html']);

// ── finding a text ─────────────────────────────────────────────────────────────────────────────

/** A surface as searchable text and as lines, with where each line starts. */
type Shown = { joined: string; lines: string[]; starts: number[] };

function shownAs(joined: string): Shown {
  const lines = joined.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return { joined, lines, starts };
}

/** The line an offset of `joined` is on. */
function lineAt({ starts }: Shown, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

// Lines a split text may skip between its pieces: the rest of a table row, a repeated table head.
const MAX_GAP = 40;

/**
 * Whether `text` is shown in one piece, or in pieces where a renderer split it: the first ends a
 * line, each later one is a whole line, and the last starts one; each a few lines after the other.
 */
function inPieces(text: string, shown: Shown, sourceLines: string[]): boolean {
  if (shown.joined.includes(text)) return true;
  // Mostly a renderer broke the text where its own lines break: its first line ends a shown one.
  const [firstLine = ''] = sourceLines;
  if (firstLine !== '' && firstLine.length < text.length) {
    const piece = `${firstLine}\n`;
    for (let at = shown.joined.indexOf(piece); at >= 0; at = shown.joined.indexOf(piece, at + 1))
      if (continues(text.slice(firstLine.length), shown, lineAt(shown, at) + 1)) return true;
  }
  let longest = 0;
  let high = text.length - 1;
  // The longest start of the text shown anywhere: a start found means every shorter one is.
  while (longest < high) {
    const middle = (longest + high + 1) >> 1;
    if (shown.joined.includes(text.slice(0, middle))) longest = middle;
    else high = middle - 1;
  }
  let tries = 0;
  for (let length = longest; length >= 1 && tries < 5000; length--) {
    const piece = `${text.slice(0, length)}\n`;
    for (
      let at = shown.joined.indexOf(piece);
      at >= 0 && tries < 5000;
      at = shown.joined.indexOf(piece, at + 1)
    ) {
      tries++;
      if (continues(text.slice(length), shown, lineAt(shown, at) + 1)) return true;
    }
  }
  return false;
}

/** The rest of a split text, from a later line on; every line that could be its next piece is tried. */
function continues(text: string, shown: Shown, from: number, budget = { steps: 2000 }): boolean {
  const end = Math.min(shown.lines.length, from + MAX_GAP);
  for (let j = from; j < end && budget.steps-- > 0; j++) {
    const line = shown.lines[j] ?? '';
    if (line.startsWith(text)) return true;
    if (line !== '' && text.startsWith(line) && continues(text.slice(line.length), shown, j + 1, budget))
      return true;
  }
  return false;
}

/** A start of `text` cut visibly: followed by '…' on its line. */
function cutVisibly(text: string, shown: string): boolean {
  for (let at = shown.indexOf('…'); at >= 0; at = shown.indexOf('…', at + 1)) {
    const before = shown.slice(shown.lastIndexOf('\n', at) + 1, at);
    for (let length = Math.min(before.length, text.length - 1); length >= 1; length--)
      if (before.endsWith(text.slice(0, length))) return true;
  }
  return false;
}

const MORE: Record<Reply['locale'], RegExp> = { nl: /…ennog\d+\./, en: /…and\d+more\./ };

function missing(r: Reply): string[] {
  return missingIn(r, surfaces(r));
}

function missingIn(r: Reply, shown: Record<string, Shown>): string[] {
  const found: string[] = [];
  for (const expected of expectedTexts(r)) {
    const text = normal(expected.text);
    if (text === '') continue;
    const sourceLines = splitLines(expected.text)
      .map(normal)
      .filter((line) => line !== '');
    for (const [name, output] of Object.entries(shown)) {
      if (inPieces(text, output, sourceLines)) continue;
      const joined = output.joined;
      // The terminal and a page have no limits: there, everything is shown whole.
      if (!WHOLE.has(name)) {
        const noted = MORE[r.locale].test(joined);
        if (expected.kind === 'label' && cutVisibly(text, joined)) continue;
        if (expected.droppable && noted) continue;
        if (expected.kind === 'value' && noted && joined.includes(text.slice(0, 1))) continue;
      }
      found.push(
        `${name}: ${expected.where} ${JSON.stringify(Array.from(expected.text).slice(0, 40).join(''))}`,
      );
    }
  }
  return found;
}

// ── the property ───────────────────────────────────────────────────────────────────────────────

describe('every renderer shows every text of a Reply', () => {
  it('for replies of a few blocks: whole, split, cut with … or noted as left out, never silently dropped', () => {
    fc.assert(
      fc.property(shortReplyArb, (r) => {
        expect(missing(r)).toEqual([]);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('for replies of up to 80 blocks, over several messages and cards', () => {
    fc.assert(
      fc.property(replyArb, (r) => {
        expect(missing(r)).toEqual([]);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });
});

// ── what the property found, one case each ─────────────────────────────────────────────────────

const make = (blocks: BlockInput[]): Reply => reply.parse({ locale: 'nl', blocks });
const labels = { submit: 'Opslaan', close: 'Sluiten' };

describe('what would otherwise go missing', () => {
  it("shows a trend's span of periods on every platform", () => {
    const r = make([
      {
        type: 'trend',
        title: 'Welzijn',
        periods: ['40', '41', '42'],
        series: [{ label: 'Welbevinden', values: [3, 4, 5], min: 1, max: 5 }],
      },
    ]);
    expect(missing(r)).toEqual([]);
    expect(renderText(r)).toContain('40 – 42');
  });

  it('reads from HTML what a page shows, never a posted value: a text only in a payload is not shown', () => {
    const r = make([
      { type: 'actions', buttons: [{ label: 'Ja', actionId: 'koers.run', payload: { text: 'geheim' } }] },
      {
        type: 'form',
        formId: 'doelen.nieuw',
        title: 'Nieuw doel',
        submitLabel: 'Opslaan',
        payload: { student: 'verborgen' },
        inputs: [{ type: 'text', name: 'titel', label: 'Titel', value: 'Lezen' }],
      },
    ]);
    const shown = surfaces(r).html?.joined ?? '';
    expect(shown).toContain('Lezen');
    expect(shown).toContain('Ja');
    expect(shown).not.toMatch(/geheim|verborgen|koers\.run|doelen\.nieuw|titel/);
  });

  it('shows an input error a form was opened with in a Slack modal, under its input', () => {
    const form: Form = {
      type: 'form',
      formId: 'doelen.nieuw',
      title: 'Nieuw doel',
      submitLabel: 'Opslaan',
      payload: {},
      inputs: [
        { type: 'date', name: 'tot', label: 'Tot', required: false, value: 'morgen', error: 'Geen datum' },
      ],
    };
    const view = renderModal(make([form]), form, labels);
    expect(view.blocks.map((b) => b.type)).toEqual(['input', 'context']);
    expect(slackTexts(view.blocks[1])).toEqual([':warning: Geen datum']);
  });

  it('says how many blocks a Slack modal left out above its inputs', () => {
    const filler: BlockInput[] = Array.from({ length: 120 }, (_, i) => ({
      type: 'text',
      text: `regel ${i}`,
    }));
    const form: Form = {
      type: 'form',
      formId: 'doelen.nieuw',
      title: 'Nieuw doel',
      submitLabel: 'Opslaan',
      payload: {},
      inputs: [{ type: 'text', name: 'titel', label: 'Titel', required: true }],
    };
    const view = renderModal(make([...filler, form]), form, labels);
    expect(view.blocks).toHaveLength(100);
    expect(slackTexts(view.blocks[98])).toEqual(['… en nog 22.']);
    expect(view.blocks[99]?.type).toBe('input');
  });

  it('says how many blocks a Teams form card left out above its inputs', () => {
    const filler: BlockInput[] = Array.from({ length: 40 }, (_, i) => ({
      type: 'text',
      text: `${i} ${'x'.repeat(1000)}`,
    }));
    const form: Form = {
      type: 'form',
      formId: 'doelen.nieuw',
      title: 'Nieuw doel',
      submitLabel: 'Opslaan',
      payload: {},
      inputs: [{ type: 'text', name: 'titel', label: 'Titel', required: true }],
    };
    const card = renderFormCard(make([...filler, form]), form);
    const texts = cardTexts(card.body);
    expect(texts.at(-2)).toMatch(/^… en nog \d+\.$/);
    expect(texts.at(-1)).toBe('Titel');
  });
});
