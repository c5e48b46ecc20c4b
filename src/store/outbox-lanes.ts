/**
 * Leases on the outbox's lanes (one lane per platform and workspace): which drainer sends a
 * workspace's messages now, when several Koers processes drain one outbox. Only one at a time, so
 * that the rate its sender learned is all the workspace is sent (`src/outbox/drain.ts`, where the
 * lease's length is decided). Exactly once does not rest on this: every message is still claimed
 * on its own (`outbox.ts`); a lease only keeps two drainers from sharing a platform's budget.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import type { Store } from './store.ts';

/**
 * Takes the lane for `holder` until `until`, or renews it: one statement, so of two drainers
 * asking at once exactly one gets it. A lane is free when nobody holds it, when its lease ended
 * (`expires_at` ≤ `now`), or when its lease ends more than `longest` after `now`: no drainer
 * writes that far ahead, so it was one whose clock ran elsewhere (`koers jobs run outbox --now`
 * in the future, then killed), and it must not hold the lane for as long as that clock says.
 */
export async function takeLane(
  store: Store,
  lane: string,
  holder: string,
  times: { now: string; until: string; longest: string },
): Promise<boolean> {
  const { outboxLanes } = store.t;
  const taken = await store.db
    .insert(outboxLanes)
    .values({ lane, holder, expiresAt: times.until })
    .onConflictDoUpdate({
      target: outboxLanes.lane,
      set: { holder, expiresAt: times.until },
      setWhere: or(
        eq(outboxLanes.holder, holder),
        sql`${outboxLanes.expiresAt} <= ${times.now}`,
        sql`${outboxLanes.expiresAt} > ${times.longest}`,
      ),
    })
    .returning({ lane: outboxLanes.lane });
  return taken.length === 1;
}

/** Gives the lane back, if `holder` still has it: another drainer may take it at once. */
export async function releaseLane(store: Store, lane: string, holder: string): Promise<void> {
  const { outboxLanes } = store.t;
  await store.db.delete(outboxLanes).where(and(eq(outboxLanes.lane, lane), eq(outboxLanes.holder, holder)));
}

/** Who holds which lane, until when: for tests and `koers outbox`. */
export async function laneLeases(store: Store) {
  const { outboxLanes } = store.t;
  return store.db.select().from(outboxLanes).orderBy(outboxLanes.lane);
}
