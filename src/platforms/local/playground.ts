/**
 * The playground's actions, apart from HTTP: act as a person (type a command, press a button,
 * submit a form) through the same pipeline as Slack and Teams, and in local mode move the clock
 * and run the jobs that are due then, or go back to the demo school. What a person typed and the
 * answers they got live here, in the process, as a chat keeps an ephemeral answer nowhere; what
 * Koers sent them is in the store's inbox (local-sender.ts).
 */
import { DateTime } from 'luxon';
import { nextPromptMoment } from '../../domain/prompt-calendar.ts';
import { type Clock, systemClock } from '../../engine/clock.ts';
import type { Command } from '../../engine/command.ts';
import { type Asking, type Form, type Opened, type Submitted, turns } from '../../engine/turn.ts';
import type { Job } from '../../jobs/job.ts';
import { outboxJob } from '../../jobs/outbox-job.ts';
import { reminders } from '../../jobs/reminders.ts';
import { signalsJob } from '../../jobs/signals.ts';
import { summariesJob } from '../../jobs/summaries.ts';
import { weeklyPrompts } from '../../jobs/weekly-prompts.ts';
import { log } from '../../log.ts';
import type { PlatformSender } from '../../outbox/platform-sender.ts';
import { FORM_ACTION, RUN_ACTION } from '../../reply/buttons.ts';
import type { Reply } from '../../reply/reply.ts';
import { demoSchool } from '../../seed/demo-school.ts';
import { seedDemo, today } from '../../seed/seed.ts';
import type { Store } from '../../store/database.ts';
import { holidaysBySchool, promptCandidates } from '../../store/prompts.ts';
import { wipeAndRefill } from '../../store/wipe.ts';
import { localPerson } from './local-person.ts';
import type { MovableClock } from './playground-clock.ts';

/** One exchange in a person's conversation with Koers: what they said or pressed, and the answer. */
export type Exchange = { said: string; reply: Reply };

/** A refused form: shown again where it can be, with the errors no input owns above it. */
export type Refusal = { again: { form: Form; reply: Reply } | undefined; general: string[] };

/** How far the clock moves: to the next reflection moment, a day, a week. */
export const clockSteps = ['reflectiemoment', 'dag', 'week'] as const;
export type ClockStep = (typeof clockSteps)[number];

/** The jobs a move of the clock runs, in the order a real week would: prompts before the sweep. */
const DUE_JOBS: readonly Job[] = [weeklyPrompts, reminders, signalsJob, summariesJob];

/** A conversation longer than this shows its newest exchanges: the page stays quick to read. */
const EXCHANGES_KEPT = 30;

export type PlaygroundDeps = {
  store: Store;
  commands: readonly Command[];
  timeZone: string;
  /** Present in local mode only: beside a real platform, real people get real messages. */
  demo: { clock: MovableClock; sender: PlatformSender } | undefined;
};

export type Playground = ReturnType<typeof playground>;

