/**
 * One line of a roster file, checked on its own with zod: every cell is read (a grade with a
 * decimal comma, a month, a role word) or named as wrong, with the value that was there. What a
 * line cannot know by itself (a duplicate address, a group that does not exist) is checked over
 * the whole file afterwards (src/store/roster-checks.ts). These schemas are the types of the rows.
 */
import { z } from 'zod';
import type { StaffRole } from '../domain/enums.ts';
import { type ColumnAt, type FieldOf, layouts, type RosterKind } from './roster-layouts.ts';
import { enrolmentStatusOf, levelOf, listIn, resultWordOf, roleOf, subjectOf } from './roster-vocabulary.ts';

/** A problem in one cell (or a whole line when `column` is null), as a message key with its values. */
export type CellProblem = {
  position: number;
  column: string | null;
  key: string;
  params: Record<string, string>;
};

const NAME_MAX = 100;

const emailShape = z.email();
export const emailOf = (text: string) => {
  const lower = text.trim().toLowerCase();
  return emailShape.safeParse(lower).success ? lower : undefined;
};

/** A cell read by `parse`; empty is `roster.problem.empty`, unreadable is `key` with the value. */
function read<T>(parse: (text: string) => T | undefined, key: string) {
  return z.string().transform((raw, context) => {
    const text = raw.trim();
    const value = text === '' ? undefined : parse(text);
    if (value === undefined) {
      context.addIssue({
        code: 'custom',
        message: text === '' ? 'roster.problem.empty' : key,
        params: { value: text },
      });
      return z.NEVER;
    }
    return value;
  });
}

/** An optional cell: empty is null, otherwise read as `read` does. */
function optional<T>(parse: (text: string) => T | undefined, key: string) {
  return z.string().transform((raw, context): T | null => {
    const text = raw.trim();
    if (text === '') return null;
    const value = parse(text);
    if (value === undefined) {
      context.addIssue({ code: 'custom', message: key, params: { value: text } });
      return z.NEVER;
    }
    return value;
  });
}

const nameText = (text: string) => (text.length <= NAME_MAX ? text : undefined);
/** A group's name (and a *tussenvoegsel*): at most 40 characters. */
const groupText = (text: string) => (text.length <= 40 ? text : undefined);
const name = read(nameText, 'roster.problem.tooLong');
const optionalName = optional(nameText, 'roster.problem.tooLong');
const email = read(emailOf, 'roster.problem.badEmail');
const level = read(levelOf, 'roster.problem.badLevel');
const leerjaar = read((text) => (/^[1-8]$/.test(text) ? Number(text) : undefined), 'roster.problem.badYear');

/** A grade from 1 to 10 with at most two decimals, a decimal comma or point: `5,5`, `7.25`, `8`. */
export function gradeOf(text: string): number | undefined {
  const match = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const grade = Number(`${match[1]}.${match[2] ?? '0'}`);
  return grade >= 1 && grade <= 10 ? grade : undefined;
}

const isRealDay = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * The month of completion, `YYYY-MM`, from `2027-06`, `06-2027`, `6/2027`, or a whole date
 * (`2027-06-30`, `30-06-2027`) that must be a real day.
 */
