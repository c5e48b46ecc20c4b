/**
 * The thresholds of every signal kind and whether it is on: the defaults of PRODUCT.md section 4,
 * overridden per school and then per team (`instellingen drempels …`).
 *
 * Each kind is a flat object (`enabled` plus its numbers) so that it matches a
 * `signal_thresholds` row: `enabled` there, the numbers in `params`.
 */
import { z } from 'zod';
import { signalKinds } from '../enums.ts';
import type { SignalKind } from './outcome.ts';

const enabled = z.boolean();
/** A window of reflections or weeks: long enough to mean something, short enough to react. */
const window = z.int().min(1).max(20);

/** welbevinden and motivatie: the mean of the last `recent` against the `baseline` before. */
const fallingScoreShape = {
  enabled,
  recent: window,
  baseline: window,
  /** How far the recent mean must be below the baseline mean, on the 1–5 scale. */
  drop: z.number().min(0.1).max(4),
  /** A score at or below this is "low" (default 2: the answers 1 and 2). */
  lowAtMost: z.int().min(1).max(4),
  /** How many of the last `recent` must be low. */
  lowCount: window,
};

/** uitdaging: the same answer in `count` of the last `outOf` reflections. */
const repeatedAnswerShape = { enabled, count: window, outOf: window };

const shapes = {
  gespreksverzoek: { enabled },
  'welbevinden-daalt': fallingScoreShape,
  'motivatie-daalt': fallingScoreShape,
  'reflecties-gemist': { enabled, weeksInRow: window },
  'te-weinig-uitdaging': repeatedAnswerShape,
  'te-veel-leerpijn': repeatedAnswerShape,
  'doel-verlopen': { enabled },
  'evaluatie-verlopen': { enabled },
  'cijfer-op-hoger-niveau': { enabled, below: z.number().min(1).max(10) },
  'geen-gesprek': { enabled, weeks: z.int().min(1).max(52) },
};

/** `params` name the two fields, so that a refusal can say which number must fit under which. */
const lowCountFits = [
  (t: { lowCount: number; recent: number }) => t.lowCount <= t.recent,
  { message: 'lowCount ≤ recent', params: { field: 'lowCount', atMost: 'recent' } },
] as const;
const countFits = [
  (t: { count: number; outOf: number }) => t.count <= t.outOf,
  { message: 'count ≤ outOf', params: { field: 'count', atMost: 'outOf' } },
] as const;

const kindSchemas = {
  gespreksverzoek: z.strictObject(shapes.gespreksverzoek),
  'welbevinden-daalt': z.strictObject(shapes['welbevinden-daalt']).refine(...lowCountFits),
  'motivatie-daalt': z.strictObject(shapes['motivatie-daalt']).refine(...lowCountFits),
  'reflecties-gemist': z.strictObject(shapes['reflecties-gemist']),
  'te-weinig-uitdaging': z.strictObject(shapes['te-weinig-uitdaging']).refine(...countFits),
  'te-veel-leerpijn': z.strictObject(shapes['te-veel-leerpijn']).refine(...countFits),
  'doel-verlopen': z.strictObject(shapes['doel-verlopen']),
  'evaluatie-verlopen': z.strictObject(shapes['evaluatie-verlopen']),
  'cijfer-op-hoger-niveau': z.strictObject(shapes['cijfer-op-hoger-niveau']),
  'geen-gesprek': z.strictObject(shapes['geen-gesprek']),
} satisfies Record<SignalKind, z.ZodType>;

/** The numbers a kind has (its fields besides `enabled`), in the order they are shown. */
export function thresholdFields(kind: SignalKind): string[] {
  return Object.keys(shapes[kind]).filter((field) => field !== 'enabled');
}

/** What one number of a kind accepts: for a refusal that names the allowed range. */
export function thresholdRange(
  kind: SignalKind,
  field: string,
): { min: number; max: number; whole: boolean } {
  const schema = (shapes[kind] as Record<string, z.ZodType>)[field];
  if (!(schema instanceof z.ZodNumber)) throw new Error(`${kind} has no number ${field}`);
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? 0, whole: schema.isInt };
}

/** The complete, checked thresholds of every kind. */
export const thresholdsSchema = z.strictObject(kindSchemas);
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type ThresholdsOf<K extends SignalKind> = Thresholds[K];

