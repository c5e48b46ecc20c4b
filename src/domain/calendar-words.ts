/**
 * Dates as people type them in a chat line: `15-12`, `15 dec.`, `december 15, 2026`, `morgen`.
 * Parsing only recognises the words; resolving needs "today" and a direction, because `15 december`
 * typed in January means last December for a look-back but next December for a deadline.
 */

export type DateWords =
  | { kind: 'calendar'; day: number; month: number; year?: number }
  | { kind: 'relative'; days: number };

type CalendarDate = { year: number; month: number; day: number };

const monthNumbers: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, ['januari', 'jan', 'january']],
      [2, ['februari', 'feb', 'february']],
      [3, ['maart', 'mrt', 'mar', 'march']],
      [4, ['april', 'apr']],
      [5, ['mei', 'may']],
      [6, ['juni', 'jun', 'june']],
      [7, ['juli', 'jul', 'july']],
      [8, ['augustus', 'aug', 'august']],
      [9, ['september', 'sep', 'sept']],
      [10, ['oktober', 'okt', 'october', 'oct']],
      [11, ['november', 'nov']],
      [12, ['december', 'dec']],
    ] as const
  ).flatMap(([month, names]) => names.map((name) => [name, month] as const)),
);

const relativeDays: ReadonlyMap<string, number> = new Map([
  ['vandaag', 0],
  ['today', 0],
  ['morgen', 1],
  ['tomorrow', 1],
  ['overmorgen', 2],
  ['gisteren', -1],
  ['yesterday', -1],
  ['eergisteren', -2],
]);

/** `volgende week`, `next week`: the same weekday a week on. */
const nextWeek: ReadonlySet<string> = new Set(['volgende week', 'komende week', 'next week']);

/** `over 3 weken`, `in 2 days`, `over een week`: a count of days or weeks from today. */
const fromNowPattern =
  /^(?:over|in) (\d{1,3}|een|twee|drie|vier|vijf|zes|a|one|two|three|four|five|six) ([a-z]+)$/;
const countWords: ReadonlyMap<string, number> = new Map([
  ['een', 1],
  ['a', 1],
  ['one', 1],
  ['twee', 2],
  ['two', 2],
  ['drie', 3],
  ['three', 3],
  ['vier', 4],
  ['four', 4],
  ['vijf', 5],
  ['five', 5],
  ['zes', 6],
  ['six', 6],
]);
const unitDays: ReadonlyMap<string, number> = new Map([
  ['dag', 1],
  ['dagen', 1],
  ['day', 1],
  ['days', 1],
  ['week', 7],
  ['weken', 7],
  ['weeks', 7],
]);

function fromNow(normalised: string): DateWords | null {
  if (nextWeek.has(normalised)) return { kind: 'relative', days: 7 };
  const match = fromNowPattern.exec(normalised);
  if (!match?.[1] || !match[2]) return null;
  const count = countWords.get(match[1]) ?? Number(match[1]);
  const unit = unitDays.get(match[2]);
  return unit === undefined ? null : { kind: 'relative', days: count * unit };
}

// Plain ASCII digits only: `\d` never matches other scripts' digits, which Number() would misread.
const isoPattern = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const numericPattern = /^(\d{1,2})([-/])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/;
const dayFirstPattern = /^(\d{1,2}) ([a-z]+\.?)(?: (\d{4}))?$/;
const monthFirstPattern = /^([a-z]+\.?) (\d{1,2})(?:,? (\d{4}))?$/;

const firstYear = 1;
const lastYear = 9999;
const msPerDay = 86_400_000;
/** The longest run of years without a 29 February (e.g. 2096 → 2104). */
const maxLeapGap = 8;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(month: number, year: number | undefined): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Without a year, 29 February is possible: some year will have it. */
function isPossible(day: number, month: number, year: number | undefined): boolean {
  if (year !== undefined && (!Number.isInteger(year) || year < firstYear || year > lastYear)) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  return Number.isInteger(day) && day >= 1 && day <= daysInMonth(month, year);
}

