/**
 * Cutting and splitting text for renderers with size limits (Block Kit, Adaptive Cards), without
 * ever breaking a character a reader sees as one: a surrogate pair, a letter and its accents, an
 * emoji sequence. Close to graphemes but linear: V8's Intl.Segmenter is quadratic in the length of
 * the text, and a reply may hold a text of many thousands of characters.
 *
 * Lengths are UTF-16 code units, which is what Slack counts and what bounds a card's bytes.
 */
export const ELLIPSIS = '…';

/** One character as a reader sees it, near enough: see the module comment. */
export const GRAPHEME_LIKE = String.raw`\r\n|\p{Regional_Indicator}{2}|[\s\S](?:\p{M}|\p{Emoji_Modifier})*(?:\u200d[\s\S](?:\p{M}|\p{Emoji_Modifier})*)*`;

export type TextCutter = {
  units: (text: string) => Generator<string>;
  /** The longest start of `text` that fits in `max` UTF-16 units. */
  take: (text: string, max: number) => string;
  /** Cut visibly: a reader sees a text was shortened. */
  cut: (text: string, max: number) => string;
  /** A line in pieces of at most `max` units, broken after a space when one is near. */
  hardSplit: (line: string, max: number) => string[];
};

/** `atomic`: more sequences never to cut inside, e.g. Slack's `&amp;` escapes. */
export function textCutter(atomic?: string): TextCutter {
  const unit = new RegExp(atomic ? `${atomic}|${GRAPHEME_LIKE}` : GRAPHEME_LIKE, 'gu');

  function* units(text: string): Generator<string> {
    for (const [piece] of text.matchAll(unit)) yield piece;
  }

  function take(text: string, max: number): string {
    if (text.length <= max) return text;
    let kept = '';
    for (const piece of units(text)) {
      if (kept.length + piece.length > max) break;
      kept += piece;
    }
    return kept;
  }

  const cut = (text: string, max: number) =>
    text.length <= max ? text : take(text, max - ELLIPSIS.length).trimEnd() + ELLIPSIS;

  function hardSplit(line: string, max: number): string[] {
    if (line.length <= max) return [line];
    const pieces: string[] = [];
    let piece = '';
    let afterSpace = -1;
    for (const whole of units(line)) {
      // A grapheme of hundreds of combining marks is still split: no limit may be broken.
      for (const part of whole.length > max ? Array.from(whole) : [whole]) {
        if (piece.length + part.length > max) {
          const at = afterSpace > max / 2 ? afterSpace : piece.length;
          pieces.push(piece.slice(0, at));
          piece = piece.slice(at);
          afterSpace = -1;
        }
        piece += part;
        if (/^\s$/u.test(part)) afterSpace = piece.length;
      }
    }
    if (piece !== '') pieces.push(piece);
    return pieces;
  }

  return { units, take, cut, hardSplit };
}
