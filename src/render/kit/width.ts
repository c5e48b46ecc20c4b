/**
 * How many columns a text takes in a monospace font: a terminal (the text renderer), a Slack code
 * block (Block Kit tables) and, later, an HTML `<pre>`. One measure for all, so a table lines up
 * the same everywhere and a test of one renderer's alignment holds for the others.
 *
 * A character as a reader sees it (see cutting.ts) is one column, or two when it is East Asian
 * wide or fullwidth (Hangul, CJK, kana, fullwidth forms) or an emoji: one shown as emoji by
 * default, one asked to be (U+FE0F), a ZWJ sequence, a flag. Approximate for scripts Koers rarely
 * sees, and exact for what it mostly prints: Latin text with accents.
 */
import { GRAPHEME_LIKE } from './cutting.ts';

/** Printable ASCII, Latin-1 and Latin Extended letters and the symbols renderers draw with, one unit and one column each. */
const SIMPLE_LATIN =
  /^[\u0020-\u007e\u00a0-\u024f\u2013\u2014\u2022\u2026\u2190-\u21ff\u2500-\u259f\u25b2]*$/;
const UNIT = new RegExp(GRAPHEME_LIKE, 'gu');
const WIDE_START =
  /^(?:\p{Emoji_Presentation}|\p{Regional_Indicator}|[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}])/u;
const EMOJI_SEQUENCE = /\ufe0f|\u200d/;

/** Columns of one character as a reader sees it. */
function unitWidth(unit: string): number {
  if (unit === '\t') return 1;
  return WIDE_START.test(unit) || EMOJI_SEQUENCE.test(unit) ? 2 : 1;
}

export function displayWidth(text: string): number {
  // Latin text without combining marks is one column a character: most of what Koers prints.
  if (SIMPLE_LATIN.test(text)) return text.length;
  let width = 0;
  for (const [unit] of text.matchAll(UNIT)) width += unitWidth(unit);
  return width;
}

/** `text` followed by spaces up to `width` columns; a text already wider is left as it is. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
