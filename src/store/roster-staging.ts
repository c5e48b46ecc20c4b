/**
 * The staging area of a roster import: TEMP tables on the import's own connection, into which
 * the rows of a file are written as they are read, with their line. The checks over the whole
 * file (duplicates, unknown groups, mentors and students) and the merge into the school's data
 * are SQL over these tables, so an import holds a few hundred rows in memory whatever the size
 * of the file, and the school's tables are not touched until everything checks out. Temporary
 * tables live outside the database file: they leave nothing behind, also when the import fails.
 *
 * The problems found go here too, so that the first fifty by line and their total can be told
 * without keeping every one of them in memory.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ColumnAt } from '../import/roster-layouts.ts';
import type { EnrolmentRow, GroupRow, StaffRow, StudentRow } from '../import/roster-rows.ts';
import type { Store } from './database.ts';

/** Where a staged row came from: the file (a OneRoster bundle has several) and its line. */
export type Origin = { file: string | null; line: number; schoolKey: string };

/** A problem of the import, at a line of a file and (when it is about one cell) a column. */
export type RosterProblem = {
  file: string | null;
  line: number;
  position: number;
  column: string | null;
  key: string;
  params: Record<string, string>;
};

const TABLES = {
  roster_schools: 'key text primary key, name text not null, school_id integer',
  roster_staff: 'line integer, file text, school_key text, email text, name text',
  roster_staff_roles: 'line integer, email text, role text, team text',
  roster_groups:
    'line integer, file text, school_key text, name text collate nocase, leerjaar integer, onderwijssoort text, team text',
  roster_group_links:
    'line integer, file text, position integer, col text, school_key text, group_name text collate nocase, email text, kind text, subject text',
  roster_students: `line integer, file text, school_key text, email text, first_name text, prefix text,
    last_name text, preferred_name text, group_name text collate nocase, onderwijssoort text, leerjaar integer,
    mentor text`,
  roster_enrolments: `line integer, file text, school_key text, email text, subject text, level text,
    moment text, grade real, word text, status text`,
  // A OneRoster bundle's files as they are read (src/store/roster-oneroster.ts turns them into the above).
  or_orgs: 'line integer, sourced_id text, name text, type text',
  // `kept` 0: a row that is there but not taken (gone, disabled, a parent, or with a problem of its own).
  or_users: `line integer, sourced_id text, role text, email text, given_name text, middle_name text,
    family_name text, org_ids text, kept integer`,
  or_classes: `line integer, sourced_id text, title text, class_type text, school_id text, leerjaar integer,
    onderwijssoort text, subject text, kept integer`,
  or_enrollments: 'line integer, class_id text, user_id text, role text, is_primary integer',
  roster_problems:
    'file_order integer, file text, line integer, position integer, col text, key text, params text',
} as const;

const INDEXES = [
  'create index temp.roster_staff_email on roster_staff (email)',
  'create index temp.roster_staff_roles_email on roster_staff_roles (email)',
  'create index temp.roster_groups_name on roster_groups (school_key, name)',
  'create index temp.roster_group_links_group on roster_group_links (school_key, group_name)',
  'create index temp.roster_students_email on roster_students (email)',
  'create index temp.roster_enrolments_email on roster_enrolments (email, subject, level)',
  'create index temp.or_orgs_id on or_orgs (sourced_id)',
  'create index temp.or_users_id on or_users (sourced_id)',
  'create index temp.or_classes_id on or_classes (sourced_id)',
  'create index temp.or_enrollments_class on or_enrollments (class_id, role)',
  'create index temp.or_enrollments_user on or_enrollments (user_id, role)',
];

type TableName = keyof typeof TABLES;
const BATCH = 500;

const columnsOf = (table: TableName) =>
  TABLES[table].split(',').map((definition) => definition.trim().split(/\s+/)[0] ?? '');

/** The files of a OneRoster bundle in the order their problems are told; a plain file is first. */
const FILE_ORDER = ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv'];

/** Where a file's problems are told: 0 for a plain file, then the bundle's files in `FILE_ORDER`. */
export function fileOrder(file: string | null): number {
  return file === null ? 0 : FILE_ORDER.indexOf(file) + 1;
}

/** `fileOrder` as SQL over a `file` column, for problems written by a query. */
export const FILE_ORDER_SQL = `case file ${FILE_ORDER.map((file, i) => `when '${file}' then ${i + 1}`).join(' ')} else 0 end`;

export class RosterStage {
  private readonly db: Database;
  private readonly inserts = new Map<TableName, Statement>();
  private readonly pending = new Map<TableName, unknown[][]>();
  private readonly writeBatch: (table: TableName, rows: unknown[][]) => void;

