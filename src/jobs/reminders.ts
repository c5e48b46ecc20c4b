/**
 * `reminders`: one reminder, 24 hours after a prompt nobody answered, while it has not expired;
 * not on a holiday and not while the student has paused (then there is no reminder that week).
 */
import { DateTime } from 'luxon';
import { isHoliday } from '../domain/prompt-calendar.ts';
import { REMINDER_AFTER_HOURS } from '../domain/prompt-due.ts';
import { studentRecipients } from '../store/delivery-identities.ts';
import { enqueue, type QueuedMessage } from '../store/outbox.ts';
import { holidaysBySchool, markReminded, promptsToRemind } from '../store/prompts.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Job } from './job.ts';

export const reminders: Job = {
  name: 'reminders',
  schedule: '*/15 * * * *',
  async run({ store, now, platforms }) {
    const nowIso = now.toUTC().toISO() ?? '';
    const before = now.minus({ hours: REMINDER_AFTER_HOURS }).toUTC().toISO() ?? '';
    const due = await promptsToRemind(store, before, nowIso);
    const recipients = await studentRecipients(store, platforms);
    const holidays = await holidaysBySchool(store);
    const at = DateTime.utc().toISO() ?? nowIso;
    const todayIn = new Map<string, string>();
    const today = (timeZone: string) => {
      if (!todayIn.has(timeZone)) todayIn.set(timeZone, now.setZone(timeZone).toISODate() ?? '');
      return todayIn.get(timeZone) ?? '';
    };
    const messages: QueuedMessage[] = [];
    let notLinked = 0;
    let quiet = 0;
    const queued = await inTransaction(store, async () => {
      for (const prompt of due) {
        const day = today(prompt.timeZone);
        if (
          isHoliday(day, holidays.get(prompt.schoolId) ?? []) ||
          (prompt.pausedUntil !== null && day <= prompt.pausedUntil)
        ) {
          // Marked, so that the reminder does not follow the holiday or the pause a day late.
          await markReminded(store, prompt.id, nowIso);
          quiet += 1;
          continue;
        }
        const recipient = recipients.get(prompt.studentId);
        if (!recipient) {
          notLinked += 1;
          continue;
        }
        messages.push({
          recipient,
          payload: { kind: 'reminder', studentId: prompt.studentId, isoWeek: prompt.isoWeek },
          notBefore: nowIso,
        });
        await markReminded(store, prompt.id, nowIso);
      }
      return await enqueue(store, messages, at);
    });
    return { queued, notLinked, holidayOrPaused: quiet };
  },
};