function monthNumber(word: string): number | undefined {
  return monthNumbers.get(word.endsWith('.') ? word.slice(0, -1) : word);
}

function calendar(day: number, month: number | undefined, year?: number): DateWords | null {
  if (month === undefined || !isPossible(day, month, year)) return null;
  return year === undefined ? { kind: 'calendar', day, month } : { kind: 'calendar', day, month, year };
}

function optionalNumber(digits: string | undefined): number | undefined {
  return digits === undefined ? undefined : Number(digits);
}

export function parseDateWords(text: string): DateWords | null {
  const normalised = text.trim().replace(/\s+/g, ' ').toLowerCase();

  const relative = relativeDays.get(normalised);
  if (relative !== undefined) return { kind: 'relative', days: relative };
  const ahead = fromNow(normalised);
  if (ahead) return ahead;

  const iso = isoPattern.exec(normalised);
  if (iso) return calendar(Number(iso[3]), Number(iso[2]), Number(iso[1]));

  const numeric = numericPattern.exec(normalised);
  if (numeric) {
    const yearDigits = numeric[4];
    // Two-digit years are school years being planned, never last century.
    const year = yearDigits?.length === 2 ? 2000 + Number(yearDigits) : optionalNumber(yearDigits);
    return calendar(Number(numeric[1]), Number(numeric[3]), year);
  }

  const dayFirst = dayFirstPattern.exec(normalised);
  if (dayFirst?.[2] !== undefined) {
    return calendar(Number(dayFirst[1]), monthNumber(dayFirst[2]), optionalNumber(dayFirst[3]));
  }

  const monthFirst = monthFirstPattern.exec(normalised);
  if (monthFirst?.[1] !== undefined) {
    return calendar(Number(monthFirst[2]), monthNumber(monthFirst[1]), optionalNumber(monthFirst[3]));
  }

  return null;
}

function formatIso({ year, month, day }: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function parseIso(iso: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isPossible(date.day, date.month, date.year) ? date : null;
}

function addDays(date: CalendarDate, days: number): CalendarDate | null {
  // setUTCFullYear rather than Date.UTC, which would read years 0–99 as 1900–1999.
  const moment = new Date(0);
  moment.setUTCFullYear(date.year, date.month - 1, date.day);
  const shifted = new Date(moment.getTime() + days * msPerDay);
  const year = shifted.getUTCFullYear();
  if (Number.isNaN(year) || year < firstYear || year > lastYear) return null;
  return { year, month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function resolveDateWords(date: DateWords, today: string, prefer: 'future' | 'past'): string | null {
  const base = parseIso(today);
  if (!base) return null;

  if (date.kind === 'relative') {
    if (!Number.isInteger(date.days)) return null;
    const shifted = addDays(base, date.days);
    return shifted ? formatIso(shifted) : null;
  }

  const { day, month, year } = date;
  if (year !== undefined) return isPossible(day, month, year) ? formatIso({ year, month, day }) : null;

  const step = prefer === 'future' ? 1 : -1;
  for (let offset = 0; offset <= maxLeapGap; offset++) {
    const candidateYear = base.year + step * offset;
    if (!isPossible(day, month, candidateYear)) continue;
    const candidate = formatIso({ year: candidateYear, month, day });
    // Same-width ISO strings order like the dates they name.
    if (prefer === 'future' ? candidate >= today : candidate <= today) return candidate;
  }
  return null;
}

/**
 * For a moment that already happened or is about to (a conversation, an evaluation, a start): a
 * day and month without a year mean the occurrence closest to today, so that `24-11` typed on
 * 23 November is tomorrow (and can be refused as the future) rather than a year ago.
 */
export function resolveNearestDateWords(date: DateWords, today: string): string | null {
  if (date.kind !== 'calendar' || date.year !== undefined) return resolveDateWords(date, today, 'past');
  const past = resolveDateWords(date, today, 'past');
  const future = resolveDateWords(date, today, 'future');
  if (past === null || future === null) return past ?? future;
  const distance = (iso: string) => Math.abs(Date.parse(iso) - Date.parse(today));
  return distance(future) < distance(past) ? future : past;
}
