/**
 * Hand-written SQL in Koers names its parameters as SQLite does: `?` in order, or `:name`;
 * PostgreSQL numbers them (`$1`, `$2`). A `?` or `:` inside a quoted string or identifier is
 * text, and `::` is PostgreSQL's cast, not a parameter.
 */
import type { RawParams, SqlValue } from './store.ts';

/** The text with numbered placeholders, and the values in their order. */
export function postgresQuery(text: string, params: RawParams): { text: string; values: SqlValue[] } {
  const named = !Array.isArray(params);
  const values: SqlValue[] = [];
  const numberOf = new Map<string, number>();
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
      values.push((params as readonly SqlValue[])[values.length] ?? null);
      out += `$${values.length}`;
      i += 1;
    } else if (char === ':' && named && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0] as string;
      let n = numberOf.get(name);
      if (n === undefined) {
        if (!(name in params)) throw new Error(`no value for :${name}`);
        values.push((params as Record<string, SqlValue>)[name] as SqlValue);
        n = values.length;
        numberOf.set(name, n);
      }
      out += `$${n}`;
      i += 1 + name.length;
    } else {
      out += char;
      i += 1;
    }
  }
  return { text: out, values };
}
