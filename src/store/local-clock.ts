/**
 * The playground's clock in local mode (`local_clock`): how many milliseconds it runs ahead of the
 * real one. It only moves forward: the store's messages and signals are never in its future.
 */
import { eq } from 'drizzle-orm';
import { localClock } from '../../db/schema.ts';
import type { Store } from './database.ts';

export function clockOffset(store: Store): number {
  return store.select().from(localClock).where(eq(localClock.id, 1)).get()?.offsetMs ?? 0;
}

export function setClockOffset(store: Store, offsetMs: number): void {
  store
    .insert(localClock)
    .values({ id: 1, offsetMs })
    .onConflictDoUpdate({ target: localClock.id, set: { offsetMs } })
    .run();
}
