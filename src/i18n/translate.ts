/**
 * Message lookup in `locales/<locale>.json`.
 *
 * Keys are dotted paths; `{name}` placeholders are filled from params. A value that is an object
 * with `one`/`other` (Intl.PluralRules categories) is a plural, chosen by the `count` param.
 * A key missing in a locale falls back to Dutch; a key missing everywhere is returned as is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Locale, locales } from '../domain/enums.ts';
import { localesFolder } from '../paths.ts';

export type Messages = { [key: string]: string | Messages };
export type Params = Record<string, string | number>;

const catalogs: Record<Locale, Messages> = Object.fromEntries(
  locales.map((locale) => [locale, JSON.parse(readFileSync(join(localesFolder, `${locale}.json`), 'utf8'))]),
) as Record<Locale, Messages>;

export function catalog(locale: Locale): Messages {
  return catalogs[locale];
}

function lookup(messages: Messages, key: string): string | Messages | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

const pluralRules = Object.fromEntries(
  locales.map((locale) => [locale, new Intl.PluralRules(locale)]),
) as Record<Locale, Intl.PluralRules>;

function pluralForm(locale: Locale, forms: Messages, count: number): string | undefined {
  const category = pluralRules[locale].select(count);
  const chosen = forms[category] ?? forms.other;
  return typeof chosen === 'string' ? chosen : undefined;
}

export function translate(locale: Locale, key: string, params: Params = {}): string {
  const found = lookup(catalogs[locale], key) ?? lookup(catalogs.nl, key);
  const template =
    typeof found === 'string'
      ? found
      : found && typeof params.count === 'number'
        ? pluralForm(locale, found, params.count)
        : undefined;
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    // Numbers go in as they are (a port is not "3.978"); callers format amounts and grades.
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A translator bound to one locale: what every surface passes around. */
export type Translator = (key: string, params?: Params) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}
