/**
 * What an outbox message says, as ids only: the words are composed when it is sent, in the
 * recipient's language, from what the store holds then. Never reflection text.
 */
import { z } from 'zod';

const isoWeek = z.string().regex(/^\d{4}-W\d{2}$/);
const id = z.number().int().positive();

export const outboxPayload = z.discriminatedUnion('kind', [
  /** The weekly reflection prompt, to the student. */
  z.object({ kind: z.literal('prompt'), studentId: id, isoWeek }),
  /** The one reminder 24 hours later, to the student. */
  z.object({ kind: z.literal('reminder'), studentId: id, isoWeek }),
  /** A student ticked "I would like to talk to my mentor": to the mentor. */
  z.object({ kind: z.literal('talkRequest'), studentId: id, mentorId: id, isoWeek }),
]);

export type OutboxPayload = z.infer<typeof outboxPayload>;

/** The same message can never be queued twice: one prompt per student and week, and so on. */
export function idempotencyKey(payload: OutboxPayload): string {
  return `${payload.kind}:${payload.studentId}:${payload.isoWeek}`;
}
