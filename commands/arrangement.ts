/**
 * `arrangement`: the arrangements of one student or of everyone in my care, and their life
 * cycle — propose, assign, start, evaluate with a decision, close (PRODUCT.md section 3).
 */
import { z } from 'zod';
import { may } from '../src/domain/access.ts';
import { addWeeks } from '../src/domain/calendar-math.ts';
import { resolveDateWords } from '../src/domain/calendar-words.ts';
import {
  arrangementForms,
  arrangementStrategies,
  evaluationDecisions,
  goalsMetAnswers,
  supportLevels,
} from '../src/domain/enums.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { refusal } from '../src/engine/replies.ts';
import { displayName } from '../src/engine/student-finder.ts';
import { UserError } from '../src/i18n/user-error.ts';
import type { ReplyInput } from '../src/reply/reply.ts';
import {
  arrangementById,
  currentArrangementsOf,
  goalsOfStudent,
  insertArrangement,
  insertEvaluation,
  updateArrangement,
} from '../src/store/arrangements.ts';
import { studentsInScope } from '../src/store/scope.ts';
import { arrangementsOf } from '../src/store/student-records.ts';
import { arrangementLine } from '../src/views/lines.ts';

const who = ['mentor', 'zorgcoordinator'] as const;
const DESCRIPTION_MAX = 500;
const NOTE_MAX = 1000;
const DEFAULT_INTERVAL_WEEKS = 6;

/** A step of the support pyramid, 1 to 4. */
const level = () => arg.integer(Math.min(...supportLevels), Math.max(...supportLevels));

function dateOr(
  context: CommandContext,
  words: Parameters<typeof resolveDateWords>[0] | undefined,
  prefer: 'future' | 'past',
) {
  if (words === undefined) return context.today;
  const date = resolveDateWords(words, context.today, prefer);
  if (date === null) throw new UserError('args.dateMissing');
  return date;
}

function done(context: CommandContext, key: string, params: Record<string, string | number>): ReplyInput {
  return {
    locale: context.locale,
    blocks: [{ type: 'text', tone: 'success', text: context.t(key, params) }],
  };
}

/** The arrangement and its student, or one refusal whether it does not exist or is not mine. */
function managed(context: CommandContext, arrangementId: number) {
  const arrangement = arrangementById(context.store, arrangementId);
  const found = context.studentById(arrangement?.studentId, 'manageArrangements');
  if (!arrangement || !found.ok)
    return {
      ok: false as const,
      reply: refusal(context.t, context.locale, 'arrangement.notFound', { id: arrangementId }),
    };
  return { ok: true as const, arrangement, student: found.student };
}

function wrongStatus(context: CommandContext, id: number, status: string): ReplyInput {
  return refusal(context.t, context.locale, 'arrangement.wrongStatus', {
    id,
    status: context.t(`enum.arrangementStatus.${status}`),
  });
}

function listOne(context: CommandContext, naam: string): ReplyInput {
  const found = context.findStudent(naam, 'seePathway', (email) => `arrangement ${email}`);
  if (!found.ok) return found.reply;
  const { t, locale } = context;
  const all = arrangementsOf(context.store, found.student.id, 'all');
  context.auditRead(found.student.id, { view: 'arrangements' });
  return {
    locale,
    blocks: [
      { type: 'header', text: t('arrangement.listTitle', { name: displayName(found.student) }) },
      { type: 'list', items: all.map((a) => arrangementLine(context, a)), empty: t('card.noArrangements') },
      { type: 'text', tone: 'muted', text: t('arrangement.hint') },
    ],
  };
}

function listMine(context: CommandContext): ReplyInput {
  const { t, locale, store } = context;
  const students = studentsInScope(store, context.actor).filter((s) =>
    may(s.relationships, 'manageArrangements'),
  );
  const byId = new Map(students.map((s) => [s.id, s]));
  const current = currentArrangementsOf(
    store,
    students.map((s) => s.id),
  );
  for (const studentId of new Set(current.map((a) => a.studentId)))
    context.auditRead(studentId, { view: 'arrangements' });
  return {
    locale,
    blocks: [
      { type: 'header', text: t('arrangement.mineTitle', { count: current.length }) },
      {
        type: 'list',
        items: current.map((a) => {
          const student = byId.get(a.studentId);
          const line = arrangementLine(context, { ...a, ownerName: null });
          return { text: `${student ? displayName(student) : ''}: ${line.text}`, detail: line.detail };
        }),
        empty: t('arrangement.noneInScope'),
      },
    ],
  };
}

