import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderText, sparkline } from '../src/render/text.ts';
import { type BlockInput, type ReplyInput, reply } from '../src/reply/reply.ts';

function render(blocks: BlockInput[], locale: ReplyInput['locale'] = 'nl'): string {
  return renderText(reply.parse({ locale, blocks }));
}

const lines = (...rows: string[]) => rows.join('\n');
// Every break a terminal or editor honours, so a check cannot miss whitespace hidden before one.
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
const BAR = /^[▁▂▃▄▅▆▇█·]*$/u;
// Decomposed on purpose: four code units, three graphemes, so `.length` padding would misalign.
const ZOE = 'Zoe\u0308';

describe('sparkline', () => {
  it('rounds to the nearest of 8 bars, halves up', () => {
    // Levels 0, 1.75, 3.5, 5.25, 7 round to 0, 2, 4, 5, 7.
    expect(sparkline([1, 2, 3, 4, 5], 1, 5)).toBe('▁▃▅▆█');
  });

  it('draws a week without an answer, or a value that is not a number, as a gap', () => {
    expect(sparkline([1, null, Number.NaN, 5], 1, 5)).toBe('▁··█');
  });

  it('clamps values outside the scale', () => {
    expect(sparkline([-3, 0, 6, 99], 1, 5)).toBe('▁▁██');
  });

  it('draws every value at the lowest bar when the scale has no range', () => {
    expect(sparkline([3, 3, null], 3, 3)).toBe('▁▁·');
  });

  it('has one bar or gap per value, whatever the numbers', () => {
    const value = fc.option(fc.double(), { nil: null });
    fc.assert(
      fc.property(fc.array(value), fc.double(), fc.double(), (values, min, max) => {
        const line = sparkline(values, min, max);
        expect([...line]).toHaveLength(values.length);
        expect(line).toMatch(BAR);
      }),
    );
  });

  it('never draws a larger value lower', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    fc.assert(
      fc.property(finite, finite, finite, finite, (a, b, x, y) => {
        fc.pre(a !== b);
        const [min, max] = a < b ? [a, b] : [b, a];
        const [low, high] = x <= y ? [x, y] : [y, x];
        const [lowBar = '', highBar = ''] = [...sparkline([low, high], min, max)];
        expect('▁▂▃▄▅▆▇█'.indexOf(lowBar)).toBeLessThanOrEqual('▁▂▃▄▅▆▇█'.indexOf(highBar));
      }),
    );
  });
});

