/**
 * The message to a care coordinator that a signal was escalated to her (`signalen escaleer`), as
 * it is sent: who escalated it, whose signal, its kind and evidence in words, and a button to the
 * student's card. Evidence holds numbers, dates and vocabulary codes only
 * (src/domain/signals/phrase.ts), so nothing a student wrote can reach this message; what they
 * wrote she reads on the card, where the escalation lets her.
 */
import { displayName } from '../domain/person-name.ts';
import { RESOLVED } from '../domain/signals/lifecycle.ts';
import { evidenceText } from '../domain/signals/phrase-text.ts';
import { formatter } from '../i18n/format.ts';
import { translator } from '../i18n/translate.ts';
import type { OutboxPayload } from '../outbox/payload.ts';
import { runButton, studentReference } from '../reply/buttons.ts';
import type { ReplyInput } from '../reply/reply.ts';
import type { Store } from '../store/database.ts';
import { messageStaff, messageStudent } from '../store/message-recipients.ts';
import { readEvidence, signalById } from '../store/signals.ts';

export async function signalEscalationReply(
  store: Store,
  payload: Extract<OutboxPayload, { kind: 'escalation' }>,
): Promise<ReplyInput | null> {
  const signal = await signalById(store, payload.signalId);
  // Resolved (or erased) before it went out: there is nothing left to pick up.
  if (!signal || signal.status === RESOLVED || signal.studentId !== payload.studentId) return null;
  const student = await messageStudent(store, payload.studentId);
  const coordinator = await messageStaff(store, payload.staffId);
  if (!student || !coordinator) return null;
  const t = translator(coordinator.locale);
  const format = formatter(coordinator.locale, coordinator.timeZone);
  // Who escalated it may have left the school since: the message still stands without a name.
  const by = (await messageStaff(store, payload.byStaffId))?.name ?? t('outbox.escalation.someone');
  const name = displayName(student);
  const evidence = readEvidence(signal.evidence);
  const facts = evidence ? evidenceText(evidence, t, format) : '';
  return {
    visibility: 'ephemeral',
    locale: coordinator.locale,
    blocks: [
      { type: 'header', text: t('outbox.escalation.title') },
      {
        type: 'text',
        text: t('outbox.escalation.body', { by, name, kind: t(`enum.signalKind.${signal.kind}`) }),
      },
      ...(facts ? [{ type: 'text' as const, tone: 'muted' as const, text: facts }] : []),
      {
        type: 'actions',
        buttons: [
          runButton(t('outbox.escalation.open', { name }), `leerling ${studentReference(student.id)}`),
        ],
      },
    ],
  };
}
