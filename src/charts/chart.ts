/**
 * The neutral description of a chart in a team summary: what a summary produces from its data and
 * what both the chart image (`vega-lite-spec.ts`) and the text version read, through `chartRows`.
 *
 * Every text in it is already in the reader's language; the chart code never translates. Numbers
 * stay numbers here: the chart and the text version each draw them from the same rows.
 *
 * Privacy is the caller's: a group with fewer than 5 responses is left out before it gets here.
 */
import { z } from 'zod';
import { locales } from '../domain/enums.ts';

const label = z.string();
/** A colour as `#rrggbb`; any other form would reach the SVG as it is. */
export const chartColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour as #rrggbb');

const uniqueLabels = (items: readonly { label: string }[]) =>
  new Set(items.map((item) => item.label)).size === items.length;

/**
 * Stacked horizontal bars, one per row: how a group's (or an indicator's) answers fall into a few
 * categories, e.g. wellbeing 1–2 / 3 / 4–5 or challenge te makkelijk / precies goed / te moeilijk.
 * `values` are counts per category, in the order of `categories`. With `scale: 'share'` (the
 * default) every bar runs to 100 % and shows percentages; with `'count'` it shows the counts.
 */
export const distributionChart = z
  .object({
    kind: z.literal('distribution'),
    title: label,
    locale: z.enum(locales),
    categories: z
      .array(z.object({ label, color: chartColor.optional() }))
      .min(1)
      .max(8)
      .refine(uniqueLabels, 'a category twice'),
    rows: z
      .array(z.object({ label, values: z.array(z.number().nonnegative().finite()) }))
      .max(20)
      .refine(uniqueLabels, 'a row twice'),
    scale: z.enum(['share', 'count']).default('share'),
  })
  .refine((chart) => chart.rows.every((row) => row.values.length === chart.categories.length), {
    message: 'a row without one value per category',
    path: ['rows'],
  });

/**
 * The team's indicators, each against its own target (*schoolambitie*): a bar for the value on the
 * indicator's own scale (`min` to `max`), a tick at the target, and the caller's text beside it
 * (e.g. `3,8 (ambitie 4,0)`). `met` is the caller's verdict, since whether higher is better
 * depends on the indicator; the bar's colour shows it, and the legend says it in `metLabel` and
 * `notMetLabel`.
 */
export const targetsChart = z
  .object({
    kind: z.literal('targets'),
    title: label,
    locale: z.enum(locales),
    metLabel: label,
    notMetLabel: label,
    rows: z
      .array(
        z
          .object({
            label,
            value: z.number().finite(),
            target: z.number().finite(),
            min: z.number().finite().default(0),
            max: z.number().finite(),
            met: z.boolean(),
            /** Shown after the bar; the value as the text version writes it, when absent. */
            text: label.optional(),
          })
          .refine((row) => row.max > row.min, { message: 'max not above min', path: ['max'] }),
      )
      .max(5)
      .refine(uniqueLabels, 'an indicator twice'),
  })
  .refine((chart) => chart.metLabel !== chart.notMetLabel, {
    message: 'the same label for met and not met',
    path: ['notMetLabel'],
  });

export const chart = z.discriminatedUnion('kind', [distributionChart, targetsChart]);

export type DistributionChart = z.infer<typeof distributionChart>;
export type TargetsChart = z.infer<typeof targetsChart>;
export type Chart = z.infer<typeof chart>;
/** What a caller writes: defaults (`scale`, `min`) may be left out; `chart.parse` fills them in. */
export type ChartInput = z.input<typeof chart>;
