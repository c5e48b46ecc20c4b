/**
 * `koers import oneroster <folder|zip>`: a OneRoster 1.1 CSV bundle (orgs, users, classes,
 * enrollments) into Koers's schools, groups, staff and students, all or nothing, as one roster
 * per school (docs/roster.md says how the bundle maps). Each file streams through the CSV reader
 * and each line is checked with zod; the lines are staged, their links checked, and the result is
 * merged exactly as the staff, groups and students files are (src/store/roster-merge.ts).
 *
 * OneRoster has no *onderwijssoort*: a homeroom class's level and year come from its title, the
 * way Dutch schools name their classes (`3H` havo 3, `4V` vwo 4, `2K` vmbo-k 2, `groep 5` po).
 */
import { z } from 'zod';
import type { Onderwijssoort, Region } from '../domain/enums.ts';
import { UserError } from '../i18n/user-error.ts';
import type { Store } from '../store/database.ts';
import { checkGroups, checkStaff, checkStudents } from '../store/roster-checks.ts';
import {
  applyRoster,
  auditRosterImport,
  createSchools,
  emptyCounts,
  mergeGroups,
  mergeStaff,
  mergeStudents,
  type RosterCounts,
} from '../store/roster-merge.ts';
import { deriveOneRoster } from '../store/roster-oneroster.ts';
import { type RosterProblem, type RosterStage, withRosterStage } from '../store/roster-staging.ts';
import { CsvReadError, readCsv } from './csv-reader.ts';
import { BUNDLE_FILES, type Bundle, type BundleFile, openBundle } from './oneroster-bundle.ts';
import { PROBLEMS_SHOWN } from './roster-import.ts';
import type { ColumnAt } from './roster-layouts.ts';
import { emailOf } from './roster-rows.ts';
import { levelOf, subjectOf, wordKey } from './roster-vocabulary.ts';

/** The roles of OneRoster users Koers keeps: the rest (parents, aides…) are not its people. */
const KEPT_ROLES = ['student', 'teacher', 'administrator'];

/** Roles that OneRoster cannot say, and so are kept as a staff file gave them. */
const ROLES_NOT_IN_ONEROSTER = ['zorgcoordinator', 'teamleider'] as const;

const LETTERS: [RegExp, Onderwijssoort][] = [
  [/^gl/, 'vmbo-gl'],
  [/^(tl|t|m)/, 'vmbo-tl'],
  [/^(kb|k)/, 'vmbo-k'],
  [/^(bb|b)/, 'vmbo-b'],
  [/^h/, 'havo'],
  [/^(v|a|g)/, 'vwo'],
];

/**
 * A class's level and year from its title, as Dutch schools write them: `3H`, `4 vwo`, `havo 3`,
 * `2KB`, `1gl`, `groep 5b`. Undefined when the title does not say both.
 */
export function levelAndYearOf(
  title: string,
): { leerjaar: number; onderwijssoort: Onderwijssoort } | undefined {
  const key = wordKey(title);
  const words = key.split('-').filter(Boolean);
  const group = key.match(/^groep-?([1-8])/);
  if (group) return { leerjaar: Number(group[1]), onderwijssoort: 'po' };
  // `3h`, `4va`, `2kb`: the year and the level's letters in one word.
  for (const word of words) {
    const code = /^([1-8])([a-z]+)$/.exec(word);
    if (!code) continue;
    const named = levelOf(code[2] ?? '');
    const lettered = LETTERS.find(([pattern]) => pattern.test(code[2] ?? ''))?.[1];
    const level = named ?? lettered;
    if (level) return { leerjaar: Number(code[1]), onderwijssoort: level };
  }
  // `havo 3`, `3 vwo`: the level and the year in words of their own.
  const year = words.find((w) => /^[1-8]$/.test(w));
  const level = words.map((w) => levelOf(w)).find((l) => l !== undefined);
  return year && level ? { leerjaar: Number(year), onderwijssoort: level } : undefined;
}

/** The subject of a scheduled class: its subjects, its subject codes, or a word of its title. */
function subjectOfClass(subjects: string, codes: string, title: string) {
  for (const text of [subjects, codes]) {
    for (const part of text.split(',')) {
      const subject = part.trim() === '' ? undefined : subjectOf(part);
      if (subject) return subject;
    }
  }
  return (
    subjectOf(title) ??
    title
      .split(/\s+/)
      .map((word) => subjectOf(word))
      .find(Boolean) ??
    null
  );
}

