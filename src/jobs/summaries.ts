/**
 * `summaries`: every few minutes, each subscribed channel whose weekly moment has come (its day
 * and time in the school's time zone, at most a day late) gets one outbox message with the team
 * outcome summary (PRODUCT.md 2.3). The message holds ids only (the subscription, the week, the
 * day it is as of); the summary is composed when it is sent (src/views/outbox-replies.ts), so a
 * subscription cancelled meanwhile posts nothing. Keyed `summary:<subscription>:<ISO week>`: a
 * second run, or two servers, queue nothing twice.
 */
import { DateTime } from 'luxon';
import { enqueue, type QueuedMessage } from '../store/outbox.ts';
import { dueSubscriptions } from '../store/subscriptions.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Job } from './job.ts';

export const summariesJob: Job = {
  name: 'summaries',
  schedule: '*/5 * * * *',
  async run({ store, now, platforms }) {
    const { due, unreadable } = await dueSubscriptions(store, now);
    const counts = {
      due: due.length,
      queued: 0,
      already: 0,
      notDelivered: 0,
      unreadableSchedule: unreadable,
    };
    const at = DateTime.utc().toISO() ?? '';
    const notBefore = now.toUTC().toISO() ?? at;
    const messages: QueuedMessage[] = [];
    for (const { subscription, isoWeek, date } of due) {
      // A channel of a platform Koers does not send through here (the playground's, without it).
      if (!platforms.includes(subscription.platform)) {
        counts.notDelivered += 1;
        continue;
      }
      messages.push({
        recipient: {
          platform: subscription.platform,
          workspaceId: subscription.workspaceId,
          userId: subscription.channelId,
        },
        payload: { kind: 'summary', subscriptionId: subscription.id, isoWeek, date },
        notBefore,
      });
    }
    counts.queued = await inTransaction(store, async () => enqueue(store, messages, at));
    counts.already = messages.length - counts.queued;
    return counts;
  },
};
