/**
 * `koers db seed --demo`: Koersmeer College, and with `--students N` the rest of a school
 * board around it, with `--weeks W` weeks of reflections. One transaction: a failure leaves the
 * database as it was.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { defaultPromptSchedule } from '../domain/prompt-calendar.ts';
import { UserError } from '../i18n/user-error.ts';
import type { Store } from '../store/database.ts';
import { holdsSchoolData } from '../store/emptiness.ts';
import { inCheckedTransaction } from '../store/transaction.ts';
import {
  demoGroups,
  demoIndicators,
  demoSchool,
  demoStaff,
  demoStaffChannel,
  demoStudents,
  demoTeam,
  studentsPerGroup,
} from './demo-school.ts';
import { holidaysAround } from './holidays.ts';
import type { SchoolSpec } from './plans.ts';
import { Random } from './random.ts';
import { scaleSchools } from './scale-schools.ts';
import { SchoolBuilder } from './school-builder.ts';
import { SeedWriter, type TableName } from './seed-writer.ts';

export const DEMO_STUDENT_COUNT = demoGroups.length * studentsPerGroup;
export const DEFAULT_WEEKS = 10;
/** Daan's story needs six answered weeks and two missed ones. */
export const MIN_WEEKS = 8;
export const MAX_WEEKS = 520;
export const MAX_STUDENTS = 200_000;
const SEED = 20_261_123;
const ZONE = defaultPromptSchedule.timeZone;
/** Years a `--now` may fall in: the stories need a calendar, not archaeology. */
const NOW_YEARS = { min: 2000, max: 2100 };

export const seedOptionsSchema = z.object({
  students: z.number().int().min(DEMO_STUDENT_COUNT).max(MAX_STUDENTS).default(DEMO_STUDENT_COUNT),
  weeks: z.number().int().min(MIN_WEEKS).max(MAX_WEEKS).default(DEFAULT_WEEKS),
  now: z.custom<DateTime>((value) => value instanceof DateTime && value.isValid),
});
export type SeedOptions = z.input<typeof seedOptionsSchema>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * `2026-11-23` is the start of that day at the demo school; `2026-11-27T13:00+01:00` is that
 * instant, and without an offset it is read in Amsterdam (never in the machine's own zone, so the
 * same `--now` gives the same data everywhere). Returns undefined for anything else.
 */
export function parseSeedNow(text: string): DateTime | undefined {
  if (!DATE.test(text) && !DATE_TIME.test(text)) return undefined;
  const moment = DateTime.fromISO(text, { zone: ZONE, setZone: true });
  if (!moment.isValid || moment.year < NOW_YEARS.min || moment.year > NOW_YEARS.max) return undefined;
  return moment.setZone(ZONE);
}

export function today(): DateTime {
  return DateTime.now().setZone(ZONE).startOf('day');
}

function demoSpec(holidaysOf: (region: SchoolSpec['region']) => SchoolSpec['holidays']): SchoolSpec {
  return {
    name: demoSchool.name,
    region: demoSchool.region,
    studentEmailDomain: demoSchool.studentEmailDomain,
    workspace: demoSchool.workspace,
    holidays: holidaysOf(demoSchool.region),
    groups: demoGroups.map((g) => ({ ...g, team: demoTeam })),
    staff: demoStaff,
    namedStudents: demoStudents,
    studentCount: DEMO_STUDENT_COUNT,
    indicators: demoIndicators,
    indicatorTeam: demoTeam,
    staffChannel: { team: demoTeam, channel: demoStaffChannel },
  };
}

export type SeedReport = Record<TableName, number>;

export async function seedDemo(store: Store, input: SeedOptions): Promise<SeedReport> {
  const options = seedOptionsSchema.parse(input);
  if (await holdsSchoolData(store)) throw new UserError('seed.notEmpty');
  const random = new Random(SEED);
  const holidays = (region: SchoolSpec['region']) => holidaysAround(region, options.now, options.weeks);
  const schools = [
    demoSpec(holidays),
    ...scaleSchools(random, options.students - DEMO_STUDENT_COUNT, holidays),
  ];
  return inCheckedTransaction(store, async () => {
    const writer = new SeedWriter(store);
    for (const school of schools)
      await new SchoolBuilder(writer, random, options.now, options.weeks, school).build();
    return writer.flush();
  });
}
