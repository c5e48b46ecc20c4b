/**
 * `arrangement`: the arrangements of one student or of everyone in my care, and their life
 * cycle — propose, assign, start, evaluate with a decision, close (PRODUCT.md section 3).
 *
 * Each step re-reads the arrangement inside its transaction, so two people acting at once (a
 * mentor in Slack, a care coordinator in Teams) cannot both start or close it.
 */
import { z } from 'zod';
import { audiencesFor, may, roleMay, staffAudiencesFor } from '../src/domain/access.ts';
import {
  type ArrangementStatus,
  type ArrangementStep,
  arrangementSteps,
  closingChanges,
  DEFAULT_EVALUATION_INTERVAL_WEEKS,
  decisionCloses,
  decisionMayChangeLevel,
  decisionMaySetEnd,
  EVALUATION_INTERVAL_WEEKS,
  isRunning,
  mayStep,
  nextEvaluationAfter,
  PROPOSED,
  SUPPORT_LEVEL,
} from '../src/domain/arrangement.ts';
import { type DateWords, resolveDateWords, resolveNearestDateWords } from '../src/domain/calendar-words.ts';
import {
  arrangementForms,
  arrangementStrategies,
  evaluationDecisions,
  goalsMetAnswers,
} from '../src/domain/enums.ts';
import { displayName } from '../src/domain/person-name.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { confirmation, refusal } from '../src/engine/replies.ts';
import { UserError } from '../src/i18n/user-error.ts';
import type { ReplyInput } from '../src/reply/reply.ts';
import {
  arrangementById,
  currentArrangementsOf,
  goalsOfStudent,
  insertArrangement,
  insertEvaluation,
  lastEvaluationDate,
  updateArrangement,
} from '../src/store/arrangements.ts';
import { studentsInScope } from '../src/store/scope.ts';
import { arrangementsOf } from '../src/store/student-records.ts';
import { arrangementLine } from '../src/views/lines.ts';

/** The life cycle; a student's list is open to all staff who may see the pathway. */
const who = audiencesFor('manageArrangements');
const DESCRIPTION_MAX = 500;
const NOTE_MAX = 1000;

/** A step of the support pyramid, 1 to 4. */
const level = () => arg.integer(SUPPORT_LEVEL.min, SUPPORT_LEVEL.max);

type Arrangement = NonNullable<Awaited<ReturnType<typeof arrangementById>>>;

/** A planned date: a day and month without a year mean the next one. */
function plannedDate(context: CommandContext, words: DateWords): string {
  const date = resolveDateWords(words, context.today, 'future');
  if (date === null) throw new UserError('args.dateMissing');
  return date;
}

/** A date something happened on: today or before. */
function happenedOn(context: CommandContext, words: DateWords | undefined): string {
  if (words === undefined) return context.today;
  const date = resolveNearestDateWords(words, context.today);
  if (date === null) throw new UserError('args.dateMissing');
  if (date > context.today)
    throw new UserError('arrangement.notInFuture', { date: context.format.date(date) });
  return date;
}

/** The arrangement and its student, or one refusal whether it does not exist or is not mine. */
async function managed(context: CommandContext, arrangementId: number) {
  const arrangement = await arrangementById(context.store, arrangementId);
  const found = await context.studentById(arrangement?.studentId, 'manageArrangements');
  if (arrangement && !found.ok && found.why === 'readOnly') return found;
  if (!arrangement || !found.ok)
    return {
      ok: false as const,
      reply: refusal(context.t, context.locale, 'arrangement.notFound', { id: arrangementId }),
    };
  return { ok: true as const, arrangement, student: found.student };
}

/** Inside the transaction: the arrangement as it is now, in a status the step may follow. */
async function current(context: CommandContext, id: number, step: ArrangementStep): Promise<Arrangement> {
  const now = await arrangementById(context.store, id);
  if (!now) throw new UserError('arrangement.notFound', { id });
  if (!mayStep(step, now.status))
    throw new UserError('arrangement.wrongStatus', {
      id,
      status: context.t(`enum.arrangementStatus.${now.status}`),
    });
  return now;
}

async function listOne(context: CommandContext, naam: string | undefined): Promise<ReplyInput> {
  const found = await context.findStudent(naam, 'seePathway', (reference) => `arrangement ${reference}`);
  if (!found.ok) return found.reply;
  const { t, locale } = context;
  const all = await arrangementsOf(context.store, found.student.id, 'all');
  context.auditRead(found.student.id, { view: 'arrangements' });
  return {
    locale,
    blocks: [
      { type: 'header', text: t('arrangement.listTitle', { name: displayName(found.student) }) },
      { type: 'list', items: all.map((a) => arrangementLine(context, a)), empty: t('card.noArrangements') },
      // Offered only to who may propose and evaluate this student's arrangements.
      ...(may(found.student.relationships, 'manageArrangements')
        ? [{ type: 'text' as const, tone: 'muted' as const, text: t('arrangement.hint') }]
        : []),
    ],
  };
}

