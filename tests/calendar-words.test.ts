import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DateWords, parseDateWords, resolveDateWords } from '../src/domain/calendar-words.ts';

const on = (day: number, month: number, year?: number): DateWords =>
  year === undefined ? { kind: 'calendar', day, month } : { kind: 'calendar', day, month, year };

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (month: number, year: number) =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

const dateIn = (minYear: number, maxYear: number) =>
  fc
    .record({ year: fc.integer({ min: minYear, max: maxYear }), month: fc.integer({ min: 1, max: 12 }) })
    .chain(({ year, month }) =>
      fc.integer({ min: 1, max: daysIn(month, year) }).map((day) => ({ year, month, day })),
    );
const validDate = dateIn(1000, 9999);
// Away from year 9999, so that "the next 15 December" always exists.
const isoToday = dateIn(1800, 2400).map(({ year, month, day }) => iso(year, month, day));
const dayOfYear = fc
  .integer({ min: 1, max: 12 })
  .chain((month) => fc.integer({ min: 1, max: daysIn(month, 2024) }).map((day) => ({ day, month })));

describe('parseDateWords', () => {
  it('reads ISO dates', () => {
    expect(parseDateWords('2026-12-15')).toEqual(on(15, 12, 2026));
    expect(parseDateWords('2028-02-29')).toEqual(on(29, 2, 2028));
  });

  it('reads Dutch numeric dates with dashes or slashes, with or without a year', () => {
    expect(parseDateWords('15-12')).toEqual(on(15, 12));
    expect(parseDateWords('15/12')).toEqual(on(15, 12));
    expect(parseDateWords('15-12-2026')).toEqual(on(15, 12, 2026));
    expect(parseDateWords('15/12/2026')).toEqual(on(15, 12, 2026));
    expect(parseDateWords('5-1')).toEqual(on(5, 1));
    expect(parseDateWords('05-01')).toEqual(on(5, 1));
  });

  it('reads a two-digit year as this century', () => {
    expect(parseDateWords('15-12-26')).toEqual(on(15, 12, 2026));
    expect(parseDateWords('1/2/99')).toEqual(on(1, 2, 2099));
  });

  it('reads a day before a month name, abbreviated or not, with an optional year', () => {
    expect(parseDateWords('15 december')).toEqual(on(15, 12));
    expect(parseDateWords('15 dec')).toEqual(on(15, 12));
    expect(parseDateWords('15 dec.')).toEqual(on(15, 12));
    expect(parseDateWords('15 december 2026')).toEqual(on(15, 12, 2026));
    expect(parseDateWords('3 mrt. 2027')).toEqual(on(3, 3, 2027));
  });

  it('reads English order, with or without a comma before the year', () => {
    expect(parseDateWords('december 15')).toEqual(on(15, 12));
    expect(parseDateWords('december 15, 2026')).toEqual(on(15, 12, 2026));
    expect(parseDateWords('Dec. 15 2026')).toEqual(on(15, 12, 2026));
    expect(parseDateWords('may 5')).toEqual(on(5, 5));
  });

  it.each([
    ['januari', 1],
    ['jan', 1],
    ['january', 1],
    ['februari', 2],
    ['feb', 2],
    ['february', 2],
    ['maart', 3],
    ['mrt', 3],
    ['mar', 3],
    ['march', 3],
    ['april', 4],
    ['apr', 4],
    ['mei', 5],
    ['may', 5],
    ['juni', 6],
    ['jun', 6],
    ['june', 6],
    ['juli', 7],
    ['jul', 7],
    ['july', 7],
    ['augustus', 8],
    ['aug', 8],
    ['august', 8],
    ['september', 9],
    ['sep', 9],
    ['sept', 9],
    ['oktober', 10],
    ['okt', 10],
    ['october', 10],
    ['oct', 10],
    ['november', 11],
    ['nov', 11],
    ['december', 12],
    ['dec', 12],
  ])('knows the month name %s as month %i', (name, month) => {
    expect(parseDateWords(`1 ${name}`)).toEqual(on(1, month));
    expect(parseDateWords(`${name} 1`)).toEqual(on(1, month));
  });

  it('ignores case and surrounding or repeated whitespace', () => {
    expect(parseDateWords('  15 DECEMBER  ')).toEqual(on(15, 12));
    expect(parseDateWords('\t15\u00a0 December\n2026 ')).toEqual(on(15, 12, 2026));
    expect(parseDateWords(' VANDAAG ')).toEqual({ kind: 'relative', days: 0 });
  });

  it.each([
    ['vandaag', 0],
    ['today', 0],
    ['morgen', 1],
    ['tomorrow', 1],
    ['overmorgen', 2],
    ['gisteren', -1],
    ['yesterday', -1],
    ['eergisteren', -2],
  ])('reads %s as %i days from today', (word, days) => {
    expect(parseDateWords(word)).toEqual({ kind: 'relative', days });
  });

  it('allows 29 February without a year, and with one only in a leap year', () => {
    expect(parseDateWords('29-02')).toEqual(on(29, 2));
    expect(parseDateWords('29 februari')).toEqual(on(29, 2));
    expect(parseDateWords('29-02-2028')).toEqual(on(29, 2, 2028));
    expect(parseDateWords('2000-02-29')).toEqual(on(29, 2, 2000));
    expect(parseDateWords('29-02-2027')).toBeNull();
    expect(parseDateWords('2100-02-29')).toBeNull();
  });

  it.each([
    '31-04',
    '31 april',
    '30 februari',
    '30-02',
    '32-12',
    '0-12',
    '15-13',
    '15-0',
    '2026-13-01',
    '2026-12-32',
    '0000-01-01',
    '15-12/2026',
    '15-12-026',
    '15.12.2026',
    '15 decembr',
    '15december',
    '15 december 26',
    'december 15,',
    'december',
    '15',
    '12',
    'morgen vroeg',
    '',
    '   ',
    '１５-１２',
  ])('rejects %j', (text) => {
    expect(parseDateWords(text)).toBeNull();
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = parseDateWords(text);
        expect(result === null || typeof result === 'object').toBe(true);
      }),
    );
  });

  it('round-trips any valid date written as d-m-yyyy, d/m/yyyy, ISO or with a month name', () => {
    fc.assert(
      fc.property(validDate, ({ year, month, day }) => {
        const expected = on(day, month, year);
        const name = [
          'jan',
          'feb',
          'maart',
          'april',
          'mei',
          'juni',
          'juli',
          'aug',
          'sep',
          'okt',
          'nov',
          'dec',
        ][month - 1];
        expect(parseDateWords(`${day}-${month}-${year}`)).toEqual(expected);
        expect(parseDateWords(`${pad(day)}/${pad(month)}/${year}`)).toEqual(expected);
        expect(parseDateWords(iso(year, month, day))).toEqual(expected);
        expect(parseDateWords(`${day} ${name} ${year}`)).toEqual(expected);
      }),
    );
  });
});

