/**
 * `doelen [naam]` lists goals; `doel nieuw`, `doel wijzig`, `doel behaald` add and update them.
 * A student manages their own goals, a mentor those of their mentees.
 */
import { z } from 'zod';
import { resolveDateWords } from '../src/domain/calendar-words.ts';
import { goalCategories, goalOrigins, goalStatuses, subjects } from '../src/domain/enums.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { refusal } from '../src/engine/replies.ts';
import { displayName } from '../src/engine/student-finder.ts';
import { UserError } from '../src/i18n/user-error.ts';
import type { ReplyInput } from '../src/reply/reply.ts';
import { goalOwner, insertGoal, updateGoal } from '../src/store/goals.ts';
import { goalsOf } from '../src/store/student-records.ts';
import { goalLine } from '../src/views/lines.ts';

const who = ['leerling', 'mentor'] as const;
const TITLE_MAX = 200;

function futureDate(context: CommandContext, words: Parameters<typeof resolveDateWords>[0]): string {
  const date = resolveDateWords(words, context.today, 'future');
  if (date === null) throw new UserError('args.dateMissing');
  if (date < context.today) throw new UserError('goal.pastDate', { date: context.format.date(date) });
  return date;
}

function done(context: CommandContext, key: string, params: Record<string, string | number>): ReplyInput {
  return {
    locale: context.locale,
    blocks: [{ type: 'text', tone: 'success', text: context.t(key, params) }],
  };
}

/** The goal and its student, or the refusal that does not say whether the goal exists. */
function ownGoal(context: CommandContext, goalId: number) {
  const goal = goalOwner(context.store, goalId);
  const found = context.studentById(goal?.studentId, 'changeGoals');
  if (!goal || !found.ok)
    return { ok: false as const, reply: refusal(context.t, context.locale, 'goal.notFound', { id: goalId }) };
  return { ok: true as const, goal, student: found.student };
}

const categoryRequired = <T extends { categorie?: unknown; vak?: unknown }>(args: T) =>
  args.categorie !== undefined || args.vak !== undefined;

export default command({
  name: 'doelen',
  aliases: ['doel', 'goals', 'goal'],
  actions: [
    action({
      name: 'main',
      who,
      positionals: [{ key: 'naam', rest: true }],
      args: z.object({ naam: arg.student().optional() }),
      run: (context, { naam }) => {
        const found = context.findStudent(naam, 'seePathway', (email) => `doelen ${email}`);
        if (!found.ok) return found.reply;
        const { t, locale } = context;
        const all = goalsOf(context.store, found.student.id, 'all');
        context.auditRead(found.student.id, { view: 'goals' });
        return {
          locale,
          blocks: [
            { type: 'header', text: t('goal.listTitle', { name: displayName(found.student) }) },
            {
              type: 'list',
              title: t('card.openGoals'),
              items: all.filter((g) => g.status === 'open').map((g) => goalLine(context, g)),
              empty: t('card.noGoals'),
            },
            {
              type: 'list',
              title: t('goal.closed'),
              items: all.filter((g) => g.status !== 'open').map((g) => goalLine(context, g)),
              empty: t('goal.noneClosed'),
            },
            { type: 'text', tone: 'muted', text: t('goal.hint') },
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
        .refine(categoryRequired, { path: ['categorie'] }),
      run: (context, args) => {
        if (context.actor.kind === 'staff' && args.naam === undefined)
          return refusal(context.t, context.locale, 'goal.needsStudent');
        const found = context.findStudent(args.naam, 'changeGoals');
        if (!found.ok) return found.reply;
        const targetDate = args.tot ? futureDate(context, args.tot) : null;
        const { actor } = context;
        const id = context.change(
          () =>
            insertGoal(context.store, {
              studentId: found.student.id,
              title: args.titel,
              category: args.categorie ?? 'vak',
              subject: args.vak ?? null,
              origin: args.herkomst ?? (actor.kind === 'student' ? 'eigen' : 'coachgesprek'),
              createdById: actor.kind === 'staff' ? actor.staffId : null,
              targetDate,
              status: 'open',
              createdAt: context.now.toISOString(),
            }),
          (goalId) => [{ studentId: found.student.id, action: 'create', detail: { goalId } }],
        );
        return done(context, 'goal.added', { id, name: displayName(found.student) });
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
          status: arg.choice('goalStatus', goalStatuses).optional(),
        })
        .refine((a) => Object.keys(a).length > 1, { message: 'goal.nothingToChange' }),
      run: (context, { nummer, tot, titel, categorie, vak, status }) => {
        const owned = ownGoal(context, nummer);
        if (!owned.ok) return owned.reply;
        const changes = {
          ...(titel !== undefined ? { title: titel } : {}),
          ...(tot !== undefined ? { targetDate: futureDate(context, tot) } : {}),
          ...(categorie !== undefined ? { category: categorie } : {}),
          ...(vak !== undefined ? { subject: vak } : {}),
          ...(status !== undefined
            ? { status, closedAt: status === 'open' ? null : context.now.toISOString() }
            : {}),
        };
        context.change(
          () => updateGoal(context.store, nummer, changes),
          () => [
            {
              studentId: owned.student.id,
              action: 'update',
              detail: { goalId: nummer, fields: Object.keys(changes) },
            },
          ],
        );
        return done(context, 'goal.updated', { id: nummer, name: displayName(owned.student) });
      },
    }),
    action({
      name: 'behaald',
      words: ['behaald', 'achieved', 'done'],
      who,
      changes: true,
      positionals: [{ key: 'nummer' }],
      args: z.object({ nummer: arg.id() }),
      run: (context, { nummer }) => {
        const owned = ownGoal(context, nummer);
        if (!owned.ok) return owned.reply;
        if (owned.goal.status === 'behaald')
          return refusal(context.t, context.locale, 'goal.alreadyAchieved', { id: nummer });
        context.change(
          () => updateGoal(context.store, nummer, { status: 'behaald', closedAt: context.now.toISOString() }),
          () => [
            { studentId: owned.student.id, action: 'update', detail: { goalId: nummer, status: 'behaald' } },
          ],
        );
        return done(context, 'goal.achieved', { id: nummer, title: owned.goal.title });
      },
    }),
  ],
});