/**
 * What one school or team changed: any kind, any of its fields. Each field is checked here;
 * whether a kind's numbers hold together (e.g. `count` ≤ `outOf`) only after merging.
 */
export const thresholdOverridesSchema = z.strictObject({
  gespreksverzoek: z.strictObject(shapes.gespreksverzoek).partial().optional(),
  'welbevinden-daalt': z.strictObject(shapes['welbevinden-daalt']).partial().optional(),
  'motivatie-daalt': z.strictObject(shapes['motivatie-daalt']).partial().optional(),
  'reflecties-gemist': z.strictObject(shapes['reflecties-gemist']).partial().optional(),
  'te-weinig-uitdaging': z.strictObject(shapes['te-weinig-uitdaging']).partial().optional(),
  'te-veel-leerpijn': z.strictObject(shapes['te-veel-leerpijn']).partial().optional(),
  'doel-verlopen': z.strictObject(shapes['doel-verlopen']).partial().optional(),
  'evaluatie-verlopen': z.strictObject(shapes['evaluatie-verlopen']).partial().optional(),
  'cijfer-op-hoger-niveau': z.strictObject(shapes['cijfer-op-hoger-niveau']).partial().optional(),
  'geen-gesprek': z.strictObject(shapes['geen-gesprek']).partial().optional(),
} satisfies Record<SignalKind, z.ZodType>);
export type ThresholdOverrides = z.infer<typeof thresholdOverridesSchema>;

/** PRODUCT.md section 4. */
export const defaultThresholds: Thresholds = {
  gespreksverzoek: { enabled: true },
  'welbevinden-daalt': { enabled: true, recent: 3, baseline: 5, drop: 1.0, lowAtMost: 2, lowCount: 2 },
  'motivatie-daalt': { enabled: true, recent: 3, baseline: 5, drop: 1.0, lowAtMost: 2, lowCount: 2 },
  'reflecties-gemist': { enabled: true, weeksInRow: 2 },
  'te-weinig-uitdaging': { enabled: true, count: 3, outOf: 4 },
  'te-veel-leerpijn': { enabled: true, count: 3, outOf: 4 },
  'doel-verlopen': { enabled: true },
  'evaluatie-verlopen': { enabled: true },
  'cijfer-op-hoger-niveau': { enabled: true, below: 5.5 },
  'geen-gesprek': { enabled: false, weeks: 8 },
};

function merged(kind: SignalKind, layers: readonly ThresholdOverrides[]): Record<string, unknown> {
  return Object.assign({}, defaultThresholds[kind], ...layers.map((layer) => layer[kind] ?? {}));
}

/**
 * The defaults, then the school's overrides, then the team's: the whole combination checked.
 * For the settings command, before it stores a change (of a school: check it with each team's
 * overrides too).
 */
export function checkThresholds(layers: readonly ThresholdOverrides[]) {
  return thresholdsSchema.safeParse(
    Object.fromEntries(signalKinds.map((kind) => [kind, merged(kind, layers)])),
  );
}

/**
 * The thresholds that apply, layers from broad to narrow (`[school, team]`). A kind whose
 * merged numbers do not hold together falls back to the broader layers alone: a later school
 * change must not switch a team's signal off by making the team's older override inconsistent.
 */
/** A student asked for a conversation in so many words: no school or team switches that off. */
export const alwaysOn: readonly SignalKind[] = ['gespreksverzoek'];

export function resolveThresholds(layers: readonly ThresholdOverrides[]): Thresholds {
  const resolved = Object.fromEntries(
    signalKinds.map((kind) => {
      for (let depth = layers.length; depth >= 0; depth--) {
        const result = kindSchemas[kind].safeParse(merged(kind, layers.slice(0, depth)));
        if (result.success) return [kind, result.data];
      }
      return [kind, defaultThresholds[kind]];
    }),
  );
  for (const kind of alwaysOn) resolved[kind] = { ...resolved[kind], enabled: true };
  return resolved as Thresholds;
}

/** The overrides of one school or team from its `signal_thresholds` rows. */
export function overridesFromRows(
  rows: readonly { kind: SignalKind; enabled: boolean; params: Record<string, number> }[],
): ThresholdOverrides {
  return thresholdOverridesSchema.parse(
    Object.fromEntries(rows.map((row) => [row.kind, { ...row.params, enabled: row.enabled }])),
  );
}