async function listMine(context: CommandContext): Promise<ReplyInput> {
  const { t, locale, store } = context;
  const students = (await studentsInScope(store, context.actor)).filter((s) =>
    may(s.relationships, 'manageArrangements'),
  );
  const byId = new Map(students.map((s) => [s.id, s]));
  const arrangements = await currentArrangementsOf(
    store,
    students.map((s) => s.id),
  );
  for (const studentId of new Set(arrangements.map((a) => a.studentId)))
    context.auditRead(studentId, { view: 'arrangements' });
  const line = (a: (typeof arrangements)[number]) => {
    const student = byId.get(a.studentId);
    const { text, detail } = arrangementLine(context, { ...a, ownerName: null });
    return { text: `${student ? displayName(student) : ''}: ${text}`, detail };
  };
  // The title counts running arrangements only; proposed and assigned ones have not started yet.
  const running = arrangements.filter((a) => isRunning(a.status));
  const planned = arrangements.filter((a) => !isRunning(a.status));
  return {
    locale,
    blocks: [
      { type: 'header', text: t('arrangement.mineTitle', { count: running.length }) },
      { type: 'list', items: running.map(line), empty: t('arrangement.noneInScope') },
      ...(planned.length > 0
        ? [
            {
              type: 'list' as const,
              title: t('arrangement.plannedTitle', { count: planned.length }),
              items: planned.map(line),
            },
          ]
        : []),
    ],
  };
}

/** An action that only moves an arrangement from one status to the next: assign, close. */
function statusStep(step: { name: string; words: string[]; step: 'assign' | 'close'; confirm: string }) {
  const to: ArrangementStatus = arrangementSteps[step.step].to;
  return action({
    name: step.name,
    words: step.words,
    who,
    changes: true,
    positionals: [{ key: 'nummer' }],
    args: z.object({ nummer: arg.id() }),
    run: async (context, { nummer }) => {
      const found = await managed(context, nummer);
      if (!found.ok) return found.reply;
      await context.change(
        async () => {
          await current(context, nummer, step.step);
          await updateArrangement(
            context.store,
            nummer,
            step.step === 'close' ? closingChanges(context.today) : { status: to },
          );
        },
        () => [
          {
            studentId: found.student.id,
            action: 'update',
            detail: { arrangementId: nummer, status: to },
          },
        ],
      );
      return confirmation(context.t, context.locale, step.confirm, { id: nummer });
    },
  });
}