  constructor(readonly store: Store) {
    this.db = store.$client;
    for (const [table, columns] of Object.entries(TABLES)) {
      this.db.exec(`drop table if exists temp.${table}`);
      this.db.exec(`create temp table ${table} (${columns})`);
    }
    for (const index of INDEXES) this.db.exec(index);
    this.writeBatch = this.db.transaction((table: TableName, rows: unknown[][]) => {
      const insert = this.insertOf(table);
      for (const row of rows) insert.run(row);
    });
  }

  private insertOf(table: TableName): Statement {
    let insert = this.inserts.get(table);
    if (!insert) {
      const columns = columnsOf(table);
      insert = this.db.prepare(
        `insert into temp.${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      this.inserts.set(table, insert);
    }
    return insert;
  }

  private add(table: TableName, values: unknown[]): void {
    let rows = this.pending.get(table);
    if (!rows) {
      rows = [];
      this.pending.set(table, rows);
    }
    rows.push(values);
    if (rows.length >= BATCH) this.flushTable(table);
  }

  private flushTable(table: TableName): void {
    const rows = this.pending.get(table);
    if (!rows || rows.length === 0) return;
    this.pending.set(table, []);
    this.writeBatch(table, rows);
  }

  /** Writes what is buffered: before any query over the staged rows. */
  flush(): void {
    for (const table of this.pending.keys()) this.flushTable(table);
  }

  /** A school the roster is for: `schoolId` null for one the import will create. */
  school(key: string, name: string, schoolId: number | null): void {
    this.add('roster_schools', [key, name, schoolId]);
  }

  staff(origin: Origin, row: StaffRow): void {
    this.add('roster_staff', [origin.line, origin.file, origin.schoolKey, row.email, row.name]);
    for (const role of row.roles) {
      if (role === 'teamleider')
        for (const team of row.teams) this.add('roster_staff_roles', [origin.line, row.email, role, team]);
      else this.add('roster_staff_roles', [origin.line, row.email, role, null]);
    }
  }

  group(origin: Origin, row: GroupRow, columns: { mentors?: ColumnAt; teachers?: ColumnAt } = {}): void {
    this.add('roster_groups', [
      origin.line,
      origin.file,
      origin.schoolKey,
      row.name,
      row.leerjaar,
      row.onderwijssoort,
      row.team,
    ]);
    const link = (column: ColumnAt | undefined, email: string, kind: string, subject: string | null) =>
      this.add('roster_group_links', [
        origin.line,
        origin.file,
        column?.position ?? -1,
        column?.column ?? null,
        origin.schoolKey,
        row.name,
        email,
        kind,
        subject,
      ]);
    for (const mentor of new Set(row.mentors)) link(columns.mentors, mentor, 'mentor', null);
    for (const teacher of row.teachers) link(columns.teachers, teacher.email, 'teacher', teacher.subject);
  }

  student(origin: Origin, row: StudentRow): void {
    this.add('roster_students', [
      origin.line,
      origin.file,
      origin.schoolKey,
      row.email,
      row.firstName,
      row.lastNamePrefix,
      row.lastName,
      row.preferredName,
      row.group,
      row.onderwijssoort,
      row.leerjaar,
      row.mentor,
    ]);
  }

  enrolment(origin: Origin, row: EnrolmentRow): void {
    this.add('roster_enrolments', [
      origin.line,
      origin.file,
      origin.schoolKey,
      row.email,
      row.subject,
      row.level,
      row.moment,
      row.grade,
      row.word,
      row.status,
    ]);
  }

  /** A row of a OneRoster file, in the columns of its `or_` table. */
  oneRoster(table: 'or_orgs' | 'or_users' | 'or_classes' | 'or_enrollments', values: unknown[]): void {
    this.add(table, values);
  }

  problem(problem: RosterProblem): void {
    this.add('roster_problems', [
      fileOrder(problem.file),
      problem.file,
      problem.line,
      problem.position,
      problem.column,
      problem.key,
      JSON.stringify(problem.params),
    ]);
  }

  /** How many problems were found so far, by the reader and by the checks. */
  problems(): number {
    this.flush();
    return (this.db.prepare('select count(*) from temp.roster_problems').pluck().get() as number) ?? 0;
  }

  /** The first `limit` problems, by file, line and column. */
  firstProblems(limit: number): RosterProblem[] {
    this.flush();
    return (
      this.db
        .prepare(
          `select file, line, position, col as "column", key, params from temp.roster_problems
           order by file_order, line, position, rowid limit ?`,
        )
        .all(limit) as (Omit<RosterProblem, 'params'> & { params: string })[]
    ).map((row) => ({ ...row, params: JSON.parse(row.params) as Record<string, string> }));
  }

  /** Removes the staging tables (they also go when the connection closes). */
  drop(): void {
    this.pending.clear();
    for (const table of Object.keys(TABLES)) this.db.exec(`drop table if exists temp.${table}`);
  }
}

export function openRosterStage(store: Store): RosterStage {
  return new RosterStage(store);
}
