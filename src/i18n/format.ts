/**
 * Dates and numbers in the reader's language: a grade is `5,2` in Dutch and `5.2` in English,
 * a date `15 dec 2026` or `15 Dec 2026`.
 */
import type { Locale } from '../domain/enums.ts';

export type Formatter = {
  /** An ISO calendar date. */
  date: (isoDate: string) => string;
  /** A UTC instant, as the calendar day it is in the school's time zone. */
  day: (instant: string) => string;
  /** A grade from 1.0 to 10.0, always with one decimal. */
  grade: (grade: number) => string;
  number: (value: number, maximumFractionDigits?: number) => string;
  /** A share from 0 to 1 as a percentage. */
  percent: (share: number) => string;
  list: (items: readonly string[]) => string;
  /** An ISO weekday, 1 = Monday. */
  weekday: (isoWeekday: number) => string;
};

/** British English writes `15 Dec 2026`, day first, as the Dutch do; `en` alone would be American. */
const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale);

const formatters = new Map<string, Formatter>();

/** One formatter per language and time zone: building Intl formats is slower than using them. */
export function formatter(appLocale: Locale, timeZone: string): Formatter {
  const key = `${appLocale} ${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = buildFormatter(appLocale, timeZone);
    formatters.set(key, found);
  }
  return found;
}

function buildFormatter(appLocale: Locale, timeZone: string): Formatter {
  const locale = intlLocale(appLocale);
  const dates = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const days = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone });
  const grades = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numbers = (digits: number) => {
    let format = numberFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numberFormats.set(digits, format);
    }
    return format;
  };
  const weekdays = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    date: (isoDate) => dates.format(new Date(`${isoDate}T00:00:00Z`)),
    day: (instant) => days.format(new Date(instant)),
    grade: (grade) => grades.format(grade),
    number: (value, maximumFractionDigits = 1) => numbers(maximumFractionDigits).format(value),
    percent: (share) => percents.format(share),
    list: (items) => lists.format(items),
    // 2024-01-01 was a Monday.
    weekday: (isoWeekday) => weekdays.format(new Date(Date.UTC(2024, 0, isoWeekday))),
  };
}
