/**
 * The mentor's daily digest as it is sent: each mentee with a signal first seen in the day before
 * the digest's moment and not resolved since, each signal by kind and its evidence in words, and
 * one button to `signalen`. Evidence holds numbers, dates and vocabulary codes only
 * (src/domain/signals/phrase.ts), so nothing a student wrote can reach this message.
 */
import { displayName } from '../domain/person-name.ts';
import { digestWindow } from '../domain/signals/digest.ts';
import { evidenceText } from '../domain/signals/phrase-text.ts';
import { formatter } from '../i18n/format.ts';
import { translator } from '../i18n/translate.ts';
import type { OutboxPayload } from '../outbox/payload.ts';
import { runButton } from '../reply/buttons.ts';
import type { ReplyInput } from '../reply/reply.ts';
import type { Store } from '../store/database.ts';
import { messageStaff } from '../store/message-recipients.ts';
import { newSignalsOfMentees } from '../store/signal-digest.ts';

export async function signalDigestReply(
  store: Store,
  payload: Extract<OutboxPayload, { kind: 'signalDigest' }>,
): Promise<ReplyInput | null> {
  const mentor = await messageStaff(store, payload.staffId);
  if (!mentor) return null;
  const signals = await newSignalsOfMentees(store, mentor.id, digestWindow(payload.until));
  // Everything resolved (or erased) since it was queued: nothing new to tell.
  if (signals.length === 0) return null;
  const t = translator(mentor.locale);
  const format = formatter(mentor.locale, mentor.timeZone);
  const byStudent = new Map<number, typeof signals>();
  for (const signal of signals)
    byStudent.set(signal.studentId, [...(byStudent.get(signal.studentId) ?? []), signal]);
  const items = [...byStudent.values()].map((own) => {
    const [first] = own as [(typeof signals)[number]];
    const name = displayName(first);
    return {
      text: first.groupName ? t('outbox.digest.student', { name, group: first.groupName }) : name,
      detail: own
        .map((signal) =>
          t('outbox.digest.signal', {
            kind: t(`enum.signalKind.${signal.kind}`),
            evidence: evidenceText(signal.evidence, t, format),
          }),
        )
        .join(' · '),
    };
  });
  return {
    visibility: 'ephemeral',
    locale: mentor.locale,
    blocks: [
      { type: 'header', text: t('outbox.digest.title') },
      { type: 'text', text: t('outbox.digest.body', { count: items.length }) },
      { type: 'list', items },
      { type: 'actions', buttons: [runButton(t('outbox.digest.open'), 'signalen')] },
    ],
  };
}
