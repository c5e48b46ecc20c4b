/** What a person typed to Koers in Teams, out of the HTML Teams may send it as. */
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Text as typed: Teams may send a message as HTML (`<p>`, `&nbsp;` after a mention). Mentions of
 * students (`<at>…</at>`) stay; the tokenizer reads them.
 */
export function typedText(text: string): string {
  return text
    .replace(/<(?!\/?at>)[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
