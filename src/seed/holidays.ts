/**
 * School holidays 2026-2027 by region, as the demo school and the scale schools use them.
 * Indicative dates after the national schedule; a real school imports its own
 * *vakantierooster*.
 */
import type { Region } from '../domain/enums.ts';

export type SeedHoliday = { name: string; startDate: string; endDate: string };

const shared: SeedHoliday[] = [
  { name: 'Kerstvakantie', startDate: '2026-12-19', endDate: '2027-01-03' },
  { name: 'Goede Vrijdag en Pasen', startDate: '2027-03-26', endDate: '2027-03-29' },
  { name: 'Meivakantie', startDate: '2027-04-24', endDate: '2027-05-02' },
  { name: 'Hemelvaart', startDate: '2027-05-06', endDate: '2027-05-07' },
  { name: 'Pinksteren', startDate: '2027-05-17', endDate: '2027-05-17' },
];

export const holidaysByRegion: Record<Region, SeedHoliday[]> = {
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
