/**
 * The Block Kit renderer: exact blocks for small replies, and a limits checker (written here from
 * Slack's documented limits, not from the renderer) run over generated replies and over every
 * reply the commands give on the demo school.
 */
import type { AnyBlock, KnownBlock, ModalView, Button as SlackButton, View } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionIdOf,
  FORM_OPEN_ACTION,
  modalErrors,
  renderHome,
  renderMessages,
  renderModal,
  SLACK_LIMITS,
} from '../src/render/block-kit.ts';
import { renderText } from '../src/render/text.ts';
import {
  type Block,
  type BlockInput,
  type Button,
  type Reply,
  type ReplyInput,
  reply,
} from '../src/reply/reply.ts';
import { askAs, freshDemoStore } from './support/demo.ts';
import { demoCommandLines, demoFormIds, demoFormReplies, demoPersonas } from './support/demo-walk.ts';
import { formArb, replyArb } from './support/reply-arbitraries.ts';

type Message = { text: string; blocks: KnownBlock[] };
type Form = Extract<Block, { type: 'form' }>;

const make = (blocks: BlockInput[], locale: ReplyInput['locale'] = 'nl'): Reply =>
  reply.parse({ locale, blocks });
const blocksOf = (blocks: BlockInput[]) => renderMessages(make(blocks)).flatMap((m) => m.blocks);
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const textsOf = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

// ── the limits checker ───────────────────────────────────────────────────────────────────────────

const ENTITY_OR_PLAIN = /^(?:[^&<>]|&(?:amp|lt|gt);)*$/su;

