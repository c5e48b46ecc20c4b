/**
 * `doelen [naam]` lists goals; `doel nieuw`, `doel wijzig`, `doel behaald` add and update them.
 * A student manages their own goals, a mentor those of their mentees.
 */
import { z } from 'zod';
import { audiencesFor, may } from '../src/domain/access.ts';
import { type DateWords, resolveDateWords } from '../src/domain/calendar-words.ts';
import { goalCategories, goalOrigins, subjects } from '../src/domain/enums.ts';
import {
  ACHIEVED,
  type GoalStatus,
  goalStep,
  isOpenGoal,
  OPEN,
  settableGoalStatuses,
} from '../src/domain/goal.ts';
import { displayName } from '../src/domain/person-name.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { confirmation, refusal } from '../src/engine/replies.ts';
import { UserError } from '../src/i18n/user-error.ts';
import { goalOwner, insertGoal, updateGoal } from '../src/store/goals.ts';
import { goalsOf } from '../src/store/student-records.ts';
import { goalLine } from '../src/views/lines.ts';

/** Adding and updating goals; reading them is open to everyone who may see the pathway. */
const who = audiencesFor('changeGoals');
const TITLE_MAX = 200;

function targetDate(context: CommandContext, words: DateWords): string {
  const date = resolveDateWords(words, context.today, 'future');
  if (date === null) throw new UserError('args.dateMissing');
  if (date < context.today) throw new UserError('goal.pastDate', { date: context.format.date(date) });
  return date;
}

/** The goal and its student, or the refusal that does not say whether the goal exists. */
async function ownGoal(context: CommandContext, goalId: number) {
  const goal = await goalOwner(context.store, goalId);
  const found = await context.studentById(goal?.studentId, 'changeGoals');
  // A goal of a student the asker may see is no secret: say it may not be changed, not that it is gone.
  if (goal && !found.ok && found.why === 'readOnly') return found;
  if (!goal || !found.ok)
    return { ok: false as const, reply: refusal(context.t, context.locale, 'goal.notFound', { id: goalId }) };
  return { ok: true as const, goal, student: found.student };
}

/** Inside the transaction: the goal's status now allows this step. */
async function assertStep(context: CommandContext, goalId: number, to: GoalStatus): Promise<void> {
  const from = (await goalOwner(context.store, goalId))?.status;
  if (from === undefined) throw new UserError('goal.notFound', { id: goalId });
  const step = goalStep(from, to);
  if (step === 'alreadyAchieved') throw new UserError('goal.alreadyAchieved', { id: goalId });
  if (step === 'notAllowed')
    throw new UserError('goal.wrongStep', {
      id: goalId,
      from: context.t(`enum.goalStatus.${from}`),
      to: context.t(`enum.goalStatus.${to}`),
    });
}

