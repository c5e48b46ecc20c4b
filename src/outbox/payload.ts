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
  /**
   * A mentor's daily digest of new signals: which mentor, which school day, and the moment it
   * covers up to; which students it names is worked out when it is sent.
   */
  z.object({
    kind: z.literal('signalDigest'),
    staffId: id,
    date: z.iso.date(),
    until: z.iso.datetime(),
  }),
  /**
   * A signal escalated to a care coordinator (`staffId`) by `byStaffId`. The student is named so
   * that erasing the student erases the message; what it says is read from the signal when sent.
   */
  z.object({
    kind: z.literal('escalation'),
    signalId: id,
    studentId: id,
    staffId: id,
    byStaffId: id,
  }),
  /**
   * A team outcome summary into a subscribed channel (the recipient): which subscription, the ISO
   * week of its moment (one per subscription and week), and the day it is as of, in the school's
   * zone; its period is the weeks before that day. What it says is read when it is sent.
   */
  z.object({
    kind: z.literal('summary'),
    subscriptionId: id,
    isoWeek,
    date: z.iso.date(),
  }),
]);

export type OutboxPayload = z.infer<typeof outboxPayload>;

/**
 * The same message can never be queued twice: one prompt per student and week, one digest per
 * mentor and day, and so on.
 */
export function idempotencyKey(payload: OutboxPayload): string {
  if (payload.kind === 'signalDigest') return `${payload.kind}:${payload.staffId}:${payload.date}`;
  // Once per signal and coordinator: escalating it to her again after a detour tells her nothing new.
  if (payload.kind === 'escalation') return `${payload.kind}:${payload.signalId}:${payload.staffId}`;
  // Once per subscription and period, however often the job runs.
  if (payload.kind === 'summary') return `${payload.kind}:${payload.subscriptionId}:${payload.isoWeek}`;
  return `${payload.kind}:${payload.studentId}:${payload.isoWeek}`;
}

/** The one student a message is to or about, if any: erasing that student erases the message. */
export function studentOfPayload(payload: OutboxPayload): number | null {
  return 'studentId' in payload ? payload.studentId : null;
}

/** Whether a message goes into a channel (its recipient is a channel id) rather than to a person. */
export function toChannel(payload: unknown): boolean {
  return (payload as { kind?: unknown } | null)?.kind === 'summary';
}