/** Every breach of Slack's limits in a message or view; empty when Slack would take it. */
function violations(payload: Message | View): string[] {
  const found: string[] = [];
  const report = (where: string, what: string) => found.push(`${where}: ${what}`);
  const textObject = (where: string, t: { type: string; text: string } | undefined, max: number) => {
    if (!t) {
      report(where, 'missing text');
      return;
    }
    if (t.text.trim() === '') report(where, 'empty text');
    if (t.text.length > max) report(where, `${t.text.length} > ${max} characters`);
    if (t.type === 'mrkdwn' && !ENTITY_OR_PLAIN.test(t.text)) report(where, 'unescaped &, < or >');
  };
  const limitedId = (where: string, id: string | undefined) => {
    if (id === undefined || id.length === 0 || id.length > SLACK_LIMITS.actionId)
      report(where, `id of ${id?.length ?? 0} characters`);
  };
  const button = (where: string, b: SlackButton) => {
    textObject(`${where}.text`, b.text, SLACK_LIMITS.buttonText);
    if (b.text.type !== 'plain_text') report(where, 'button text not plain_text');
    limitedId(`${where}.action_id`, b.action_id);
    if ((b.value ?? '').length > SLACK_LIMITS.buttonValue) report(where, 'value too long');
  };
  const options = (where: string, list: { text: { text: string; type: string }; value?: string }[]) => {
    if (list.length === 0) report(where, 'no options');
    if (list.length > SLACK_LIMITS.staticSelectOptions) report(where, `${list.length} options`);
    for (const [i, o] of list.entries()) {
      textObject(`${where}[${i}]`, o.text, SLACK_LIMITS.optionText);
      if ((o.value ?? '').length > 150) report(where, 'option value too long');
    }
  };

  const isView = 'type' in payload;
  const max = isView ? SLACK_LIMITS.viewBlocks : SLACK_LIMITS.messageBlocks;
  if (payload.blocks.length > max) report('blocks', `${payload.blocks.length} > ${max}`);
  if (!isView && payload.text.trim() === '') report('text', 'empty fallback');
  if (!isView && payload.text.length > SLACK_LIMITS.sectionText) report('text', 'fallback too long');
  const blockIds = new Set<string>();
  for (const [i, block] of known(payload.blocks).entries()) {
    const where = `blocks[${i}]`;
    if (block.block_id !== undefined) {
      if (blockIds.has(block.block_id)) report(where, `duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
      limitedId(`${where}.block_id`, block.block_id);
    }
    switch (block.type) {
      case 'header':
        if (block.text.type !== 'plain_text') report(where, 'header not plain_text');
        textObject(where, block.text, SLACK_LIMITS.headerText);
        break;
      case 'section': {
        if (!block.text && !block.fields) report(where, 'section without text or fields');
        if (block.text) textObject(`${where}.text`, block.text, SLACK_LIMITS.sectionText);
        const fields = block.fields ?? [];
        if (block.fields && fields.length === 0) report(where, 'empty fields');
        if (fields.length > SLACK_LIMITS.fieldsPerSection) report(where, `${fields.length} fields`);
        for (const [j, f] of fields.entries()) textObject(`${where}.fields[${j}]`, f, SLACK_LIMITS.fieldText);
        if (block.accessory) {
          if (block.accessory.type === 'button') button(`${where}.accessory`, block.accessory);
          else report(where, `unexpected accessory ${block.accessory.type}`);
        }
        break;
      }
      case 'context':
        if (block.elements.length === 0 || block.elements.length > SLACK_LIMITS.contextElements)
          report(where, `${block.elements.length} context elements`);
        for (const [j, e] of block.elements.entries()) {
          if (e.type === 'image') report(where, 'image');
          else textObject(`${where}.elements[${j}]`, e, SLACK_LIMITS.sectionText);
        }
        break;
      case 'actions': {
        if (block.elements.length === 0 || block.elements.length > SLACK_LIMITS.actionsElements)
          report(where, `${block.elements.length} actions elements`);
        const ids = new Set<string>();
        for (const [j, e] of block.elements.entries()) {
          if (e.type !== 'button') {
            report(where, `unexpected element ${e.type}`);
            continue;
          }
          button(`${where}.elements[${j}]`, e);
          if (e.action_id !== undefined && ids.has(e.action_id)) report(where, `duplicate ${e.action_id}`);
          if (e.action_id !== undefined) ids.add(e.action_id);
        }
        break;
      }
      case 'input': {
        textObject(`${where}.label`, block.label, SLACK_LIMITS.fieldText);
        const e = block.element;
        limitedId(`${where}.action_id`, e.action_id);
        if (e.type === 'static_select') {
          const groups = e.option_groups;
          if (groups && e.options) report(where, 'both options and option_groups');
          if (groups) {
            if (groups.length === 0 || groups.length > 100) report(where, `${groups.length} option groups`);
            for (const [j, g] of groups.entries()) {
              textObject(`${where}.option_groups[${j}].label`, g.label, SLACK_LIMITS.optionText);
              options(`${where}.option_groups[${j}].options`, g.options);
            }
          } else options(`${where}.options`, e.options ?? []);
          const all = groups ? groups.flatMap((g) => g.options) : (e.options ?? []);
          if (e.initial_option && !all.some((o) => isDeepEqual(o, e.initial_option)))
            report(where, 'initial_option not among the options');
        } else if (e.type === 'checkboxes') {
          options(`${where}.options`, e.options);
          for (const initial of e.initial_options ?? [])
            if (!e.options.some((o) => isDeepEqual(o, initial)))
              report(where, 'initial option not an option');
        } else if (e.type === 'plain_text_input') {
          if (e.max_length !== undefined && (e.max_length < 1 || e.max_length > SLACK_LIMITS.sectionText))
            report(where, `max_length ${e.max_length}`);
          const limit = Math.min(e.max_length ?? SLACK_LIMITS.sectionText, SLACK_LIMITS.sectionText);
          if ((e.initial_value ?? '').length > limit) report(where, 'initial value longer than max_length');
        } else if (e.type === 'number_input') {
          const [low, high, initial] = [e.min_value, e.max_value, e.initial_value].map((v) =>
            v === undefined ? undefined : Number(v),
          );
          for (const v of [low, high, initial])
            if (v !== undefined && !Number.isSafeInteger(v)) report(where, `number ${v} not a whole number`);
          if (low !== undefined && high !== undefined && low > high) report(where, 'min above max');
          if (initial !== undefined && ((low ?? initial) > initial || (high ?? initial) < initial))
            report(where, 'initial value outside the range');
        } else if (e.type === 'datepicker') {
          if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(e.initial_date))
            report(where, 'initial_date not YYYY-MM-DD');
        } else report(where, `unexpected input ${e.type}`);
        break;
      }
      case 'divider':
        break;
      default:
        report(where, `unexpected block ${block.type}`);
    }
  }
  if (isView && payload.type === 'modal') {
    for (const key of ['title', 'submit', 'close'] as const)
      textObject(`modal.${key}`, payload[key], SLACK_LIMITS.modalTitle);
    if ((payload.private_metadata ?? '').length > SLACK_LIMITS.privateMetadata)
      report('modal', 'private_metadata too long');
    limitedId('modal.callback_id', payload.callback_id);
  }
  return found;
}

/** Views are typed to hold any block; the ones this renderer draws are all known. */
function known(blocks: AnyBlock[]): KnownBlock[] {
  return blocks as KnownBlock[];
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function allViolations(r: Reply): string[] {
  return [
    ...renderMessages(r).flatMap((m, i) => violations(m).map((v) => `message ${i} ${v}`)),
    ...violations(renderHome(r, 'Ingekort')).map((v) => `home ${v}`),
  ];
}

describe('the limits checker', () => {
  it('reports each kind of breach it looks for', () => {
    const longButton = { type: 'button' as const, text: plain('x'.repeat(76)), action_id: 'a' };
    const found = violations({
      text: '',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'section', text: { type: 'mrkdwn', text: 'a < b' } },
        {
          type: 'section',
          fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })),
        },
        {
          type: 'actions',
          elements: [longButton, { ...longButton, text: { type: 'plain_text', text: 'ok' } }],
        },
      ],
    });
    expect(found).toEqual([
      'text: empty fallback',
      'blocks[0]: 151 > 150 characters',
      'blocks[1].text: unescaped &, < or >',
      'blocks[2]: 11 fields',
      'blocks[3].elements[0].text: 76 > 75 characters',
      'blocks[3]: duplicate a',
    ]);
  });
});

// ── each block type ──────────────────────────────────────────────────────────────────────────────

describe('renderMessages, block by block', () => {
  it('draws a header as plain text, on one line, cut to 150 with an ellipsis', () => {
    expect(blocksOf([{ type: 'header', text: 'Week <3> &\nZoë' }])).toEqual([
      { type: 'header', text: plain('Week <3> & Zoë') },
    ]);
    const [long] = blocksOf([{ type: 'header', text: 'a'.repeat(200) }]);
    expect(long).toEqual({ type: 'header', text: plain(`${'a'.repeat(149)}…`) });
  });

  it('draws text by tone: normal, error, success as sections, muted as context', () => {
    expect(
      blocksOf([
        { type: 'text', text: 'Hallo' },
        { type: 'text', text: 'Mislukt', tone: 'error' },
        { type: 'text', text: 'Opgeslagen', tone: 'success' },
        { type: 'text', text: 'Stil', tone: 'muted' },
      ]),
    ).toEqual([
      section('Hallo'),
      section(':warning: Mislukt'),
      section(':white_check_mark: Opgeslagen'),
      context('Stil'),
    ]);
  });

  it('escapes &, < and > in mrkdwn, so a typed mention or link stays text', () => {
    expect(blocksOf([{ type: 'text', text: '<@U123> & <!channel> > 3' }])).toEqual([
      section('&lt;@U123&gt; &amp; &lt;!channel&gt; &gt; 3'),
    ]);
  });

  it('leaves out text with nothing to show, which Slack would refuse', () => {
    expect(
      blocksOf([
        { type: 'text', text: ' \n ' },
        { type: 'header', text: '  ' },
      ]),
    ).toEqual([]);
  });

  it('splits a 7,000-character text into 3 sections of at most 3,000, losing nothing', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${String(i).padStart(4, '0')}`).join(' ');
    expect(words).toHaveLength(5999);
    const long = `${words} ${'x'.repeat(1000)}`;
    expect(long).toHaveLength(7000);
    const blocks = blocksOf([{ type: 'text', text: long }]);
    const texts = textsOf(blocks);
    expect(blocks).toHaveLength(3);
    expect(texts.map((t) => t.length <= 3000)).toEqual([true, true, true]);
    expect(texts.join('').replace(/\s/g, '')).toBe(long.replace(/\s/g, ''));
  });

  it('never splits an entity when splitting a long text', () => {
    const texts = textsOf(blocksOf([{ type: 'text', text: '&'.repeat(1000) }]));
    expect(texts.map((t) => t.length)).toEqual([3000, 2000]);
    expect(texts.every((t) => /^(&amp;)+$/.test(t))).toBe(true);
  });

  it('draws fields as section fields, bold label over value, ten to a section', () => {
    expect(
      blocksOf([
        {
          type: 'fields',
          fields: [
            { label: 'Groep', value: '3H' },
            { label: 'Mentor', value: 'M. <Jansen>' },
          ],
        },
      ]),
    ).toEqual([
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Groep*\n3H' },
          { type: 'mrkdwn', text: '*Mentor*\nM. &lt;Jansen&gt;' },
        ],
      },
    ]);
    const twelve = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const sections = blocksOf([{ type: 'fields', fields: twelve }]);
    expect(sections.map((b) => (b.type === 'section' ? b.fields?.length : 0))).toEqual([10, 2]);
  });

  it('gives a field too long for a field a section of its own instead of cutting it', () => {
    const blocks = blocksOf([
      {
        type: 'fields',
        fields: [
          { label: 'Kort', value: 'ja' },
          { label: 'Lang', value: 'y'.repeat(2500) },
          { label: 'Daarna', value: 'nee' },
        ],
      },
    ]);
    expect(blocks).toEqual([
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Kort*\nja' }] },
      section(`*Lang*\n${'y'.repeat(2500)}`),
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Daarna*\nnee' }] },
    ]);
  });

  it('draws a table as an aligned code block under its bold caption', () => {
    expect(
      blocksOf([
        {
          type: 'table',
          caption: 'Vakken',
          columns: ['Vak', 'Cijfer'],
          rows: [
            ['Frans', '5,2'],
            ['Zoë & co', '7'],
          ],
        },
      ]),
    ).toEqual([
      section(
        [
          '*Vakken*',
          '```',
          'Vak       Cijfer',
          '────────  ──────',
          'Frans     5,2',
          'Zoë &amp; co  7',
          '```',
        ].join('\n'),
      ),
    ]);
  });

  it('splits a 400-row table into code sections of at most 3,000, each with the head, over several messages', () => {
    const cell = (r: number, c: number) => `r${r}c${c}`.padEnd(110, '.');
    const rows = Array.from({ length: 400 }, (_, r) => [0, 1, 2, 3].map((c) => cell(r, c)));
    const messages = renderMessages(make([{ type: 'table', columns: ['A', 'B', 'C', 'D'], rows }]));
    const texts = messages.flatMap((m) => textsOf(m.blocks));
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.map((m) => m.blocks.length <= 50)).toEqual(messages.map(() => true));
    expect(texts.length).toBeGreaterThan(50);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(3000);
      expect(t.startsWith('```\nA')).toBe(true);
      expect(t.endsWith('\n```')).toBe(true);
    }
    const shown = texts.flatMap((t) => t.split('\n').filter((line) => line.startsWith('r')));
    expect(shown.map((line) => line.split(' ')[0]?.replace(/\.+$/, ''))).toEqual(
      rows.map((row) => row[0]?.replace(/\.+$/, '')),
    );
    expect(messages.map((m) => m.text)).toEqual([
      messages[0]?.text,
      ...messages.slice(1).map((_, i) => `… (${i + 2}/${messages.length})`),
    ]);
  });

  it('draws a list as a bold title over bullet lines', () => {
    expect(
      blocksOf([
        {
          type: 'list',
          title: 'Open doelen',
          items: [{ text: '#2 Lezen', detail: 'tot 14 dec' }, { text: 'A > B' }],
        },
      ]),
    ).toEqual([section('*Open doelen*\n• #2 Lezen — tot 14 dec\n• A &gt; B')]);
  });

  it('draws an empty list as its title and its empty text in grey, or as nothing without one', () => {
    expect(blocksOf([{ type: 'list', title: 'Doelen', items: [], empty: 'Geen doelen.' }])).toEqual([
      section('*Doelen*'),
      context('Geen doelen.'),
    ]);
    expect(blocksOf([{ type: 'list', title: 'Doelen', items: [] }])).toEqual([]);
  });

  it('gives each list item with a button its own section with the button beside it', () => {
    const choose = (email: string): Button => ({
      label: 'Kies',
      actionId: 'koers.run',
      payload: { text: `leerling ${email}` },
    });
    expect(
      blocksOf([
        {
          type: 'list',
          title: 'Kies er een',
          items: [
            { text: 'Daan Visser', detail: '3H', button: choose('daan@x') },
            { text: 'Zonder knop' },
            { text: 'Emre Visser', button: choose('emre@x') },
          ],
        },
      ]),
    ).toEqual([
      section('*Kies er een*'),
      {
        ...section('• Daan Visser — 3H'),
        accessory: {
          type: 'button',
          text: plain('Kies'),
          action_id: 'koers.run',
          value: '{"text":"leerling daan@x"}',
        },
      },
      section('• Zonder knop'),
      {
        ...section('• Emre Visser'),
        accessory: {
          type: 'button',
          text: plain('Kies'),
          action_id: 'koers.run',
          value: '{"text":"leerling emre@x"}',
        },
      },
    ]);
  });

  it('draws a list of 60 items with buttons as lines, the first 20 buttons with distinct action ids and a note of the rest', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      text: `Leerling ${i}`,
      button: { label: `Kies ${i}`, actionId: 'koers.run', payload: { n: String(i) } },
    }));
    const messages = renderMessages(make([{ type: 'list', items }]));
    expect(messages).toHaveLength(1);
    const [only] = messages;
    expect(only?.blocks.map((b) => b.type)).toEqual(['section', 'actions', 'context']);
    expect(only?.blocks[2]).toEqual(context('… en nog 40.'));
    const actions = only?.blocks[1];
    const elements = actions?.type === 'actions' ? actions.elements : [];
    expect(elements).toHaveLength(20);
    const ids = elements.map((e) => (e.type === 'button' ? e.action_id : ''));
    expect(ids.slice(0, 3)).toEqual(['koers.run', 'koers.run#2', 'koers.run#3']);
    expect(new Set(ids).size).toBe(20);
    expect(ids.map((id) => actionIdOf(id ?? ''))).toEqual(Array(20).fill('koers.run'));
    expect(textsOf(only?.blocks ?? [])[0]?.split('\n')).toHaveLength(60);
  });

  it('draws a trend as lines of label, sparkline in code and first → last, numbers as the locale writes them', () => {
    const trend: BlockInput = {
      type: 'trend',
      title: 'Welbevinden',
      periods: ['W1', 'W2', 'W3'],
      series: [
        { label: 'Welbevinden', values: [1, null, 5], min: 1, max: 5 },
        { label: 'Rust', values: [2.25, 3.5, 4], min: 1, max: 5 },
        { label: 'Leeg', values: [], min: 1, max: 5 },
      ],
    };
    expect(blocksOf([trend])).toEqual([
      section('*Welbevinden*\nWelbevinden  `▁·█`  1 → 5\nRust  `▃▅▆`  2,3 → 4\nLeeg\nW1 – W3'),
    ]);
    expect(renderMessages(make([trend], 'en'))[0]?.blocks).toEqual([
      section('*Welbevinden*\nWelbevinden  `▁·█`  1 → 5\nRust  `▃▅▆`  2.3 → 4\nLeeg\nW1 – W3'),
    ]);
  });

  it('draws actions as buttons with JSON payloads and styles, 25 to a block', () => {
    expect(
      blocksOf([
        {
          type: 'actions',
          buttons: [
            { label: 'Doel toevoegen', actionId: 'goal.add', payload: { student: 's@x' }, style: 'primary' },
            { label: 'Gesprek', actionId: 'conversation.log', payload: {} },
          ],
        },
      ]),
    ).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: plain('Doel toevoegen'),
            action_id: 'goal.add',
            value: '{"student":"s@x"}',
            style: 'primary',
          },
          { type: 'button', text: plain('Gesprek'), action_id: 'conversation.log', value: '{}' },
        ],
      },
    ]);
    const thirty = Array.from({ length: 30 }, (_, i) => ({ label: `K${i}`, actionId: `a${i}`, payload: {} }));
    const rows = blocksOf([{ type: 'actions', buttons: thirty }]);
    expect(rows.map((b) => (b.type === 'actions' ? b.elements.length : 0))).toEqual([25, 5]);
  });

  it('cuts a 100-character button label to 75 with an ellipsis', () => {
    const [row] = blocksOf([
      { type: 'actions', buttons: [{ label: 'b'.repeat(100), actionId: 'x', payload: {} }] },
    ]);
    const first = row?.type === 'actions' ? row.elements[0] : undefined;
    expect(first?.type === 'button' ? first.text.text : '').toBe(`${'b'.repeat(74)}…`);
  });

  it('refuses a payload too long for a button value rather than cutting an id', () => {
    const big = { label: 'Te veel', actionId: 'x', payload: { text: 'z'.repeat(2000) } };
    expect(() => renderMessages(make([{ type: 'actions', buttons: [big] }]))).toThrow(/2011 characters/);
  });

  it('draws a form in a message as its title with a button that opens it', () => {
    expect(
      blocksOf([
        {
          type: 'form',
          formId: 'goal.add',
          title: 'Nieuw doel',
          submitLabel: 'Opslaan',
          inputs: [{ type: 'text', name: 'title', label: 'Titel' }],
          payload: { student: 's@x' },
        },
        { type: 'divider' },
      ]),
    ).toEqual([
      {
        ...section('*Nieuw doel*'),
        accessory: {
          type: 'button',
          text: plain('Opslaan'),
          action_id: FORM_OPEN_ACTION,
          value: '{"formId":"goal.add","payload":{"student":"s@x"}}',
        },
      },
      { type: 'divider' },
    ]);
    expect(FORM_OPEN_ACTION).toBe('koers.form.open');
  });

  it('gives a plain-text fallback: the text rendering, escaped, and nothing at all for an empty reply', () => {
    const r = make([
      { type: 'header', text: 'Kop' },
      { type: 'text', text: 'a < b' },
    ]);
    expect(renderMessages(r)).toEqual([
      { text: 'Kop\n═══\n\na &lt; b', blocks: [{ type: 'header', text: plain('Kop') }, section('a &lt; b')] },
    ]);
    expect(renderText(r)).toBe('Kop\n═══\n\na < b');
    expect(renderMessages(make([]))).toEqual([]);
  });

  it('cuts the fallback of a long reply to 3,000: the start of its text rendering, escaped', () => {
    const many: BlockInput[] = Array.from({ length: 100 }, (_, i) => ({
      type: 'text',
      text: `${i} <${'t'.repeat(60)}>`,
    }));
    const r = make(many);
    const escapedText = renderText(r).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const [first] = renderMessages(r);
    expect(first?.text).toBe(`${escapedText.slice(0, 2999).trimEnd()}…`);
    expect(first?.text).toHaveLength(3000);
  });

  it('keeps a header with what it heads when a message is full', () => {
    const texts: BlockInput[] = Array.from({ length: 49 }, (_, i) => ({ type: 'text', text: `t${i}` }));
    const messages = renderMessages(
      make([...texts, { type: 'header', text: 'Kop' }, { type: 'text', text: 'onder de kop' }]),
    );
    expect(messages.map((m) => m.blocks.length)).toEqual([49, 2]);
    expect(messages[1]?.blocks[0]).toEqual({ type: 'header', text: plain('Kop') });
  });
});

