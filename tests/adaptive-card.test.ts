/**
 * The Adaptive Card renderer: exact JSON for small replies, and every card it draws — for generated
 * replies and for every reply the commands give on the demo school — parsed and validated by
 * Microsoft's own `adaptivecards` package, and measured against Teams' message size.
 */
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AdaptiveCard,
  CARD_VERB,
  renderCards,
  renderFormCard,
  TEAMS_LIMITS,
} from '../src/render/adaptive-card.ts';
import {
  type Block,
  type BlockInput,
  type Button,
  type FormInput,
  type Reply,
  type ReplyInput,
  reply,
} from '../src/reply/reply.ts';
import { askAs, freshDemoStore } from './support/demo.ts';
import { demoCommandLines, demoFormIds, demoFormReplies, demoPersonas } from './support/demo-walk.ts';
import { formArb, replyArb } from './support/reply-arbitraries.ts';

// The package's `lib` is ESM with extensionless imports Node cannot load; its UMD bundle loads anywhere.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

type Form = Extract<Block, { type: 'form' }>;

const CARD_BYTES = 24_000;
const make = (blocks: BlockInput[], locale: ReplyInput['locale'] = 'nl'): Reply =>
  reply.parse({ locale, blocks });
const bodyOf = (blocks: BlockInput[], locale: ReplyInput['locale'] = 'nl') =>
  renderCards(make(blocks, locale)).flatMap((c) => c.body);
const tb = (text: string, style: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...style,
});
const size = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(card), 'utf8');

// ── the official parser ──────────────────────────────────────────────────────────────────────────

