/**
 * The signal thresholds a school and its teams set (`signal_thresholds`), read as the layers the
 * domain merges over its defaults (src/domain/signals/thresholds.ts).
 */
import type { SignalKind } from '../domain/signals/outcome.ts';
import {
  overridesFromRows,
  resolveThresholds,
  type ThresholdOverrides,
  type Thresholds,
} from '../domain/signals/thresholds.ts';
import { rawBoolean, rawJson } from './raw-values.ts';
import type { Store } from './store.ts';

/** `enabled` and `params` as the drivers give them raw (`raw-values.ts`). */
type Row = { kind: SignalKind; enabled: unknown; params: unknown };

async function rowsOf(store: Store, schoolId: number, teamId: number | null): Promise<ThresholdOverrides> {
  // `is not distinct from`: equal, or both null (the school's own layer).
  const rows = (await store.raw.all(
    `select kind, enabled, params from signal_thresholds
     where school_id = :schoolId and team_id is not distinct from :teamId`,
    { schoolId, teamId },
  )) as Row[];
  return overridesFromRows(
    rows.map((row) => ({ kind: row.kind, enabled: rawBoolean(row.enabled), params: rawJson(row.params) })),
  );
}

/** A school's teams, by name: the teams `instellingen drempels --team` can name. */
export async function teamsOfSchool(store: Store, schoolId: number): Promise<{ id: number; name: string }[]> {
  return (await store.raw.all('select id, name from teams where school_id = ? order by name, id', [
    schoolId,
  ])) as {
    id: number;
    name: string;
  }[];
}

/** The teams a staff member leads (their `teamleider` roles). */
export async function teamsLedBy(store: Store, staffId: number): Promise<number[]> {
  const rows = (await store.raw.all(
    "select team_id as id from staff_roles where staff_id = ? and role = 'teamleider' and team_id is not null",
    [staffId],
  )) as { id: number }[];
  return rows.map((row) => row.id);
}

/** Every team of a school that overrides something, with its overrides: what a school change must still fit. */
export async function teamOverridesOf(
  store: Store,
  schoolId: number,
): Promise<{ teamId: number; overrides: ThresholdOverrides }[]> {
  const ids = (await store.raw.all(
    'select distinct team_id as id from signal_thresholds where school_id = ? and team_id is not null order by team_id',
    [schoolId],
  )) as { id: number }[];
  const teams: { teamId: number; overrides: ThresholdOverrides }[] = [];
  for (const { id } of ids) teams.push({ teamId: id, overrides: await rowsOf(store, schoolId, id) });
  return teams;
}

/**
 * Sets one kind's override for a school (`teamId` null) or a team, replacing what that level had
 * for the kind; `null` removes it, so the broader level's values apply again. The caller holds
 * the transaction and has checked the values (`checkThresholds`).
 */
export async function writeThresholdOverride(
  store: Store,
  level: { schoolId: number; teamId: number | null },
  kind: SignalKind,
  override: { enabled: boolean; params: Record<string, number> } | null,
): Promise<void> {
  await store.raw.run(
    'delete from signal_thresholds where school_id = ? and team_id is not distinct from ? and kind = ?',
    [level.schoolId, level.teamId, kind],
  );
  // Every rule must run again for the students these thresholds apply to: the daily sweep runs
  // only the time-driven rules for students it has checked (see `signal_checks`). The cast gives
  // PostgreSQL the parameter's type, which `:teamId is null` alone does not.
  await store.raw.run(
    `delete from signal_checks where student_id in (
       select s.id from students s left join groups g on g.id = s.group_id
       where s.school_id = :schoolId and (cast(:teamId as integer) is null or g.team_id = :teamId))`,
    { schoolId: level.schoolId, teamId: level.teamId },
  );
  if (override === null) return;
  // `params` goes in as JSON text: SQLite stores it so, PostgreSQL reads it into jsonb.
  await store.raw.run(
    'insert into signal_thresholds (school_id, team_id, kind, enabled, params) values (?, ?, ?, ?, ?)',
    [level.schoolId, level.teamId, kind, override.enabled, JSON.stringify(override.params)],
  );
}

/** The school's overrides, then the team's (none for a student without a team). */
export async function thresholdLayers(
  store: Store,
  schoolId: number,
  teamId: number | null,
): Promise<ThresholdOverrides[]> {
  const school = await rowsOf(store, schoolId, null);
  return teamId === null ? [school] : [school, await rowsOf(store, schoolId, teamId)];
}

/**
 * Resolving layers checks them with zod, which costs more than reading them; the same layers
 * always resolve the same way, so the result is kept by their content for the process's life.
 */
const resolved = new Map<string, Thresholds>();
const RESOLVED_KEPT = 1_000;

function resolvedFor(layers: ThresholdOverrides[]): Thresholds {
  const key = JSON.stringify(layers);
  let thresholds = resolved.get(key);
  if (!thresholds) {
    if (resolved.size >= RESOLVED_KEPT) resolved.clear();
    thresholds = resolveThresholds(layers);
    resolved.set(key, thresholds);
  }
  return thresholds;
}

/** The thresholds that apply to a team's students, read once per (school, team) for one sweep or change. */
export function thresholdsCache(
  store: Store,
): (schoolId: number, teamId: number | null) => Promise<Thresholds> {
  const known = new Map<string, Thresholds>();
  return async (schoolId, teamId) => {
    const key = `${schoolId}:${teamId ?? ''}`;
    let thresholds = known.get(key);
    if (!thresholds) {
      thresholds = resolvedFor(await thresholdLayers(store, schoolId, teamId));
      known.set(key, thresholds);
    }
    return thresholds;
  };
}