export default command({
  name: 'arrangement',
  aliases: ['arrangements', 'arrangementen'],
  actions: [
    action({
      name: 'main',
      who,
      positionals: [{ key: 'naam', rest: true }],
      args: z.object({ naam: arg.student().optional() }),
      run: (context, { naam }) => (naam === undefined ? listMine(context) : listOne(context, naam)),
    }),
    action({
      name: 'voorstel',
      words: ['voorstel', 'voorstellen', 'propose'],
      who,
      changes: true,
      positionals: [{ key: 'naam', rest: true }],
      options: {
        strategie: { aliases: ['strategy'] },
        vorm: { aliases: ['form'] },
        niveau: { aliases: ['level'] },
        omschrijving: { aliases: ['description'] },
        interval: { aliases: ['every'] },
        start: {},
        eind: { aliases: ['end'] },
        doel: { aliases: ['goal'], repeat: true },
      },
      args: z.object({
        naam: arg.student(),
        strategie: arg.choice('strategy', arrangementStrategies),
        vorm: arg.choice('form', arrangementForms),
        niveau: level(),
        omschrijving: arg.text(DESCRIPTION_MAX).optional(),
        interval: arg.integer(1, 52).optional(),
        start: arg.date().optional(),
        eind: arg.date().optional(),
        doel: z.array(arg.id()).optional(),
      }),
      run: (context, args) => {
        const found = context.findStudent(args.naam, 'manageArrangements');
        if (!found.ok) return found.reply;
        const startDate = dateOr(context, args.start, 'future');
        const plannedEndDate = args.eind ? dateOr(context, args.eind, 'future') : null;
        if (plannedEndDate !== null && plannedEndDate < startDate)
          return refusal(context.t, context.locale, 'arrangement.endBeforeStart');
        const goalIds = [...new Set(args.doel ?? [])];
        const ownGoals = goalsOfStudent(context.store, found.student.id, goalIds);
        const foreign = goalIds.find((id) => !ownGoals.includes(id));
        if (foreign !== undefined)
          return refusal(context.t, context.locale, 'goal.notFound', { id: foreign });
        const { actor } = context;
        const id = context.change(
          () =>
            insertArrangement(
              context.store,
              {
                studentId: found.student.id,
                strategy: args.strategie,
                form: args.vorm,
                description: args.omschrijving ?? null,
                supportLevel: args.niveau,
                ownerId: actor.kind === 'staff' ? actor.staffId : null,
                startDate,
                plannedEndDate,
                evaluationIntervalWeeks: args.interval ?? DEFAULT_INTERVAL_WEEKS,
                nextEvaluationDate: null,
                status: 'voorgesteld',
                createdAt: context.now.toISOString(),
              },
              goalIds,
            ),
          (arrangementId) => [{ studentId: found.student.id, action: 'create', detail: { arrangementId } }],
        );
        return done(context, 'arrangement.proposed', { id, name: displayName(found.student) });
      },
    }),
    action({
      name: 'toewijzen',
      words: ['toewijzen', 'assign'],
      who,
      changes: true,
      positionals: [{ key: 'nummer' }],
      args: z.object({ nummer: arg.id() }),
      run: (context, { nummer }) => {
        const found = managed(context, nummer);
        if (!found.ok) return found.reply;
        if (found.arrangement.status !== 'voorgesteld')
          return wrongStatus(context, nummer, found.arrangement.status);
        context.change(
          () => updateArrangement(context.store, nummer, { status: 'toegewezen' }),
          () => [
            {
              studentId: found.student.id,
              action: 'update',
              detail: { arrangementId: nummer, status: 'toegewezen' },
            },
          ],
        );
        return done(context, 'arrangement.assigned', { id: nummer });
      },
    }),
    action({
      name: 'start',
      words: ['start', 'begin'],
      who,
      changes: true,
      positionals: [{ key: 'nummer' }],
      options: { datum: { aliases: ['date'] } },
      args: z.object({ nummer: arg.id(), datum: arg.date().optional() }),
      run: (context, { nummer, datum }) => {
        const found = managed(context, nummer);
        if (!found.ok) return found.reply;
        const { arrangement } = found;
        if (arrangement.status !== 'voorgesteld' && arrangement.status !== 'toegewezen')
          return wrongStatus(context, nummer, arrangement.status);
        const startDate = datum ? dateOr(context, datum, 'past') : context.today;
        const nextEvaluationDate = addWeeks(startDate, arrangement.evaluationIntervalWeeks);
        context.change(
          () => updateArrangement(context.store, nummer, { status: 'lopend', startDate, nextEvaluationDate }),
          () => [
            {
              studentId: found.student.id,
              action: 'update',
              detail: { arrangementId: nummer, status: 'lopend' },
            },
          ],
        );
        return done(context, 'arrangement.started', {
          id: nummer,
          date: context.format.date(nextEvaluationDate),
        });
      },
    }),
    action({
      name: 'evalueer',
      words: ['evalueer', 'evalueren', 'evaluate'],
      who,
      changes: true,
      positionals: [{ key: 'nummer' }],
      options: {
        besluit: { aliases: ['decision'] },
        doelen: { aliases: ['goals-met', 'goals'] },
        niveau: { aliases: ['level'] },
        notitie: { aliases: ['note'] },
        datum: { aliases: ['date'] },
      },
      args: z.object({
        nummer: arg.id(),
        besluit: arg.choice('decision', evaluationDecisions),
        doelen: arg.choice('goalsMet', goalsMetAnswers),
        niveau: level().optional(),
        notitie: arg.text(NOTE_MAX).optional(),
        datum: arg.date().optional(),
      }),
      run: (context, args) => {
        const found = managed(context, args.nummer);
        if (!found.ok) return found.reply;
        const { arrangement } = found;
        if (arrangement.status !== 'lopend') return wrongStatus(context, args.nummer, arrangement.status);
        if (args.niveau !== undefined && args.besluit !== 'aanpassen')
          return refusal(context.t, context.locale, 'arrangement.levelOnlyWhenAdjusting');
        const date = dateOr(context, args.datum, 'past');
        if (date > context.today) return refusal(context.t, context.locale, 'arrangement.futureEvaluation');
        const closing = args.besluit === 'afsluiten';
        const supportLevelAfter =
          args.niveau !== undefined && args.niveau !== arrangement.supportLevel ? args.niveau : null;
        const { actor } = context;
        context.change(
          () => {
            insertEvaluation(context.store, {
              arrangementId: arrangement.id,
              date,
              byId: actor.kind === 'staff' ? actor.staffId : null,
              goalsMet: args.doelen,
              decision: args.besluit,
              supportLevelAfter,
              note: args.notitie ?? null,
              createdAt: context.now.toISOString(),
            });
            updateArrangement(context.store, arrangement.id, {
              ...(closing
                ? { status: 'afgerond', nextEvaluationDate: null }
                : { nextEvaluationDate: addWeeks(date, arrangement.evaluationIntervalWeeks) }),
              ...(supportLevelAfter !== null ? { supportLevel: supportLevelAfter } : {}),
            });
          },
          () => [
            {
              studentId: found.student.id,
              action: 'update',
              detail: { arrangementId: arrangement.id, decision: args.besluit },
            },
          ],
        );
        return closing
          ? done(context, 'arrangement.evaluatedClosed', { id: arrangement.id })
          : done(context, 'arrangement.evaluated', {
              id: arrangement.id,
              date: context.format.date(addWeeks(date, arrangement.evaluationIntervalWeeks)),
            });
      },
    }),
    action({
      name: 'sluit',
      words: ['sluit', 'afsluiten', 'close'],
      who,
      changes: true,
      positionals: [{ key: 'nummer' }],
      args: z.object({ nummer: arg.id() }),
      run: (context, { nummer }) => {
        const found = managed(context, nummer);
        if (!found.ok) return found.reply;
        if (found.arrangement.status === 'afgerond') return wrongStatus(context, nummer, 'afgerond');
        context.change(
          () => updateArrangement(context.store, nummer, { status: 'afgerond', nextEvaluationDate: null }),
          () => [
            {
              studentId: found.student.id,
              action: 'update',
              detail: { arrangementId: nummer, status: 'afgerond' },
            },
          ],
        );
        return done(context, 'arrangement.closed', { id: nummer });
      },
    }),
  ],
});
