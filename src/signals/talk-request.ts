/**
 * A *gespreksverzoek* reaches the mentor at once (PRODUCT.md section 4). A reflection submitted
 * through Koers queues that message itself (commands/reflectie.ts); a talk request the sweep
 * finds (data imported or seeded, a request made while the mentor had no account) is announced
 * here, with the same idempotency key, so the mentor hears of each request exactly once.
 */
import type { Platform } from '../domain/enums.ts';
import type { Signal } from '../domain/signals/outcome.ts';
import type { StudentFacts } from '../domain/signals/student-facts.ts';
import type { Store } from '../store/database.ts';
import { staffRecipient } from '../store/delivery-identities.ts';
import { messageStudent } from '../store/message-recipients.ts';
import { enqueue } from '../store/outbox.ts';

export type SignalAnnouncer = (studentId: number, signal: Signal, facts: StudentFacts) => Promise<void>;

export function talkRequestAnnouncer(
  store: Store,
  platforms: readonly Platform[],
  at: string,
): SignalAnnouncer {
  return async (studentId, signal, facts) => {
    if (signal.kind !== 'gespreksverzoek') return;
    const request = facts.reflections.findLast((reflection) => reflection.wantsTalk);
    const mentorId = (await messageStudent(store, studentId))?.mentorId;
    if (!request || !mentorId) return;
    const recipient = await staffRecipient(store, mentorId, platforms);
    if (!recipient) return;
    await enqueue(
      store,
      [
        {
          recipient,
          payload: { kind: 'talkRequest', studentId, mentorId, isoWeek: request.isoWeek },
          notBefore: at,
        },
      ],
      at,
    );
  };
}