export default command({
  name: 'doelen',
  aliases: ['doel', 'goals', 'goal'],
  narrowSummary: { without: 'changeGoals', key: 'help.narrow.doelen' },
  actions: [
    action({
      name: 'main',
      who: audiencesFor('seePathway'),
      positionals: [{ key: 'naam', rest: true }],
      args: z.object({ naam: arg.student().optional() }),
      run: async (context, { naam }) => {
        const found = await context.findStudent(naam, 'seePathway', (reference) => `doelen ${reference}`);
        if (!found.ok) return found.reply;
        const { t, locale } = context;
        const all = await goalsOf(context.store, found.student.id, 'all');
        context.auditRead(found.student.id, { view: 'goals' });
        return {
          locale,
          blocks: [
            { type: 'header', text: t('goal.listTitle', { name: displayName(found.student) }) },
            {
              type: 'list',
              title: t('card.openGoals'),
              items: all.filter((g) => isOpenGoal(g.status)).map((g) => goalLine(context, g)),
              empty: t('card.noGoals'),
            },
            {
              type: 'list',
              title: t('goal.closed'),
              items: all.filter((g) => !isOpenGoal(g.status)).map((g) => goalLine(context, g)),
              empty: t('goal.noneClosed'),
            },
            // Offered only to who may add and update this student's goals.
            ...(may(found.student.relationships, 'changeGoals')
              ? [{ type: 'text' as const, tone: 'muted' as const, text: t('goal.hint') }]
              : []),
          ],
        };
      },
    }),
    action({
      name: 'nieuw',
      words: ['nieuw', 'new', 'add'],
      who,
      changes: true,
      positionals: [{ key: 'naam', rest: true }, { key: 'titel' }],
      options: {
        tot: { aliases: ['until', 'due'] },
        categorie: { aliases: ['category'] },
        vak: { aliases: ['subject'] },
        herkomst: { aliases: ['origin'] },
      },
      args: z
        .object({
          naam: arg.student().optional(),
          titel: arg.text(TITLE_MAX),
          tot: arg.date().optional(),
          categorie: arg.choice('goalCategory', goalCategories).optional(),
          vak: arg.choice('subject', subjects).optional(),
          herkomst: arg.choice('goalOrigin', goalOrigins).optional(),
        })
        // A subject goal says its subject; any other goal says what kind it is.
        .refine((a) => a.categorie !== undefined || a.vak !== undefined, { path: ['categorie'] }),
      form: {
        labels: 'forms.goal',
        // The form always asks what kind of goal; typed, a subject alone will do.
        fields: ['titel', { name: 'categorie', required: true }, 'vak', 'tot'],
        open: async (context, prefill) => {
          const { t } = context;
          const found = await context.findStudent(prefill.naam, 'changeGoals');
          if (!found.ok) return found.reply;
          return {
            title: t('forms.goal.title'),
            intro: t('forms.goal.intro', { name: displayName(found.student) }),
            submitLabel: t('forms.save'),
          };
        },
      },
      run: async (context, args) => {
        const { t, locale, actor } = context;
        if (actor.kind === 'staff' && args.naam === undefined) return refusal(t, locale, 'goal.needsStudent');
        const found = await context.findStudent(args.naam, 'changeGoals');
        if (!found.ok) return found.reply;
        const due = args.tot ? targetDate(context, args.tot) : null;
        const id = await context.change(
          () =>
            insertGoal(context.store, {
              studentId: found.student.id,
              title: args.titel,
              category: args.categorie ?? 'vak',
              subject: args.vak ?? null,
              origin: args.herkomst ?? (actor.kind === 'student' ? 'eigen' : 'coachgesprek'),
              createdById: actor.kind === 'staff' ? actor.staffId : null,
              targetDate: due,
              status: OPEN,
              createdAt: context.now.toISOString(),
            }),
          (goalId) => [{ studentId: found.student.id, action: 'create', detail: { goalId } }],
        );
        const name = displayName(found.student);
        return due === null
          ? confirmation(t, locale, 'goal.added', { id, name })
          : confirmation(t, locale, 'goal.addedUntil', { id, name, date: context.format.date(due) });
      },
    }),
    action({
      name: 'wijzig',
      words: ['wijzig', 'update', 'bijstellen'],
      who,
      changes: true,
      positionals: [{ key: 'nummer' }],
      options: {
        titel: { aliases: ['title'] },
        tot: { aliases: ['until', 'due'] },
        categorie: { aliases: ['category'] },
        vak: { aliases: ['subject'] },
        status: {},
      },
      args: z
        .object({
          nummer: arg.id(),
          titel: arg.text(TITLE_MAX).optional(),
          tot: arg.date().optional(),
          categorie: arg.choice('goalCategory', goalCategories).optional(),
          vak: arg.choice('subject', subjects).optional(),
          status: arg.choice('goalStatus', settableGoalStatuses).optional(),
        })
        .refine((a) => Object.keys(a).length > 1, { message: 'goal.nothingToChange' }),
      run: async (context, { nummer, tot, titel, categorie, vak, status }) => {
        const owned = await ownGoal(context, nummer);
        if (!owned.ok) return owned.reply;
        const changes = {
          ...(titel !== undefined ? { title: titel } : {}),
          ...(tot !== undefined ? { targetDate: targetDate(context, tot) } : {}),
          ...(categorie !== undefined ? { category: categorie } : {}),
          ...(vak !== undefined ? { subject: vak } : {}),
          ...(status !== undefined
            ? { status, closedAt: isOpenGoal(status) ? null : context.now.toISOString() }
            : {}),
        };
        await context.change(
          async () => {
            if (status !== undefined) await assertStep(context, nummer, status);
            await updateGoal(context.store, nummer, changes);
          },
          () => [
            {
              studentId: owned.student.id,
              action: 'update',
              detail: { goalId: nummer, fields: Object.keys(changes) },
            },
          ],
        );
        return confirmation(context.t, context.locale, 'goal.updated', {
          id: nummer,
          name: displayName(owned.student),
        });
      },
    }),
    action({
      name: 'behaald',
      words: ['behaald', 'achieved', 'done'],
      who,
      changes: true,
      positionals: [{ key: 'nummer' }],
      args: z.object({ nummer: arg.id() }),
      run: async (context, { nummer }) => {
        const owned = await ownGoal(context, nummer);
        if (!owned.ok) return owned.reply;
        await context.change(
          async () => {
            await assertStep(context, nummer, ACHIEVED);
            await updateGoal(context.store, nummer, {
              status: ACHIEVED,
              closedAt: context.now.toISOString(),
            });
          },
          () => [
            { studentId: owned.student.id, action: 'update', detail: { goalId: nummer, status: ACHIEVED } },
          ],
        );
        // Praise belongs to the student who reached the goal, not to the mentor who records it.
        const byStudent = context.actor.kind === 'student';
        return confirmation(context.t, context.locale, byStudent ? 'goal.achieved' : 'goal.achievedFor', {
          id: nummer,
          title: owned.goal.title,
          name: displayName(owned.student),
        });
      },
    }),
  ],
});
