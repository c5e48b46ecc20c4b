/**
 * The neutral answer every command returns: a small document of blocks that the text, HTML,
 * Block Kit and Adaptive Card renderers each draw in their own way.
 *
 * Texts in a Reply are already in the reader's language; renderers never translate. A renderer
 * that cannot show an element (a button in a terminal) shows what it can and says nothing false.
 */
import { z } from 'zod';
import { chart } from '../charts/chart.ts';

const text = z.string();

/** What a button or form submission carries back to the router: a command line to run. */
export const actionPayload = z.record(z.string(), z.string());

export const button = z.object({
  label: text,
  /** Stable id the platform sends back, e.g. `koers.run` or `goal.add`. */
  actionId: z.string().min(1).max(255),
  payload: actionPayload,
  style: z.enum(['primary', 'danger']).optional(),
});

export const field = z.object({ label: text, value: text });

const inputBase = {
  name: z.string().min(1),
  label: text,
  required: z.boolean().default(false),
  /** What the user typed before, kept when a submission is sent back with errors. */
  value: z.string().optional(),
  error: text.optional(),
};

export const formInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), ...inputBase, maxLength: z.number().int().positive().optional() }),
  z.object({
    type: z.literal('textarea'),
    ...inputBase,
    maxLength: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('date'), ...inputBase }),
  z.object({
    type: z.literal('number'),
    ...inputBase,
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.object({
    type: z.literal('select'),
    ...inputBase,
    options: z.array(z.object({ value: z.string(), label: text })).min(1),
  }),
  z.object({ type: z.literal('checkbox'), ...inputBase }),
]);

/** One line of a trend: values oldest first; `null` is a week without an answer. */
export const trendSeries = z.object({
  label: text,
  values: z.array(z.number().nullable()),
  min: z.number(),
  max: z.number(),
});

export const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text }),
  z.object({
    type: z.literal('text'),
    text,
    tone: z.enum(['normal', 'muted', 'error', 'success']).default('normal'),
  }),
  z.object({ type: z.literal('fields'), fields: z.array(field) }),
  z.object({
    type: z.literal('table'),
    caption: text.optional(),
    columns: z.array(text).min(1),
    rows: z.array(z.array(text)),
  }),
  z.object({
    type: z.literal('list'),
    title: text.optional(),
    items: z.array(z.object({ text, detail: text.optional(), button: button.optional() })),
    /** Shown instead of the list when it has no items. */
    empty: text.optional(),
  }),
  z.object({
    type: z.literal('trend'),
    title: text,
    /** Labels of the periods, oldest first, e.g. ISO weeks. */
    periods: z.array(text),
    series: z.array(trendSeries).min(1),
  }),
  z.object({ type: z.literal('actions'), buttons: z.array(button).min(1) }),
  z.object({
    type: z.literal('form'),
    /** The action id a submission comes back with. */
    formId: z.string().min(1).max(255),
    title: text,
    submitLabel: text,
    inputs: z.array(formInput).min(1),
    /** Hidden context the submission carries, e.g. which student. */
    payload: actionPayload,
  }),
  z.object({ type: z.literal('divider') }),
  /**
   * A chart image (src/charts/chart.ts) where the platform shows images. Its numbers are always in
   * the text blocks beside it too, so a renderer that shows no image leaves it out.
   */
  z.object({ type: z.literal('chart'), chart }),
]);

/**
 * What became of the request, decided where the answer is made (never read from a tone or a
 * wording): `ok` answered or done; `refused` not allowed or not possible (no access, a rule of the
 * domain, a change that no longer fits); `usage` the asker must say more or say it otherwise (a
 * mistyped command or argument, or several students to choose from); `error` something went wrong
 * in Koers, with an id in the log.
 */
export const outcome = z.enum(['ok', 'refused', 'usage', 'error']);

export const reply = z.object({
  /** Optional when building a Reply: a command's normal answer is `ok`. */
  outcome: outcome.default('ok'),
  /** Ephemeral: only the person who asked sees it. */
  visibility: z.enum(['ephemeral', 'visible']).default('ephemeral'),
  /** The language the texts are in. */
  locale: z.enum(['nl', 'en']),
  blocks: z.array(block),
});

export type Reply = z.infer<typeof reply>;
export type Outcome = z.infer<typeof outcome>;
export type ReplyInput = z.input<typeof reply>;
export type Block = z.infer<typeof block>;
export type BlockInput = z.input<typeof block>;
export type Button = z.infer<typeof button>;
export type FormInput = z.infer<typeof formInput>;
export type TrendSeries = z.infer<typeof trendSeries>;