export default command({
  name: 'arrangement',
  aliases: ['arrangements', 'arrangementen'],
  narrowSummary: { without: 'manageArrangements', key: 'help.narrow.arrangement' },
  actions: [
    action({
      name: 'main',
      who: staffAudiencesFor('seePathway'),
      positionals: [{ key: 'naam', rest: true }],
      args: z.object({ naam: arg.student().optional() }),
      run: (context, { naam }) =>
        // "All mine" means the arrangements one manages; whoever manages none names a student.
        naam !== undefined || !roleMay(context.actor, 'manageArrangements')
          ? listOne(context, naam)
          : listMine(context),
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
        interval: arg.integer(EVALUATION_INTERVAL_WEEKS.min, EVALUATION_INTERVAL_WEEKS.max).optional(),
        start: arg.date().optional(),
        eind: arg.date().optional(),
        doel: z.array(arg.id()).optional(),
      }),
      run: async (context, args) => {
        const { t, locale, actor } = context;
        const found = await context.findStudent(args.naam, 'manageArrangements');
        if (!found.ok) return found.reply;
        const startDate = args.start ? plannedDate(context, args.start) : context.today;
        const plannedEndDate = args.eind ? plannedDate(context, args.eind) : null;
        if (plannedEndDate !== null && plannedEndDate < startDate)
          return refusal(t, locale, 'arrangement.endBeforeStart');
        const goalIds = [...new Set(args.doel ?? [])];
        const ownGoals = await goalsOfStudent(context.store, found.student.id, goalIds);
        const foreign = goalIds.find((id) => !ownGoals.includes(id));
        if (foreign !== undefined) return refusal(t, locale, 'goal.notFound', { id: foreign });
        const id = await context.change(
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
                evaluationIntervalWeeks: args.interval ?? DEFAULT_EVALUATION_INTERVAL_WEEKS,
                nextEvaluationDate: null,
                status: PROPOSED,
                createdAt: context.now.toISOString(),
              },
              goalIds,
            ),
          (arrangementId) => [{ studentId: found.student.id, action: 'create', detail: { arrangementId } }],
        );
        return confirmation(t, locale, 'arrangement.proposed', {
          id,
          name: displayName(found.student),
          date: context.format.date(startDate),
        });
      },
    }),
    statusStep({
      name: 'toewijzen',
      words: ['toewijzen', 'assign'],
      step: 'assign',
      confirm: 'arrangement.assigned',
    }),
    action({
      name: 'start',
      words: ['start', 'begin'],
      who,
      changes: true,
      positionals: [{ key: 'nummer' }],
      options: { datum: { aliases: ['date'] } },
      args: z.object({ nummer: arg.id(), datum: arg.date().optional() }),
      run: async (context, { nummer, datum }) => {
        const found = await managed(context, nummer);
        if (!found.ok) return found.reply;
        const startDate = happenedOn(context, datum);
        const nextEvaluationDate = nextEvaluationAfter(startDate, found.arrangement.evaluationIntervalWeeks);
        const { to } = arrangementSteps.start;
        await context.change(
          async () => {
            const now = await current(context, nummer, 'start');
            if (now.plannedEndDate !== null && now.plannedEndDate < startDate)
              throw new UserError('arrangement.endBeforeStart');
            await updateArrangement(context.store, nummer, { status: to, startDate, nextEvaluationDate });
          },
          () => [
            {
              studentId: found.student.id,
              action: 'update',
              detail: { arrangementId: nummer, status: to },
            },
          ],
        );
        return confirmation(context.t, context.locale, 'arrangement.started', {
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
        eind: { aliases: ['end'] },
        notitie: { aliases: ['note'] },
        datum: { aliases: ['date'] },
      },
      args: z.object({
        nummer: arg.id(),
        besluit: arg.choice('decision', evaluationDecisions),
        doelen: arg.choice('goalsMet', goalsMetAnswers),
        niveau: level().optional(),
        eind: arg.date().optional(),
        notitie: arg.text(NOTE_MAX).optional(),
        datum: arg.date().optional(),
      }),
      form: {
        labels: 'forms.evaluation',
        fields: ['besluit', 'doelen', 'niveau', 'notitie', 'datum'],
        open: async (context, prefill) => {
          const { t } = context;
          // The form's button carries the number; anything else is an arrangement nobody has.
          const id = Number(prefill.nummer);
          if (!Number.isSafeInteger(id))
            return refusal(t, context.locale, 'arrangement.notFound', { id: prefill.nummer ?? '' });
          const found = await managed(context, id);
          if (!found.ok) return found.reply;
          const { arrangement } = found;
          return {
            title: t('forms.evaluation.title'),
            intro: t('forms.evaluation.intro', {
              id: arrangement.id,
              name: displayName(found.student),
              strategy: t(`enum.strategy.${arrangement.strategy}`),
            }),
            submitLabel: t('forms.save'),
            values: { datum: context.today },
          };
        },
      },
      run: async (context, args) => {
        const { t, locale, actor } = context;
        const found = await managed(context, args.nummer);
        if (!found.ok) return found.reply;
        if (args.niveau !== undefined && !decisionMayChangeLevel(args.besluit))
          return refusal(t, locale, 'arrangement.levelOnlyWhenAdjusting');
        if (args.eind !== undefined && !decisionMaySetEnd(args.besluit))
          return refusal(t, locale, 'arrangement.endOnlyWhenContinuing');
        const date = happenedOn(context, args.datum);
        const plannedEndDate = args.eind ? plannedDate(context, args.eind) : undefined;
        const closing = decisionCloses(args.besluit);
        const next = nextEvaluationAfter(date, found.arrangement.evaluationIntervalWeeks);
        await context.change(
          async () => {
            const now = await current(context, args.nummer, 'evaluate');
            const last = await lastEvaluationDate(context.store, now.id);
            if (date < now.startDate || (last !== null && date < last))
              throw new UserError('arrangement.evaluationTooEarly', {
                date: context.format.date(last !== null && last > now.startDate ? last : now.startDate),
              });
            const supportLevelAfter =
              args.niveau !== undefined && args.niveau !== now.supportLevel ? args.niveau : null;
            await insertEvaluation(context.store, {
              arrangementId: now.id,
              date,
              byId: actor.kind === 'staff' ? actor.staffId : null,
              goalsMet: args.doelen,
              decision: args.besluit,
              supportLevelAfter,
              supportLevelBefore: supportLevelAfter !== null ? now.supportLevel : null,
              note: args.notitie ?? null,
              createdAt: context.now.toISOString(),
            });
            await updateArrangement(context.store, now.id, {
              ...(closing ? closingChanges(date) : { nextEvaluationDate: next }),
              ...(supportLevelAfter !== null ? { supportLevel: supportLevelAfter } : {}),
              ...(plannedEndDate !== undefined ? { plannedEndDate } : {}),
            });
          },
          () => [
            {
              studentId: found.student.id,
              action: 'update',
              detail: { arrangementId: args.nummer, decision: args.besluit },
            },
          ],
        );
        return closing
          ? confirmation(t, locale, 'arrangement.evaluatedClosed', { id: args.nummer })
          : confirmation(t, locale, 'arrangement.evaluated', {
              id: args.nummer,
              date: context.format.date(next),
            });
      },
    }),
    statusStep({
      name: 'sluit',
      words: ['sluit', 'afsluiten', 'close'],
      step: 'close',
      confirm: 'arrangement.closed',
    }),
  ],
});