export function momentOf(text: string): string | undefined {
  const parts = text.trim().split(/[-/.]/);
  if (!parts.every((p) => /^\d+$/.test(p))) return undefined;
  let year: number;
  let month: number;
  let day: number | undefined;
  const [a = '', b = '', c = ''] = parts;
  if (parts.length === 2 && a.length === 4 && b.length <= 2) [year, month] = [Number(a), Number(b)];
  else if (parts.length === 2 && b.length === 4 && a.length <= 2) [year, month] = [Number(b), Number(a)];
  else if (parts.length === 3 && a.length === 4 && b.length <= 2 && c.length <= 2)
    [year, month, day] = [Number(a), Number(b), Number(c)];
  else if (parts.length === 3 && c.length === 4 && a.length <= 2 && b.length <= 2)
    [year, month, day] = [Number(c), Number(b), Number(a)];
  else return undefined;
  if (year < 1990 || year > 2100 || month < 1 || month > 12) return undefined;
  if (day !== undefined && !isRealDay(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A list cell of which every part must read; the first that does not is named. */
function list<T>(parse: (part: string) => T | undefined, key: string) {
  return z.string().transform((raw, context): T[] => {
    const values: T[] = [];
    for (const part of listIn(raw)) {
      const value = parse(part);
      if (value === undefined) {
        context.addIssue({ code: 'custom', message: key, params: { value: part } });
        return z.NEVER;
      }
      values.push(value);
    }
    return values;
  });
}

/** `p.devries@school.nl:frans`, `frans:p.devries@school.nl` or `p.devries@school.nl (frans)`. */
function teacherOf(part: string) {
  const pieces = part
    .replace(/\)\s*$/, '')
    .split(/\s*[:=(]\s*/)
    .filter((p) => p !== '');
  if (pieces.length !== 2) return undefined;
  const [first = '', second = ''] = pieces;
  const [address, word] = first.includes('@') ? [first, second] : [second, first];
  const teacher = emailOf(address);
  const subject = subjectOf(word);
  return teacher && subject ? { email: teacher, subject } : undefined;
}

export const staffRow = z
  .object({
    email,
    name: z.string(),
    firstName: z.string(),
    lastNamePrefix: z.string(),
    lastName: z.string(),
    roles: list<StaffRole>(roleOf, 'roster.problem.badRole'),
    teams: list(nameText, 'roster.problem.tooLong'),
  })
  .transform((row, context) => {
    // One name column, or the parts of the name.
    const full =
      row.name.trim() ||
      [row.firstName, row.lastNamePrefix, row.lastName]
        .map((p) => p.trim())
        .filter(Boolean)
        .join(' ');
    if (full === '')
      context.addIssue({ code: 'custom', path: ['name'], message: 'roster.problem.empty', params: {} });
    else if (full.length > NAME_MAX)
      context.addIssue({ code: 'custom', path: ['name'], message: 'roster.problem.tooLong', params: {} });
    if (row.roles.length === 0)
      context.addIssue({ code: 'custom', path: ['roles'], message: 'roster.problem.noRole', params: {} });
    const leads = row.roles.includes('teamleider');
    if (leads && row.teams.length === 0)
      context.addIssue({
        code: 'custom',
        path: ['teams'],
        message: 'roster.problem.leaderWithoutTeam',
        params: {},
      });
    return {
      email: row.email,
      name: full,
      roles: [...new Set(row.roles)],
      // A team is what a team leader leads; for anyone else the column says nothing Koers keeps.
      teams: leads ? [...new Set(row.teams)] : [],
    };
  });

export const groupRow = z.object({
  name: read(groupText, 'roster.problem.tooLong'),
  leerjaar,
  onderwijssoort: level,
  team: optionalName,
  mentors: list(emailOf, 'roster.problem.badEmail'),
  teachers: list(teacherOf, 'roster.problem.badTeacher'),
});

export const studentRow = z.object({
  email,
  firstName: name,
  lastNamePrefix: optional(groupText, 'roster.problem.tooLong'),
  lastName: name,
  preferredName: optionalName,
  group: read(groupText, 'roster.problem.tooLong'),
  onderwijssoort: level,
  leerjaar,
  mentor: optional(emailOf, 'roster.problem.badEmail'),
});

/** A result: a grade (`5,5`) or a word (`voldoende`); empty is no result yet. */
const result = z.string().transform((raw, context) => {
  const text = raw.trim();
  if (text === '') return { grade: null, word: null };
  const grade = gradeOf(text);
  if (grade !== undefined) return { grade, word: null };
  const word = resultWordOf(text);
  if (word !== undefined) return { grade: null, word };
  context.addIssue({ code: 'custom', message: 'roster.problem.badResult', params: { value: text } });
  return z.NEVER;
});

export const enrolmentRow = z
  .object({
    email,
    subject: read(subjectOf, 'roster.problem.badSubject'),
    level: optional(levelOf, 'roster.problem.badLevel'),
    moment: read(momentOf, 'roster.problem.badMoment'),
    result,
    status: optional(enrolmentStatusOf, 'roster.problem.badStatus'),
  })
  .transform(({ result, status, ...row }) => ({
    ...row,
    grade: result.grade,
    word: result.word,
    status: status ?? 'bezig',
  }));

const schemas = { staff: staffRow, groups: groupRow, students: studentRow, enrolments: enrolmentRow };

export type StaffRow = z.output<typeof staffRow>;
export type GroupRow = z.output<typeof groupRow>;
export type StudentRow = z.output<typeof studentRow>;
export type EnrolmentRow = z.output<typeof enrolmentRow>;
export type RosterRow<K extends RosterKind> = z.output<(typeof schemas)[K]>;

/**
 * A line of a `kind` file as its row, or the problems of its cells, in the order of the columns.
 * A field whose column the file does not have reads as an empty cell.
 */
export function rowOf<K extends RosterKind>(
  kind: K,
  cells: readonly string[],
  at: Partial<Record<FieldOf<K>, ColumnAt>>,
): { ok: true; row: RosterRow<K> } | { ok: false; problems: CellProblem[] } {
  const input: Record<string, string> = {};
  const columns = at as Record<string, ColumnAt | undefined>;
  for (const field of Object.keys(layouts[kind])) {
    const column = columns[field];
    input[field] = column ? (cells[column.position] ?? '') : '';
  }
  const parsed = schemas[kind].safeParse(input);
  if (parsed.success) return { ok: true, row: parsed.data as RosterRow<K> };
  const problems = parsed.error.issues.map((issue): CellProblem => {
    const field = String(issue.path[0]);
    // A staff member's name written in parts is named at its first part.
    const column = columns[field] ?? (field === 'name' ? columns.firstName : undefined);
    return {
      position: column?.position ?? -1,
      column: column?.column ?? null,
      key: issue.message,
      params: (issue as { params?: Record<string, string> }).params ?? {},
    };
  });
  return { ok: false, problems: problems.sort((a, b) => a.position - b.position) };
}
