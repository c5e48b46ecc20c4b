/**
 * Writing HTML by hand, safely: every text and attribute value a Reply brings is escaped here, so
 * no text can open a tag, close an attribute or start an entity. Tag and attribute names come from
 * the renderer's own code, never from a Reply, and are written as they are.
 */
import { splitLines, tidy } from '../kit/lines.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A text as HTML that shows it literally, in content and in a quoted attribute alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** `true` writes a boolean attribute (`required`); `false` and `undefined` leave it out. */
export type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

function attributes(list: Attributes): string {
  return Object.entries(list)
    .flatMap(([name, value]) => {
      if (value === undefined || value === false) return [];
      if (value === true) return [` ${name}`];
      return [` ${name}="${escapeHtml(String(value))}"`];
    })
    .join('');
}

/** An element around `content`, which is markup already (escaped by whoever wrote it). */
export function element(tag: string, list: Attributes, content: string): string {
  return `<${tag}${attributes(list)}>${content}</${tag}>`;
}

/** An element without content or end tag: `<input>`, `<img>`, `<hr>`, `<br>`. */
export function voidElement(tag: string, list: Attributes = {}): string {
  return `<${tag}${attributes(list)}>`;
}

/**
 * A text of any number of lines as escaped markup, its line breaks kept as `<br>` (HTML would
 * fold them into spaces), without blank lines around it. Empty when the text has no lines.
 */
export function withBreaks(text: string): string {
  return tidy(text).map(escapeHtml).join('<br>');
}

/** Whether a text shows anything once its whitespace is set aside: an empty heading or paragraph says nothing. */
export function hasWords(text: string): boolean {
  return splitLines(text).some((line) => line.trim() !== '');
}
