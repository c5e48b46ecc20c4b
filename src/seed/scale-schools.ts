/**
 * The other schools of the board in a scale seed (`--students 20000`): generated, not named,
 * each about 2,500 students in groups of 25, so that benchmarks run on realistic shapes.
 */
import { type Onderwijssoort, type Region, regions, type Subject } from '../domain/enums.ts';
import { emailPart, familyNames, firstNames } from './names.ts';
import type { GroupSpec, SchoolSpec, SeedHoliday, StaffSpec } from './plans.ts';
import type { Random } from './random.ts';

const STUDENTS_PER_SCHOOL = 2500;
const GROUP_SIZE = 25;
/** Groups a mentor teaches a subject to, their own first. */
const TAUGHT_GROUPS = 6;

const towns = [
  'Noordhaven',
  'Zuiderveld',
  'Oostbroek',
  'Westerwolde',
  'Meerdijk',
  'Rivierstad',
  'Heuvelrug',
  'Duinzicht',
  'Polderwijk',
  'Bergakker',
  'Lindeveld',
  'Eikenburg',
  'Waterland',
  'Hoogeveld',
];
const schoolKinds = ['Stedelijk College', 'Lyceum', 'Scholengemeenschap', 'Montessori College'];

/** Streams and the years they run, the way a broad secondary school is laid out. */
const streams: { soort: Onderwijssoort; letter: string; years: number }[] = [
  { soort: 'vmbo-b', letter: 'B', years: 4 },
  { soort: 'vmbo-k', letter: 'K', years: 4 },
  { soort: 'vmbo-tl', letter: 'T', years: 4 },
  { soort: 'havo', letter: 'H', years: 5 },
  { soort: 'vwo', letter: 'V', years: 6 },
];
const teachingSubjects: Subject[] = [
  'nederlands',
  'engels',
  'wiskunde',
  'geschiedenis',
  'biologie',
  'economie',
];

function teamOf(group: { leerjaar: number; soort: Onderwijssoort }): string {
  if (group.leerjaar <= 2) return 'Onderbouw';
  return group.soort.startsWith('vmbo') ? 'Bovenbouw vmbo' : 'Bovenbouw havo/vwo';
}

function groupsFor(studentCount: number): GroupSpec[] {
  const slots = streams.flatMap((s) =>
    Array.from({ length: s.years }, (_, i) => ({ soort: s.soort, letter: s.letter, leerjaar: i + 1 })),
  );
  const count = Math.max(1, Math.ceil(studentCount / GROUP_SIZE));
  const serial = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const slot = slots[i % slots.length] as (typeof slots)[number];
    const key = `${slot.leerjaar}${slot.letter}`;
    const n = (serial.get(key) ?? 0) + 1;
    serial.set(key, n);
    return { name: `${key}${n}`, leerjaar: slot.leerjaar, onderwijssoort: slot.soort, team: teamOf(slot) };
  });
}

function staffFor(r: Random, groups: GroupSpec[], domain: string): StaffSpec[] {
  const used = new Set<string>();
  const person = () => {
    const first = r.pick(firstNames);
    const family = r.pick(familyNames);
    const base = `${emailPart(first).slice(0, 1)}.${emailPart(`${family.prefix ?? ''}${family.name}`)}`;
    let email = `${base}@${domain}`;
    for (let n = 2; used.has(email); n += 1) email = `${base}${n}@${domain}`;
    used.add(email);
    return { name: [first, family.prefix, family.name].filter(Boolean).join(' '), email };
  };
  // Every group has a mentor, who also teaches one subject to the next six groups: fewer when the
  // school has fewer groups (a small last school of a board), since wrapping around would teach the
  // same group the same subject twice.
  const mentors: StaffSpec[] = groups.map((group, i) => {
    const subject = teachingSubjects[i % teachingSubjects.length] as Subject;
    const taught = Math.min(TAUGHT_GROUPS, groups.length);
    const teaches = Array.from(
      { length: taught },
      (_, k) => groups[(i + k) % groups.length] as GroupSpec,
    ).map((g) => ({
      group: g.name,
      subject,
    }));
    return { ...person(), roles: ['mentor', 'docent'], mentorOf: group.name, teaches };
  });
  const leaders: StaffSpec[] = [...new Set(groups.map((g) => g.team))].map((team) => ({
    ...person(),
    roles: ['teamleider'],
    leads: team,
  }));
  return [
    ...mentors,
    ...leaders,
    { ...person(), roles: ['zorgcoordinator'] },
    { name: 'Beheer', email: `beheer@${domain}`, roles: ['beheerder'] },
  ];
}

export function scaleSchools(
  r: Random,
  studentCount: number,
  holidaysOf: (region: Region) => SeedHoliday[],
): SchoolSpec[] {
  const specs: SchoolSpec[] = [];
  for (let left = studentCount, i = 0; left > 0; i += 1) {
    const count = Math.min(STUDENTS_PER_SCHOOL, left);
    left -= count;
    const town = towns[i % towns.length] as string;
    const kind = schoolKinds[Math.floor(i / towns.length) % schoolKinds.length] as string;
    const round = Math.floor(i / (towns.length * schoolKinds.length));
    const name = `${kind} ${town}${round > 0 ? ` ${round + 1}` : ''}`;
    const slug = emailPart(name);
    const region = regions[i % regions.length] as Region;
    const groups = groupsFor(count);
    specs.push({
      name,
      region,
      studentEmailDomain: `leerling.${slug}.example`,
      workspace: slug,
      holidays: holidaysOf(region),
      groups,
      staff: staffFor(r, groups, `${slug}.example`),
      namedStudents: [],
      studentCount: count,
    });
  }
  return specs;
}
