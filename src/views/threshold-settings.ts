/**
 * The signal thresholds in force for a school or a team, as `instellingen drempels` shows them:
 * per kind whether it is on and its numbers, each under the word that changes it, and every value
 * that is still PRODUCT.md's default marked as such.
 */
import { signalKinds } from '../domain/enums.ts';
import {
  defaultThresholds,
  resolveThresholds,
  type ThresholdOverrides,
  thresholdFields,
  thresholdRange,
} from '../domain/signals/thresholds.ts';
import type { Formatter } from '../i18n/format.ts';
import { thresholdFieldLabels } from '../i18n/threshold-words.ts';
import type { Translator } from '../i18n/translate.ts';
import type { BlockInput } from '../reply/reply.ts';

const DEFAULT_MARK = '*';

/** `layers`: the school's overrides, then (for a team) the team's. */
export function thresholdOverview(
  t: Translator,
  format: Formatter,
  levelName: string,
  layers: readonly ThresholdOverrides[],
): BlockInput[] {
  const thresholds = resolveThresholds(layers);
  const marked = (text: string, isDefault: boolean) => (isDefault ? `${text}${DEFAULT_MARK}` : text);
  const rows = signalKinds.map((kind) => {
    const own = thresholds[kind] as Record<string, number | boolean>;
    const defaults = defaultThresholds[kind] as Record<string, number | boolean>;
    const values = thresholdFields(kind).map((field) => {
      const value = own[field] as number;
      const shown = thresholdRange(kind, field).whole ? String(value) : format.number(value, 2);
      return `${t(thresholdFieldLabels[field] ?? field)} ${marked(shown, value === defaults[field])}`;
    });
    return [
      t(`enum.signalKind.${kind}`),
      marked(
        t(own.enabled ? 'settings.thresholds.on' : 'settings.thresholds.off'),
        own.enabled === defaults.enabled,
      ),
      values.length > 0 ? values.join(' · ') : '—',
    ];
  });
  return [
    { type: 'header', text: t('settings.thresholds.title', { level: levelName }) },
    {
      type: 'table',
      columns: [
        t('settings.thresholds.kind'),
        t('settings.thresholds.status'),
        t('settings.thresholds.values'),
      ],
      rows,
    },
    { type: 'text', tone: 'muted', text: t('settings.thresholds.legend', { mark: DEFAULT_MARK }) },
    { type: 'text', tone: 'muted', text: t('settings.thresholds.hint') },
  ];
}
