/**
 * `gesprek <naam> --soort …`: a mentor logs a conversation; each `--afspraak` becomes a goal of
 * the student in the same step (and the same transaction).
 */
import { z } from 'zod';
import { audiencesFor } from '../src/domain/access.ts';
import { resolveDateWords, resolveNearestDateWords } from '../src/domain/calendar-words.ts';
import { conversationKinds, goalCategories, type goalOrigins, subjects } from '../src/domain/enums.ts';
import { OPEN } from '../src/domain/goal.ts';
import { displayName } from '../src/domain/person-name.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import { refusal } from '../src/engine/replies.ts';
import { UserError } from '../src/i18n/user-error.ts';
import { insertConversation } from '../src/store/conversations.ts';

const SUMMARY_MAX = 2000;
const AGREEMENT_MAX = 200;
const AGREEMENTS_MAX = 10;

type Kind = (typeof conversationKinds)[number];
/** The goals of an evaluation or parent conversation are recorded as coming from coaching. */
const originOf = (kind: Kind): (typeof goalOrigins)[number] =>
  kind === 'driehoeksgesprek' || kind === 'ambitiegesprek' ? kind : 'coachgesprek';
const withParent = (kind: Kind) => kind === 'driehoeksgesprek' || kind === 'oudergesprek';

export default command({
  name: 'gesprek',
  aliases: ['conversation'],
  actions: [
    action({
      name: 'main',
      who: audiencesFor('logConversation'),
      changes: true,
      positionals: [{ key: 'naam', rest: true }],
      options: {
        soort: { aliases: ['kind', 'type'] },
        datum: { aliases: ['date'] },
        samenvatting: { aliases: ['summary'] },
        afspraak: { aliases: ['agreement'], repeat: true },
        categorie: { aliases: ['category'] },
        vak: { aliases: ['subject'] },
        tot: { aliases: ['until', 'due'] },
      },
      args: z.object({
        naam: arg.student(),
        soort: arg.choice('conversationKind', conversationKinds),
        datum: arg.date().optional(),
        samenvatting: arg.text(SUMMARY_MAX).optional(),
        afspraak: arg.list(arg.text(AGREEMENT_MAX), AGREEMENTS_MAX).optional(),
        categorie: arg.choice('goalCategory', goalCategories).optional(),
        vak: arg.choice('subject', subjects).optional(),
        tot: arg.date().optional(),
      }),
      form: {
        labels: 'forms.conversation',
        fields: [
          { name: 'soort', value: 'coachgesprek' satisfies Kind },
          'datum',
          'samenvatting',
          'afspraak',
          // The agreements become goals: of the kind a goal's own form asks.
          { name: 'categorie', label: 'forms.goal.categorie' },
        ],
        open: async (context, prefill) => {
          const { t } = context;
          const found = await context.findStudent(prefill.naam, 'logConversation');
          if (!found.ok) return found.reply;
          return {
            title: t('forms.conversation.title'),
            intro: t('forms.conversation.intro', { name: displayName(found.student) }),
            submitLabel: t('forms.save'),
            values: { datum: context.today },
          };
        },
      },
      run: async (context, args) => {
        const { t, locale, actor, today } = context;
        const found = await context.findStudent(args.naam, 'logConversation');
        if (!found.ok) return found.reply;
        const date = args.datum ? resolveNearestDateWords(args.datum, today) : today;
        if (date === null) throw new UserError('args.dateMissing');
        if (date > today) return refusal(t, locale, 'conversation.futureDate');
        const targetDate = args.tot ? resolveDateWords(args.tot, today, 'future') : null;
        if (targetDate !== null && targetDate < today)
          return refusal(t, locale, 'goal.pastDate', { date: context.format.date(targetDate) });
        const staffId = actor.kind === 'staff' ? actor.staffId : null;
        const createdAt = context.now.toISOString();
        const agreements = args.afspraak ?? [];
        const { conversationId, goalIds } = await context.change(
          () =>
            insertConversation(
              context.store,
              {
                studentId: found.student.id,
                kind: args.soort,
                date,
                loggedById: staffId,
                summary: args.samenvatting ?? null,
                createdAt,
              },
              [
                { kind: 'leerling', staffId: null },
                { kind: 'medewerker', staffId },
                ...(withParent(args.soort) ? [{ kind: 'ouder' as const, staffId: null }] : []),
              ],
              agreements.map((title) => ({
                studentId: found.student.id,
                title,
                category: args.categorie ?? (args.vak ? 'vak' : 'leerstrategie'),
                subject: args.vak ?? null,
                origin: originOf(args.soort),
                createdById: staffId,
                targetDate,
                status: OPEN,
                createdAt,
              })),
            ),
          (result) => [
            {
              studentId: found.student.id,
              action: 'create',
              detail: { conversationId: result.conversationId, goalIds: result.goalIds },
            },
          ],
        );
        return {
          locale,
          blocks: [
            {
              type: 'text',
              tone: 'success',
              text: t('conversation.logged', {
                kind: t(`enum.conversationKind.${args.soort}`),
                name: displayName(found.student),
                date: context.format.date(date),
              }),
            },
            ...(goalIds.length > 0
              ? [
                  {
                    type: 'list' as const,
                    title: t('conversation.goalsAdded', { count: goalIds.length }),
                    items: goalIds.map((id, i) => ({ text: `#${id} ${agreements[i] ?? ''}` })),
                  },
                ]
              : []),
            ...(goalIds.length > 0
              ? [{ type: 'text' as const, tone: 'muted' as const, text: t('conversation.goalsVisible') }]
              : []),
            { type: 'text', tone: 'muted', text: t('conversation.reference', { id: conversationId }) },
          ],
        };
      },
    }),
  ],
});
