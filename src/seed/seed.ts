/**
 * `koers db seed --demo`: Koersmeer College, and with `--students N` the rest of a school
 * board around it, with `--weeks W` weeks of reflections. One transaction: a failure leaves the
 * database as it was.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
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
import { holidaysByRegion } from './holidays.ts';
import { Random } from './random.ts';
import { scaleSchools } from './scale-schools.ts';
import { SchoolBuilder, type SchoolSpec, SeedWriter, type TableName } from './school-builder.ts';

export const DEMO_STUDENT_COUNT = demoGroups.length * studentsPerGroup;
export const DEFAULT_WEEKS = 10;
/** Daan's story needs six answered weeks and two missed ones. */
export const MIN_WEEKS = 8;
export const MAX_WEEKS = 520;
export const MAX_STUDENTS = 200_000;
const SEED = 20_261_123;
const ZONE = 'Europe/Amsterdam';

export const seedOptionsSchema = z.object({
  students: z.number().int().min(DEMO_STUDENT_COUNT).max(MAX_STUDENTS).default(DEMO_STUDENT_COUNT),
  weeks: z.number().int().min(MIN_WEEKS).max(MAX_WEEKS).default(DEFAULT_WEEKS),
  now: z.custom<DateTime>((value) => value instanceof DateTime && value.isValid),
});
export type SeedOptions = z.input<typeof seedOptionsSchema>;

/**
 * `2026-11-23` is the start of that day at the demo school; a date-time with an offset is that
 * instant. Returns undefined for anything else.
 */
export function parseSeedNow(text: string): DateTime | undefined {
  const moment = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? DateTime.fromISO(text, { zone: ZONE })
    : DateTime.fromISO(text, { setZone: true });
  return moment.isValid ? moment.setZone(ZONE) : undefined;
}

export function today(): DateTime {
  return DateTime.now().setZone(ZONE).startOf('day');
}

function demoSpec(): SchoolSpec {
  return {
    name: demoSchool.name,
    region: demoSchool.region,
    studentEmailDomain: demoSchool.studentEmailDomain,
    workspace: demoSchool.workspace,
    holidays: holidaysByRegion[demoSchool.region],
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

export function seedDemo(store: Store, input: SeedOptions): SeedReport {
  const options = seedOptionsSchema.parse(input);
  if (holdsSchoolData(store)) throw new UserError('seed.notEmpty');
  const random = new Random(SEED);
  const schools = [demoSpec(), ...scaleSchools(random, options.students - DEMO_STUDENT_COUNT)];
  return inCheckedTransaction(store, () => {
    const writer = new SeedWriter(store);
    for (const school of schools)
      new SchoolBuilder(writer, random, options.now, options.weeks, school).build();
    return writer.flush();
  });
}
