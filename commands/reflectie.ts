/**
 * `reflectie`: the weekly reflection of PRODUCT.md 2.2, for the student themselves. The prompt's
 * button (or `/koers reflectie` any time) opens the form; submitting stores the week's reflection
 * (a second submission that week corrects it), thanks the student with one line that compares
 * them with themselves, and, when they ask to talk, queues a message to their mentor at once.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { challengeAnswers, goalProgress, learningStrategies } from '../src/domain/enums.ts';
import { isoWeekOf } from '../src/domain/prompt-calendar.ts';
import { REFLECTION_TEXT_MAX, requiredAnswers, SCALE } from '../src/domain/reflection.ts';
import { arg, argumentDocs } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { refusal } from '../src/engine/replies.ts';
import { UserError } from '../src/i18n/user-error.ts';
import { colleaguePlatforms } from '../src/outbox/colleague-platforms.ts';
import { formButton } from '../src/reply/buttons.ts';
import { staffRecipient } from '../src/store/delivery-identities.ts';
import { messageStudent } from '../src/store/message-recipients.ts';
import { enqueue } from '../src/store/outbox.ts';
import { openPromptOf, promptOf } from '../src/store/prompts.ts';
import { goalProgressOf, reflectionBefore, reflectionOf, saveReflection } from '../src/store/reflections.ts';
import { goalsOf } from '../src/store/student-records.ts';

const who = ['leerling'] as const;
const GOAL_INPUT = /^doel-(\d{1,9})$/;

const isoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/)
  .optional();
const yes = arg.yesNo().optional();
/** A scale of the reflection; its ends have words, so a form offers the steps as a choice. */
const scale = () => arg.integer(SCALE.min, SCALE.max, 'forms.reflection.scale').optional();

type Progress = (typeof goalProgress)[number];
const progressWord = arg.choice('goalProgress', goalProgress);
/** `--doel 12=behaald`: a goal's progress typed, the number as shown in lists, the word in either language. */
const goalAnswer = z
  .string()
  .transform((text, context) => {
    const match = /^#?(\d{1,9})\s*[=:]\s*(.+)$/.exec(text.trim());
    const progress = match ? progressWord.safeParse(match[2]) : undefined;
    if (!match || !progress?.success) {
      context.addIssue({ code: 'custom', message: 'goalAnswer' });
      return z.NEVER;
    }
    return { goalId: Number(match[1]), progress: progress.data as Progress };
  })
  .register(argumentDocs, {
    expected: 'reflection.goalAnswerExpected',
    choicesOf: { enumName: 'goalProgress', values: goalProgress },
  });

const answers = z
  .object({
    week: isoWeek,
    welbevinden: scale(),
    motivatie: scale(),
    grip: scale(),
    uitdaging: arg.choice('challenge', challengeAnswers).optional(),
    strategie: arg.choice('learningStrategy', learningStrategies).optional(),
    goed: arg.text(REFLECTION_TEXT_MAX).optional(),
    stap: arg.text(REFLECTION_TEXT_MAX).optional(),
    praten: yes,
    doel: z.array(goalAnswer).optional(),
  })
  // One progress answer per open goal, named `doel-<id>` by the form.
  .catchall(arg.choice('goalProgress', goalProgress));

function studentIdOf(context: CommandContext): number {
  if (context.actor.kind !== 'student')
    throw new UserError('access.commandNotForYou', { command: 'reflectie' });
  return context.actor.studentId;
}

const thisWeek = (context: CommandContext) =>
  isoWeekOf(DateTime.fromJSDate(context.now, { zone: context.timeZone }));

/**
 * The week a submission is for: the one asked (while its prompt has not expired); without one, the
 * latest prompt still open (Friday's prompt answered on Monday counts for Friday's week), else
 * this week.
 */
async function weekOf(
  context: CommandContext,
  studentId: number,
  asked: string | undefined,
): Promise<string> {
  const current = thisWeek(context);
  if (asked === undefined)
    return (await openPromptOf(context.store, studentId, context.now.toISOString()))?.isoWeek ?? current;
  if (asked === current) return current;
  const prompt = await promptOf(context.store, studentId, asked);
  if (!prompt || asked > current) throw new UserError('reflection.unknownWeek');
  if (prompt.expiresAt <= context.now.toISOString()) throw new UserError('reflection.expired');
  return asked;
}