describe('renderText', () => {
  it('underlines a header to its display length', () => {
    expect(render([{ type: 'header', text: `Week van ${ZOE}` }])).toBe(
      lines(`Week van ${ZOE}`, '═'.repeat(12)),
    );
  });

  it('marks errors and successes, and leaves normal and muted text as is', () => {
    const blocks: BlockInput[] = [
      { type: 'text', text: 'Hallo' },
      { type: 'text', text: 'Mislukt', tone: 'error' },
      { type: 'text', text: 'Opgeslagen', tone: 'success' },
      { type: 'text', text: 'Stil', tone: 'muted' },
    ];
    expect(render(blocks)).toBe(lines('Hallo', '', '✗ Mislukt', '', '✓ Opgeslagen', '', 'Stil'));
  });

  it('indents the further lines of a marked text under its first', () => {
    expect(render([{ type: 'text', text: 'Regel 1\nRegel 2', tone: 'error' }])).toBe(
      lines('✗ Regel 1', '  Regel 2'),
    );
  });

  it('aligns field values behind labels of one width', () => {
    const fields = [
      { label: 'Naam', value: ZOE },
      { label: 'Mentor', value: 'J. de Vries' },
    ];
    expect(render([{ type: 'fields', fields }])).toBe(lines(`Naam:   ${ZOE}`, 'Mentor: J. de Vries'));
  });

  it('aligns table columns by graphemes, with a caption and a rule under the header', () => {
    const table: BlockInput = {
      type: 'table',
      caption: 'Cijfers',
      columns: ['Naam', 'Cijfer'],
      rows: [
        [ZOE, '8,5'],
        ['Bram', '7'],
      ],
    };
    expect(render([table])).toBe(lines('Cijfers', 'Naam  Cijfer', '────  ──────', `${ZOE}   8,5`, 'Bram  7'));
  });

  it('counts wide characters double when aligning', () => {
    const table: BlockInput = { type: 'table', columns: ['Naam', '#'], rows: [['李雷', '1']] };
    expect(render([table])).toBe(lines('Naam  #', '────  ─', '李雷  1'));
  });

  it('shows only the header row of an empty table', () => {
    expect(render([{ type: 'table', columns: ['Naam', 'Cijfer'], rows: [] }])).toBe('Naam  Cijfer');
  });

  it('lists items with their detail and button', () => {
    const list: BlockInput = {
      type: 'list',
      title: 'Doelen',
      items: [
        { text: 'Lezen', detail: '2 boeken' },
        { text: 'Rekenen', button: { label: 'Klaar', actionId: 'goal.done', payload: { id: '1' } } },
      ],
    };
    expect(render([list])).toBe(lines('Doelen', '• Lezen — 2 boeken', '• Rekenen [Klaar]'));
  });

  it('shows the empty text of an empty list under its title', () => {
    const list: BlockInput = { type: 'list', title: 'Doelen', items: [], empty: 'Nog geen doelen.' };
    expect(render([list])).toBe(lines('Doelen', 'Nog geen doelen.'));
  });

  it('shows nothing for an empty list without an empty text', () => {
    expect(render([{ type: 'list', title: 'Doelen', items: [] }])).toBe('');
  });

  const trend: BlockInput = {
    type: 'trend',
    title: 'Welzijn',
    periods: ['2025-W01', '2025-W02', '2025-W03', '2025-W04'],
    series: [
      { label: 'Plezier', values: [3.5, null, 4, 2], min: 1, max: 5 },
      { label: 'Rust', values: [null, null], min: 1, max: 5 },
      { label: 'Energie', values: [null, 4.25], min: 1, max: 5 },
    ],
  };

  it('draws a trend with Dutch decimal commas, a lone answer standing alone, the span of periods under the bars', () => {
    expect(render([trend], 'nl')).toBe(
      lines(
        'Welzijn',
        'Plezier  ▅·▆▃  3,5 → 2',
        'Rust     ··',
        'Energie  ·▇  4,3',
        '         2025-W01 – 2025-W04',
      ),
    );
  });

  it('draws a trend with English decimal points', () => {
    expect(render([trend], 'en')).toBe(
      lines(
        'Welzijn',
        'Plezier  ▅·▆▃  3.5 → 2',
        'Rust     ··',
        'Energie  ·▇  4.3',
        '         2025-W01 – 2025-W04',
      ),
    );
  });

  it('does not show a value rounded to zero as minus zero', () => {
    const series = [{ label: 'Stemming', values: [-0.04, 1], min: -1, max: 1 }];
    expect(render([{ type: 'trend', title: 'Trend', periods: [], series }], 'en')).toBe(
      lines('Trend', 'Stemming  ▄█  0 → 1'),
    );
  });

  it('puts buttons on one line', () => {
    const buttons = [
      { label: 'Ja', actionId: 'yes', payload: {} },
      { label: 'Nee', actionId: 'no', payload: {}, style: 'danger' as const },
    ];
    expect(render([{ type: 'actions', buttons }])).toBe('[Ja] [Nee]');
  });

  it('lists form inputs with required marks, options, values and errors', () => {
    const form: BlockInput = {
      type: 'form',
      formId: 'goal.add',
      title: 'Nieuw doel',
      submitLabel: 'Opslaan',
      payload: { student: '42' },
      inputs: [
        { type: 'text', name: 'goal', label: 'Doel', required: true, value: 'Lezen' },
        {
          type: 'select',
          name: 'subject',
          label: 'Vak',
          options: [
            { value: 'ne', label: 'Nederlands' },
            { value: 'wi', label: 'Wiskunde' },
          ],
          value: 'wi',
          error: 'Kies een ander vak',
        },
        { type: 'checkbox', name: 'share', label: 'Delen' },
      ],
    };
    expect(render([form])).toBe(
      lines(
        'Nieuw doel',
        '• Doel *: Lezen',
        '• Vak (Nederlands / Wiskunde): Wiskunde',
        '  ✗ Kies een ander vak',
        '• Delen',
        '[Opslaan]',
      ),
    );
  });

  it('separates blocks by one blank line, skips empty ones and ends without a newline', () => {
    const blocks: BlockInput[] = [
      { type: 'header', text: 'Week' },
      { type: 'list', items: [] },
      { type: 'text', text: 'Hallo\n\n' },
      { type: 'divider' },
    ];
    expect(render(blocks)).toBe(lines('Week', '════', '', 'Hallo', '', '─'.repeat(40)));
  });

  it('turns every kind of line break into a newline without whitespace before it', () => {
    expect(render([{ type: 'text', text: 'a \r\nb\t\u2028c\rd ' }])).toBe(lines('a', 'b', 'c', 'd'));
  });
});

