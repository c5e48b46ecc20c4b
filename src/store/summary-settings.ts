/** The indicators each team chose for its summary, with their *schoolambitie* (`team_indicators`). */
import { asc, eq } from 'drizzle-orm';
import type { teamIndicators } from '../../db/schema.ts';
import type { IndicatorSettings } from '../domain/indicators/indicator.ts';
import type { SummarySettings } from '../domain/indicators/summary.ts';
import type { Store } from './store.ts';

export type TeamIndicatorRow = Pick<typeof teamIndicators.$inferSelect, 'teamId' | 'indicator' | 'target'>;

/** Every team of the school with its choice, in position order; a team that chose nothing is absent. */
export async function summarySettings(store: Store, schoolId: number): Promise<SummarySettings> {
  const { teamIndicators, teams } = store.t;
  const rows: TeamIndicatorRow[] = await store.db
    .select({
      teamId: teamIndicators.teamId,
      indicator: teamIndicators.indicator,
      target: teamIndicators.target,
    })
    .from(teamIndicators)
    .innerJoin(teams, eq(teams.id, teamIndicators.teamId))
    .where(eq(teams.schoolId, schoolId))
    .orderBy(asc(teamIndicators.teamId), asc(teamIndicators.position));
  const byTeam = new Map<number, { indicator: TeamIndicatorRow['indicator']; target: number }[]>();
  for (const { teamId, indicator, target } of rows) {
    const list = byTeam.get(teamId) ?? [];
    list.push({ indicator, target });
    byTeam.set(teamId, list);
  }
  return { byTeam };
}

/** One team's choice, in position order: what `instellingen samenvatting` shows and changes. */
export async function teamIndicatorsOf(store: Store, teamId: number): Promise<IndicatorSettings> {
  const { teamIndicators } = store.t;
  return store.db
    .select({ indicator: teamIndicators.indicator, target: teamIndicators.target })
    .from(teamIndicators)
    .where(eq(teamIndicators.teamId, teamId))
    .orderBy(asc(teamIndicators.position));
}

/**
 * Replaces a team's choice with `list` (already checked against `indicatorSettingsSchema`), in its
 * order, positions 1.. without gaps. Call inside a transaction (`context.change`).
 */
export async function writeTeamIndicators(
  store: Store,
  teamId: number,
  list: IndicatorSettings,
): Promise<void> {
  const { teamIndicators } = store.t;
  await store.db.delete(teamIndicators).where(eq(teamIndicators.teamId, teamId));
  if (list.length > 0)
    await store.db
      .insert(teamIndicators)
      .values(list.map(({ indicator, target }, i) => ({ teamId, position: i + 1, indicator, target })));
}

/** The school's groups and teams by name, for naming a summary's scope. */
export async function scopeNamesOf(
  store: Store,
  schoolId: number,
): Promise<{
  teams: { id: number; name: string }[];
  groups: { id: number; name: string; teamId: number | null }[];
}> {
  return {
    teams: (await store.raw.all('select id, name from teams where school_id = ? order by name, id', [
      schoolId,
    ])) as { id: number; name: string }[],
    groups: (await store.raw.all(
      'select id, name, team_id as "teamId" from groups where school_id = ? order by name, id',
      [schoolId],
    )) as { id: number; name: string; teamId: number | null }[],
  };
}

/** The groups a staff member mentors: named in `group_mentors`, or the group of a student they mentor. */
export async function groupsMentoredBy(store: Store, staffId: number): Promise<number[]> {
  const rows = (await store.raw.all(
    `select group_id as id from group_mentors where staff_id = :staffId
     union select group_id from students where mentor_id = :staffId and group_id is not null`,
    { staffId },
  )) as { id: number }[];
  return rows.map((row) => row.id);
}
