/**
 * Hand-written SQL in Koers names its parameters as SQLite does: `?` in order, or `:name`;
 * PostgreSQL numbers them (`$1`, `$2`). A `?` or `:` inside a quoted string or identifier is
 * text, and `::` is PostgreSQL's cast, not a parameter.
 */
import type { RawParams, SqlValue } from './store.ts';

/** A text translated once: PostgreSQL's text, and where each `$n` takes its value from. */
type Translated = { text: string; slots: readonly string[]; count: number };

/**
 * Translations of the texts seen before, by text: the same few hand-written queries run on every
 * request, and reading a long text character by character each time costs more than running it.
 * Bounded, as `pg-store.ts` bounds its statement names; past the bound a text is translated each time.
 */
const translations = new Map<string, Translated>();
const MAX_TRANSLATIONS = 2000;
/** Longer texts (bulk inserts, a different length each batch) are translated each time. */
const MAX_TRANSLATED_TEXT = 4000;

/** The text with numbered placeholders, and the values in their order. */
export function postgresQuery(text: string, params: RawParams): { text: string; values: SqlValue[] } {
  const named = !Array.isArray(params);
  const key = named ? `:${text}` : `?${text}`;
  let translated = translations.get(key);
  if (!translated) {
    translated = translate(text, named);
    if (translations.size < MAX_TRANSLATIONS && text.length <= MAX_TRANSLATED_TEXT)
      translations.set(key, translated);
  }
  if (!named) {
    const given = params as readonly SqlValue[];
    const values: SqlValue[] = new Array(translated.count);
    for (let i = 0; i < translated.count; i++) values[i] = given[i] ?? null;
    return { text: translated.text, values };
  }
  const byName = params as Readonly<Record<string, SqlValue>>;
  return {
    text: translated.text,
    values: translated.slots.map((name) => {
      if (!(name in byName)) throw new Error(`no value for :${name}`);
      return byName[name] as SqlValue;
    }),
  };
}

function translate(text: string, named: boolean): Translated {
  const slots: string[] = [];
  const numberOf = new Map<string, number>();
  let count = 0;
  let out = '';
  let quote: string | undefined;
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      out += char;
      i += 1;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
      i += 1;
    } else if (char === ':' && text[i + 1] === ':') {
      out += '::';
      i += 2;
    } else if (char === '?' && !named) {
      count += 1;
      out += `$${count}`;
      i += 1;
    } else if (char === ':' && named && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0] as string;
      let n = numberOf.get(name);
      if (n === undefined) {
        slots.push(name);
        n = slots.length;
        numberOf.set(name, n);
      }
      out += `$${n}`;
      i += 1 + name.length;
    } else {
      out += char;
      i += 1;
    }
  }
  return { text: out, slots, count };
}