type Spec = Record<string, { name: string; required: boolean }>;
const col = (name: string, required = false) => ({ name, required });

const SPECS = {
  'orgs.csv': {
    sourcedId: col('sourcedId', true),
    status: col('status'),
    name: col('name', true),
    type: col('type', true),
  },
  'users.csv': {
    sourcedId: col('sourcedId', true),
    status: col('status'),
    enabledUser: col('enabledUser'),
    orgSourcedIds: col('orgSourcedIds', true),
    role: col('role', true),
    givenName: col('givenName', true),
    familyName: col('familyName', true),
    middleName: col('middleName'),
    email: col('email', true),
  },
  'classes.csv': {
    sourcedId: col('sourcedId', true),
    status: col('status'),
    title: col('title', true),
    classType: col('classType', true),
    schoolSourcedId: col('schoolSourcedId', true),
    subjects: col('subjects'),
    subjectCodes: col('subjectCodes'),
  },
  'enrollments.csv': {
    status: col('status'),
    classSourcedId: col('classSourcedId', true),
    userSourcedId: col('userSourcedId', true),
    role: col('role', true),
    primary: col('primary'),
  },
} as const satisfies Record<BundleFile, Spec>;

const id = z.string().trim().min(1, 'roster.problem.empty');
const word = z.string().transform((text) => text.trim().toLowerCase());
const text = (max: number) =>
  z.string().trim().min(1, 'roster.problem.empty').max(max, 'roster.problem.tooLong');

/** Rows with status `tobedeleted` are gone from the school: they are read as not being there. */
const active = (row: { status: string }) => row.status !== 'tobedeleted';

/** A user Koers takes: one of its people, not gone, not disabled. Only these are checked and staged. */
const taken = (user: { role: string; status: string; enabledUser: string }) =>
  KEPT_ROLES.includes(user.role) && active(user) && user.enabledUser !== 'false';

const ROWS = {
  'orgs.csv': z.object({ sourcedId: id, status: word, name: text(100), type: word }),
  'users.csv': z
    .object({
      sourcedId: id,
      status: word,
      enabledUser: word,
      orgSourcedIds: z.string(),
      role: word,
      givenName: z.string().trim(),
      familyName: z.string().trim(),
      middleName: z.string().trim(),
      email: z.string(),
    })
    .superRefine((row, context) => {
      if (!taken(row)) return;
      if (emailOf(row.email) === undefined)
        context.addIssue({
          code: 'custom',
          path: ['email'],
          message: row.email.trim() === '' ? 'roster.problem.empty' : 'roster.problem.badEmail',
          params: { value: row.email.trim() },
        });
      for (const field of ['givenName', 'familyName'] as const) {
        if (row[field] === '')
          context.addIssue({ code: 'custom', path: [field], message: 'roster.problem.empty' });
        else if (row[field].length > 100)
          context.addIssue({ code: 'custom', path: [field], message: 'roster.problem.tooLong' });
      }
    }),
  'classes.csv': z
    .object({
      sourcedId: id,
      status: word,
      title: text(40),
      classType: word,
      schoolSourcedId: id,
      subjects: z.string(),
      subjectCodes: z.string(),
    })
    .superRefine((row, context) => {
      if (row.classType === 'homeroom' && active(row) && !levelAndYearOf(row.title))
        context.addIssue({
          code: 'custom',
          path: ['title'],
          message: 'roster.oneroster.classLevel',
          params: { value: row.title },
        });
    }),
  'enrollments.csv': z.object({
    status: word,
    classSourcedId: id,
    userSourcedId: id,
    role: word,
    primary: word,
  }),
};

/**
 * Stages a user or class that is in the bundle but not taken (gone, disabled, a parent, or with a
 * problem named already) as a row with `kept` 0 and only its id: known, so that an enrolment
 * naming it is not a second problem.
 */
async function stageNotTaken(
  stage: RosterStage,
  file: BundleFile,
  line: number,
  sourcedId: string | undefined,
): Promise<void> {
  const id = sourcedId?.trim();
  if (!id) return;
  if (file === 'users.csv')
    await stage.oneRoster('or_users', [line, id, null, null, null, null, null, '[]', 0]);
  else if (file === 'classes.csv')
    await stage.oneRoster('or_classes', [line, id, null, null, null, null, null, null, 0]);
}

