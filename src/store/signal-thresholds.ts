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
import type { Store } from './database.ts';
import { prepared } from './prepared.ts';

type Row = { kind: SignalKind; enabled: number; params: string };

function rowsOf(store: Store, schoolId: number, teamId: number | null): ThresholdOverrides {
  const query = prepared(store, 'signal-thresholds.layer', () =>
    store.$client.prepare(
      `select kind, enabled, params from signal_thresholds
       where school_id = :schoolId and team_id is :teamId`,
    ),
  );
  const rows = query.all({ schoolId, teamId }) as Row[];
  return overridesFromRows(
    rows.map((row) => ({ kind: row.kind, enabled: row.enabled === 1, params: JSON.parse(row.params) })),
  );
}

/** A school's teams, by name: the teams `instellingen drempels --team` can name. */
export function teamsOfSchool(store: Store, schoolId: number): { id: number; name: string }[] {
  return store.$client
    .prepare('select id, name from teams where school_id = ? order by name, id')
    .all(schoolId) as { id: number; name: string }[];
}

/** The teams a staff member leads (their `teamleider` roles). */
export function teamsLedBy(store: Store, staffId: number): number[] {
  return (
    store.$client
      .prepare(
        "select team_id as id from staff_roles where staff_id = ? and role = 'teamleider' and team_id is not null",
      )
      .all(staffId) as { id: number }[]
  ).map((row) => row.id);
}

/** Every team of a school that overrides something, with its overrides: what a school change must still fit. */
export function teamOverridesOf(store: Store, schoolId: number) {
  const ids = store.$client
    .prepare(
      'select distinct team_id as id from signal_thresholds where school_id = ? and team_id is not null order by team_id',
    )
    .all(schoolId) as { id: number }[];
  return ids.map(({ id }) => ({ teamId: id, overrides: rowsOf(store, schoolId, id) }));
}

/**
 * Sets one kind's override for a school (`teamId` null) or a team, replacing what that level had
 * for the kind; `null` removes it, so the broader level's values apply again. The caller holds
 * the transaction and has checked the values (`checkThresholds`).
 */
export function writeThresholdOverride(
  store: Store,
  level: { schoolId: number; teamId: number | null },
  kind: SignalKind,
  override: { enabled: boolean; params: Record<string, number> } | null,
): void {
  store.$client
    .prepare('delete from signal_thresholds where school_id = ? and team_id is ? and kind = ?')
    .run(level.schoolId, level.teamId, kind);
  // Every rule must run again for the students these thresholds apply to: the daily sweep runs
  // only the time-driven rules for students it has checked (see `signal_checks`).
  store.$client
    .prepare(
      `delete from signal_checks where student_id in (
         select s.id from students s left join groups g on g.id = s.group_id
         where s.school_id = :schoolId and (:teamId is null or g.team_id = :teamId))`,
    )
    .run({ schoolId: level.schoolId, teamId: level.teamId });
  if (override === null) return;
  store.$client
    .prepare(
      'insert into signal_thresholds (school_id, team_id, kind, enabled, params) values (?, ?, ?, ?, ?)',
    )
    .run(level.schoolId, level.teamId, kind, override.enabled ? 1 : 0, JSON.stringify(override.params));
}

/** The school's overrides, then the team's (none for a student without a team). */
export function thresholdLayers(store: Store, schoolId: number, teamId: number | null): ThresholdOverrides[] {
  const school = rowsOf(store, schoolId, null);
  return teamId === null ? [school] : [school, rowsOf(store, schoolId, teamId)];
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
export function thresholdsCache(store: Store) {
  const known = new Map<string, Thresholds>();
  return (schoolId: number, teamId: number | null): Thresholds => {
    const key = `${schoolId}:${teamId ?? ''}`;
    let thresholds = known.get(key);
    if (!thresholds) {
      thresholds = resolvedFor(thresholdLayers(store, schoolId, teamId));
      known.set(key, thresholds);
    }
    return thresholds;
  };
}
