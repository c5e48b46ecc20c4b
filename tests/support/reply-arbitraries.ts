/**
 * Arbitrary Replies for property tests of the renderers: every block type, awkward characters
 * (escapes, combining marks, emoji sequences, line separators), and sizes up to what limits test.
 */
import fc from 'fast-check';
import type { Block, Button, FormInput, Reply } from '../../src/reply/reply.ts';

type Form = Extract<Block, { type: 'form' }>;

const awkward = fc.constantFrom('&', '<', '>', '\n', ' ', '*', '`', 'é', 'e\u0308', '👩‍👩‍👧', '\u2028', '界');
const unit = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }), weight: 3 },
  { arbitrary: awkward, weight: 2 },
);
const shortText = fc.string({ maxLength: 40, unit });
const longText = fc.string({ minLength: 500, maxLength: 5000, unit, size: 'max' });
// Long texts are rare per text, so that a reply of 80 blocks holds a few of them rather than hundreds.
const anyText = fc.oneof({ arbitrary: shortText, weight: 40 }, { arbitrary: longText, weight: 1 });
// For the many texts of a list or a table: still sometimes long, but not dozens of times a reply.
const innerText = fc.oneof({ arbitrary: shortText, weight: 400 }, { arbitrary: longText, weight: 1 });
const id = fc.oneof(fc.constantFrom('koers.run', 'goal.add'), fc.string({ minLength: 1, maxLength: 255 }));
const payload = fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }), { maxKeys: 3 });
const buttonArb: fc.Arbitrary<Button> = fc.record(
  { label: innerText, actionId: id, payload, style: fc.constantFrom('primary' as const, 'danger' as const) },
  { requiredKeys: ['label', 'actionId', 'payload'] },
);
const base = { label: anyText, required: fc.boolean(), value: fc.option(anyText, { nil: undefined }) };
const inputArb = (name: fc.Arbitrary<string>): fc.Arbitrary<FormInput> =>
  fc.oneof(
    fc.record({
      type: fc.constant('text' as const),
      name,
      ...base,
      maxLength: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
    }),
    fc.record({ type: fc.constant('textarea' as const), name, ...base }),
    fc.record({
      type: fc.constant('date' as const),
      name,
      ...base,
      value: fc.option(fc.oneof(fc.constant('2026-12-15'), fc.constant('2026-13-01'), anyText), {
        nil: undefined,
      }),
    }),
    fc.record({
      type: fc.constant('number' as const),
      name,
      ...base,
      value: fc.option(fc.oneof(fc.integer().map(String), anyText), { nil: undefined }),
      min: fc.option(fc.double({ noNaN: true }), { nil: undefined }),
      max: fc.option(fc.double({ noNaN: true }), { nil: undefined }),
    }),
    fc.record({
      type: fc.constant('select' as const),
      name,
      ...base,
      value: fc.option(fc.constantFrom('v0', 'v120', 'nee'), { nil: undefined }),
      options: fc
        .integer({ min: 1, max: 150 })
        .chain((n) =>
          fc
            .array(anyText, { minLength: n, maxLength: n })
            .map((labels) => labels.map((label, i) => ({ value: `v${i}`, label }))),
        ),
    }),
    fc.record({
      type: fc.constant('checkbox' as const),
      name,
      ...base,
      value: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
    }),
  );
export const formArb: fc.Arbitrary<Form> = fc.record({
  type: fc.constant('form' as const),
  formId: id,
  title: anyText,
  submitLabel: anyText,
  payload,
  inputs: fc.uniqueArray(inputArb(fc.string({ minLength: 1, maxLength: 255 })), {
    minLength: 1,
    maxLength: 8,
    selector: (input) => input.name,
  }),
});
/** A chart image: its texts are drawn in the image, and its numbers stand in text blocks beside it. */
const chartArb: fc.Arbitrary<Block> = fc
  .record({
    title: anyText,
    locale: fc.constantFrom('nl' as const, 'en' as const),
    labels: fc.uniqueArray(shortText, { minLength: 1, maxLength: 5 }),
  })
  .map(({ title, locale, labels }) => ({
    type: 'chart' as const,
    chart: {
      kind: 'targets' as const,
      title,
      locale,
      metLabel: 'gehaald',
      notMetLabel: 'niet gehaald',
      rows: labels.map((label, i) => ({ label, value: i * 10, target: 50, min: 0, max: 100, met: i >= 5 })),
    },
  }));
const blockArb: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant('header' as const), text: anyText }),
  fc.record({
    type: fc.constant('text' as const),
    text: anyText,
    tone: fc.constantFrom('normal' as const, 'muted' as const, 'error' as const, 'success' as const),
  }),
  fc.record({
    type: fc.constant('fields' as const),
    fields: fc.array(fc.record({ label: anyText, value: anyText }), { maxLength: 25, size: 'max' }),
  }),
  fc.record(
    {
      type: fc.constant('table' as const),
      caption: anyText,
      columns: fc.array(shortText, { minLength: 1, maxLength: 6 }),
      rows: fc.array(fc.array(innerText, { maxLength: 6 }), { maxLength: 100, size: 'medium' }),
    },
    { requiredKeys: ['type', 'columns', 'rows'] },
  ),
  fc.record(
    {
      type: fc.constant('list' as const),
      title: anyText,
      items: fc.array(
        fc.record({ text: innerText, detail: innerText, button: buttonArb }, { requiredKeys: ['text'] }),
        { maxLength: 100, size: 'max' },
      ),
      empty: anyText,
    },
    { requiredKeys: ['type', 'items'] },
  ),
  fc.record({
    type: fc.constant('trend' as const),
    title: anyText,
    periods: fc.array(shortText, { maxLength: 10 }),
    series: fc.array(
      fc.record({
        label: anyText,
        values: fc.array(fc.option(fc.double(), { nil: null }), { maxLength: 60 }),
        min: fc.double(),
        max: fc.double(),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  }),
  fc.record({
    type: fc.constant('actions' as const),
    buttons: fc.array(buttonArb, { minLength: 1, maxLength: 60, size: 'max' }),
  }),
  formArb,
  fc.constant({ type: 'divider' as const }),
  chartArb,
);
const replyOf = (blocks: fc.Arbitrary<Block[]>): fc.Arbitrary<Reply> =>
  fc.record({
    // Renderers draw every outcome alike: the outcome is for code, the texts are for people.
    outcome: fc.constantFrom('ok' as const, 'refused' as const, 'usage' as const, 'error' as const),
    locale: fc.constantFrom('nl' as const, 'en' as const),
    visibility: fc.constantFrom('ephemeral' as const, 'visible' as const),
    blocks,
  });
// Mostly a handful of blocks, as commands give; now and then up to 80, past a message's 50.
export const replyArb: fc.Arbitrary<Reply> = replyOf(
  fc.oneof(
    { arbitrary: fc.array(blockArb, { maxLength: 80 }), weight: 3 },
    { arbitrary: fc.array(blockArb, { minLength: 51, maxLength: 80 }), weight: 1 },
  ),
);
/** A handful of blocks, as most commands give: for properties that look at every text of a reply. */
export const shortReplyArb: fc.Arbitrary<Reply> = replyOf(fc.array(blockArb, { maxLength: 8 }));
