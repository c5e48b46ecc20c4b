/** A phrase in the reader's language: each typed parameter through its own formatter. */
import type { Formatter } from '../../i18n/format.ts';
import type { Params, Translator } from '../../i18n/translate.ts';
import type { Evidence, Param, Phrase } from './phrase.ts';

function paramText(param: Param, t: Translator, format: Formatter): string | number {
  // A count stays a number: the translator chooses the plural form by it.
  if ('count' in param) return param.count;
  if ('score' in param) return format.number(param.score, 1);
  if ('grade' in param) return format.grade(param.grade);
  if ('date' in param) return format.date(param.date);
  if ('week' in param) return String(Number(param.week.slice(6)));
  if ('id' in param) return String(param.id);
  if ('series' in param) return param.series.map((score) => format.number(score, 1)).join(' → ');
  return t(`enum.${param.label}.${param.value}`);
}

export function phraseText(phrase: Phrase, t: Translator, format: Formatter): string {
  const params: Params = {};
  for (const [name, param] of Object.entries(phrase.params)) params[name] = paramText(param, t, format);
  return t(phrase.key, params);
}

/** The facts behind a signal, as one line: "welbevinden gemiddeld 3,8 → 2,3 …; …". */
export function evidenceText(evidence: Evidence, t: Translator, format: Formatter): string {
  return evidence.facts.map((fact) => phraseText(fact, t, format)).join('; ');
}