describe('renderText on any reply', () => {
  // Mixes whitespace and breaks into every text, where trailing-space bugs hide.
  const text = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({
      unit: fc.constantFrom('a', 'ë', 'e\u0308', '李', '👍', ' ', '\t', '\n', '\r\n', '\u2028', '\u00a0'),
    }),
  );
  const id = fc.string({ minLength: 1, maxLength: 20 });
  const button = fc.record(
    {
      label: text,
      actionId: id,
      payload: fc.dictionary(fc.string(), fc.string()),
      style: fc.constantFrom('primary' as const, 'danger' as const),
    },
    { requiredKeys: ['label', 'actionId', 'payload'] },
  );
  const inputBase = {
    name: id,
    label: text,
    required: fc.boolean(),
    value: fc.string(),
    error: text,
  };
  const optionalBase = { requiredKeys: ['type', 'name', 'label'] as ('type' | 'name' | 'label')[] };
  const formInput = fc.oneof(
    fc.record({ type: fc.constant('text' as const), ...inputBase }, optionalBase),
    fc.record({ type: fc.constant('date' as const), ...inputBase }, optionalBase),
    fc.record({ type: fc.constant('checkbox' as const), ...inputBase }, optionalBase),
    fc.record(
      {
        type: fc.constant('select' as const),
        ...inputBase,
        options: fc.array(fc.record({ value: fc.string(), label: text }), { minLength: 1, maxLength: 4 }),
      },
      { requiredKeys: ['type', 'name', 'label', 'options'] },
    ),
  );
  const number = fc.double({ noNaN: true, noDefaultInfinity: true });
  const block: fc.Arbitrary<BlockInput> = fc.oneof(
    fc.record({ type: fc.constant('header' as const), text }),
    fc.record({
      type: fc.constant('text' as const),
      text,
      tone: fc.constantFrom('normal' as const, 'muted' as const, 'error' as const, 'success' as const),
    }),
    fc.record({
      type: fc.constant('fields' as const),
      fields: fc.array(fc.record({ label: text, value: text }), { maxLength: 5 }),
    }),
    fc.record(
      {
        type: fc.constant('table' as const),
        caption: text,
        columns: fc.array(text, { minLength: 1, maxLength: 4 }),
        // Ragged rows on purpose: the schema does not promise one cell per column.
        rows: fc.array(fc.array(text, { maxLength: 5 }), { maxLength: 5 }),
      },
      { requiredKeys: ['type', 'columns', 'rows'] },
    ),
    fc.record(
      {
        type: fc.constant('list' as const),
        title: text,
        items: fc.array(fc.record({ text, detail: text, button }, { requiredKeys: ['text'] }), {
          maxLength: 5,
        }),
        empty: text,
      },
      { requiredKeys: ['type', 'items'] },
    ),
    fc.record({
      type: fc.constant('trend' as const),
      title: text,
      periods: fc.array(text, { maxLength: 5 }),
      series: fc.array(
        fc.record({
          label: text,
          values: fc.array(fc.option(number, { nil: null }), { maxLength: 8 }),
          min: number,
          max: number,
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    fc.record({
      type: fc.constant('actions' as const),
      buttons: fc.array(button, { minLength: 1, maxLength: 4 }),
    }),
    fc.record({
      type: fc.constant('form' as const),
      formId: id,
      title: text,
      submitLabel: text,
      inputs: fc.array(formInput, { minLength: 1, maxLength: 4 }),
      payload: fc.dictionary(fc.string(), fc.string()),
    }),
    fc.constant({ type: 'divider' as const }),
  );
  const anyReply = fc
    .record({
      locale: fc.constantFrom('nl' as const, 'en' as const),
      blocks: fc.array(block, { maxLength: 8 }),
    })
    .map((input) => reply.parse(input));

  it('never leaves whitespace at the end of a line or of the output', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        const output = renderText(r);
        expect(output.split(LINE_BREAK).filter((line) => /\s$/.test(line))).toEqual([]);
        expect(output).not.toMatch(/\s$/);
      }),
    );
  });

  it('keeps every word of headers, texts and field labels', () => {
    fc.assert(
      fc.property(anyReply, (r) => {
        const output = renderText(r);
        const given = r.blocks.flatMap((b) => {
          if (b.type === 'header' || b.type === 'text') return [b.text];
          return b.type === 'fields' ? b.fields.map((f) => f.label) : [];
        });
        const words = given.flatMap((t) => t.split(/\s+/)).filter((word) => word !== '');
        expect(words.filter((word) => !output.includes(word))).toEqual([]);
      }),
    );
  });
});
