/**
 * Text widths for vega's layout, from the advance widths in the chart font's own files. Without a
 * canvas, vega guesses 0.8 × font size per character, which is a third too wide for DejaVu Sans:
 * a row label area too wide, a legend that runs off the image. With these widths vega lays out
 * the text as resvg will draw it (kerning aside: a pixel or so), the same on every machine.
 *
 * A minimal TrueType reader: `head` (units per em), `hhea` and `hmtx` (advance widths) and the
 * `cmap` subtable for Unicode (format 12, else format 4).
 */
import { readFileSync } from 'node:fs';
import { CHART_FONT_FILES } from './chart-font.ts';

type Advances = { unitsPerEm: number; advance: (codePoint: number) => number };

/** The item vega measures: a text mark's font size and weight. */
export type TextItem = { fontSize?: number | string; fontWeight?: number | string };

let fonts: { regular: Advances; bold: Advances } | undefined;

function chartFonts() {
  fonts ??= {
    regular: readAdvances(readFileSync(CHART_FONT_FILES[0] ?? '')),
    bold: readAdvances(readFileSync(CHART_FONT_FILES[1] ?? '')),
  };
  return fonts;
}

/** The width in pixels of one line of text as the chart font draws it. */
export function textWidth(item: TextItem, text: string): number {
  const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  const font = bold ? chartFonts().bold : chartFonts().regular;
  let units = 0;
  for (const character of text) units += font.advance(character.codePointAt(0) ?? 0);
  return (units * size) / font.unitsPerEm;
}

export function readAdvances(file: Buffer): Advances {
  const tables = new Map<string, number>();
  const count = file.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    tables.set(file.toString('latin1', record, record + 4), file.readUInt32BE(record + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font without a ${tag} table`);
    return offset;
  };
  const unitsPerEm = file.readUInt16BE(table('head') + 18);
  const metrics = file.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const widthOf = (glyph: number) => file.readUInt16BE(hmtx + 4 * Math.min(glyph, metrics - 1));
  const glyphOf = cmapLookup(file, table('cmap'));
  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advance(codePoint) {
      let width = cache.get(codePoint);
      if (width === undefined) {
        // A character the font lacks is drawn as glyph 0 (.notdef), so it is as wide.
        width = widthOf(glyphOf(codePoint));
        cache.set(codePoint, width);
      }
      return width;
    },
  };
}

function cmapLookup(file: Buffer, cmap: number): (codePoint: number) => number {
  const subtables = new Map<string, number>();
  for (let i = 0; i < file.readUInt16BE(cmap + 2); i++) {
    const record = cmap + 4 + i * 8;
    const key = `${file.readUInt16BE(record)}/${file.readUInt16BE(record + 2)}`;
    subtables.set(key, cmap + file.readUInt32BE(record + 4));
  }
  const full = subtables.get('3/10') ?? subtables.get('0/4');
  if (full !== undefined && file.readUInt16BE(full) === 12) return format12(file, full);
  const bmp = subtables.get('3/1') ?? subtables.get('0/3');
  if (bmp !== undefined && file.readUInt16BE(bmp) === 4) return format4(file, bmp);
  throw new Error('font without a Unicode cmap');
}

function format12(file: Buffer, at: number): (codePoint: number) => number {
  const groups = file.readUInt32BE(at + 12);
  return (codePoint) => {
    let low = 0;
    let high = groups - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const group = at + 16 + middle * 12;
      if (codePoint < file.readUInt32BE(group)) high = middle - 1;
      else if (codePoint > file.readUInt32BE(group + 4)) low = middle + 1;
      else return file.readUInt32BE(group + 8) + codePoint - file.readUInt32BE(group);
    }
    return 0;
  };
}

function format4(file: Buffer, at: number): (codePoint: number) => number {
  const segments = file.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return 0;
    for (let i = 0; i < segments; i++) {
      if (codePoint > file.readUInt16BE(ends + i * 2)) continue;
      const start = file.readUInt16BE(starts + i * 2);
      if (codePoint < start) return 0;
      const delta = file.readUInt16BE(deltas + i * 2);
      const rangeOffset = file.readUInt16BE(rangeOffsets + i * 2);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyphAt = rangeOffsets + i * 2 + rangeOffset + (codePoint - start) * 2;
      const glyph = file.readUInt16BE(glyphAt);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