/** Stages one checked row of a bundle file. */
async function stageRow(
  stage: RosterStage,
  file: BundleFile,
  line: number,
  row: Record<string, string>,
): Promise<void> {
  if (file === 'orgs.csv') {
    if (active(row as { status: string }))
      await stage.oneRoster('or_orgs', [line, row.sourcedId ?? null, row.name ?? null, row.type ?? null]);
  } else if (file === 'users.csv') {
    const user = row as z.output<(typeof ROWS)['users.csv']>;
    if (!taken(user)) {
      await stageNotTaken(stage, file, line, user.sourcedId);
      return;
    }
    const orgs = user.orgSourcedIds
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    await stage.oneRoster('or_users', [
      line,
      user.sourcedId,
      user.role,
      emailOf(user.email) ?? null,
      user.givenName,
      user.middleName,
      user.familyName,
      JSON.stringify(orgs),
      1,
    ]);
  } else if (file === 'classes.csv') {
    const c = row as z.output<(typeof ROWS)['classes.csv']>;
    if (!active(c)) {
      await stageNotTaken(stage, file, line, c.sourcedId);
      return;
    }
    const homeroom = c.classType === 'homeroom';
    const level = homeroom ? levelAndYearOf(c.title) : undefined;
    await stage.oneRoster('or_classes', [
      line,
      c.sourcedId,
      c.title,
      c.classType,
      c.schoolSourcedId,
      level?.leerjaar ?? null,
      level?.onderwijssoort ?? null,
      homeroom ? null : subjectOfClass(c.subjects, c.subjectCodes, c.title),
      1,
    ]);
  } else {
    const e = row as z.output<(typeof ROWS)['enrollments.csv']>;
    if (!active(e) || !['student', 'teacher'].includes(e.role)) return;
    await stage.oneRoster('or_enrollments', [
      line,
      e.classSourcedId,
      e.userSourcedId,
      e.role,
      e.primary === 'true' ? 1 : 0,
    ]);
  }
}

/** Reads one file of the bundle into the stage; returns where its columns are, or undefined when it could not be read. */
async function readFile(
  stage: RosterStage,
  file: BundleFile,
  source: AsyncIterable<Buffer>,
): Promise<Record<string, ColumnAt> | undefined> {
  const spec: Spec = SPECS[file];
  let at: Record<string, ColumnAt> | undefined;
  let headerOk = false;
  const problem = (p: Omit<RosterProblem, 'file'>) => stage.problem({ file, ...p });
  try {
    await readCsv(source, async ({ line, cells }) => {
      if (!at) {
        at = {};
        const byName = new Map(
          cells.map((cell, position) => [cell.trim().toLowerCase(), { position, column: cell.trim() }]),
        );
        for (const [field, { name, required }] of Object.entries(spec)) {
          const found = byName.get(name.toLowerCase());
          if (found) at[field] = found;
          else if (required)
            await problem({
              line,
              position: cells.length,
              column: null,
              key: 'roster.oneroster.missingColumn',
              params: { column: name },
            });
        }
        headerOk = Object.entries(spec).every(([field, { required }]) => !required || at?.[field]);
        return;
      }
      if (!headerOk) return;
      const input: Record<string, string> = {};
      for (const field of Object.keys(spec)) {
        const column = at[field];
        input[field] = column ? (cells[column.position] ?? '') : '';
      }
      const parsed = ROWS[file].safeParse(input);
      if (parsed.success) await stageRow(stage, file, line, parsed.data as Record<string, string>);
      else {
        await stageNotTaken(stage, file, line, input.sourcedId);
        for (const issue of parsed.error.issues) {
          const column = at[String(issue.path[0])];
          await problem({
            line,
            position: column?.position ?? -1,
            column: column?.column ?? null,
            key: issue.message,
            params: (issue as { params?: Record<string, string> }).params ?? {},
          });
        }
      }
    });
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    await problem({ line: error.line, position: -1, column: null, key: error.key, params: {} });
    return undefined;
  }
  if (!at) {
    await problem({ line: 1, position: -1, column: null, key: 'roster.file.empty', params: {} });
    return undefined;
  }
  return headerOk ? at : undefined;
}

