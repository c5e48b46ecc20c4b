/**
 * The HTML renderer, read back as a tree: a small strict reader below parses what it writes and
 * fails on a tag it does not close, a `<` that opens no tag or an `&` that starts no entity, so
 * every test also checks that texts were escaped. Tests look at elements and attributes, as the
 * playground's page and a screen reader see them, rather than at the markup's spelling.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chart } from '../src/charts/chart.ts';
import { type HtmlTargets, renderHtml } from '../src/render/html.ts';
import { type BlockInput, type FormInput, type Reply, reply } from '../src/reply/reply.ts';
import { shortReplyArb } from './support/reply-arbitraries.ts';

// ── reading HTML back ──────────────────────────────────────────────────────────────────────────

type Element = { tag: string; attrs: Record<string, string>; children: Node[]; parent?: Element };
type Node = Element | string;

const VOID = new Set(['input', 'br', 'hr', 'img']);
const TOKEN = /<(\/?)([a-z][a-z0-9-]*)((?:\s+[^\s=>/"']+(?:="[^"<>]*")?)*)\s*>|([^<]+)/gy;
const ATTRIBUTE = /\s+([^\s=>/"']+)(?:="([^"]*)")?/g;
const ENTITY = /&(?:amp|lt|gt|quot|#39);/g;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function decoded(raw: string): string {
  // Every '&' must start one of the entities the renderer writes: a bare one was not escaped.
  if (raw.replace(ENTITY, '').includes('&')) throw new Error(`unescaped & in ${JSON.stringify(raw)}`);
  return raw.replace(ENTITY, (entity) => ENTITIES[entity] ?? entity);
}

function parse(html: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  let open = root;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(html);
    if (match === null) throw new Error(`not HTML at ${at}: ${JSON.stringify(html.slice(at, at + 40))}`);
    const [, closing, tag = '', attributes = '', text] = match;
    if (text !== undefined) {
      // The parser drops one line break right after `<textarea>`.
      const shown = open.tag === 'textarea' && open.children.length === 0 ? text.replace(/^\n/, '') : text;
      open.children.push(decoded(shown));
    } else if (closing) {
      if (tag !== open.tag) throw new Error(`</${tag}> closes <${open.tag}>`);
      open = open.parent ?? root;
    } else {
      const attrs: Record<string, string> = {};
      for (const [, name = '', value] of attributes.matchAll(ATTRIBUTE)) {
        if (name in attrs) throw new Error(`${name} twice on <${tag}>`);
        attrs[name] = value === undefined ? '' : decoded(value);
      }
      const element: Element = { tag, attrs, children: [], parent: open };
      open.children.push(element);
      if (!VOID.has(tag)) open = element;
    }
  }
  if (open !== root) throw new Error(`<${open.tag}> is not closed`);
  return root;
}

function all(node: Element, test: (element: Element) => boolean): Element[] {
  return node.children.flatMap((child) =>
    typeof child === 'string' ? [] : [...(test(child) ? [child] : []), ...all(child, test)],
  );
}

const byTag = (node: Element, tag: string) => all(node, (element) => element.tag === tag);
const byClass = (node: Element, name: string) =>
  all(node, (element) => (element.attrs.class ?? '').split(' ').includes(name));

function one(elements: Element[]): Element {
  expect(elements).toHaveLength(1);
  return elements[0] as Element;
}

/** What a reader sees of an element's text: `<br>` as a line break. */
function textOf(node: Node): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  return node.children.map(textOf).join('');
}

function ancestor(element: Element, tag: string): Element | undefined {
  for (let up = element.parent; up !== undefined; up = up.parent) if (up.tag === tag) return up;
  return undefined;
}

/** A posted form's hidden fields, by name. */
function hiddenFields(form: Element): Record<string, string> {
  const inputs = byTag(form, 'input').filter((input) => input.attrs.type === 'hidden');
  return Object.fromEntries(inputs.map((input) => [input.attrs.name, input.attrs.value]));
}

