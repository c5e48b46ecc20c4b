/**
 * A form's inputs are drawn from its action's arguments (src/engine/forms.ts): the kind of input
 * from the argument's schema, the label from the form's labels, required as the typed command
 * requires it. A form names only which arguments it asks, in which order, and what it adds.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { goalCategories } from '../src/domain/enums.ts';
import { arg } from '../src/engine/arguments.ts';
import { type Action, action } from '../src/engine/command.ts';
import { formInputs, formLabelKeys, ONE_LINE_MAX } from '../src/engine/forms.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { translator } from '../src/i18n/translate.ts';

const t = translator('nl');

const example: Action = action({
  name: 'voorbeeld',
  who: ['mentor'],
  args: z
    .object({
      naam: arg.student(),
      titel: arg.text(ONE_LINE_MAX),
      notitie: arg.text(ONE_LINE_MAX + 1).optional(),
      categorie: arg.choice('goalCategory', goalCategories).optional(),
      niveau: arg.integer(1, 4).optional(),
      schaal: arg.integer(1, 5, 'forms.reflection.scale'),
      datum: arg.date().optional(),
      praten: arg.yesNo().optional(),
      afspraak: arg.list(arg.text(100), 3).optional(),
    })
    .catchall(arg.choice('goalProgress', ['nog-niet', 'behaald'])),
  run: () => ({ locale: 'nl', blocks: [] }),
});

const inputs = (fields: Parameters<typeof formInputs>[2]['fields']) =>
  formInputs(t, example, { labels: 'forms.goal', fields });

describe('inputs from arguments', () => {
  it('draws each kind of input from its argument, in the order the form names them', () => {
    const drawn = inputs(['praten', 'titel', 'notitie', 'categorie', 'niveau', 'datum', 'afspraak']);
    expect(drawn.map((i) => [i.name, i.type, i.required])).toEqual([
      ['praten', 'checkbox', false],
      ['titel', 'text', true],
      ['notitie', 'textarea', false],
      ['categorie', 'select', false],
      ['niveau', 'number', false],
      ['datum', 'date', false],
      ['afspraak', 'textarea', false],
    ]);
    expect(drawn[1]).toMatchObject({ label: t('forms.goal.titel'), maxLength: ONE_LINE_MAX });
    expect(drawn[2]).toMatchObject({ maxLength: ONE_LINE_MAX + 1 });
    expect(drawn[4]).toMatchObject({ min: 1, max: 4 });
    // A list takes one value per line: room for every value at its longest.
    expect(drawn[6]).toMatchObject({ maxLength: 300 });
  });

  it('offers a vocabulary in the reader’s words, and a labelled scale as a choice of its steps', () => {
    const [categorie, schaal] = inputs(['categorie', 'schaal']);
    expect(categorie?.type === 'select' && categorie.options).toEqual(
      goalCategories.map((value) => ({ value, label: t(`enum.goalCategory.${value}`) })),
    );
    expect(schaal?.type === 'select' && schaal.options).toEqual(
      ['1', '2', '3', '4', '5'].map((value) => ({ value, label: t(`forms.reflection.scale.${value}`) })),
    );
  });

  it('takes a value, a stricter required and a label of its own from the form', () => {
    const [categorie, datum] = inputs([
      { name: 'categorie', required: true, label: 'forms.conversation.soort' },
      { name: 'datum', value: '2026-11-23' },
    ]);
    expect(categorie).toMatchObject({
      name: 'categorie',
      required: true,
      label: t('forms.conversation.soort'),
    });
    expect(datum).toMatchObject({ name: 'datum', required: false, value: '2026-11-23' });
    expect(inputs(['datum'])[0]).not.toHaveProperty('value');
  });

  it('starts from the values the form opens with, and puts the fields known then in their place', () => {
    const drawn = formInputs(
      t,
      example,
      { labels: 'forms.goal', fields: ['titel', { name: 'datum', value: '2026-01-01' }, 'praten'] },
      {
        values: { datum: '2026-11-23', titel: undefined },
        insert: {
          before: 'praten',
          fields: [{ name: 'doel-12', label: 'forms.reflection.goal', labelParams: { title: 'Lezen' } }],
        },
      },
    );
    expect(drawn.map((i) => [i.name, i.value])).toEqual([
      ['titel', undefined],
      ['datum', '2026-11-23'],
      ['doel-12', undefined],
      ['praten', undefined],
    ]);
    // A name the arguments do not list is taken by the catch-all, and is never required.
    expect(drawn[2]).toMatchObject({
      type: 'select',
      required: false,
      label: t('forms.reflection.goal', { title: 'Lezen' }),
    });
  });

  it('refuses a field that is no argument, or one a form cannot ask', () => {
    const strict: Action = action({ ...example, args: z.object({ naam: arg.student() }) });
    expect(() => formInputs(t, strict, { labels: 'forms.goal', fields: ['titel'] })).toThrow(/titel/);
    expect(() => formInputs(t, strict, { labels: 'forms.goal', fields: ['naam'] })).toThrow(/naam/);
  });
});

describe('the commands’ forms', () => {
  it('draw every label they need from the locale files, and name each key the test of locale keys counts as used', async () => {
    const keys = formLabelKeys(await loadCommands());
    expect(keys).toContain('forms.goal.titel');
    expect(keys).toContain('forms.goal.categorie');
    expect(keys).toContain('forms.reflection.scale.5');
    expect(keys).toContain('signals.resolveForm.reden');
    for (const key of keys) expect(t(key), key).not.toBe(key);
  });
});