// ── Home tab and modal ───────────────────────────────────────────────────────────────────────────

describe('renderHome', () => {
  it('shows everything when it fits', () => {
    expect(renderHome(make([{ type: 'text', text: 'Hoi' }]), 'Ingekort')).toEqual({
      type: 'home',
      blocks: [section('Hoi')],
    });
  });

  it('cuts at 100 blocks and says so in the words it is given', () => {
    const many: BlockInput[] = Array.from({ length: 150 }, (_, i) => ({ type: 'text', text: `t${i}` }));
    const home = renderHome(make(many), 'Ingekort: open het in Koers <zelf>');
    expect(home.blocks).toHaveLength(100);
    expect(home.blocks[98]).toEqual(section('t98'));
    expect(home.blocks[99]).toEqual(context('Ingekort: open het in Koers &lt;zelf&gt;'));
  });

  it('does not end a cut Home tab on a header whose content was cut away', () => {
    const many: BlockInput[] = Array.from({ length: 150 }, (_, i) =>
      i === 98 ? { type: 'header', text: 'Kop' } : { type: 'text', text: `t${i}` },
    );
    const home = renderHome(make(many), 'Ingekort');
    expect(home.blocks).toHaveLength(99);
    expect(home.blocks.slice(-2)).toEqual([section('t97'), context('Ingekort')]);
  });
});

