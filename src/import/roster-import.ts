/**
 * `koers import <staff|groups|students|enrolments> <file.csv>`: a roster file into one school,
 * all or nothing. The file streams through the CSV reader; each line is checked with zod
 * (src/import/roster-rows.ts) and staged in temporary tables with its line; then the file is
 * checked as a whole (duplicates, unknown groups, mentors, students), and only a file without
 * problems is merged into the school's data, in one transaction (src/store/roster-merge.ts).
 */
import type { Store } from '../store/database.ts';
import { checkEnrolments, checkGroups, checkStaff, checkStudents } from '../store/roster-checks.ts';
import {
  applyRoster,
  auditRosterImport,
  type CountsBySchool,
  createSchools,
  createTeams,
  mergeEnrolments,
  mergeGroups,
  mergeStaff,
  mergeStudents,
  type RosterCounts,
} from '../store/roster-merge.ts';
import { type RosterProblem, type RosterStage, withRosterStage } from '../store/roster-staging.ts';
import { CsvReadError, readCsv } from './csv-reader.ts';
import { type ColumnAt, type FieldOf, matchHeader, type RosterKind } from './roster-layouts.ts';
import { rowOf } from './roster-rows.ts';
import { type SchoolChoice, schoolFor } from './roster-school.ts';

/** At most this many problems are told; the total is always given. */
export const PROBLEMS_SHOWN = 50;

export type RosterImportOptions = {
  kind: RosterKind;
  /** The file's bytes, streamed. */
  source: AsyncIterable<Buffer>;
  school: SchoolChoice;
  dryRun: boolean;
  /** The import's instant and day (the `left_on` of whoever left). */
  now: Date;
  today: string;
};

export type RosterImportResult =
  | { ok: false; problems: RosterProblem[]; total: number }
  | {
      ok: true;
      dryRun: boolean;
      school: string;
      schoolCreated: boolean;
      counts: RosterCounts;
    };

/** The columns the whole-file checks name, from where the header put them. */
type Columns<K extends RosterKind> = Partial<Record<FieldOf<K>, ColumnAt>>;

async function stageFile<K extends RosterKind>(
  stage: RosterStage,
  kind: K,
  at: Columns<K>,
  line: number,
  cells: string[],
): Promise<void> {
  const parsed = rowOf(kind, cells, at);
  if (!parsed.ok) {
    for (const problem of parsed.problems) await stage.problem({ file: null, line, ...problem });
    return;
  }
  const origin = { file: null, line, schoolKey: 'file' };
  const row = parsed.row;
  if (kind === 'staff') await stage.staff(origin, row as never);
  else if (kind === 'groups') {
    const columns = at as Columns<'groups'>;
    await stage.group(origin, row as never, {
      ...(columns.mentors && { mentors: columns.mentors }),
      ...(columns.teachers && { teachers: columns.teachers }),
    });
  } else if (kind === 'students') await stage.student(origin, row as never);
  else await stage.enrolment(origin, row as never);
}

/** The whole-file checks of a kind. */
async function checkFile(
  stage: RosterStage,
  kind: RosterKind,
  at: Record<string, ColumnAt | undefined>,
): Promise<void> {
  const need = (field: string) => at[field] as ColumnAt;
  if (kind === 'staff') await checkStaff(stage, { email: need('email') });
  else if (kind === 'groups') await checkGroups(stage, { name: need('name') }, { staffFromStage: false });
  else if (kind === 'students')
    await checkStudents(
      stage,
      {
        email: need('email'),
        group: need('group'),
        ...(at.mentor && { mentor: at.mentor }),
      },
      { fromStage: false },
    );
  else await checkEnrolments(stage, { email: need('email'), subject: need('subject') });
}

export async function importRoster(store: Store, options: RosterImportOptions): Promise<RosterImportResult> {
  const { kind } = options;
  const school = await schoolFor(store, options.school);
  return withRosterStage(store, async (stage): Promise<RosterImportResult> => {
    await stage.school('file', school.name, school.id);
    let header: ReturnType<typeof matchHeader<RosterKind>> | undefined;
    let headerLine = 0;
    let rows = 0;
    let complete = true;
    try {
      await readCsv(options.source, async ({ line, cells }) => {
        if (!header) {
          header = matchHeader(kind, cells);
          headerLine = line;
          if (!header.ok)
            for (const problem of header.problems) await stage.problem({ file: null, line, ...problem });
          return;
        }
        if (!header.ok) return;
        rows += 1;
        await stageFile(stage, kind, header.at, line, cells);
      });
    } catch (error) {
      if (!(error instanceof CsvReadError)) throw error;
      complete = false;
      await stage.problem({
        file: null,
        line: error.line,
        position: -1,
        column: null,
        key: error.key,
        params: {},
      });
    }
    if (complete && !header)
      await stage.problem({
        file: null,
        line: 1,
        position: -1,
        column: null,
        key: 'roster.file.empty',
        params: {},
      });
    else if (complete && header?.ok && rows === 0)
      await stage.problem({
        file: null,
        line: headerLine + 1,
        position: -1,
        column: null,
        key: 'roster.file.noRows',
        params: {},
      });
    await stage.flush();
    if (complete && header?.ok)
      await checkFile(stage, kind, header.at as Record<string, ColumnAt | undefined>);
    const total = await stage.problems();
    if (total > 0) return { ok: false, problems: await stage.firstProblems(PROBLEMS_SHOWN), total };

    const at = { now: options.now.toISOString(), today: options.today };
    const { created, counts } = await applyRoster(store, options.dryRun, async () => {
      const created = school.id === null ? await createSchools(store, school.region, at.now) : [];
      let counts: CountsBySchool;
      if (kind === 'staff') {
        await createTeams(store);
        counts = await mergeStaff(store, at, { keepLinkedRoles: true, keepRoles: [] });
      } else if (kind === 'groups') {
        await createTeams(store);
        counts = await mergeGroups(store, { keepTeams: false });
      } else if (kind === 'students') counts = await mergeStudents(store, at);
      else counts = await mergeEnrolments(store);
      const mine = counts.get('file') as RosterCounts;
      await auditRosterImport(store, at, `import ${kind}`, { kind, ...mine });
      return { created, counts: mine };
    });
    return {
      ok: true,
      dryRun: options.dryRun,
      school: school.name,
      schoolCreated: created.length > 0,
      counts,
    };
  });
}
