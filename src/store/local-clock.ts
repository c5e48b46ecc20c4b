/**
 * The playground's clock in local mode (`local_clock`): how many milliseconds it runs ahead of the
 * real one. It only moves forward: the store's messages and signals are never in its future.
 */
import { eq } from 'drizzle-orm';
import type { Store } from './store.ts';

export async function clockOffset(store: Store): Promise<number> {
  const { localClock } = store.t;
  const [row] = await store.db.select().from(localClock).where(eq(localClock.id, 1));
  return row?.offsetMs ?? 0;
}

export async function setClockOffset(store: Store, offsetMs: number): Promise<void> {
  const { localClock } = store.t;
  await store.db
    .insert(localClock)
    .values({ id: 1, offsetMs })
    .onConflictDoUpdate({ target: localClock.id, set: { offsetMs } });
}