describe('renderModal', () => {
  const form: Form = {
    type: 'form',
    formId: 'goal.add',
    title: 'Een nieuw doel voor Sarina El Amrani',
    submitLabel: 'Opslaan',
    payload: { student: 'sarina@x' },
    inputs: [
      { type: 'text', name: 'title', label: 'Titel', required: true, value: 'Lezen', maxLength: 200 },
      { type: 'textarea', name: 'why', label: 'Waarom', required: false, value: 'Omdat' },
      { type: 'date', name: 'until', label: 'Tot', required: true, value: '2026-12-15' },
      { type: 'number', name: 'hours', label: 'Uren', required: false, value: '3', min: 0.5, max: 10 },
      {
        type: 'select',
        name: 'category',
        label: 'Soort',
        required: true,
        value: 'talent',
        options: [
          { value: 'vak', label: 'Vak' },
          { value: 'talent', label: 'Talent' },
        ],
      },
      { type: 'checkbox', name: 'share', label: 'Deel met mentor', required: false, value: 'true' },
    ],
  };

  it('draws every input type with what the user typed before', () => {
    const r: Reply = {
      outcome: 'ok',
      locale: 'nl',
      visibility: 'ephemeral',
      blocks: [{ type: 'text', text: 'Vul in', tone: 'normal' }, form],
    };
    const talent = { text: plain('Talent'), value: 'talent' };
    const share = { text: plain('Deel met mentor'), value: 'true' };
    expect(renderModal(r, form, { submit: 'Opslaan', close: 'Annuleren' })).toEqual({
      type: 'modal',
      callback_id: 'goal.add',
      title: plain('Een nieuw doel voor Sar…'),
      submit: plain('Opslaan'),
      close: plain('Annuleren'),
      private_metadata: '{"student":"sarina@x"}',
      blocks: [
        section('Vul in'),
        {
          type: 'input',
          block_id: 'title',
          label: plain('Titel'),
          optional: false,
          element: { type: 'plain_text_input', action_id: 'title', max_length: 200, initial_value: 'Lezen' },
        },
        {
          type: 'input',
          block_id: 'why',
          label: plain('Waarom'),
          optional: true,
          element: { type: 'plain_text_input', action_id: 'why', multiline: true, initial_value: 'Omdat' },
        },
        {
          type: 'input',
          block_id: 'until',
          label: plain('Tot'),
          optional: false,
          element: { type: 'datepicker', action_id: 'until', initial_date: '2026-12-15' },
        },
        {
          type: 'input',
          block_id: 'hours',
          label: plain('Uren'),
          optional: true,
          element: {
            type: 'number_input',
            action_id: 'hours',
            is_decimal_allowed: false,
            min_value: '1',
            max_value: '10',
            initial_value: '3',
          },
        },
        {
          type: 'input',
          block_id: 'category',
          label: plain('Soort'),
          optional: false,
          element: {
            type: 'static_select',
            action_id: 'category',
            options: [{ text: plain('Vak'), value: 'vak' }, talent],
            initial_option: talent,
          },
        },
        {
          type: 'input',
          block_id: 'share',
          label: plain('Deel met mentor'),
          optional: true,
          element: { type: 'checkboxes', action_id: 'share', options: [share], initial_options: [share] },
        },
      ],
    });
  });

  it('leaves out an initial value Slack would refuse: not a date, not a whole number in range', () => {
    const odd: Form = {
      ...form,
      inputs: [
        { type: 'date', name: 'd', label: 'D', required: false, value: '15-12-2026' },
        { type: 'date', name: 'e', label: 'E', required: false, value: '2026-02-30' },
        { type: 'number', name: 'n', label: 'N', required: false, value: '11', max: 10 },
        { type: 'number', name: 'm', label: 'M', required: false, value: '2.5' },
        { type: 'checkbox', name: 'c', label: 'C', required: false, value: 'false' },
      ],
    };
    const view = renderModal({ outcome: 'ok', locale: 'nl', visibility: 'ephemeral', blocks: [odd] }, odd, {
      submit: 'OK',
      close: 'X',
    });
    expect(known(view.blocks).map((b) => (b.type === 'input' ? b.element : undefined))).toEqual([
      { type: 'datepicker', action_id: 'd' },
      { type: 'datepicker', action_id: 'e' },
      { type: 'number_input', action_id: 'n', is_decimal_allowed: false, max_value: '10' },
      { type: 'number_input', action_id: 'm', is_decimal_allowed: false },
      { type: 'checkboxes', action_id: 'c', options: [{ text: plain('C'), value: 'true' }] },
    ]);
  });

  it('cuts the title and button labels to 24 characters', () => {
    const view = renderModal({ outcome: 'ok', locale: 'nl', visibility: 'ephemeral', blocks: [form] }, form, {
      submit: 'Opslaan en direct doorgaan',
      close: 'Nee',
    });
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual([
      'Een nieuw doel voor Sar…',
      'Opslaan en direct doorg…',
      'Nee',
    ]);
    expect(view.title.text).toHaveLength(24);
  });

  it('offers 150 options in groups of 100, each cut to 75 characters, keeping the one chosen before', () => {
    const options = Array.from({ length: 150 }, (_, i) => ({
      value: `v${i}`,
      label: `Optie ${i} ${'x'.repeat(80)}`,
    }));
    const select: Form = {
      ...form,
      inputs: [{ type: 'select', name: 's', label: 'S', required: true, value: 'v120', options }],
    };
    const view = renderModal({ outcome: 'ok', locale: 'nl', visibility: 'ephemeral', blocks: [] }, select, {
      submit: 'OK',
      close: 'X',
    });
    const [block] = known(view.blocks);
    const element = block?.type === 'input' ? block.element : undefined;
    const groups = element?.type === 'static_select' ? (element.option_groups ?? []) : [];
    expect(element?.type === 'static_select' ? element.options : 'no select').toBeUndefined();
    expect(groups.map((g) => [g.label.text, g.options.length])).toEqual([
      ['1–100', 100],
      ['101–150', 50],
    ]);
    const shown = groups.flatMap((g) => g.options);
    expect(shown.map((o) => o.value)).toEqual(options.map((o) => o.value));
    expect(shown.every((o) => o.text.text.length === 75 && o.text.text.endsWith('…'))).toBe(true);
    expect(element?.type === 'static_select' ? element.initial_option : undefined).toEqual(shown[120]);
    expect(violations(view)).toEqual([]);
  });

  it('refuses a payload too long for private_metadata and input names used twice', () => {
    const big: Form = { ...form, payload: { text: 'z'.repeat(3000) } };
    const labels = { submit: 'OK', close: 'X' };
    const empty = {
      outcome: 'ok' as const,
      locale: 'nl' as const,
      visibility: 'ephemeral' as const,
      blocks: [],
    };
    expect(() => renderModal(empty, big, labels)).toThrow(/3011 characters/);
    const [first] = form.inputs;
    const twice: Form = { ...form, inputs: first ? [first, first] : [] };
    expect(() => renderModal(empty, twice, labels)).toThrow(/repeats an input name/);
  });
});

