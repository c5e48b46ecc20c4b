/**
 * The layouts of the four roster files (docs/roster.md): which columns each has, their Dutch and
 * English header names, and which are required. The header line says which column is where; the
 * order of the columns is free. A column Koers does not know is an error (a typo in an optional
 * column would otherwise lose data without a word), with the nearest name it does know.
 */
import { editDistance } from '../domain/edit-distance.ts';
import { wordKey } from './roster-vocabulary.ts';

export const rosterKinds = ['staff', 'groups', 'students', 'enrolments'] as const;
export type RosterKind = (typeof rosterKinds)[number];

/** A column: the Dutch name first, the English second, then other names school systems use. */
type Column = { names: readonly [string, string, ...string[]]; required: boolean };

const email = {
  names: ['email', 'email', 'e-mail', 'emailadres', 'e-mailadres', 'mail'],
  required: true,
} as const;
const leerjaar = { names: ['leerjaar', 'year', 'jaar', 'jaarlaag'], required: true } as const;
const onderwijssoort = { names: ['onderwijssoort', 'level', 'niveau', 'stream'], required: true } as const;

export const layouts = {
  staff: {
    email,
    name: { names: ['naam', 'name', 'volledige naam', 'full name'], required: false },
    firstName: { names: ['voornaam', 'first_name', 'firstname', 'given name'], required: false },
    lastNamePrefix: { names: ['tussenvoegsel', 'infix', 'tussenvoegsels', 'prefix'], required: false },
    lastName: { names: ['achternaam', 'last_name', 'lastname', 'family name', 'surname'], required: false },
    roles: { names: ['rollen', 'roles', 'rol', 'role', 'functie'], required: true },
    teams: { names: ['team', 'team', 'teams', 'afdeling', 'department'], required: false },
  },
  groups: {
    name: { names: ['groep', 'group', 'klas', 'class', 'stamgroep', 'naam', 'name'], required: true },
    leerjaar,
    onderwijssoort,
    team: { names: ['team', 'team', 'afdeling', 'department'], required: false },
    mentors: { names: ['mentor', 'mentor', 'mentoren', 'mentors'], required: false },
    teachers: { names: ['docenten', 'teachers', 'docent', 'teacher'], required: false },
  },
  students: {
    email,
    firstName: { names: ['voornaam', 'first_name', 'firstname', 'given name'], required: true },
    lastNamePrefix: { names: ['tussenvoegsel', 'infix', 'tussenvoegsels', 'prefix'], required: false },
    lastName: { names: ['achternaam', 'last_name', 'lastname', 'family name', 'surname'], required: true },
    preferredName: { names: ['roepnaam', 'preferred_name', 'nickname'], required: false },
    group: { names: ['groep', 'group', 'klas', 'class', 'stamgroep'], required: true },
    onderwijssoort,
    leerjaar,
    mentor: { names: ['mentor', 'mentor', 'coach'], required: false },
  },
  enrolments: {
    email: { names: ['email', 'email', 'e-mail', 'leerling', 'student'], required: true },
    subject: { names: ['vak', 'subject'], required: true },
    level: { names: ['niveau', 'level', 'onderwijssoort'], required: false },
    moment: { names: ['moment', 'moment', 'afsluiting', 'completion'], required: true },
    result: { names: ['resultaat', 'result', 'cijfer', 'grade'], required: false },
    status: { names: ['status', 'status'], required: false },
  },
} as const satisfies Record<RosterKind, Record<string, Column>>;

export type Layout<K extends RosterKind> = (typeof layouts)[K];
export type FieldOf<K extends RosterKind> = keyof Layout<K> & string;

/** Where a field's column is in the file: its position, and its name as the header writes it. */
export type ColumnAt = { position: number; column: string };

/** A problem with the header line: at a column (its position and name), or a column that is missing. */
export type HeaderProblem = {
  position: number;
  column: string | null;
  key: string;
  params: Record<string, string>;
};

export type HeaderMatch<K extends RosterKind> =
  | { ok: true; at: Partial<Record<FieldOf<K>, ColumnAt>> }
  | { ok: false; problems: HeaderProblem[] };

/** Reads a header line: which field is in which column, or what is wrong with it. */
export function matchHeader<K extends RosterKind>(kind: K, cells: readonly string[]): HeaderMatch<K> {
  const columns = Object.entries(layouts[kind] as Record<string, Column>);
  const byName = new Map<string, string>();
  for (const [field, column] of columns) for (const name of column.names) byName.set(wordKey(name), field);
  const at: Partial<Record<string, ColumnAt>> = {};
  const problems: HeaderProblem[] = [];
  cells.forEach((cell, position) => {
    const column = cell.trim();
    if (column === '') return;
    const field = byName.get(wordKey(column));
    if (field === undefined) {
      const suggestion = nearest(wordKey(column), [...byName.keys()]);
      problems.push({
        position,
        column,
        key: suggestion ? 'roster.header.unknownDidYouMean' : 'roster.header.unknown',
        params: suggestion ? { suggestion } : {},
      });
    } else if (at[field]) {
      problems.push({
        position,
        column,
        key: 'roster.header.twice',
        params: { other: at[field]?.column ?? '' },
      });
    } else at[field] = { position, column };
  });
  for (const [field, column] of columns) {
    if (column.required && !at[field])
      problems.push({
        position: cells.length,
        column: null,
        key: 'roster.header.missing',
        params: { dutch: column.names[0], english: column.names[1] },
      });
  }
  // A staff member's name: one column `naam`, or `voornaam` and `achternaam`.
  if (kind === 'staff' && !at.name && !(at.firstName && at.lastName))
    problems.push({ position: cells.length, column: null, key: 'roster.header.staffName', params: {} });
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, at: at as Partial<Record<FieldOf<K>, ColumnAt>> };
}

function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let distance = 3;
  for (const name of known) {
    const d = editDistance(word, name, 2);
    if (d < distance) {
      distance = d;
      best = name;
    }
  }
  return best;
}
