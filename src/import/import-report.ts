/**
 * What an import tells the administrator, in their language: each problem at its line and column
 * (and file, for a OneRoster bundle), the total, and what was (or with `--dry-run` would be)
 * created, updated, left unchanged and removed.
 */
import type { Locale } from '../domain/enums.ts';
import type { Translator } from '../i18n/translate.ts';
import type { RosterCounts } from '../store/roster-merge.ts';
import type { RosterProblem } from '../store/roster-staging.ts';
import type { RosterKind } from './roster-layouts.ts';

/** Where a problem is: `regel 4, kolom email` or `users.csv, regel 4`. */
function placeOf(t: Translator, problem: RosterProblem): string {
  const { file, line, column } = problem;
  if (file !== null && line === 0) return t('roster.at.file', { file });
  if (file !== null)
    return column === null
      ? t('roster.at.fileLine', { file, line })
      : t('roster.at.fileCell', { file, line, column });
  return column === null ? t('roster.at.line', { line }) : t('roster.at.cell', { line, column });
}

/** One line per problem shown, then how many there are in all. */
export function problemLines(t: Translator, problems: readonly RosterProblem[], total: number): string[] {
  const lines = problems.map((problem) => `${placeOf(t, problem)}: ${t(problem.key, problem.params)}`);
  lines.push(
    total > problems.length
      ? t('roster.problemsShown', { shown: problems.length, total })
      : t('roster.problemsTotal', { count: total }),
  );
  return lines;
}

const DONE: Record<RosterKind, string> = {
  staff: 'roster.done.staff',
  groups: 'roster.done.groups',
  students: 'roster.done.students',
  enrolments: 'roster.done.enrolments',
};

/** What one kind of roster did to one school, the numbers written as the reader's language does (20.000, 20,000). */
export function countLines(
  t: Translator,
  locale: Locale,
  kind: RosterKind,
  school: string,
  counts: RosterCounts,
): string[] {
  const number = new Intl.NumberFormat(locale);
  const { created, updated, unchanged, removed } = counts;
  const lines = [
    t(DONE[kind], {
      school,
      created: number.format(created),
      updated: number.format(updated),
      unchanged: number.format(unchanged),
      removed: number.format(removed),
    }),
  ];
  if (kind === 'groups' && counts.kept > 0) lines.push(t('roster.done.groupsKept', { count: counts.kept }));
  return lines;
}
