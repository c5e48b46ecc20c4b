/**
 * School holidays by region for the seeded schools.
 *
 * The 2026-2027 dates are indicative, after the national schedule; a real school imports its
 * own *vakantierooster*. For other school years (a `--now` elsewhere, or a long `--weeks`
 * history) the same holidays are moved by whole weeks to the nearest year, so that they keep
 * their weekdays and fall where holidays fall.
 */
import { DateTime } from 'luxon';
import type { Region } from '../domain/enums.ts';
import type { SeedHoliday } from './plans.ts';

const BASE_SCHOOL_YEAR = 2026;

const shared: SeedHoliday[] = [
  { name: 'Kerstvakantie', startDate: '2026-12-19', endDate: '2027-01-03' },
  { name: 'Goede Vrijdag en Pasen', startDate: '2027-03-26', endDate: '2027-03-29' },
  { name: 'Meivakantie', startDate: '2027-04-24', endDate: '2027-05-02' },
  { name: 'Hemelvaart', startDate: '2027-05-06', endDate: '2027-05-07' },
  { name: 'Pinksteren', startDate: '2027-05-17', endDate: '2027-05-17' },
];

export const holidays2026: Record<Region, SeedHoliday[]> = {
  noord: [
    { name: 'Herfstvakantie', startDate: '2026-10-17', endDate: '2026-10-25' },
    ...shared,
    { name: 'Voorjaarsvakantie', startDate: '2027-02-20', endDate: '2027-02-28' },
    { name: 'Zomervakantie', startDate: '2027-07-10', endDate: '2027-08-22' },
  ],
  midden: [
    { name: 'Herfstvakantie', startDate: '2026-10-17', endDate: '2026-10-25' },
    ...shared,
    { name: 'Voorjaarsvakantie', startDate: '2027-02-20', endDate: '2027-02-28' },
    { name: 'Zomervakantie', startDate: '2027-07-17', endDate: '2027-08-29' },
  ],
  zuid: [
    { name: 'Herfstvakantie', startDate: '2026-10-10', endDate: '2026-10-18' },
    ...shared,
    { name: 'Voorjaarsvakantie', startDate: '2027-02-13', endDate: '2027-02-21' },
    { name: 'Zomervakantie', startDate: '2027-07-24', endDate: '2027-09-05' },
  ],
};

function shifted(holiday: SeedHoliday, years: number): SeedHoliday {
  const days = Math.round((years * 365.2425) / 7) * 7;
  const move = (date: string) => DateTime.fromISO(date).plus({ days }).toISODate() ?? date;
  return { name: holiday.name, startDate: move(holiday.startDate), endDate: move(holiday.endDate) };
}

/**
 * The holidays of every school year from the one `weeks` school weeks before `now` up to the
 * year after `now`, in date order.
 */
export function holidaysAround(region: Region, now: DateTime, weeks: number): SeedHoliday[] {
  const schoolYear = now.month >= 8 ? now.year : now.year - 1;
  // About 38 school weeks make a school year.
  const first = schoolYear - Math.ceil(weeks / 38) - 1;
  const result: SeedHoliday[] = [];
  for (let year = first; year <= schoolYear + 1; year += 1) {
    for (const holiday of holidays2026[region]) result.push(shifted(holiday, year - BASE_SCHOOL_YEAR));
  }
  return result.sort((a, b) => a.startDate.localeCompare(b.startDate));
}