// ── replies ────────────────────────────────────────────────────────────────────────────────────

const TARGETS: HtmlTargets = { action: '/actie', submit: '/formulier', hidden: { as: 'm.jansen@school.nl' } };

const make = (blocks: BlockInput[], locale: Reply['locale'] = 'nl'): Reply => reply.parse({ locale, blocks });

function render(blocks: BlockInput[], targets: Partial<HtmlTargets> = {}, locale?: Reply['locale']) {
  const html = renderHtml(make(blocks, locale), { ...TARGETS, ...targets });
  const root = parse(html);
  return { html, root, article: one(byTag(root, 'article')) };
}

type FormBlockInput = Extract<BlockInput, { type: 'form' }>;
/** An input as a Reply is written: `required` may be left out. */
type InputInput = FormBlockInput['inputs'][number];

function formOf(inputs: InputInput[], rest: Partial<FormBlockInput> = {}): BlockInput {
  return {
    type: 'form',
    formId: 'doelen.nieuw',
    title: 'Nieuw doel',
    submitLabel: 'Opslaan',
    payload: { student: '12' },
    inputs,
    ...rest,
  };
}

const CHART: Chart = {
  kind: 'targets',
  title: 'Indicatoren "team" <b>',
  locale: 'nl',
  metLabel: 'gehaald',
  notMetLabel: 'niet gehaald',
  rows: [{ label: 'Welbevinden', value: 3.8, target: 4, min: 1, max: 5, met: false }],
};

// ── tests ──────────────────────────────────────────────────────────────────────────────────────

