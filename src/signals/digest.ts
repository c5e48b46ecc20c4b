/**
 * Queuing the mentors' daily digest, the step after the morning sweep (src/jobs/signals.ts): one
 * outbox message per mentor with new signals among their mentees, holding ids only. What it says
 * is composed when it is sent (src/views/signal-digest.ts), so a signal resolved meanwhile is left
 * out and nothing of it sits in the outbox.
 */
import type { Platform } from '../domain/enums.ts';
import { digestWindow } from '../domain/signals/digest.ts';
import type { Store } from '../store/database.ts';
import { staffRecipient } from '../store/delivery-identities.ts';
import { enqueue, type QueuedMessage } from '../store/outbox.ts';
import { mentorsWithNewSignals } from '../store/signal-digest.ts';
import { inTransaction } from '../store/transaction.ts';

/** Counts of mentors, never of or about students. */
export type DigestCounts = { digests: number; digestsNotLinked: number };

/**
 * `date` is the school's day (the key: one digest per mentor and day, however often the job
 * runs), `at` the digest's moment (UTC ISO): it names what was first seen in the day before it.
 */
export async function queueSignalDigests(
  store: Store,
  school: { id: number; date: string; at: string; platforms: readonly Platform[] },
): Promise<DigestCounts> {
  const { until } = digestWindow(school.at);
  const messages: QueuedMessage[] = [];
  let digestsNotLinked = 0;
  for (const staffId of await mentorsWithNewSignals(store, school.id, digestWindow(school.at))) {
    const recipient = await staffRecipient(store, staffId, school.platforms);
    if (!recipient) {
      digestsNotLinked += 1;
      continue;
    }
    messages.push({
      recipient,
      payload: { kind: 'signalDigest', staffId, date: school.date, until },
      notBefore: until,
    });
  }
  // Created at the real clock, as every outbox row; due from the digest's own moment.
  const digests = await inTransaction(store, () => enqueue(store, messages, new Date().toISOString()));
  return { digests, digestsNotLinked };
}
