/**
 * Fitting content into a platform's limits by splitting it, in order, never by dropping it: lines
 * into texts of a most so many characters, items into groups of at most so many bytes, and blocks
 * into messages (pages), keeping a header with what it heads.
 */

export type Frame = {
  /** Text before and after each chunk's lines, such as a code fence. */
  open?: string;
  close?: string;
  /** What opens the first chunk instead of `open`, such as a caption and a fence. */
  first?: string;
  /** Lines that start every later chunk, such as a table's head. */
  repeat?: string[];
};

/**
 * Lines into texts of at most `limit` units, frame included, in order, cutting nothing: a line
 * longer than a chunk is split with `hardSplit` (which must keep to the length it is given).
 * Texts with nothing to show are left out, since a platform refuses an empty text.
 */
export function chunk(
  lines: string[],
  limit: number,
  hardSplit: (line: string, max: number) => string[],
  frame: Frame = {},
): string[] {
  const { open = '', close = '', repeat = [] } = frame;
  const first = frame.first ?? open;
  const room = limit - Math.max(first.length, open.length) - close.length;
  const head = repeat.join('\n');
  // A head that would fill half of every chunk costs more than it helps.
  const carry = repeat.length > 0 && head.length <= room / 2 ? repeat : [];
  const width = carry.length > 0 ? room - head.length - 1 : room;
  const texts: string[] = [];
  let current: string[] = [];
  let size = 0;
  let filled = false;
  const flush = () => {
    texts.push((texts.length === 0 ? first : open) + current.join('\n') + close);
    current = [...carry];
    size = carry.length > 0 ? head.length : 0;
    filled = false;
  };
  for (const line of lines.flatMap((whole) => hardSplit(whole, width))) {
    if (filled && size + 1 + line.length > room) flush();
    size = current.length === 0 ? line.length : size + 1 + line.length;
    current.push(line);
    filled = true;
  }
  if (filled) flush();
  return texts.filter((text) => text.trim() !== '');
}

/** Items into groups of at most `max` in size, in order; an item larger than `max` goes alone. */
export function grouped<T>(items: T[], max: number, sizeOf: (item: T) => number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = sizeOf(item);
    if (group.length > 0 && size + itemSize > max) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(item);
    size += itemSize;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Blocks into pages of at most `room` in size (a count of blocks, or bytes), in order. A header
 * that would end a page moves to the next, with what it heads: alone at the end it announces
 * nothing. One block larger than a page gets a page of its own.
 */
export function paginate<T>(
  items: T[],
  room: number,
  sizeOf: (item: T) => number,
  heads: (item: T) => boolean,
): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = sizeOf(item);
    if (page.length > 0 && size + itemSize > room) {
      const last = page.at(-1);
      const carried = last !== undefined && heads(last) && page.length > 1 ? [last] : [];
      pages.push(carried.length > 0 ? page.slice(0, -1) : page);
      page = carried;
      size = carried.reduce((sum, carriedItem) => sum + sizeOf(carriedItem), 0);
    }
    page.push(item);
    size += itemSize;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** What Teams counts, and what bounds a card: the UTF-8 bytes of the JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
