/** The renderer kit: what every renderer decides alike, tested once here rather than per renderer. */
import { describe, expect, it } from 'vitest';
import { aligned, grid } from '../src/render/kit/columns.ts';
import { textCutter } from '../src/render/kit/cutting.ts';
import { describeInput, initialText, visibleOptions } from '../src/render/kit/inputs.ts';
import { label, moreNote } from '../src/render/kit/labels.ts';
import { chunk, paginate } from '../src/render/kit/paging.ts';
import { trendSpan } from '../src/render/kit/trend.ts';
import { displayWidth, padEnd } from '../src/render/kit/width.ts';

describe('displayWidth', () => {
  it.each([
    ['Zoë', 3],
    ['Zoe\u0308', 3],
    ['李明', 4],
    ['ｶﾅ', 2],
    ['ＡＢ', 4],
    ['👩‍👩‍👧', 2],
    ['❤️', 2],
    ['🇳🇱', 2],
    ['한국', 4],
    ['a─b', 3],
  ])('%s takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('pads to columns, not characters', () => {
    expect(padEnd('李', 4)).toBe('李  ');
    expect(padEnd('Zoe\u0308', 4)).toBe('Zoe\u0308 ');
  });
});

describe('columns', () => {
  it('fills short rows, keeps extra cells, and aligns by display width', () => {
    const table = aligned(grid({ columns: ['Naam', 'Groep'], rows: [['李明', '3H', 'extra'], ['Zoë']] }));
    expect(table).toEqual({
      head: 'Naam  Groep',
      rule: '────  ─────  ─────',
      body: ['李明  3H     extra', 'Zoë'],
    });
  });

  it('draws no rule under a head without a body', () => {
    expect(aligned(grid({ columns: ['A'], rows: [] })).rule).toBeUndefined();
  });
});

describe('labels', () => {
  it('takes the first candidate with words, on one line, or …', () => {
    expect(label(' \n', 'Titel\nlang')).toBe('Titel lang');
    expect(label('', ' ')).toBe('…');
  });

  it('says how many were left out in the reader’s language', () => {
    expect(moreNote('nl', 12)).toBe('… en nog 12.');
    expect(moreNote('en', 1)).toBe('… and 1 more.');
  });
});

describe('inputs', () => {
  const base = { name: 'n', label: 'N', required: false } as const;

  it('keeps an earlier value only where the widget can hold it', () => {
    expect(describeInput({ ...base, type: 'date', value: '2026-02-30' }, { whole: true })).toMatchObject({
      kind: 'date',
      initial: undefined,
    });
    expect(describeInput({ ...base, type: 'date', value: '2026-02-28' }, { whole: true })).toMatchObject({
      initial: '2026-02-28',
    });
    const number = { ...base, type: 'number', value: '2.5', min: 0.5, max: 9.5 } as const;
    expect(describeInput(number, { whole: true })).toMatchObject({ min: 1, max: 9, initial: undefined });
    expect(describeInput(number, { whole: false })).toMatchObject({ min: 0.5, max: 9.5, initial: 2.5 });
    expect(describeInput({ ...base, type: 'number', min: 0.2, max: 0.8 }, { whole: true })).toMatchObject({
      min: undefined,
      max: undefined,
    });
  });

  it('falls back to the name for a label without words and leaves out an error without words', () => {
    expect(describeInput({ ...base, type: 'text', label: ' ', error: '\n' }, { whole: true })).toMatchObject({
      label: 'n',
      error: undefined,
    });
  });

  it('offers at most so many options, keeping the chosen one, and counts the rest', () => {
    const options = Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`, label: `${i}` }));
    const { shown, hidden } = visibleOptions(options, 'v8', 4);
    expect(shown.map((o) => o.value)).toEqual(['v0', 'v1', 'v2', 'v8']);
    expect(hidden).toBe(6);
  });

  it('says how much of an earlier text an input could not take', () => {
    expect(initialText('Zoë 👩‍👩‍👧 x', 6, textCutter())).toEqual({ shown: 'Zoë ', hidden: 3 });
  });
});

describe('trendSpan', () => {
  it('names the first and last period with words', () => {
    expect(trendSpan(['', '40', '41', '42 ', ' '])).toBe('40 – 42');
    expect(trendSpan(['40'])).toBe('40');
    expect(trendSpan([])).toBe('');
  });
});

describe('paging', () => {
  it('splits lines into texts of a size, cutting nothing', () => {
    const { hardSplit } = textCutter();
    const texts = chunk(['aaaa', 'bbbbbbbbbb', '', 'c'], 6, hardSplit);
    expect(texts).toEqual(['aaaa', 'bbbbbb', 'bbbb\n', 'c']);
    expect(texts.join('').replace(/\s/g, '')).toBe('aaaabbbbbbbbbbc');
  });

  it('keeps a header with what it heads', () => {
    const pages = paginate(
      ['t', 't', 'H', 't'],
      3,
      () => 1,
      (item) => item === 'H',
    );
    expect(pages).toEqual([
      ['t', 't'],
      ['H', 't'],
    ]);
  });
});