export type OneRosterOptions = {
  path: string;
  /** The region of schools the bundle brings that Koers does not have yet. */
  region: Region | undefined;
  dryRun: boolean;
  now: Date;
  today: string;
  onBytes?: (bytes: number) => void;
};

export type SchoolCounts = {
  name: string;
  staff: RosterCounts;
  groups: RosterCounts;
  students: RosterCounts;
};

export type OneRosterResult =
  | { ok: false; problems: RosterProblem[]; total: number }
  | { ok: true; dryRun: boolean; createdSchools: string[]; schools: SchoolCounts[]; skippedClasses: number };

export async function importOneRoster(store: Store, options: OneRosterOptions): Promise<OneRosterResult> {
  const bundle = await openBundle(options.path);
  try {
    return await withRosterStage(store, (stage) => importBundle(store, stage, bundle, options));
  } finally {
    bundle.close();
  }
}

async function importBundle(
  store: Store,
  stage: RosterStage,
  bundle: Bundle,
  options: OneRosterOptions,
): Promise<OneRosterResult> {
  const columns: Partial<Record<BundleFile, Record<string, ColumnAt>>> = {};
  for (const file of BUNDLE_FILES) {
    if (!bundle.files.has(file)) {
      await stage.problem({
        file,
        line: 0,
        position: -1,
        column: null,
        key: 'roster.oneroster.missingFile',
        params: {},
      });
      continue;
    }
    const counted = async function* () {
      for await (const chunk of bundle.open(file)) {
        options.onBytes?.(chunk.length);
        yield chunk;
      }
    };
    const at = await readFile(stage, file, counted());
    if (at) columns[file] = at;
  }
  const complete = BUNDLE_FILES.every((file) => columns[file]);
  let skippedClasses = 0;
  if (complete) {
    skippedClasses = (
      await deriveOneRoster(stage, {
        orgIds: columns['users.csv']?.orgSourcedIds,
        classSchool: columns['classes.csv']?.schoolSourcedId,
        classId: columns['enrollments.csv']?.classSourcedId,
        userId: columns['enrollments.csv']?.userSourcedId,
      })
    ).skippedClasses;
    const email = columns['users.csv']?.email as ColumnAt;
    await checkStaff(stage, { email });
    await checkGroups(stage, { name: columns['classes.csv']?.title as ColumnAt }, { staffFromStage: true });
    await checkStudents(stage, { email }, { fromStage: true });
  }
  const total = await stage.problems();
  if (total > 0) return { ok: false, problems: await stage.firstProblems(PROBLEMS_SHOWN), total };
  const schools = await stage.schools();
  const newSchools = schools.filter((s) => s.id === null);
  if (newSchools.length > 0 && !options.region)
    throw new UserError('roster.oneroster.newNeedsRegion', {
      schools: newSchools.map((s) => s.name).join(', '),
    });
  const at = { now: options.now.toISOString(), today: options.today };
  return applyRoster(store, options.dryRun, async () => {
    const createdSchools = await createSchools(store, options.region ?? 'midden', at.now);
    const staff = await mergeStaff(store, at, { keepLinkedRoles: false, keepRoles: ROLES_NOT_IN_ONEROSTER });
    const groups = await mergeGroups(store, { keepTeams: true });
    const students = await mergeStudents(store, at);
    const result = schools.map(
      (s): SchoolCounts => ({
        name: s.name,
        staff: staff.get(s.key) as RosterCounts,
        groups: groups.get(s.key) as RosterCounts,
        students: students.get(s.key) as RosterCounts,
      }),
    );
    await auditRosterImport(store, at, 'import oneroster', {
      kind: 'oneroster',
      schools: result.length,
      createdSchools: createdSchools.length,
      staff: sum(result.map((r) => r.staff)),
      groups: sum(result.map((r) => r.groups)),
      students: sum(result.map((r) => r.students)),
    });
    return { ok: true as const, dryRun: options.dryRun, createdSchools, schools: result, skippedClasses };
  });
}

function sum(counts: RosterCounts[]): RosterCounts {
  const all = emptyCounts();
  for (const c of counts) for (const key of Object.keys(all) as (keyof RosterCounts)[]) all[key] += c[key];
  return all;
}