describe('resolveDateWords', () => {
  it('uses the given year, and rejects a day that year does not have', () => {
    expect(resolveDateWords(on(15, 12, 2026), '2027-06-01', 'future')).toBe('2026-12-15');
    expect(resolveDateWords(on(29, 2, 2027), '2026-06-01', 'future')).toBeNull();
    expect(resolveDateWords(on(31, 4, 2026), '2026-06-01', 'past')).toBeNull();
  });

  it('looks forward from today, today included, for a future date', () => {
    expect(resolveDateWords(on(15, 12), '2026-11-20', 'future')).toBe('2026-12-15');
    expect(resolveDateWords(on(15, 12), '2026-12-15', 'future')).toBe('2026-12-15');
    expect(resolveDateWords(on(15, 12), '2026-12-16', 'future')).toBe('2027-12-15');
    expect(resolveDateWords(on(1, 1), '2026-12-31', 'future')).toBe('2027-01-01');
  });

  it('looks back from today, today included, for a past date', () => {
    expect(resolveDateWords(on(15, 12), '2027-01-10', 'past')).toBe('2026-12-15');
    expect(resolveDateWords(on(15, 12), '2026-12-15', 'past')).toBe('2026-12-15');
    expect(resolveDateWords(on(15, 12), '2026-12-14', 'past')).toBe('2025-12-15');
  });

  it('finds the nearest leap year for 29 February', () => {
    expect(resolveDateWords(on(29, 2), '2026-03-01', 'future')).toBe('2028-02-29');
    expect(resolveDateWords(on(29, 2), '2026-03-01', 'past')).toBe('2024-02-29');
    expect(resolveDateWords(on(29, 2), '2028-02-29', 'past')).toBe('2028-02-29');
    expect(resolveDateWords(on(29, 2), '2097-01-01', 'future')).toBe('2104-02-29');
    expect(resolveDateWords(on(29, 2), '2103-12-31', 'past')).toBe('2096-02-29');
  });

  it('counts relative days across month and year ends', () => {
    expect(resolveDateWords({ kind: 'relative', days: 0 }, '2026-11-20', 'past')).toBe('2026-11-20');
    expect(resolveDateWords({ kind: 'relative', days: 1 }, '2026-12-31', 'future')).toBe('2027-01-01');
    expect(resolveDateWords({ kind: 'relative', days: -1 }, '2028-03-01', 'past')).toBe('2028-02-29');
    expect(resolveDateWords({ kind: 'relative', days: 2 }, '2027-02-27', 'future')).toBe('2027-03-01');
  });

  it('returns null rather than a date for impossible input', () => {
    expect(resolveDateWords(on(15, 12), '2026-02-30', 'future')).toBeNull();
    expect(resolveDateWords(on(15, 12), '15-12-2026', 'future')).toBeNull();
    expect(resolveDateWords(on(31, 4), '2026-01-01', 'future')).toBeNull();
    expect(resolveDateWords(on(1, 13), '2026-01-01', 'past')).toBeNull();
    expect(resolveDateWords({ kind: 'relative', days: 1 }, '9999-12-31', 'future')).toBeNull();
    expect(resolveDateWords({ kind: 'relative', days: 1.5 }, '2026-01-01', 'future')).toBeNull();
  });

  it('never resolves a future date before today, and within a year unless it is 29 February', () => {
    fc.assert(
      fc.property(dayOfYear, isoToday, ({ day, month }, today) => {
        const resolved = resolveDateWords(on(day, month), today, 'future');
        expect(resolved).not.toBeNull();
        expect(resolved && resolved >= today).toBe(true);
        expect(resolved?.slice(5)).toBe(`${pad(month)}-${pad(day)}`);
        const yearLater = `${pad(Number(today.slice(0, 4)) + 1, 4)}${today.slice(4)}`;
        if (resolved?.slice(5) !== '02-29') expect(resolved && resolved < yearLater).toBe(true);
      }),
    );
  });

  it('never resolves a past date after today, and within a year unless it is 29 February', () => {
    fc.assert(
      fc.property(dayOfYear, isoToday, ({ day, month }, today) => {
        const resolved = resolveDateWords(on(day, month), today, 'past');
        expect(resolved).not.toBeNull();
        expect(resolved && resolved <= today).toBe(true);
        expect(resolved?.slice(5)).toBe(`${pad(month)}-${pad(day)}`);
        const yearEarlier = `${pad(Number(today.slice(0, 4)) - 1, 4)}${today.slice(4)}`;
        if (resolved?.slice(5) !== '02-29') expect(resolved && resolved > yearEarlier).toBe(true);
      }),
    );
  });
});
