/**
 * The periods of one arrangement, each at one level of the support pyramid. An evaluation that
 * moved the level ends a period and starts the next, so a closed arrangement still says at which
 * level the student was supported when, not only the level it ended at.
 */
export type SupportPeriod = {
  from: string;
  /** The day the arrangement closed, the day of the next level change, or null: still running. */
  to: string | null;
  /** null: moved before Koers recorded where from (data from before the migration). */
  level: number | null;
};

type LevelChange = { date: string; supportLevelBefore: number | null; supportLevelAfter: number | null };

export function supportPeriods(
  arrangement: { startDate: string; closedOn: string | null; supportLevel: number },
  evaluations: readonly LevelChange[],
): SupportPeriod[] {
  const changes = evaluations.filter((e) => e.supportLevelAfter !== null);
  const first = changes[0];
  if (!first)
    return [{ from: arrangement.startDate, to: arrangement.closedOn, level: arrangement.supportLevel }];
  return [
    { from: arrangement.startDate, to: first.date, level: first.supportLevelBefore },
    ...changes.map((change, i) => ({
      from: change.date,
      to: changes[i + 1]?.date ?? arrangement.closedOn,
      level: change.supportLevelAfter,
    })),
  ];
}
