/**
 * A school's *vakantierooster* as a CSV file: a header line (`naam,start,eind` or
 * `name,start,end`) and one holiday a line, dates as `2026-12-19` or `19-12-2026`. Every line is
 * checked before anything is stored; the problems come back per line.
 */
import { z } from 'zod';
import { CsvReadError, type CsvRecord, readCsv } from './csv-reader.ts';

const HEADERS = {
  name: ['naam', 'name'],
  start: ['start', 'begin', 'van', 'from'],
  end: ['eind', 'einde', 'end', 'tot', 'to'],
};

function isoDate(text: string): string | undefined {
  const trimmed = text.trim();
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(trimmed);
  const iso = dutch
    ? `${dutch[3]}-${dutch[2]?.padStart(2, '0')}-${dutch[1]?.padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
      ? trimmed
      : undefined;
  if (!iso) return undefined;
  // A real day: 2026-02-30 is not one.
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** A date cell: the ISO date, or an issue with the message key saying which date is wrong. */
const dateCell = (problem: string) =>
  z.string().transform((text, context) => {
    const date = isoDate(text);
    if (date === undefined) {
      context.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return date;
  });

const holidayRow = z
  .object({
    name: z.string().trim().min(1, 'holidays.noName').max(100, 'holidays.longName'),
    startDate: dateCell('holidays.badStart'),
    endDate: dateCell('holidays.badEnd'),
  })
  .refine((h) => h.startDate <= h.endDate, { message: 'holidays.endBeforeStart' });

export type HolidayRow = z.output<typeof holidayRow>;
export type HolidaysFile =
  | { ok: true; holidays: HolidayRow[] }
  | { ok: false; problems: { line: number; key: string; params?: Record<string, string> }[] };

/** Reads the file as it streams in; a file that is not UTF-8, or whose quotes do not match, is named at its line. */
export async function readHolidaysFile(source: AsyncIterable<Buffer>): Promise<HolidaysFile> {
  const records: CsvRecord[] = [];
  try {
    // A calendar is a few dozen lines: they are kept, then checked.
    await readCsv(source, (record) => {
      records.push(record);
    });
  } catch (error) {
    if (error instanceof CsvReadError) return { ok: false, problems: [{ line: error.line, key: error.key }] };
    throw error;
  }
  const [header, ...lines] = records;
  if (!header) return { ok: false, problems: [{ line: 1, key: 'holidays.empty' }] };
  const columns = header.cells.map((cell) => cell.trim().toLowerCase());
  const index = (names: string[]) => columns.findIndex((column) => names.includes(column));
  const at = { name: index(HEADERS.name), start: index(HEADERS.start), end: index(HEADERS.end) };
  if (at.name < 0 || at.start < 0 || at.end < 0)
    return {
      ok: false,
      problems: [
        { line: header.line, key: 'holidays.badHeader', params: { found: header.cells.join(', ') } },
      ],
    };
  if (lines.length === 0) return { ok: false, problems: [{ line: header.line + 1, key: 'holidays.empty' }] };
  const holidays: HolidayRow[] = [];
  const problems: { line: number; key: string }[] = [];
  for (const { line, cells } of lines) {
    const parsed = holidayRow.safeParse({
      name: cells[at.name] ?? '',
      startDate: cells[at.start] ?? '',
      endDate: cells[at.end] ?? '',
    });
    if (parsed.success) holidays.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push({ line, key: issue.message });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, holidays };
}
