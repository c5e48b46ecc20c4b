/**
 * What the outbox's messages say, composed when they are sent, in the recipient's language: the
 * weekly prompt and its reminder (with the button that opens the reflection form), the note to
 * a mentor that a student would like to talk, the mentor's daily digest of new signals
 * (signal-digest.ts) and a signal escalated to a care coordinator (signal-escalation.ts). Nothing
 * of what the student wrote.
 */

import { displayName } from '../domain/person-name.ts';
import { translator } from '../i18n/translate.ts';
import type { OutboxPayload } from '../outbox/payload.ts';
import { outboxPayload } from '../outbox/payload.ts';
import { formButton, runButton } from '../reply/buttons.ts';
import { type Reply, type ReplyInput, reply as replySchema } from '../reply/reply.ts';
import type { Store } from '../store/database.ts';
import { messageStaff, messageStudent } from '../store/message-recipients.ts';
import type { OutboxRow } from '../store/outbox.ts';
import { promptOf } from '../store/prompts.ts';
import { reflectionOf } from '../store/reflections.ts';
import { signalDigestReply } from './signal-digest.ts';
import { signalEscalationReply } from './signal-escalation.ts';

const STUDENT_MESSAGES = {
  prompt: { title: 'outbox.prompt.title', body: 'outbox.prompt.body' },
  reminder: { title: 'outbox.reminder.title', body: 'outbox.reminder.body' },
} as const;

/** `2026-W48` → `48`: how a week is named to people. */
const weekNumber = (isoWeek: string) => String(Number(isoWeek.slice(6)));

export function outboxReply(store: Store, message: OutboxRow, now: Date): Reply | null {
  const parsed = outboxPayload.safeParse(message.payload);
  const composed = parsed.success ? compose(store, parsed.data, now.toISOString()) : null;
  return composed ? replySchema.parse(composed) : null;
}

function compose(store: Store, payload: OutboxPayload, now: string): ReplyInput | null {
  // To a mentor about several students: composed from its ids on its own.
  if (payload.kind === 'signalDigest') return signalDigestReply(store, payload);
  // To a care coordinator about one escalated signal: read from the signal as it is now.
  if (payload.kind === 'escalation') return signalEscalationReply(store, payload);
  const student = messageStudent(store, payload.studentId);
  // Erased or moved away since it was queued: nothing to say any more.
  if (!student) return null;
  const week = weekNumber(payload.isoWeek);
  if (payload.kind === 'talkRequest') {
    const mentor = messageStaff(store, payload.mentorId);
    if (!mentor) return null;
    const t = translator(mentor.locale);
    const name = displayName(student);
    return {
      visibility: 'ephemeral',
      locale: mentor.locale,
      blocks: [
        { type: 'header', text: t('outbox.talk.title') },
        { type: 'text', text: t('outbox.talk.body', { name, week }) },
        {
          type: 'actions',
          buttons: [runButton(t('outbox.talk.open', { name }), `leerling ${student.email}`)],
        },
      ],
    };
  }
  // Answered since the prompt: a reminder would only nag.
  if (payload.kind === 'reminder' && reflectionOf(store, student.id, payload.isoWeek)) return null;
  // Expired while it waited (a backlog, an outage): its button would only say "verlopen".
  const prompt = promptOf(store, student.id, payload.isoWeek);
  if (prompt && prompt.expiresAt <= now) return null;
  const t = translator(student.locale);
  return {
    visibility: 'ephemeral',
    locale: student.locale,
    blocks: [
      { type: 'header', text: t(STUDENT_MESSAGES[payload.kind].title, { week }) },
      { type: 'text', text: t(STUDENT_MESSAGES[payload.kind].body) },
      {
        type: 'actions',
        buttons: [
          {
            ...formButton(t('outbox.openForm'), 'reflectie.invullen', { week: payload.isoWeek }),
            style: 'primary',
          },
        ],
      },
    ],
  };
}
