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
import { arg, argumentDocs } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { refusal } from '../src/engine/replies.ts';
import { UserError } from '../src/i18n/user-error.ts';
import { colleaguePlatforms } from '../src/outbox/colleague-platforms.ts';
import { formButton } from '../src/reply/buttons.ts';
import type { FormInput } from '../src/reply/reply.ts';
import { staffRecipient } from '../src/store/delivery-identities.ts';
import { messageStudent } from '../src/store/message-recipients.ts';
import { enqueue } from '../src/store/outbox.ts';
import { openPromptOf, promptOf } from '../src/store/prompts.ts';
import { goalProgressOf, reflectionBefore, reflectionOf, saveReflection } from '../src/store/reflections.ts';
import { goalsOf } from '../src/store/student-records.ts';
import { choiceInput } from '../src/views/form-inputs.ts';

const who = ['leerling'] as const;
/** PRODUCT.md: the free texts are short notes, not essays. */
const TEXT_MAX = 2000;
const GOAL_INPUT = /^doel-(\d{1,9})$/;

const isoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/)
  .optional();
const yes = arg.yesNo().optional();

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

/** The four scales and the challenge are required the first time a week; a correction may leave them out. */
const REQUIRED = ['welbevinden', 'motivatie', 'grip', 'uitdaging'] as const;

const answers = z
  .object({
    week: isoWeek,
    welbevinden: arg.integer(1, 5).optional(),
    motivatie: arg.integer(1, 5).optional(),
    grip: arg.integer(1, 5).optional(),
    uitdaging: arg.choice('challenge', challengeAnswers).optional(),
    strategie: arg.choice('learningStrategy', learningStrategies).optional(),
    goed: arg.text(TEXT_MAX).optional(),
    stap: arg.text(TEXT_MAX).optional(),
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
function weekOf(context: CommandContext, studentId: number, asked: string | undefined): string {
  const current = thisWeek(context);
  if (asked === undefined)
    return openPromptOf(context.store, studentId, context.now.toISOString())?.isoWeek ?? current;
  if (asked === current) return current;
  const prompt = promptOf(context.store, studentId, asked);
  if (!prompt || asked > current) throw new UserError('reflection.unknownWeek');
  if (prompt.expiresAt <= context.now.toISOString()) throw new UserError('reflection.expired');
  return asked;
}

const SCALE_LABELS = [
  'forms.reflection.scale.1',
  'forms.reflection.scale.2',
  'forms.reflection.scale.3',
  'forms.reflection.scale.4',
  'forms.reflection.scale.5',
];
const SCALE_QUESTIONS = {
  welbevinden: 'forms.reflection.welbevinden',
  motivatie: 'forms.reflection.motivatie',
  grip: 'forms.reflection.grip',
} as const;

function scale(context: CommandContext, name: keyof typeof SCALE_QUESTIONS, value?: string): FormInput {
  const { t } = context;
  return {
    type: 'select',
    name,
    label: t(SCALE_QUESTIONS[name]),
    required: true,
    ...(value ? { value } : {}),
    options: SCALE_LABELS.map((key, i) => ({ value: String(i + 1), label: t(key) })),
  };
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
      run: (context) => {
        const { t, locale } = context;
        const studentId = studentIdOf(context);
        const done = reflectionOf(context.store, studentId, weekOf(context, studentId, undefined));
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
      form: (context, prefill) => {
        const { t } = context;
        const studentId = studentIdOf(context);
        const week = weekOf(context, studentId, prefill.week);
        // A second time this week: the form shows what was given, to correct it.
        const given = reflectionOf(context.store, studentId, week);
        const progress = given ? goalProgressOf(context.store, given.id) : new Map<number, string>();
        const goals = goalsOf(context.store, studentId, 'open');
        const value = (text: string | null | undefined) => (text ? { value: text } : {});
        return {
          title: t('forms.reflection.title'),
          intro: t('forms.reflection.intro', { week: String(Number(week.slice(6))) }),
          submitLabel: t('forms.reflection.submit'),
          inputs: [
            scale(context, 'welbevinden', given ? String(given.welbevinden) : undefined),
            scale(context, 'motivatie', given ? String(given.motivatie) : undefined),
            scale(context, 'grip', given ? String(given.grip) : undefined),
            choiceInput(
              t,
              {
                name: 'uitdaging',
                label: t('forms.reflection.uitdaging'),
                required: true,
                ...(given ? { value: given.uitdaging } : {}),
              },
              'challenge',
              challengeAnswers,
            ),
            ...goals.map((goal) =>
              choiceInput(
                t,
                {
                  name: `doel-${goal.id}`,
                  label: t('forms.reflection.goal', { title: goal.title }),
                  required: false,
                  ...value(progress.get(goal.id)),
                },
                'goalProgress',
                goalProgress,
              ),
            ),
            choiceInput(
              t,
              {
                name: 'strategie',
                label: t('forms.reflection.strategie'),
                required: false,
                ...(given?.learningStrategy ? { value: given.learningStrategy } : {}),
              },
              'learningStrategy',
              learningStrategies,
            ),
            {
              type: 'textarea',
              name: 'goed',
              label: t('forms.reflection.goed'),
              required: false,
              maxLength: TEXT_MAX,
              ...value(given?.wentWell),
            },
            {
              type: 'textarea',
              name: 'stap',
              label: t('forms.reflection.stap'),
              required: false,
              maxLength: TEXT_MAX,
              ...value(given?.nextStep),
            },
            {
              type: 'checkbox',
              name: 'praten',
              label: t('forms.reflection.praten'),
              required: false,
              ...value(given?.wantsTalk ? 'true' : undefined),
            },
          ],
        };
      },
      run: (context, args) => {
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
        const open = new Set(goalsOf(store, studentId, 'open').map((goal) => goal.id));
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
        const student = messageStudent(store, studentId);
        const order = colleaguePlatforms(context.platform?.platform);
        const saved = context.change(
          () => {
            // Inside the transaction: the week is still open, and a talk request is queued with it or not at all.
            const week = weekOf(context, studentId, asked);
            // A correction changes what it names and keeps every other answer of that week.
            const before = reflectionOf(store, studentId, week);
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
                  REQUIRED.filter((name) => scales[name] === undefined).map((name) => `--${name}`),
                ),
              });
            const progress = new Map(before ? goalProgressOf(store, before.id) : []) as Map<number, Progress>;
            for (const [goalId, value] of given) progress.set(goalId, value);
            const result = saveReflection(
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
              const recipient = staffRecipient(store, mentorId, order);
              if (recipient) {
                const at = context.now.toISOString();
                // Once per week: asking again in a corrected reflection does not message the mentor twice.
                enqueue(
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
        const previous = reflectionBefore(store, studentId, saved.week);
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