describe('modalErrors', () => {
  it("answers with Slack's errors body, each message within 3,000", () => {
    expect(modalErrors({ title: 'Vul een titel in', until: 'x'.repeat(3100) })).toEqual({
      response_action: 'errors',
      errors: { title: 'Vul een titel in', until: `${'x'.repeat(2999)}…` },
    });
  });
});

describe('generated replies stay within every Slack limit', () => {
  it('as messages and as a Home tab', () => {
    fc.assert(
      fc.property(replyArb, (r) => {
        expect(allViolations(r)).toEqual([]);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('as a modal for any of their forms', () => {
    fc.assert(
      fc.property(replyArb, formArb, (r, form) => {
        const view: ModalView = renderModal({ ...r, blocks: [...r.blocks, form] }, form, {
          submit: 'Opslaan en doorgaan naar de volgende stap',
          close: 'Annuleren',
        });
        expect(violations(view)).toEqual([]);
        // Every input, in order, after the context; each followed by its notes and error, if any.
        const inputs = view.blocks.flatMap((b, i) => (b.type === 'input' ? [i] : []));
        expect(inputs.map((i) => view.blocks[i]?.block_id)).toEqual(form.inputs.map((input) => input.name));
        expect(view.blocks.slice(inputs[0]).every((b) => b.type === 'input' || b.type === 'context')).toBe(
          true,
        );
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });
});

// ── the demo school ──────────────────────────────────────────────────────────────────────────────

describe('every reply the commands give on the demo school', () => {
  it('renders within the limits, for every persona', async () => {
    const store = await freshDemoStore();
    const lines = await demoCommandLines(store);
    expect(lines.filter((line) => line.startsWith('leerling ')).length).toBeGreaterThan(50);
    const found: string[] = [];
    let headers = 0;
    let replies = 0;
    for (const email of demoPersonas) {
      for (const line of lines) {
        const r = await askAs(store, email, line);
        replies++;
        found.push(...allViolations(r).map((v) => `${email} '${line}': ${v}`));
        headers += renderMessages(r).filter((m) => m.blocks.some((b) => b.type === 'header')).length;
      }
    }
    expect(found).toEqual([]);
    expect(replies).toBe(demoPersonas.length * lines.length);
    expect(headers).toBeGreaterThan(0);
  });

  it('opens every form the commands offer, for every persona and student, as a modal within the limits', async () => {
    const store = await freshDemoStore();
    const formIds = await demoFormIds();
    const found: string[] = [];
    const opened = new Set<string>();
    for await (const { where, formId, reply: r } of demoFormReplies(store, 'slack')) {
      const form = r.blocks.find((b) => b.type === 'form');
      if (form?.type === 'form') {
        opened.add(formId);
        const view = renderModal(r, form, { submit: 'Opslaan', close: 'Annuleren' });
        found.push(...violations(view).map((v) => `${where}: ${v}`));
      } else found.push(...allViolations(r).map((v) => `${where}: ${v}`));
    }
    expect(found).toEqual([]);
    expect(formIds.length).toBeGreaterThan(0);
    expect([...opened].sort()).toEqual([...formIds].sort());
  });

  it('renders a refusal as a section with the warning sign', async () => {
    const store = await freshDemoStore();
    for (const [email, line] of [
      ['daan.visser@leerling.koersmeer.example', 'leerling sarina'],
      ['m.jansen@koersmeer.example', 'leerlig x'],
    ] as const) {
      const [first] = renderMessages(await askAs(store, email, line));
      const warned = (first?.blocks ?? []).filter(
        (b) => b.type === 'section' && b.text?.text.startsWith(':warning: '),
      );
      expect(warned).toHaveLength(1);
    }
  });
});
