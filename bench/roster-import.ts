/**
 * Roster import (issue 16: a 20,000-student roster with 200,000 enrolments in ≤ 30 s, in memory
 * that does not grow with the file). Writes the staff, groups, students and enrolments files of
 * one school of N students (25 a group, 10 subjects each) and imports them with `koers import`
 * into a migrated database, each school size in a child process of its own, so that its peak
 * memory (maxRSS) is its own: 2,000 and 20,000 students side by side show whether memory grows
 * with the file (the JavaScript heap is capped at 64 MB, so an import that kept the file's rows
 * would fail). Then the same files again (everything unchanged) and a dry run.
 *
 * Run as a child with `child <workDir> <students>`: it prints its figures as one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';
import { subjects } from '../src/domain/enums.ts';
import type { Benchmark } from './benchmark.ts';

const TARGET_SECONDS = 30;
/** The heap each child gets: enough for Koers itself and a few batches of rows, far from a whole file. */
const HEAP_MB = 64;
const SIZES = [2_000, 20_000];
const PER_GROUP = 25;
const SUBJECTS_EACH = 10;
const LEVELS = ['vmbo-b', 'vmbo-k', 'vmbo-tl', 'havo', 'vwo'] as const;

async function write(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (const line of lines) {
    bytes += line.length + 1;
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return bytes;
}

/** The four files of a school of `students` students. */
async function rosterFiles(dir: string, students: number) {
  const groups = Math.ceil(students / PER_GROUP);
  const group = (g: number) => ({
    name: `${(g % 6) + 1}${String.fromCharCode(65 + (g % 26))}${Math.floor(g / 26)}`,
    leerjaar: (g % 6) + 1,
    level: LEVELS[g % LEVELS.length] as string,
    mentor: `mentor${g}@bench.example`,
  });
  const files = {
    staff: join(dir, 'staff.csv'),
    groups: join(dir, 'groups.csv'),
    students: join(dir, 'students.csv'),
    enrolments: join(dir, 'enrolments.csv'),
  };
  await write(files.staff, [
    'email;naam;rollen;team',
    'beheer@bench.example;Beheer;beheerder;',
    'zorg@bench.example;Zorg Coördinator;zorgcoördinator;',
    ...Array.from({ length: groups }, (_, g) => `mentor${g}@bench.example;Mentor ${g};mentor, docent;`),
  ]);
  await write(files.groups, [
    'groep;leerjaar;onderwijssoort;team;mentor;docenten',
    ...Array.from({ length: groups }, (_, g) => {
      const { name, leerjaar, level, mentor } = group(g);
      return `${name};${leerjaar};${level};Team ${leerjaar};${mentor};${mentor}:nederlands | ${mentor}:engels`;
    }),
  ]);
  await write(files.students, [
    'email;voornaam;tussenvoegsel;achternaam;groep;onderwijssoort;leerjaar;mentor',
    ...(function* () {
      for (let s = 0; s < students; s += 1) {
        const { name, leerjaar, level, mentor } = group(Math.floor(s / PER_GROUP));
        yield `leerling${s}@leerling.bench.example;Voornaam${s};${s % 5 === 0 ? 'van der' : ''};Achternaam${s};${name};${level};${leerjaar};${mentor}`;
      }
    })(),
  ]);
  await write(files.enrolments, [
    'email;vak;niveau;moment;cijfer;status',
    ...(function* () {
      for (let s = 0; s < students; s += 1) {
        for (let k = 0; k < SUBJECTS_EACH; k += 1) {
          const grade = `${4 + ((s + k) % 6)},${(s * 7 + k) % 10}`;
          yield `leerling${s}@leerling.bench.example;${subjects[k]};;2028-06;${grade};bezig`;
        }
      }
    })(),
  ]);
  return files;
}

const silent = { out: () => {}, err: (line: string) => process.stderr.write(`${line}\n`) };

async function timed(args: string[]): Promise<number> {
  const started = performance.now();
  const code = await main(args, { ...process.env, KOERS_LOCALE: 'en' }, silent);
  if (code !== 0) throw new Error(`koers ${args.join(' ')} exited ${code}`);
  return (performance.now() - started) / 1000;
}

type ChildFigures = {
  students: number;
  enrolments: number;
  staffGroups: number;
  rosterSeconds: number;
  studentsSeconds: number;
  enrolmentsSeconds: number;
  againSeconds: number;
  dryRunSeconds: number;
  maxRssMb: number;
};

/** One school size, in this process: what the parent runs as a child. */
async function child(workDir: string, students: number): Promise<ChildFigures> {
  const dir = join(workDir, `roster-${students}`);
  mkdirSync(dir, { recursive: true });
  const files = await rosterFiles(dir, students);
  const db = ['--db', join(dir, 'koers.db')];
  await timed(['db', 'migrate', ...db]);
  const school = ['--school', 'Benchmark College', '--region', 'midden'];
  const staffGroups =
    (await timed(['import', 'staff', files.staff, ...db, ...school])) +
    (await timed(['import', 'groups', files.groups, ...db]));
  const studentsSeconds = await timed(['import', 'students', files.students, ...db]);
  const enrolmentsSeconds = await timed(['import', 'enrolments', files.enrolments, ...db]);
  const againSeconds =
    (await timed(['import', 'students', files.students, ...db])) +
    (await timed(['import', 'enrolments', files.enrolments, ...db]));
  const dryRunSeconds = await timed(['import', 'enrolments', files.enrolments, ...db, '--dry-run']);
  return {
    students,
    enrolments: students * SUBJECTS_EACH,
    staffGroups,
    rosterSeconds: studentsSeconds + enrolmentsSeconds,
    studentsSeconds,
    enrolmentsSeconds,
    againSeconds,
    dryRunSeconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const here = fileURLToPath(import.meta.url);

export const rosterImport: Benchmark = {
  name: 'roster-import: students and enrolments of a 20,000-student school',
  async run(workDir) {
    const runs: ChildFigures[] = [];
    for (const size of SIZES) {
      // The JavaScript heap is capped: an import that kept the file's rows would not fit in it.
      const heap = `--max-old-space-size=${HEAP_MB}`;
      const result = spawnSync(
        process.execPath,
        [heap, '--import', 'tsx', here, 'child', workDir, String(size)],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      if (result.status !== 0) throw new Error(`roster-import child for ${size} failed (${result.status})`);
      runs.push(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as ChildFigures);
    }
    const small = runs[0] as ChildFigures;
    const large = runs.at(-1) as ChildFigures;
    const n = (x: number) => x.toLocaleString('en');
    return [
      ...runs.map((r) => ({
        label: `${n(r.students)} students`,
        value: `${r.rosterSeconds.toFixed(1)} s for students + ${n(r.enrolments)} enrolments (students ${r.studentsSeconds.toFixed(1)} s, enrolments ${r.enrolmentsSeconds.toFixed(1)} s); staff + groups ${r.staffGroups.toFixed(1)} s; again, unchanged ${r.againSeconds.toFixed(1)} s; enrolments dry run ${r.dryRunSeconds.toFixed(1)} s`,
        ...(r === large && { target: `≤ ${TARGET_SECONDS} s`, met: r.rosterSeconds <= TARGET_SECONDS }),
      })),
      {
        label: 'peak memory',
        value: `${small.maxRssMb.toFixed(0)} MB for ${n(small.students)} students, ${large.maxRssMb.toFixed(0)} MB for ${n(large.students)} (files 10× larger; JavaScript heap capped at ${HEAP_MB} MB)`,
        target: 'not growing with the file (≤ 1.5× for 10× the file)',
        met: large.maxRssMb <= small.maxRssMb * 1.5,
      },
    ];
  },
};

if (process.argv[1] === here && process.argv[2] === 'child') {
  const figures = await child(process.argv[3] as string, Number(process.argv[4]));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
