/**
 * Lines of a text as every renderer sees them: any of Unicode's line breaks ends a line, a label is
 * one line, and a block's text has no blank lines around it and no spaces at line ends.
 */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;

export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

export function oneLine(text: string): string {
  return splitLines(text).join(' ');
}

/** Lines without trailing spaces and without blank lines around them. */
export function tidy(text: string): string[] {
  const lines = splitLines(text).map((line) => line.trimEnd());
  const first = lines.findIndex((line) => line !== '');
  const last = lines.findLastIndex((line) => line !== '');
  return first === -1 ? [] : lines.slice(first, last + 1);
}
