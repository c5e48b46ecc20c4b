/**
 * What the outbox's messages say, composed when they are sent, in the recipient's language: the
 * weekly prompt and its reminder (with the button that opens the reflection form), the note to
 * a mentor that a student would like to talk, the mentor's daily digest of new signals
 * (signal-digest.ts), a signal escalated to a care coordinator (signal-escalation.ts) and a team
 * outcome summary into a subscribed channel (`summaryMessage`). Nothing of what the student wrote.
 */

import { periodBefore } from '../domain/indicators/period.ts';
import { type SummaryData, summaryData } from '../domain/indicators/summary.ts';
import { displayName } from '../domain/person-name.ts';
import { formatter } from '../i18n/format.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import type { OutboxPayload } from '../outbox/payload.ts';
import { outboxPayload } from '../outbox/payload.ts';
import { formButton, runButton, studentReference } from '../reply/buttons.ts';
import { type Reply, type ReplyInput, reply as replySchema } from '../reply/reply.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/database.ts';
import { summaryFacts } from '../store/indicator-facts.ts';
import { messageStaff, messageStudent } from '../store/message-recipients.ts';
import type { OutboxRow } from '../store/outbox.ts';
import { promptOf } from '../store/prompts.ts';
import { reflectionOf } from '../store/reflections.ts';
import { type SubscriptionWithZone, subscriptionById } from '../store/subscriptions.ts';
import { scopeNamesOf, summarySettings } from '../store/summary-settings.ts';
import { signalDigestReply } from './signal-digest.ts';
import { signalEscalationReply } from './signal-escalation.ts';
import { summaryBlocks } from './summary.ts';

const STUDENT_MESSAGES = {
  prompt: { title: 'outbox.prompt.title', body: 'outbox.prompt.body' },
  reminder: { title: 'outbox.reminder.title', body: 'outbox.reminder.body' },
} as const;

/** `2026-W48` → `48`: how a week is named to people. */
const weekNumber = (isoWeek: string) => String(Number(isoWeek.slice(6)));

export async function outboxReply(store: Store, message: OutboxRow, now: Date): Promise<Reply | null> {
  const parsed = outboxPayload.safeParse(message.payload);
  const composed = parsed.success ? await compose(store, parsed.data, now.toISOString()) : null;
  return composed ? replySchema.parse(composed) : null;
}

async function compose(store: Store, payload: OutboxPayload, now: string): Promise<ReplyInput | null> {
  // To a channel: the summary of its subscription as the store holds it now.
  if (payload.kind === 'summary') return summaryMessage(store, payload);
  // To a mentor about several students: composed from its ids on its own.
  if (payload.kind === 'signalDigest') return signalDigestReply(store, payload);
  // To a care coordinator about one escalated signal: read from the signal as it is now.
  if (payload.kind === 'escalation') return signalEscalationReply(store, payload);
  const student = await messageStudent(store, payload.studentId);
  // Erased or moved away since it was queued: nothing to say any more.
  if (!student) return null;
  const week = weekNumber(payload.isoWeek);
  if (payload.kind === 'talkRequest') {
    const mentor = await messageStaff(store, payload.mentorId);
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
          buttons: [runButton(t('outbox.talk.open', { name }), `leerling ${studentReference(student.id)}`)],
        },
      ],
    };
  }
  // Answered since the prompt: a reminder would only nag.
  if (payload.kind === 'reminder' && (await reflectionOf(store, student.id, payload.isoWeek))) return null;
  // Expired while it waited (a backlog, an outage): its button would only say "verlopen".
  const prompt = await promptOf(store, student.id, payload.isoWeek);
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

/**
 * A subscribed channel's summary (src/views/summary.ts), in the subscription's language, of the
 * four weeks before its day. A subscription cancelled (or its group or team removed) since it was
 * queued: nothing. Students with an open signal are named only in a staff channel, each name
 * audited as a read by Koers itself; anywhere else they are counted.
 */
export async function summaryMessage(
  store: Store,
  payload: Extract<OutboxPayload, { kind: 'summary' }>,
): Promise<ReplyInput | null> {
  const subscription = await subscriptionById(store, payload.subscriptionId);
  if (!subscription) return null;
  const id =
    subscription.scope === 'group'
      ? subscription.groupId
      : subscription.scope === 'team'
        ? subscription.teamId
        : subscription.schoolId;
  if (id === null) return null;
  const facts = await summaryFacts(
    store,
    { kind: subscription.scope, id },
    periodBefore(payload.date),
    payload.date,
  );
  if (!facts) return null;
  const data = summaryData(facts, await summarySettings(store, subscription.schoolId));
  const { locale } = subscription;
  const t = translator(locale);
  const label = await scopeLabel(store, subscription, t);
  const names = subscription.isStaffChannel ? await namesOf(store, subscription, data) : null;
  return {
    visibility: 'visible',
    locale,
    blocks: summaryBlocks({
      t,
      format: formatter(locale, subscription.timeZone),
      locale,
      scopeLabel: label,
      data,
      names,
    }),
  };
}

async function scopeLabel(store: Store, subscription: SubscriptionWithZone, t: Translator): Promise<string> {
  const { teams, groups } = await scopeNamesOf(store, subscription.schoolId);
  if (subscription.scope === 'group')
    return t('summary.scope.group', { group: groups.find((g) => g.id === subscription.groupId)?.name ?? '' });
  if (subscription.scope === 'team')
    return t('summary.scope.team', { team: teams.find((x) => x.id === subscription.teamId)?.name ?? '' });
  return t('summary.scope.school');
}

/** The students with an open signal, by name, for a staff channel; each read is audited as Koers's. */
async function namesOf(
  store: Store,
  subscription: SubscriptionWithZone,
  data: SummaryData,
): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const studentId of new Set(data.groups.flatMap((g) => g.studentsWithOpenSignals))) {
    const student = await messageStudent(store, studentId);
    if (student) names.set(studentId, displayName(student));
  }
  await recordAudit(
    store,
    null,
    [...names.keys()].map((studentId) => ({
      at: new Date().toISOString(),
      studentId,
      action: 'read' as const,
      subject: 'samenvatting',
      channel: subscription.platform,
      detail: { view: 'summary', subscription: subscription.id },
    })),
  );
  return names;
}