/** Every parse error and validation failure the official package reports for a card. */
function problems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const found: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    found.push(`parse ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents)
    found.push(`validate ${AC.ValidationEvent[event.event]}: ${event.message}`);
  if (card.version?.toString() !== '1.5') found.push(`version ${card.version?.toString()}`);
  return found;
}

/** Problems of every card, plus cards over the size we keep to. */
function cardProblems(cards: AdaptiveCard[], where = ''): string[] {
  return cards.flatMap((card, i) => [
    ...problems(card).map((p) => `${where}card ${i}: ${p}`),
    ...(size(card) > CARD_BYTES ? [`${where}card ${i}: ${size(card)} bytes`] : []),
  ]);
}

describe('the official parser, as these tests use it', () => {
  it('reports unknown elements, too many actions, required inputs without a message and duplicate ids', () => {
    const submit = (n: number) => ({ type: 'Action.Submit', title: `t${n}`, data: { n } });
    const found = problems({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Bogus' },
        { type: 'ActionSet', actions: [1, 2, 3, 4, 5, 6].map(submit) },
        { type: 'Input.Text', id: 'a', label: 'A', isRequired: true },
        { type: 'Input.Text', id: 'a', label: 'B' },
        { type: 'Input.ChoiceSet', id: 'c', label: 'C', choices: [] },
      ],
    });
    expect(found.map((f) => f.split(':')[0])).toEqual([
      'parse UnknownElementType',
      'validate TooManyActions',
      'validate RequiredInputsShouldHaveErrorMessage',
      'validate DuplicateId',
      'validate CollectionCantBeEmpty',
    ]);
  });
});

// ── each block type ──────────────────────────────────────────────────────────────────────────────

describe('renderCards, block by block', () => {
  it('wraps the body in a 1.5 card at full width', () => {
    expect(renderCards(make([{ type: 'text', text: 'Hallo' }]))).toEqual([
      {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [tb('Hallo')],
        msteams: { width: 'Full' },
      },
    ]);
    expect(renderCards(make([]))).toEqual([]);
  });

  it('draws a header large and bold, on one line', () => {
    expect(bodyOf([{ type: 'header', text: 'Week 3\nZoë' }])).toEqual([
      tb('Week 3 Zoë', { size: 'Large', weight: 'Bolder' }),
    ]);
  });

  it('draws text by tone', () => {
    expect(
      bodyOf([
        { type: 'text', text: 'Hallo' },
        { type: 'text', text: 'Mislukt', tone: 'error' },
        { type: 'text', text: 'Opgeslagen', tone: 'success' },
        { type: 'text', text: 'Stil', tone: 'muted' },
      ]),
    ).toEqual([
      tb('Hallo'),
      tb('Mislukt', { color: 'Attention' }),
      tb('Opgeslagen', { color: 'Good' }),
      tb('Stil', { isSubtle: true }),
    ]);
  });

  it('escapes markdown so user text shows as typed', () => {
    const [block] = bodyOf([
      {
        type: 'text',
        text: '**vet** _schuin_ ~weg~ `code` [a](b) #1 > 3 a\\b\n- lijst\n+ ook\n12. punt\n3) ook\nmid-dash 1. niet',
      },
    ]);
    expect(block).toEqual(
      tb(
        '\\*\\*vet\\*\\* \\_schuin\\_ \\~weg\\~ \\`code\\` \\[a\\](b) \\#1 \\> 3 a\\\\b\n\\- lijst\n\\+ ook\n12\\. punt\n3\\) ook\nmid-dash 1. niet',
      ),
    );
  });

  it("keeps Teams' {{DATE()}} and {{TIME()}} functions in user text literal", () => {
    const [block] = bodyOf([{ type: 'text', text: 'op {{DATE(2026-12-01T08:00:00Z, SHORT)}} of {{x' }]);
    expect(block).toEqual(tb('op {\u200B{DATE(2026-12-01T08:00:00Z, SHORT)}} of {\u200B{x'));
  });

  it('draws fields as a FactSet, escaped', () => {
    expect(
      bodyOf([
        {
          type: 'fields',
          fields: [
            { label: 'Groep', value: '3H' },
            { label: 'Mentor', value: 'M. *Jansen*' },
          ],
        },
      ]),
    ).toEqual([
      {
        type: 'FactSet',
        facts: [
          { title: 'Groep', value: '3H' },
          { title: 'Mentor', value: 'M. \\*Jansen\\*' },
        ],
      },
    ]);
  });

  it('draws a table as a Table under its bold caption, head row first', () => {
    const cell = (text: string) => ({ type: 'TableCell', items: text === '' ? [] : [tb(text)] });
    const row = (...cells: string[]) => ({ type: 'TableRow', cells: cells.map(cell) });
    expect(
      bodyOf([
        { type: 'table', caption: 'Vakken', columns: ['Vak', 'Cijfer'], rows: [['Frans', '5,2'], ['Zoë_']] },
      ]),
    ).toEqual([
      tb('Vakken', { weight: 'Bolder' }),
      {
        type: 'Table',
        columns: [{ width: 1 }, { width: 1 }],
        firstRowAsHeaders: true,
        rows: [row('Vak', 'Cijfer'), row('Frans', '5,2'), row('Zoë\\_', '')],
      },
    ]);
  });

  it('pages a 400-row table over several cards under 24 KB, each table with the head, every row in order', () => {
    const cellText = (r: number, c: number) => `r${r}c${c}`.padEnd(110, '.');
    const rows = Array.from({ length: 400 }, (_, r) => [0, 1, 2, 3].map((c) => cellText(r, c)));
    const cards = renderCards(make([{ type: 'table', columns: ['A', 'B', 'C', 'D'], rows }]));
    expect(cards.length).toBeGreaterThan(1);
    expect(cardProblems(cards)).toEqual([]);
    const tables = cards.flatMap((c) => c.body) as {
      type: string;
      rows: { cells: { items: { text: string }[] }[] }[];
    }[];
    const firsts = tables.map((t) => t.rows.map((r) => r.cells[0]?.items[0]?.text));
    expect(firsts.every((f) => f[0] === 'A')).toBe(true);
    expect(firsts.flatMap((f) => f.slice(1))).toEqual(rows.map((r) => r[0]));
  });

  it('draws a list as a bold title over bullet lines, a button after its item', () => {
    const button: Button = {
      label: 'Kies',
      actionId: 'koers.run',
      payload: { text: 'leerling 12' },
      style: 'primary',
    };
    expect(
      bodyOf([
        {
          type: 'list',
          title: 'Open doelen',
          items: [{ text: '#2 Lezen', detail: 'tot 14 dec', button }, { text: 'A' }],
        },
      ]),
    ).toEqual([
      tb('Open doelen', { weight: 'Bolder' }),
      tb('• \\#2 Lezen — tot 14 dec'),
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Execute',
            verb: CARD_VERB.run,
            data: { text: 'leerling 12' },
            title: 'Kies',
            style: 'positive',
          },
        ],
      },
      tb('• A'),
    ]);
  });

  it('draws an empty list as its title and its empty text, subtle, or as nothing without one', () => {
    expect(bodyOf([{ type: 'list', title: 'Doelen', items: [], empty: 'Geen doelen.' }])).toEqual([
      tb('Doelen', { weight: 'Bolder' }),
      tb('Geen doelen.', { isSubtle: true }),
    ]);
    expect(bodyOf([{ type: 'list', title: 'Doelen', items: [] }])).toEqual([]);
  });

  it('draws a trend in monospace, numbers as the locale writes them, the span of periods last', () => {
    const block: BlockInput = {
      type: 'trend',
      title: 'Welzijn',
      periods: ['W1', 'W2', 'W3'],
      series: [{ label: 'Zin', values: [1.5, null, 4.25], min: 1, max: 5 }],
    };
    expect(bodyOf([block], 'nl')).toEqual([
      tb('Welzijn', { weight: 'Bolder' }),
      tb('Zin  ▂·▇  1,5 → 4,3', { fontType: 'Monospace' }),
      tb('W1 – W3', { fontType: 'Monospace' }),
    ]);
    expect(bodyOf([block], 'en')[1]).toEqual(tb('Zin  ▂·▇  1.5 → 4.3', { fontType: 'Monospace' }));
  });

  it('draws actions as Action.Execute buttons with their verb and payload, five to a set', () => {
    const buttons: Button[] = [
      { label: 'Doel', actionId: 'koers.form', payload: { form: 'doelen.nieuw', naam: 'x@y' } },
      { label: 'Weg', actionId: 'goal.remove', payload: { id: '3' }, style: 'danger' },
      ...Array.from({ length: 4 }, (_, i) => ({
        label: `B${i}`,
        actionId: 'koers.run',
        payload: { text: `t${i}` },
      })),
    ];
    const body = bodyOf([{ type: 'actions', buttons }]) as { actions: { data: unknown; style?: string }[] }[];
    expect(body.map((set) => set.actions.length)).toEqual([5, 1]);
    expect(body[0]?.actions.slice(0, 2)).toEqual([
      {
        type: 'Action.Execute',
        verb: CARD_VERB.formOpen,
        data: { formId: 'doelen.nieuw', payload: { naam: 'x@y' } },
        title: 'Doel',
      },
      {
        type: 'Action.Execute',
        verb: 'goal.remove',
        data: { id: '3' },
        title: 'Weg',
        style: 'destructive',
      },
    ]);
  });

  it('refuses a form button that does not say which form it opens', () => {
    expect(() =>
      renderCards(
        make([
          { type: 'actions', buttons: [{ label: 'x', actionId: 'koers.form', payload: { naam: 'x' } }] },
        ]),
      ),
    ).toThrow(/needs the form/);
  });

  it('draws a form in a message as its title and a button that opens it; a divider as a separator', () => {
    expect(
      bodyOf([
        {
          type: 'form',
          formId: 'doelen.nieuw',
          title: 'Nieuw doel',
          submitLabel: 'Openen',
          inputs: [{ type: 'text', name: 'titel', label: 'Titel' }],
          payload: { naam: 'x@y' },
        },
        { type: 'divider' },
      ]),
    ).toEqual([
      tb('Nieuw doel', { weight: 'Bolder' }),
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Execute',
            verb: CARD_VERB.formOpen,
            title: 'Openen',
            data: { formId: 'doelen.nieuw', payload: { naam: 'x@y' } },
          },
        ],
      },
      { type: 'Container', separator: true, items: [] },
    ]);
  });

  it('splits a long text over TextBlocks and cards, losing nothing', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ');
    const cards = renderCards(make([{ type: 'text', text: words }]));
    expect(cards.length).toBeGreaterThan(1);
    expect(cardProblems(cards)).toEqual([]);
    const texts = cards.flatMap((c) => c.body as { text: string }[]).map((b) => b.text);
    expect(texts.join('').replace(/\s/g, '')).toBe(words.replace(/\s/g, ''));
  });

  it('keeps a header with what it heads when a card is full', () => {
    // 16 texts of about 1,440 bytes and the header fit one card; the text under the header does not.
    const filler = Array.from({ length: 16 }, () => ({ type: 'text' as const, text: 'x'.repeat(1400) }));
    const under = 'y'.repeat(1400);
    const cards = renderCards(
      make([...filler, { type: 'header', text: 'Kop' }, { type: 'text', text: under }]),
    );
    expect(cards.map((c) => c.body.length)).toEqual([16, 2]);
    expect(cards[1]?.body).toEqual([tb('Kop', { size: 'Large', weight: 'Bolder' }), tb(under)]);
  });
});

// ── forms ────────────────────────────────────────────────────────────────────────────────────────

describe('renderFormCard', () => {
  const form: Form = {
    type: 'form',
    formId: 'doelen.nieuw',
    title: 'Nieuw doel',
    submitLabel: 'Opslaan',
    payload: { naam: 'daan@x' },
    inputs: [
      {
        type: 'text',
        name: 'titel',
        label: 'Titel',
        required: true,
        value: 'Lezen',
        maxLength: 80,
        error: 'Te kort',
      },
      {
        type: 'textarea',
        name: 'toelichting',
        label: 'Toelichting',
        required: false,
        value: 'regel 1\nregel 2',
      },
      { type: 'date', name: 'datum', label: 'Datum', required: false, value: '2026-12-15' },
      { type: 'number', name: 'uren', label: 'Uren', required: false, value: '3', min: 0, max: 10 },
      {
        type: 'select',
        name: 'vak',
        label: 'Vak',
        required: true,
        value: 'fr',
        options: [
          { value: 'ne', label: 'Nederlands' },
          { value: 'fr', label: 'Frans' },
        ],
      },
      { type: 'checkbox', name: 'klaar', label: 'Klaar', required: false, value: 'true' },
    ],
  };

  it('draws every input type with what the user typed before, a field error right under its input', () => {
    const card = renderFormCard(make([{ type: 'text', text: 'Voor Daan' }, form]), form);
    expect(card).toEqual({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      msteams: { width: 'Full' },
      body: [
        tb('Nieuw doel', { size: 'Large', weight: 'Bolder' }),
        tb('Voor Daan'),
        {
          type: 'Input.Text',
          maxLength: 80,
          value: 'Lezen',
          id: 'titel',
          label: 'Titel',
          isRequired: true,
          errorMessage: 'Te kort',
        },
        tb('Te kort', { color: 'Attention' }),
        {
          type: 'Input.Text',
          isMultiline: true,
          value: 'regel 1\nregel 2',
          id: 'toelichting',
          label: 'Toelichting',
          isRequired: false,
        },
        { type: 'Input.Date', value: '2026-12-15', id: 'datum', label: 'Datum', isRequired: false },
        { type: 'Input.Number', min: 0, max: 10, value: 3, id: 'uren', label: 'Uren', isRequired: false },
        {
          type: 'Input.ChoiceSet',
          style: 'compact',
          choices: [
            { title: 'Nederlands', value: 'ne' },
            { title: 'Frans', value: 'fr' },
          ],
          value: 'fr',
          id: 'vak',
          label: 'Vak',
          isRequired: true,
          errorMessage: 'Vul dit in.',
        },
        {
          type: 'Input.Toggle',
          title: 'Klaar',
          valueOn: 'true',
          valueOff: '',
          value: 'true',
          id: 'klaar',
          label: 'Klaar',
          isRequired: false,
        },
      ],
      actions: [
        {
          type: 'Action.Execute',
          verb: CARD_VERB.formSubmit,
          title: 'Opslaan',
          style: 'positive',
          data: { formId: 'doelen.nieuw', payload: { naam: 'daan@x' } },
        },
      ],
    });
    expect(problems(card)).toEqual([]);
  });

  it('leaves out initial values a card would misread: not a date, not a number in range', () => {
    const card = renderFormCard(make([]), {
      ...form,
      inputs: [
        { type: 'date', name: 'd', label: 'D', required: false, value: '2026-13-01' },
        { type: 'number', name: 'n', label: 'N', required: false, value: '30', min: 0, max: 10 },
        {
          type: 'number',
          name: 'm',
          label: 'M',
          required: false,
          value: 'drie',
          min: Number.NEGATIVE_INFINITY,
        },
      ],
    });
    expect(card.body.slice(1)).toEqual([
      { type: 'Input.Date', id: 'd', label: 'D', isRequired: false },
      { type: 'Input.Number', min: 0, max: 10, id: 'n', label: 'N', isRequired: false },
      { type: 'Input.Number', id: 'm', label: 'M', isRequired: false },
    ]);
  });

  it('refuses input names used twice or shadowing what the submission carries', () => {
    const text: FormInput = { type: 'text', name: 'a', label: 'A', required: false };
    expect(() => renderFormCard(make([]), { ...form, inputs: [text, text] })).toThrow(/repeats/);
    expect(() => renderFormCard(make([]), { ...form, inputs: [{ ...text, name: 'formId' }] })).toThrow(
      /reserved/,
    );
  });

  it('fits 8 selects of 150 long options into one card, keeping the chosen option and saying how many are left out', () => {
    const options = Array.from({ length: 150 }, (_, i) => ({
      value: `v${i}`,
      label: `${'👩‍👩‍👧'.repeat(30)} ${i}`,
    }));
    const inputs: FormInput[] = Array.from({ length: 8 }, (_, i) => ({
      type: 'select',
      name: `s${i}`,
      label: 'Kies',
      required: true,
      value: 'v149',
      options,
    }));
    const card = renderFormCard(make([]), { ...form, inputs });
    expect(cardProblems([card])).toEqual([]);
    const body = card.body.slice(1) as { type: string; value: string; choices: { value: string }[] }[];
    const sets = body.filter((e) => e.type === 'Input.ChoiceSet');
    expect(sets).toHaveLength(8);
    expect(sets.every((s) => s.value === 'v149' && s.choices.some((c) => c.value === 'v149'))).toBe(true);
    // Each set is followed by a subtle note of the options it could not offer.
    body.forEach((e, i) => {
      if (e.type !== 'Input.ChoiceSet') return;
      expect(body[i + 1]).toEqual(tb(`… en nog ${150 - e.choices.length}.`, { isSubtle: true }));
    });
  });
});

describe('generated replies parse without errors and stay within the size limit', () => {
  it('as message cards', () => {
    fc.assert(
      fc.property(replyArb, (r) => {
        const cards = renderCards(r);
        expect(cardProblems(cards)).toEqual([]);
        expect(cards.every((c) => size(c) < TEAMS_LIMITS.messageBytes)).toBe(true);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('as a form card for any of their forms', () => {
    fc.assert(
      fc.property(replyArb, formArb, (r, form) => {
        const card = renderFormCard({ ...r, blocks: [...r.blocks, form] }, form);
        expect(cardProblems([card])).toEqual([]);
        const ids = card.body.flatMap((e) =>
          typeof e === 'object' && e !== null && 'id' in e ? [e.id] : [],
        );
        expect(ids).toEqual(form.inputs.map((input) => input.name));
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });
});

// ── the demo school ──────────────────────────────────────────────────────────────────────────────

describe('every reply the commands give on the demo school', () => {
  it('renders to cards the official package parses, each under 28 KB, for every persona', async () => {
    const store = await freshDemoStore();
    const lines = await demoCommandLines(store);
    expect(lines.filter((line) => line.startsWith('leerling ')).length).toBeGreaterThan(50);
    const found: string[] = [];
    let cards = 0;
    let replies = 0;
    for (const email of demoPersonas) {
      for (const line of lines) {
        const rendered = renderCards(await askAs(store, email, line));
        replies++;
        cards += rendered.length;
        found.push(...cardProblems(rendered, `${email} '${line}' `));
        for (const card of rendered)
          if (size(card) >= TEAMS_LIMITS.messageBytes) found.push(`${email} '${line}': ${size(card)} bytes`);
      }
    }
    expect(found).toEqual([]);
    expect(replies).toBe(demoPersonas.length * lines.length);
    expect(cards).toBeGreaterThanOrEqual(replies);
  });

  it('opens every form the commands offer, for every persona and student, as a card the package parses', async () => {
    const store = await freshDemoStore();
    const formIds = await demoFormIds();
    const found: string[] = [];
    const opened = new Set<string>();
    for await (const { where, formId, reply: r } of demoFormReplies(store, 'teams')) {
      const form = r.blocks.find((b) => b.type === 'form');
      if (form?.type === 'form') {
        opened.add(formId);
        found.push(...cardProblems([renderFormCard(r, form)], where));
      } else found.push(...cardProblems(renderCards(r), where));
    }
    expect(found).toEqual([]);
    expect(formIds.length).toBeGreaterThan(0);
    expect([...opened].sort()).toEqual([...formIds].sort());
  });

  it('renders a refusal as a TextBlock in attention colour', async () => {
    const store = await freshDemoStore();
    for (const [email, line] of [
      ['daan.visser@leerling.koersmeer.example', 'leerling sarina'],
      ['m.jansen@koersmeer.example', 'leerlig x'],
    ] as const) {
      const [first] = renderCards(await askAs(store, email, line));
      const warned = (first?.body ?? []).filter(
        (b) => typeof b === 'object' && b !== null && 'color' in b && b.color === 'Attention',
      );
      expect(warned).toHaveLength(1);
    }
  });
});
