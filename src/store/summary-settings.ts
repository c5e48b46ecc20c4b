/** The indicators each team chose for its summary, with their *schoolambitie* (`team_indicators`). */
import { asc, eq } from 'drizzle-orm';
import { teamIndicators, teams } from '../../db/schema.ts';
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