export function playground(deps: PlaygroundDeps) {
  const { store, commands, demo } = deps;
  const clock: Clock = demo?.clock ?? systemClock;
  const turn = turns({ store, commands, clock });
  const conversations = new Map<string, Exchange[]>();

  const workspaceId = () => demoSchool.workspace;
  const asking = (userId: string): Asking => ({
    channel: 'local',
    conversation: { id: `dm:${userId}`, shared: false },
    identify: async () => localPerson(store, workspaceId(), userId),
  });
  const remember = (userId: string, exchange: Exchange) => {
    const list = conversations.get(userId) ?? [];
    list.push(exchange);
    conversations.set(userId, list.slice(-EXCHANGES_KEPT));
  };
  const at = () => DateTime.fromJSDate(clock.now()).setZone(deps.timeZone);

  /** What the outbox holds for local delivery goes out now, so a talk request shows at once. */
  async function deliver(): Promise<void> {
    if (!demo) return;
    await outboxJob.run({ store, now: at(), platforms: ['local'], senders: [demo.sender] });
  }

  return {
    workspaceId,
    now: () => clock.now(),
    movable: demo !== undefined,
    conversation: (userId: string): readonly Exchange[] => conversations.get(userId) ?? [],

    /** A command line, typed or run by a button (`said`: the button's words, else the line). */
    async command(userId: string, text: string, said = text): Promise<void> {
      await turn.command(asking(userId), text, async ({ reply }) => remember(userId, { said, reply }));
      await deliver();
    },

    /** What Koers answers `text`, kept nowhere: the person's help beside the command box. */
    async answer(userId: string, text: string): Promise<Reply> {
      let answer: Reply | undefined;
      await turn.command(asking(userId), text, async ({ reply }) => {
        answer = reply;
      });
      if (!answer) throw new Error('the pipeline gave no answer');
      return answer;
    },

    /** A button: runs its command line, or opens its form (returned, to be shown). */
    async press(userId: string, said: string, actionId: string, payload: Record<string, string>) {
      if (actionId === RUN_ACTION) {
        await this.command(userId, payload.text ?? '', said);
        return undefined;
      }
      const { form: formId, ...prefill } =
        actionId === FORM_ACTION ? payload : { ...payload, form: actionId };
      let shown: Extract<Opened, { kind: 'form' }> | undefined;
      await turn.openForm(asking(userId), { formId: formId ?? '', prefill }, async (opened) => {
        if (opened.kind === 'form') shown = opened;
        else remember(userId, { said, reply: opened.answer.reply });
      });
      return shown;
    },

    /**
     * A submitted form: done (its answer kept in the conversation), or refused: the form again
     * with what was typed and the errors on it, and the errors no input owns.
     */
    async submit(
      userId: string,
      said: string,
      submitted: {
        formId: string;
        payload: Record<string, string>;
        values: Record<string, string | undefined>;
      },
    ): Promise<Refusal | undefined> {
      let outcome: Submitted | undefined;
      await turn.submitForm(asking(userId), { ...submitted, reopen: true }, async (result) => {
        outcome = result;
      });
      if (outcome === undefined || outcome.kind === 'done') {
        if (outcome) remember(userId, { said, reply: outcome.reply });
        await deliver();
        return undefined;
      }
      const again = outcome.again;
      // The form as sent back (what was typed, the errors on it) in place of the one first shown.
      return {
        again: again && {
          form: again.form,
          reply: {
            ...again.reply,
            blocks: again.reply.blocks.map((b) => (b.type === 'form' ? again.form : b)),
          },
        },
        general: outcome.general,
      };
    },

    /** Moves the clock and runs the jobs due then; false when this clock does not move. */
    async step(step: ClockStep): Promise<boolean> {
      if (!demo) return false;
      const from = at();
      const to =
        step === 'dag'
          ? from.plus({ days: 1 })
          : step === 'week'
            ? from.plus({ weeks: 1 })
            : ((await nextReflectionMoment(store, from))?.plus({ minutes: 1 }) ?? from.plus({ weeks: 1 }));
      await demo.clock.moveTo(to.toJSDate());
      const counts: Record<string, unknown> = {};
      for (const job of DUE_JOBS)
        counts[job.name] = await job.run({ store, now: at(), platforms: ['local'], senders: [demo.sender] });
      await deliver();
      log.info('playground.clock', { step, to: at().toISO() ?? '', counts: JSON.stringify(counts) });
      return true;
    },

    /** Back to the demo school at today's date: every change and the clock undone. */
    async reset(): Promise<boolean> {
      if (!demo) return false;
      await wipeAndRefill(store, async () => {
        await seedDemo(store, { now: today() });
      });
      await demo.clock.reset();
      conversations.clear();
      await signalsJob.run({ store, now: at(), platforms: ['local'], senders: [demo.sender] });
      await deliver();
      log.info('playground.reset', {});
      return true;
    },
  };
}

/** The first prompt moment after `from` of any student: Friday 13:00 for the demo school. */
async function nextReflectionMoment(store: Store, from: DateTime): Promise<DateTime | undefined> {
  const holidays = await holidaysBySchool(store);
  const seen = new Set<string>();
  let first: DateTime | undefined;
  for (const student of await promptCandidates(store)) {
    const key = `${student.schoolId}|${student.timeZone}|${student.weekday}|${student.time}|${student.pausedUntil}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const moment = nextPromptMoment(
      from,
      { weekday: student.weekday, time: student.time, timeZone: student.timeZone },
      holidays.get(student.schoolId) ?? [],
      student.pausedUntil,
    );
    if (moment && (!first || moment < first)) first = moment;
  }
  return first;
}
