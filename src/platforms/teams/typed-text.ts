/** What a person typed to Koers in Teams, out of the HTML Teams may send it as. */
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The character a numeric reference names. Beyond U+10FFFF (`&#x110000;`, `&#99999999;`)
 * `String.fromCodePoint` throws, and a lone surrogate or NUL is no character anyone typed; HTML
 * reads all of these as U+FFFD, and so does Koers, so that no text can make reading a message fail.
 */
function character(codePoint: number): string {
  const usable =
    Number.isSafeInteger(codePoint) &&
    codePoint > 0 &&
    codePoint <= 0x10ffff &&
    (codePoint < 0xd800 || codePoint > 0xdfff);
  return usable ? String.fromCodePoint(codePoint) : '\uFFFD';
}

/**
 * Text as typed: Teams may send a message as HTML (`<p>`, `&nbsp;` after a mention). Mentions of
 * students (`<at>…</at>`) stay; the tokenizer reads them.
 */
export function typedText(text: string): string {
  // Tags are `<[^<>]*>`, not `<[^>]*>`: with `[^>]` every `<` of a run without `>` scans to the end
  // of the text, and 100,000 of them (a 256 KB body allows more) held the event loop for 18 s.
  return text
    .replace(/<(?!\/?at>)[^<>]*>/g, ' ')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return character(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return character(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