/** One line that compares the student with themselves, never with others. */
function comparison(context: CommandContext, now: number, before: number | undefined): string {
  const { t } = context;
  if (before === undefined) return t('reflection.first');
  if (now > before) return t('reflection.up', { from: before, to: now });
  if (now < before) return t('reflection.down', { from: before, to: now });
  return t('reflection.same', { value: now });
}

export default command({
  name: 'reflectie',
  aliases: ['reflect', 'reflection'],
  actions: [
    action({
      name: 'main',
      who,
      args: z.object({}),
      run: async (context) => {
        const { t, locale } = context;
        const studentId = studentIdOf(context);
        const done = await reflectionOf(
          context.store,
          studentId,
          await weekOf(context, studentId, undefined),
        );
        return {
          locale,
          blocks: [
            { type: 'text', text: t(done ? 'reflection.againIntro' : 'reflection.intro') },
            {
              type: 'actions',
              buttons: [{ ...formButton(t('outbox.openForm'), 'reflectie.invullen', {}), style: 'primary' }],
            },
          ],
        };
      },
    }),
    action({
      name: 'invullen',
      words: ['invullen', 'fill', 'submit'],
      who,
      changes: true,
      options: {
        welbevinden: { aliases: ['wellbeing'] },
        motivatie: { aliases: ['motivation'] },
        grip: {},
        uitdaging: { aliases: ['challenge'] },
        strategie: { aliases: ['strategy'] },
        goed: { aliases: ['went-well'] },
        stap: { aliases: ['next-step'] },
        praten: { aliases: ['talk'] },
        week: {},
        doel: { aliases: ['goal'], repeat: true },
      },
      args: answers,
      form: {
        labels: 'forms.reflection',
        fields: [
          // Required here though a typed correction may leave them out: the form shows what was given.
          ...requiredAnswers.map((name) => ({ name, required: true })),
          'strategie',
          'goed',
          'stap',
          'praten',
        ],
        open: async (context, prefill) => {
          const { t } = context;
          const studentId = studentIdOf(context);
          const week = await weekOf(context, studentId, prefill.week);
          // A second time this week: the form shows what was given, to correct it.
          const given = await reflectionOf(context.store, studentId, week);
          const progress = given ? await goalProgressOf(context.store, given.id) : new Map<number, string>();
          const goals = await goalsOf(context.store, studentId, 'open');
          // What was given this week, as the form's fields hold it; a blank stays blank.
          const value = (answer: string | number | null | undefined) =>
            answer === null || answer === undefined || answer === '' ? undefined : String(answer);
          return {
            title: t('forms.reflection.title'),
            intro: t('forms.reflection.intro', { week: String(Number(week.slice(6))) }),
            submitLabel: t('forms.reflection.submit'),
            values: {
              welbevinden: value(given?.welbevinden),
              motivatie: value(given?.motivatie),
              grip: value(given?.grip),
              uitdaging: value(given?.uitdaging),
              strategie: value(given?.learningStrategy),
              goed: value(given?.wentWell),
              stap: value(given?.nextStep),
              praten: given?.wantsTalk ? 'true' : undefined,
            },
            // One per open goal, taken by the schema's catch-all, before the optional questions.
            insert: {
              before: 'strategie',
              fields: goals.map((goal) => ({
                name: `doel-${goal.id}`,
                label: 'forms.reflection.goal',
                labelParams: { title: goal.title },
                value: value(progress.get(goal.id)),
              })),
            },
          };
        },
      },
      run: async (context, args) => {
        const { t, locale, store } = context;
        const studentId = studentIdOf(context);
        const {
          week: asked,
          welbevinden,
          motivatie,
          grip,
          uitdaging,
          strategie,
          goed,
          stap,
          praten,
          doel,
          ...rest
        } = args;
        const open = new Set((await goalsOf(store, studentId, 'open')).map((goal) => goal.id));
        // Typed (`--doel 12=behaald`) or from the form (`doel-12`); a goal answered twice keeps the last.
        const given = new Map<number, Progress>();
        const answered = [
          ...(doel ?? []).map((a) => ({ field: `#${a.goalId}`, ...a })),
          ...Object.entries(rest).map(([key, value]) => {
            const goalId = Number(GOAL_INPUT.exec(key)?.[1]);
            return { field: Number.isNaN(goalId) ? key : `#${goalId}`, goalId, progress: value as Progress };
          }),
        ];
        for (const answer of answered) {
          // Only the student's own open goals: a number from elsewhere is not theirs to answer for.
          if (!open.has(answer.goalId))
            return refusal(t, locale, 'reflection.unknownGoal', { field: answer.field });
          given.set(answer.goalId, answer.progress);
        }
        const student = await messageStudent(store, studentId);
        const order = colleaguePlatforms(context.platform?.platform);
        const saved = await context.change(
          async () => {
            // Inside the transaction: the week is still open, and a talk request is queued with it or not at all.
            const week = await weekOf(context, studentId, asked);
            // A correction changes what it names and keeps every other answer of that week.
            const before = await reflectionOf(store, studentId, week);
            const scales = {
              welbevinden: welbevinden ?? before?.welbevinden,
              motivatie: motivatie ?? before?.motivatie,
              grip: grip ?? before?.grip,
              uitdaging: uitdaging ?? before?.uitdaging,
            };
            if (
              scales.welbevinden === undefined ||
              scales.motivatie === undefined ||
              scales.grip === undefined ||
              scales.uitdaging === undefined
            )
              throw new UserError('reflection.missingAnswers', {
                answers: context.format.list(
                  requiredAnswers.filter((name) => scales[name] === undefined).map((name) => `--${name}`),
                ),
              });
            const progress = new Map(before ? await goalProgressOf(store, before.id) : []) as Map<
              number,
              Progress
            >;
            for (const [goalId, value] of given) progress.set(goalId, value);
            const result = await saveReflection(
              store,
              {
                studentId,
                isoWeek: week,
                welbevinden: scales.welbevinden,
                motivatie: scales.motivatie,
                grip: scales.grip,
                uitdaging: scales.uitdaging,
                learningStrategy: strategie ?? before?.learningStrategy ?? null,
                wentWell: goed ?? before?.wentWell ?? null,
                nextStep: stap ?? before?.nextStep ?? null,
                wantsTalk: praten ?? before?.wantsTalk ?? false,
                channel: context.channel,
                submittedAt: context.now.toISOString(),
              },
              [...progress].map(([goalId, value]) => ({ goalId, progress: value })),
            );
            let mentorTold = false;
            const mentorId = student?.mentorId;
            if (praten === true && mentorId) {
              const recipient = await staffRecipient(store, mentorId, order);
              if (recipient) {
                const at = context.now.toISOString();
                // Once per week: asking again in a corrected reflection does not message the mentor twice.
                await enqueue(
                  store,
                  [
                    {
                      recipient,
                      payload: { kind: 'talkRequest', studentId, mentorId, isoWeek: week },
                      notBefore: at,
                    },
                  ],
                  at,
                );
                mentorTold = true;
              }
            }
            return { ...result, week, mentorTold, welbevinden: scales.welbevinden };
          },
          (result) => [
            {
              studentId,
              action: result.updated ? 'update' : 'create',
              detail: { reflection: result.id, week: result.week },
            },
          ],
        );
        const previous = await reflectionBefore(store, studentId, saved.week);
        const lines = [
          saved.updated
            ? t('reflection.updated', { week: String(Number(saved.week.slice(6))) })
            : t('reflection.thanks'),
          comparison(context, saved.welbevinden, previous?.welbevinden),
          ...(praten === true ? [t(saved.mentorTold ? 'reflection.mentorTold' : 'reflection.noMentor')] : []),
        ];
        return {
          locale,
          blocks: lines.map((text, i) => ({
            type: 'text' as const,
            tone: i === 0 ? ('success' as const) : ('normal' as const),
            text,
          })),
        };
      },
    }),
  ],
});
