/**
 * `weekly-prompts`: every few minutes, each student whose prompt moment has come (their own, else
 * the school's; never in a holiday or a pause) gets this week's prompt: a `prompts` row and an
 * outbox message, in one transaction, both idempotent per student and ISO week. Students without
 * an account Koers can deliver to are counted, not prompted.
 */
import { DateTime } from 'luxon';
import { type PromptDecision, promptDue } from '../domain/prompt-due.ts';
import { studentRecipients } from '../store/delivery-identities.ts';
import { enqueue, type QueuedMessage } from '../store/outbox.ts';
import {
  answeredInWeeks,
  holidaysBySchool,
  insertPrompts,
  type NewPrompt,
  promptCandidates,
  promptedInWeeks,
} from '../store/prompts.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Job } from './job.ts';

export const weeklyPrompts: Job = {
  name: 'weekly-prompts',
  schedule: '*/5 * * * *',
  async run({ store, now, platforms }) {
    const holidays = await holidaysBySchool(store);
    const recipients = await studentRecipients(store, platforms);
    const counts = { queued: 0, alreadyPrompted: 0, alreadyAnswered: 0, holiday: 0, paused: 0, notLinked: 0 };
    // Thousands of students share a few schedules: each moment is worked out once.
    const decisions = new Map<string, PromptDecision>();
    const due: { studentId: number; decision: Extract<PromptDecision, { due: true }> }[] = [];
    for (const student of await promptCandidates(store)) {
      const key = `${student.schoolId}|${student.timeZone}|${student.weekday}|${student.time}|${student.pausedUntil}`;
      let decision = decisions.get(key);
      if (!decision) {
        decision = promptDue(
          now,
          { weekday: student.weekday, time: student.time, timeZone: student.timeZone },
          holidays.get(student.schoolId) ?? [],
          student.pausedUntil,
        );
        decisions.set(key, decision);
      }
      if (decision.due) due.push({ studentId: student.studentId, decision });
      else if (decision.reason !== 'notDue') counts[decision.reason] += 1;
    }
    const weeks = [...new Set(due.map((d) => d.decision.isoWeek))];
    const prompted = await promptedInWeeks(store, weeks);
    // A student who already reflected this week (`reflectie` any time) is not asked again.
    const answered = await answeredInWeeks(store, weeks);
    const at = DateTime.utc().toISO() ?? '';
    const promptedAt = now.toUTC().toISO() ?? at;
    // Students sharing a schedule share its expiry: written out once per decision, not per student.
    const expiries = new Map<PromptDecision, string>();
    const expiryOf = (decision: Extract<PromptDecision, { due: true }>) => {
      const known = expiries.get(decision);
      if (known) return known;
      const iso = decision.expiresAt.toUTC().toISO() ?? at;
      expiries.set(decision, iso);
      return iso;
    };
    const promptRows: NewPrompt[] = [];
    const messages: QueuedMessage[] = [];
    for (const { studentId, decision } of due) {
      if (prompted.has(`${studentId}:${decision.isoWeek}`)) {
        counts.alreadyPrompted += 1;
        continue;
      }
      if (answered.has(`${studentId}:${decision.isoWeek}`)) {
        counts.alreadyAnswered += 1;
        continue;
      }
      const recipient = recipients.get(studentId);
      if (!recipient) {
        counts.notLinked += 1;
        continue;
      }
      promptRows.push({ studentId, isoWeek: decision.isoWeek, promptedAt, expiresAt: expiryOf(decision) });
      messages.push({
        recipient,
        payload: { kind: 'prompt', studentId, isoWeek: decision.isoWeek },
        notBefore: promptedAt,
      });
    }
    counts.queued = await inTransaction(store, async () => {
      await insertPrompts(store, promptRows);
      return await enqueue(store, messages, at);
    });
    return counts;
  },
};
