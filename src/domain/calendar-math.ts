/** Calendar arithmetic on ISO dates, free of time zones. */
import { DateTime } from 'luxon';

export function addWeeks(isoDate: string, weeks: number): string {
  const result = DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ weeks }).toISODate();
  if (result === null) throw new Error(`not an ISO date: ${isoDate}`);
  return result;
}
