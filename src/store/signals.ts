/** Reading and acknowledging signals (*aandachtspunten*). Computing them is the signals job's. */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { signals } from '../../db/schema.ts';
import type { Store } from './database.ts';

export function openSignalsFor(store: Store, studentIds: readonly number[]) {
  if (studentIds.length === 0) return [];
  return store
    .select()
    .from(signals)
    .where(and(inArray(signals.studentId, [...studentIds]), ne(signals.status, 'opgelost')))
    .orderBy(asc(signals.firstSeenAt), asc(signals.id))
    .all();
}

export function signalById(store: Store, signalId: number) {
  return store.select().from(signals).where(eq(signals.id, signalId)).get();
}

export function acknowledgeSignal(store: Store, signalId: number, staffId: number, at: string): void {
  store
    .update(signals)
    .set({ status: 'gezien', acknowledgedById: staffId, acknowledgedAt: at })
    .where(eq(signals.id, signalId))
    .run();
}
