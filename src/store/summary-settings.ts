/** The indicators each team chose for its summary, with their *schoolambitie* (`team_indicators`). */
import { asc, eq } from 'drizzle-orm';
import { teamIndicators, teams } from '../../db/schema.ts';
import type { IndicatorSettings } from '../domain/indicators/indicator.ts';
import type { SummarySettings } from '../domain/indicators/summary.ts';
import type { Store } from './database.ts';

export type TeamIndicatorRow = Pick<typeof teamIndicators.$inferSelect, 'teamId' | 'indicator' | 'target'>;

/** Every team of the school with its choice, in position order; a team that chose nothing is absent. */
export function summarySettings(store: Store, schoolId: number): SummarySettings {
  const rows: TeamIndicatorRow[] = store
    .select({
      teamId: teamIndicators.teamId,
      indicator: teamIndicators.indicator,
      target: teamIndicators.target,
    })
    .from(teamIndicators)
    .innerJoin(teams, eq(teams.id, teamIndicators.teamId))
    .where(eq(teams.schoolId, schoolId))
    .orderBy(asc(teamIndicators.teamId), asc(teamIndicators.position))
    .all();
  const byTeam = new Map<number, { indicator: TeamIndicatorRow['indicator']; target: number }[]>();
  for (const { teamId, indicator, target } of rows) {
    const list = byTeam.get(teamId) ?? [];
    list.push({ indicator, target });
    byTeam.set(teamId, list);
  }
  return { byTeam };
}

/** One team's choice, in position order: what `instellingen samenvatting` shows and changes. */
export function teamIndicatorsOf(store: Store, teamId: number): IndicatorSettings {
  return store
    .select({ indicator: teamIndicators.indicator, target: teamIndicators.target })
    .from(teamIndicators)
    .where(eq(teamIndicators.teamId, teamId))
    .orderBy(asc(teamIndicators.position))
    .all();
}

/**
 * Replaces a team's choice with `list` (already checked against `indicatorSettingsSchema`), in its
 * order, positions 1.. without gaps. Call inside a transaction (`context.change`).
 */
export function writeTeamIndicators(store: Store, teamId: number, list: IndicatorSettings): void {
  store.delete(teamIndicators).where(eq(teamIndicators.teamId, teamId)).run();
  list.forEach(({ indicator, target }, i) => {
    store
      .insert(teamIndicators)
      .values({ teamId, position: i + 1, indicator, target })
      .run();
  });
}

/** The school's groups and teams by name, for naming a summary's scope. */
export function scopeNamesOf(
  store: Store,
  schoolId: number,
): {
  teams: { id: number; name: string }[];
  groups: { id: number; name: string; teamId: number | null }[];
} {
  return {
    teams: store.$client
      .prepare('select id, name from teams where school_id = ? order by name, id')
      .all(schoolId) as { id: number; name: string }[],
    groups: store.$client
      .prepare('select id, name, team_id as teamId from groups where school_id = ? order by name, id')
      .all(schoolId) as { id: number; name: string; teamId: number | null }[],
  };
}

/** The groups a staff member mentors: named in `group_mentors`, or the group of a student they mentor. */
export function groupsMentoredBy(store: Store, staffId: number): number[] {
  return (
    store.$client
      .prepare(
        `select group_id as id from group_mentors where staff_id = ?
         union select group_id from students where mentor_id = ? and group_id is not null`,
      )
      .all(staffId, staffId) as { id: number }[]
  ).map((row) => row.id);
}