describe('renderHtml: the article', () => {
  it('is one article of class reply, in the reply’s language', () => {
    const { root, article } = render([{ type: 'header', text: 'Hallo' }], {}, 'en');
    expect(root.children.filter((child) => typeof child !== 'string' || child.trim() !== '')).toEqual([
      article,
    ]);
    expect(article.attrs).toEqual({ class: 'reply', lang: 'en' });
  });

  it('draws every block type, in order, as its own element', () => {
    const { article } = render(
      [
        { type: 'header', text: 'Kop' },
        { type: 'text', text: 'Tekst' },
        { type: 'fields', fields: [{ label: 'Naam', value: 'Zoë' }] },
        { type: 'table', columns: ['A'], rows: [['1']] },
        { type: 'list', items: [{ text: 'een' }] },
        {
          type: 'trend',
          title: 'Trend',
          periods: ['40'],
          series: [{ label: 'S', values: [1], min: 0, max: 5 }],
        },
        { type: 'actions', buttons: [{ label: 'Knop', actionId: 'koers.run', payload: {} }] },
        formOf([{ type: 'text', name: 'titel', label: 'Titel' }]),
        { type: 'divider' },
        { type: 'chart', chart: CHART },
      ],
      { chartImage: () => 'data:image/png;base64,AAAA' },
    );
    const shapes = article.children
      .filter((child): child is Element => typeof child !== 'string')
      .map((element) => `${element.tag}${element.attrs.class ? `.${element.attrs.class}` : ''}`);
    expect(shapes).toEqual([
      'h2',
      'p.text',
      'dl.fields',
      'table',
      'div.list',
      'figure.trend',
      'div.actions',
      'form.form',
      'hr',
      'figure.chart',
    ]);
  });

  it('escapes every text, so a text with markup shows as typed and opens nothing', () => {
    const nasty = `<script>alert("x")</script> & 'y' &amp;`;
    const { html, root } = render([
      { type: 'header', text: nasty },
      { type: 'text', text: nasty },
      { type: 'fields', fields: [{ label: nasty, value: nasty }] },
      { type: 'table', caption: nasty, columns: [nasty], rows: [[nasty]] },
      { type: 'actions', buttons: [{ label: nasty, actionId: nasty, payload: { [nasty]: nasty } }] },
      formOf([{ type: 'select', name: nasty, label: nasty, options: [{ value: nasty, label: nasty }] }], {
        formId: nasty,
        title: nasty,
      }),
    ]);
    expect(html).not.toMatch(/<script/i);
    // Quotes too, in content as in attributes: `&#39;y&#39;`, never `'y'`.
    expect(html).not.toContain(`'y'`);
    expect(html).not.toContain(`"x"`);
    // parse() already failed on any '<' or '&' that was not escaped; what was written is read back whole.
    expect(byTag(root, 'h2').map(textOf)).toEqual([nasty]);
    expect(textOf(one(byClass(root, 'text')))).toBe(nasty);
    expect(byTag(root, 'dt').map(textOf)).toEqual([nasty]);
    expect(byTag(root, 'caption').map(textOf)).toEqual([nasty]);
    expect(byTag(root, 'td').map(textOf)).toEqual([nasty]);
    expect(byTag(root, 'button').map(textOf)).toContain(nasty);
    const button = one(byClass(root, 'button'));
    expect(hiddenFields(button)).toMatchObject({
      actionId: nasty,
      payload: JSON.stringify({ [nasty]: nasty }),
    });
    const select = one(byTag(root, 'select'));
    expect(select.attrs.name).toBe(`field.${nasty}`);
    expect(byTag(select, 'option').map((option) => option.attrs.value)).toEqual(['', nasty]);
    expect(hiddenFields(one(byClass(root, 'form'))).formId).toBe(nasty);
  });

  it('writes no script, no style and no event handler, for any reply', () => {
    fc.assert(
      fc.property(shortReplyArb, (r) => {
        const root = parse(renderHtml(r, { ...TARGETS, chartImage: () => 'data:image/png;base64,AAAA' }));
        const elements = all(root, () => true);
        expect(elements.filter((element) => ['script', 'style', 'iframe'].includes(element.tag))).toEqual([]);
        const attributes = elements.flatMap((element) => Object.keys(element.attrs));
        expect(attributes.filter((name) => /^on/i.test(name) || name === 'style')).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('renderHtml: texts', () => {
  it('draws a header as an h2 on one line, and leaves out one without words', () => {
    const { root } = render([
      { type: 'header', text: 'Doelen\nvan Zoë' },
      { type: 'header', text: ' \n ' },
    ]);
    expect(byTag(root, 'h2').map(textOf)).toEqual(['Doelen van Zoë']);
  });

  it('gives a text its tone as a class and keeps its line breaks', () => {
    const { root } = render([
      { type: 'text', text: 'gewoon' },
      { type: 'text', text: 'grijs', tone: 'muted' },
      { type: 'text', text: 'fout\nregel twee', tone: 'error' },
      { type: 'text', text: 'gelukt', tone: 'success' },
    ]);
    const paragraphs = byTag(root, 'p');
    expect(paragraphs.map((p) => p.attrs.class)).toEqual([
      'text',
      'text muted',
      'text error',
      'text success',
    ]);
    expect(textOf(paragraphs[2] as Element)).toBe('fout\nregel twee');
    expect(paragraphs.every((p) => p.attrs.role === undefined)).toBe(true);
  });

  it('keeps every line break a renderer knows, and cuts nothing of a long text', () => {
    const long = 'woord '.repeat(5000).trim();
    const { root } = render([
      { type: 'text', text: 'a\u2028b\r\nc' },
      { type: 'text', text: long },
    ]);
    const [breaks, whole] = byTag(root, 'p');
    expect(textOf(breaks as Element)).toBe('a\nb\nc');
    expect(textOf(whole as Element)).toBe(long);
  });

  it('draws fields as a description list, values with their line breaks', () => {
    const { root } = render([
      {
        type: 'fields',
        fields: [
          { label: 'Naam', value: 'Zoë' },
          { label: 'Notitie', value: 'regel 1\nregel 2' },
        ],
      },
    ]);
    expect(byTag(root, 'dt').map(textOf)).toEqual(['Naam', 'Notitie']);
    expect(byTag(root, 'dd').map(textOf)).toEqual(['Zoë', 'regel 1\nregel 2']);
  });

  it('draws a table with its caption, column headers and every row as wide as the widest', () => {
    const { root } = render([
      {
        type: 'table',
        caption: 'Doelen',
        columns: ['Leerling', 'Doel'],
        rows: [['Zoë', 'Lezen\nen schrijven', 'extra'], ['Daan']],
      },
    ]);
    const table = one(byTag(root, 'table'));
    expect(textOf(one(byTag(table, 'caption')))).toBe('Doelen');
    const head = one(byTag(table, 'thead'));
    expect(byTag(head, 'th').map((th) => [th.attrs.scope, textOf(th)])).toEqual([
      ['col', 'Leerling'],
      ['col', 'Doel'],
    ]);
    // The third column has no name: an empty cell, not a header that names nothing.
    expect(byTag(head, 'td').map(textOf)).toEqual(['']);
    const rows = byTag(one(byTag(table, 'tbody')), 'tr').map((tr) => byTag(tr, 'td').map(textOf));
    expect(rows).toEqual([
      ['Zoë', 'Lezen\nen schrijven', 'extra'],
      ['Daan', '', ''],
    ]);
  });

  it('draws a list with its title, items, details and item buttons', () => {
    const { root } = render([
      {
        type: 'list',
        title: 'Open doelen',
        items: [
          {
            text: 'Lezen',
            detail: 'tot 1 mei',
            button: { label: 'Bekijk', actionId: 'koers.run', payload: { text: 'doel 1' } },
          },
          { text: 'Rekenen' },
          { text: 'Zonder knop', button: { label: ' ', actionId: 'koers.run', payload: {} } },
        ],
      },
    ]);
    const list = one(byClass(root, 'list'));
    expect(textOf(one(byTag(list, 'h3')))).toBe('Open doelen');
    const items = byTag(list, 'li');
    expect(items.map((li) => textOf(one(byClass(li, 'item-text'))))).toEqual([
      'Lezen',
      'Rekenen',
      'Zonder knop',
    ]);
    expect(byClass(list, 'detail').map(textOf)).toEqual(['tot 1 mei']);
    const button = one(byClass(list, 'button'));
    expect(ancestor(button, 'li')).toBe(items[0]);
    expect(hiddenFields(button)).toMatchObject({ actionId: 'koers.run', payload: '{"text":"doel 1"}' });
    expect(textOf(one(byTag(button, 'button')))).toBe('Bekijk');
  });

  it('says an empty list’s empty text under its title, and leaves out an empty list with nothing to say', () => {
    const { root } = render([
      { type: 'list', title: 'Signalen', items: [], empty: 'Geen open signalen.' },
      { type: 'list', title: 'Stil', items: [] },
    ]);
    const list = one(byClass(root, 'list'));
    expect(textOf(one(byTag(list, 'h3')))).toBe('Signalen');
    expect(textOf(one(byClass(list, 'empty')))).toBe('Geen open signalen.');
    expect(byTag(list, 'ul')).toEqual([]);
  });

  it('draws a divider as hr', () => {
    expect(byTag(render([{ type: 'divider' }]).root, 'hr')).toHaveLength(1);
  });
});

describe('renderHtml: buttons', () => {
  it('posts each button as a form of its own with its action id, payload and the page’s hidden fields', () => {
    const { root } = render([
      {
        type: 'actions',
        buttons: [
          { label: 'Doelen', actionId: 'koers.run', payload: { text: 'doelen Zoë' }, style: 'primary' },
          { label: 'Verwijder', actionId: 'goal.delete', payload: { goal: '7' }, style: 'danger' },
          { label: 'Meer', actionId: 'koers.form', payload: { form: 'doelen.nieuw' } },
          { label: '', actionId: 'koers.run', payload: {} },
        ],
      },
    ]);
    const row = one(byClass(root, 'actions'));
    const forms = byTag(row, 'form');
    expect(forms).toHaveLength(3);
    for (const form of forms)
      expect(form.attrs).toMatchObject({ method: 'post', action: '/actie', class: 'button' });
    expect(forms.map(hiddenFields)).toEqual([
      { actionId: 'koers.run', payload: '{"text":"doelen Zoë"}', as: 'm.jansen@school.nl' },
      { actionId: 'goal.delete', payload: '{"goal":"7"}', as: 'm.jansen@school.nl' },
      { actionId: 'koers.form', payload: '{"form":"doelen.nieuw"}', as: 'm.jansen@school.nl' },
    ]);
    const buttons = forms.map((form) => one(byTag(form, 'button')));
    expect(buttons.map((b) => [b.attrs.type, b.attrs.class, textOf(b)])).toEqual([
      ['submit', 'primary', 'Doelen'],
      ['submit', 'danger', 'Verwijder'],
      ['submit', undefined, 'Meer'],
    ]);
    // The pressed button posts what it said, in words, for the page to show.
    expect(buttons.map((b) => [b.attrs.name, b.attrs.value])).toEqual([
      ['said', 'Doelen'],
      ['said', 'Verwijder'],
      ['said', 'Meer'],
    ]);
  });

  it('leaves out a row of buttons without words', () => {
    const { article } = render([
      { type: 'actions', buttons: [{ label: ' \n', actionId: 'koers.run', payload: {} }] },
    ]);
    expect(byTag(article, 'form')).toEqual([]);
  });

  it('refuses hidden fields that would shadow what a form posts, and an id prefix with spaces', () => {
    const blocks: BlockInput[] = [{ type: 'header', text: 'x' }];
    for (const name of ['actionId', 'formId', 'payload', 'field.titel', ''])
      expect(() => render(blocks, { hidden: { [name]: 'x' } })).toThrow(/shadow/);
    expect(() => render(blocks, { idPrefix: 'a b' })).toThrow(/prefix/);
    expect(() => render(blocks, { idPrefix: '' })).toThrow(/prefix/);
  });
});

describe('renderHtml: forms', () => {
  const inputs: FormInput[] = [
    { type: 'text', name: 'titel', label: 'Titel', required: true, value: 'Lezen "boeken"', maxLength: 80 },
    {
      type: 'textarea',
      name: 'toelichting',
      label: 'Toelichting',
      required: false,
      value: 'regel 1\nregel 2',
    },
    { type: 'date', name: 'tot', label: 'Tot', required: false, value: '2026-12-15' },
    { type: 'number', name: 'niveau', label: 'Niveau', required: false, value: '2.5', min: 1, max: 5 },
    {
      type: 'select',
      name: 'vak',
      label: 'Vak',
      required: true,
      value: 're',
      options: [
        { value: 'ne', label: 'Nederlands' },
        { value: 're', label: 'Rekenen' },
      ],
    },
    { type: 'checkbox', name: 'delen', label: 'Delen met mentor', required: false, value: 'true' },
  ];

  const controls = (form: Element) =>
    all(
      form,
      (element) => ['input', 'select', 'textarea'].includes(element.tag) && element.attrs.type !== 'hidden',
    );

  it('posts to the submit target with its form id, payload and the page’s hidden fields', () => {
    const form = one(byClass(render([formOf(inputs)]).root, 'form'));
    expect(form.attrs).toMatchObject({ method: 'post', action: '/formulier' });
    expect(hiddenFields(form)).toEqual({
      formId: 'doelen.nieuw',
      payload: '{"student":"12"}',
      as: 'm.jansen@school.nl',
    });
    const submit = one(byTag(form, 'button'));
    expect([submit.attrs.type, submit.attrs.class, textOf(submit)]).toEqual(['submit', 'primary', 'Opslaan']);
  });

  it('has its title as a heading that names the form', () => {
    const form = one(byClass(render([formOf(inputs)]).root, 'form'));
    const heading = one(byTag(form, 'h3'));
    expect(textOf(heading)).toBe('Nieuw doel');
    expect(form.attrs['aria-labelledby']).toBe(heading.attrs.id);
  });

  it('names every input field.<name> and gives it a visible label tied by for and id', () => {
    const form = one(byClass(render([formOf(inputs)]).root, 'form'));
    const shown = controls(form);
    expect(shown.map((control) => control.attrs.name)).toEqual(inputs.map((input) => `field.${input.name}`));
    const labels = byTag(form, 'label');
    expect(labels).toHaveLength(inputs.length);
    for (const [i, control] of shown.entries()) {
      const label = labels.find((l) => l.attrs.for === control.attrs.id);
      expect(label, control.attrs.name).toBeDefined();
      expect(textOf(label as Element).replace(/\s*\*$/, '')).toBe(inputs[i]?.label);
    }
  });

  it('marks a required input with the required attribute and a visible *', () => {
    const form = one(byClass(render([formOf(inputs)]).root, 'form'));
    const required = controls(form).filter((control) => 'required' in control.attrs);
    expect(required.map((control) => control.attrs.name)).toEqual(['field.titel', 'field.vak']);
    const marks = byClass(form, 'required');
    expect(marks.map((mark) => [textOf(mark), ancestor(mark, 'label')?.attrs.for])).toEqual(
      required.map((control) => ['*', control.attrs.id]),
    );
  });

  it('keeps what the user typed before in each widget', () => {
    const form = one(byClass(render([formOf(inputs)]).root, 'form'));
    const [titel, toelichting, tot, niveau, vak, delen] = controls(form) as Element[];
    expect(titel?.attrs).toMatchObject({ type: 'text', value: 'Lezen "boeken"', maxlength: '80' });
    expect([toelichting?.tag, textOf(toelichting as Element)]).toEqual(['textarea', 'regel 1\nregel 2']);
    expect(tot?.attrs).toMatchObject({ type: 'date', value: '2026-12-15' });
    expect(niveau?.attrs).toMatchObject({ type: 'number', value: '2.5', min: '1', max: '5', step: 'any' });
    const options = byTag(vak as Element, 'option');
    expect(options.map((o) => [o.attrs.value, textOf(o), 'selected' in o.attrs])).toEqual([
      ['ne', 'Nederlands', false],
      ['re', 'Rekenen', true],
    ]);
    expect(delen?.attrs).toMatchObject({ type: 'checkbox', value: 'true', checked: '' });
  });

  it('gives a select without a choice an empty first option, and leaves a checkbox unticked', () => {
    const form = one(
      byClass(
        render([
          formOf([
            { type: 'select', name: 'vak', label: 'Vak', options: [{ value: 'ne', label: 'Nederlands' }] },
            {
              type: 'select',
              name: 'oud',
              label: 'Oud',
              value: 'weg',
              options: [{ value: 'ne', label: 'Nederlands' }],
            },
            { type: 'checkbox', name: 'delen', label: 'Delen', value: 'false' },
          ]),
        ]).root,
        'form',
      ),
    );
    for (const select of byTag(form, 'select')) {
      const options = byTag(select, 'option');
      expect(options.map((o) => [o.attrs.value, 'selected' in o.attrs])).toEqual([
        ['', false],
        ['ne', false],
      ]);
    }
    const checkbox = controls(form).find((control) => control.attrs.type === 'checkbox');
    expect(checkbox?.attrs).toMatchObject({ value: 'true' });
    expect(checkbox?.attrs).not.toHaveProperty('checked');
  });

  it('gives a date input its value only when it is an ISO date that exists', () => {
    const dates = ['2026-12-15', '15-12-2026', '2026-13-01', 'morgen'].map(
      (value, i): FormInput => ({ type: 'date', name: `d${i}`, label: `D${i}`, required: false, value }),
    );
    const form = one(byClass(render([formOf(dates)]).root, 'form'));
    expect(controls(form).map((control) => control.attrs.value)).toEqual([
      '2026-12-15',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('gives a text with line breaks a textarea, so that they are posted back as typed', () => {
    const form = one(
      byClass(
        render([formOf([{ type: 'text', name: 'titel', label: 'Titel', value: '\nLezen\nboeken' }])]).root,
        'form',
      ),
    );
    const control = one(controls(form));
    expect(control.tag).toBe('textarea');
    expect(textOf(control)).toBe('\nLezen\nboeken');
  });

  it('keeps a value longer than maxlength whole: the user sees and shortens it, nothing is cut unseen', () => {
    const value = 'x'.repeat(200);
    const form = one(
      byClass(render([formOf([{ type: 'text', name: 't', label: 'T', value, maxLength: 10 }])]).root, 'form'),
    );
    expect(one(controls(form)).attrs).toMatchObject({ value, maxlength: '10' });
  });

  it('shows an error under its input, tied to it with aria-describedby, and marks the input invalid', () => {
    const form = one(
      byClass(
        render([
          formOf([
            { type: 'text', name: 'titel', label: 'Titel', error: 'Te lang\nHooguit 80 tekens' },
            { type: 'number', name: 'niveau', label: 'Niveau', value: '9', max: 5, error: 'Hooguit 5' },
            { type: 'date', name: 'tot', label: 'Tot', error: ' ' },
          ]),
        ]).root,
        'form',
      ),
    );
    const [titel, niveau, tot] = controls(form) as Element[];
    const errors = byClass(form, 'error');
    expect(errors.map(textOf)).toEqual(['Te lang\nHooguit 80 tekens', 'Hooguit 5']);
    for (const [control, error] of [
      [titel, errors[0]],
      [niveau, errors[1]],
    ] as [Element, Element][]) {
      expect(control.attrs['aria-invalid']).toBe('true');
      expect(control.attrs['aria-describedby']).toBe(error.attrs.id);
      // Under its own input: in the same wrapper, after it.
      expect(error.parent).toBe(control.parent);
      expect(error.parent?.children.indexOf(error)).toBeGreaterThan(
        error.parent?.children.indexOf(control) ?? 99,
      );
    }
    // A value outside the range is not given to the number input; an error without words is none.
    expect(niveau?.attrs).not.toHaveProperty('value');
    expect(tot?.attrs).not.toHaveProperty('aria-invalid');
    expect(tot?.attrs).not.toHaveProperty('aria-describedby');
  });

  it('refuses a form that repeats an input name', () => {
    const twice: FormInput[] = [
      { type: 'text', name: 'titel', label: 'A', required: false },
      { type: 'text', name: 'titel', label: 'B', required: false },
    ];
    expect(() => render([formOf(twice)])).toThrow(/repeats/);
  });
});

describe('renderHtml: trend', () => {
  const trend: BlockInput = {
    type: 'trend',
    title: 'Welzijn',
    periods: ['week 40', 'week 41', 'week 42'],
    series: [
      { label: 'Welbevinden', values: [3.5, null, 4.25], min: 1, max: 5 },
      { label: 'Uitdaging', values: [2, 3, 1], min: 1, max: 5 },
    ],
  };

  it('is a figure captioned by its title, with a drawing per series named with its values', () => {
    const figure = one(byClass(render([trend]).root, 'trend'));
    expect(figure.tag).toBe('figure');
    expect(textOf(one(byTag(figure, 'figcaption')))).toBe('Welzijn');
    const drawings = byTag(figure, 'svg');
    expect(drawings.map((svg) => [svg.attrs.role, svg.attrs['aria-label']])).toEqual([
      ['img', 'Welbevinden: 3,5 → 4,3 (week 40 – week 42)'],
      ['img', 'Uitdaging: 2 → 1 (week 40 – week 42)'],
    ]);
    // A bar per value: a known value's height on the series' scale, an unanswered week a low tick.
    const heights = byTag(drawings[1] as Element, 'rect').map((rect) => Number(rect.attrs.height));
    expect(heights[1]).toBeGreaterThan(heights[0] ?? 0);
    expect(heights[0]).toBeGreaterThan(heights[2] ?? 0);
    expect(byTag(drawings[0] as Element, 'rect').map((rect) => rect.attrs.class)).toEqual([
      undefined,
      'gap',
      undefined,
    ]);
  });

  it('has a table of every value per period, in the reader’s number format', () => {
    const figure = one(byClass(render([trend]).root, 'trend'));
    const table = one(byClass(figure, 'trend-values'));
    expect(byTag(one(byTag(table, 'thead')), 'th').map((th) => [th.attrs.scope, textOf(th)])).toEqual([
      ['col', 'Welbevinden'],
      ['col', 'Uitdaging'],
    ]);
    const rows = byTag(one(byTag(table, 'tbody')), 'tr').map((tr) => [
      textOf(one(byTag(tr, 'th'))),
      ...byTag(tr, 'td').map(textOf),
    ]);
    expect(rows).toEqual([
      ['week 40', '3,5', '2'],
      ['week 41', '', '3'],
      ['week 42', '4,3', '1'],
    ]);
  });

  it('writes English numbers in English', () => {
    const { root } = render([trend], {}, 'en');
    expect(byTag(root, 'td').map(textOf)).toContain('3.5');
  });
});

describe('renderHtml: charts', () => {
  it('shows a chart as the image chartImage gives, its title as alt text', () => {
    const seen: Chart[] = [];
    const { root } = render([{ type: 'chart', chart: CHART }], {
      chartImage: (chart) => {
        seen.push(chart);
        return 'data:image/png;base64,iVBORw0KGgo=';
      },
    });
    expect(seen.map((chart) => chart.title)).toEqual([CHART.title]);
    const figure = one(byClass(root, 'chart'));
    expect(one(byTag(figure, 'img')).attrs).toEqual({
      src: 'data:image/png;base64,iVBORw0KGgo=',
      alt: CHART.title,
    });
  });

  it('leaves a chart out without chartImage, or when it gives no image', () => {
    for (const targets of [{}, { chartImage: () => undefined }]) {
      const { article } = render([{ type: 'chart', chart: CHART }], targets);
      expect(all(article, () => true)).toEqual([]);
    }
  });
});

describe('renderHtml: ids', () => {
  const blocks: BlockInput[] = [
    formOf([
      { type: 'text', name: 'titel', label: 'Titel', required: true, error: 'Verplicht' },
      { type: 'checkbox', name: 'delen', label: 'Delen' },
    ]),
    formOf([{ type: 'text', name: 'titel', label: 'Titel', error: 'Te lang' }], { formId: 'doelen.wijzig' }),
  ];

  const references = (root: Element) =>
    all(root, () => true).flatMap((element) =>
      ['for', 'aria-labelledby', 'aria-describedby'].flatMap((name) => element.attrs[name]?.split(' ') ?? []),
    );

  it('are unique on a page of two replies with two prefixes, and every reference finds its element', () => {
    const first = render(blocks, { idPrefix: 'r1' });
    const second = render(blocks, { idPrefix: 'r2' });
    const page = parse(`${first.html}${second.html}`);
    const ids = all(page, (element) => element.attrs.id !== undefined).map((element) => element.attrs.id);
    expect(ids.length).toBeGreaterThan(6);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { root } of [first, second]) {
      const own = new Set(
        all(root, (element) => element.attrs.id !== undefined).map((element) => element.attrs.id),
      );
      const pointed = references(root);
      expect(pointed.length).toBeGreaterThan(4);
      for (const id of pointed) expect(own.has(id)).toBe(true);
    }
    expect(ids.every((id) => id?.startsWith('r1-') || id?.startsWith('r2-'))).toBe(true);
  });

  it('start with r without a prefix', () => {
    const { root } = render(blocks);
    const ids = all(root, (element) => element.attrs.id !== undefined).map((element) => element.attrs.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id?.startsWith('r-'))).toBe(true);
  });
});
