/**
 * `signalen [naam|groep]`: the open signals (*aandachtspunten*) of the students in my scope,
 * urgent first, each with its evidence for who may see it; `signalen gezien <nummer>`,
 * `signalen opgelost <nummer> --reden "…"` and `signalen escaleer <nummer> [--aan <e-mail>]`
 * act on one. A signal asks for a conversation, so resolving or escalating it is the mentor's (or
 * the care coordinator's it was escalated to); marking it seen is for anyone in scope who may
 * weigh it. Escalating queues a message to the care coordinator (src/views/signal-escalation.ts).
 */
import { z } from 'zod';
import { audiencesFor, may, staffAudiencesFor } from '../src/domain/access.ts';
import { displayName } from '../src/domain/person-name.ts';
import { mayAcknowledge, NEW, RESOLVED, SEEN } from '../src/domain/signals/lifecycle.ts';
import { bySeverityThenNewest } from '../src/domain/signals/order.ts';
import { REASON_MAX } from '../src/domain/signals/resolution.ts';
import { arg, argumentDocs } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { confirmation, refusal } from '../src/engine/replies.ts';
import { UserError } from '../src/i18n/user-error.ts';
import { colleaguePlatforms } from '../src/outbox/colleague-platforms.ts';
import { runButton } from '../src/reply/buttons.ts';
import { staffRecipient } from '../src/store/delivery-identities.ts';
import { enqueue } from '../src/store/outbox.ts';
import { studentsInScope } from '../src/store/scope.ts';
import {
  acknowledgeSignal,
  careCoordinatorsOf,
  escalateSignal,
  openSignalsFor,
  resolveSignalByHand,
  signalById,
} from '../src/store/signals.ts';
import { signalBlocks } from '../src/views/signal-blocks.ts';

/** How many signals one answer lists; more are narrowed down by group or name. */
const SHOWN_MAX = 20;

/** `--aan`: the address of the care coordinator a signal goes to, when the school has several. */
const careCoordinatorEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email())
  .register(argumentDocs, { expected: 'signals.expectedEmail' });

/**
 * The signal with this number and its student, when the asker may do this with it; otherwise a
 * refusal that does not say whether the signal exists.
 */
async function actionable(
  context: CommandContext,
  nummer: number,
  capability: 'acknowledgeSignals' | 'actOnSignals',
) {
  const signal = await signalById(context.store, nummer);
  const found = await context.studentById(signal?.studentId, capability);
  const { actor } = context;
  // A signal of a student the asker may see is no secret: say it is not theirs to change, not that it is gone.
  if (signal && !found.ok && found.why === 'readOnly') return { ok: false as const, reply: found.reply };
  if (!signal || !found.ok || actor.kind !== 'staff')
    return {
      ok: false as const,
      reply: refusal(context.t, context.locale, 'signals.notFound', { id: nummer }),
    };
  return { ok: true as const, signal, found, actor };
}

export default command({
  name: 'signalen',
  aliases: ['signals', 'aandachtspunten'],
  narrowSummary: { without: 'actOnSignals', key: 'help.narrow.signalen' },
  actions: [
    action({
      name: 'main',
      // Every staff member who may know of a student's signals; what of them they see is per student.
      who: staffAudiencesFor('seeSignals'),
      positionals: [{ key: 'naam', rest: true }],
      args: z.object({ naam: arg.student().optional() }),
      run: async (context, { naam }) => {
        const { store, t, locale } = context;
        const visible = (await studentsInScope(store, context.actor)).filter((s) =>
          may(s.relationships, 'seeSignals'),
        );
        let students = visible;
        if (naam !== undefined) {
          // A group the asker has students in (3H), else one student found as everywhere else.
          const group = naam.toLocaleLowerCase('nl');
          const inGroup = visible.filter((s) => s.groupName?.toLocaleLowerCase('nl') === group);
          if (inGroup.length > 0) students = inGroup;
          else {
            const found = await context.findStudent(
              naam,
              'seeSignals',
              (reference) => `signalen ${reference}`,
            );
            if (!found.ok) return found.reply;
            students = [found.student];
          }
        }
        const byId = new Map(students.map((s) => [s.id, s]));
        const open = (
          await openSignalsFor(
            store,
            students.map((s) => s.id),
          )
        ).sort(bySeverityThenNewest);
        const shown = open.slice(0, SHOWN_MAX);
        for (const studentId of new Set(shown.map((s) => s.studentId)))
          context.auditRead(studentId, { view: 'signals' });
        const entries = shown.flatMap((signal, i) => {
          const student = byId.get(signal.studentId);
          if (!student) return [];
          const first = i === 0 || shown[i - 1]?.severity !== signal.severity;
          return [
            {
              signal,
              held: student.relationships,
              student: student.groupName
                ? `${displayName(student)} (${student.groupName})`
                : displayName(student),
              ...(first ? { title: t(`signals.heading.${signal.severity}`) } : {}),
            },
          ];
        });
        return {
          locale,
          blocks: [
            {
              type: 'header',
              text: t('signals.title', {
                count: open.length,
                open: open.filter((s) => s.status === NEW).length,
                seen: open.filter((s) => s.status !== NEW).length,
              }),
            },
            ...(open.length === 0
              ? [{ type: 'text' as const, tone: 'muted' as const, text: t('signals.none') }]
              : [{ type: 'text' as const, tone: 'muted' as const, text: t('signals.intro') }]),
            ...signalBlocks(context, entries),
            ...(open.length > shown.length
              ? [
                  {
                    type: 'text' as const,
                    tone: 'muted' as const,
                    text: t('signals.more', { count: open.length - shown.length }),
                  },
                ]
              : []),
          ],
        };
      },
    }),
    action({
      name: 'gezien',
      words: ['gezien', 'seen', 'ack'],
      // Issue 12: *gezien* by someone in scope, not only the mentor; never by a teacher, who sees kinds only.
      who: audiencesFor('acknowledgeSignals'),
      changes: true,
      positionals: [{ key: 'nummer' }],
      args: z.object({ nummer: arg.id() }),
      run: async (context, { nummer }) => {
        const { t, locale } = context;
        const target = await actionable(context, nummer, 'acknowledgeSignals');
        if (!target.ok) return target.reply;
        const { found, actor } = target;
        await context.change(
          async () => {
            const status = (await signalById(context.store, nummer))?.status;
            if (status === undefined || !mayAcknowledge(status))
              throw new UserError('signals.notOpen', { id: nummer });
            await acknowledgeSignal(context.store, nummer, actor.staffId, context.now.toISOString());
          },
          () => [
            { studentId: found.student.id, action: 'update', detail: { signalId: nummer, status: SEEN } },
          ],
        );
        return confirmation(t, locale, 'signals.acknowledged', {
          id: nummer,
          name: displayName(found.student),
        });
      },
    }),
    action({
      name: 'opgelost',
      words: ['opgelost', 'oplossen', 'resolved', 'resolve'],
      who: audiencesFor('actOnSignals'),
      changes: true,
      positionals: [{ key: 'nummer' }],
      options: { reden: { aliases: ['reason'] } },
      // The reason is required: a signal closed by hand says why in its history.
      args: z.object({ nummer: arg.id(), reden: arg.text(REASON_MAX) }),
      run: async (context, { nummer, reden }) => {
        const { t, locale } = context;
        const target = await actionable(context, nummer, 'actOnSignals');
        if (!target.ok) return target.reply;
        const { found, actor } = target;
        await context.change(
          async () => {
            if ((await signalById(context.store, nummer))?.status === RESOLVED)
              throw new UserError('signals.alreadyResolved', { id: nummer });
            await resolveSignalByHand(context.store, nummer, actor.staffId, reden, context.now.toISOString());
          },
          // The reason stays in the signal's row: the audit log holds ids, never texts.
          () => [
            {
              studentId: found.student.id,
              action: 'update',
              detail: { signalId: nummer, status: RESOLVED },
            },
          ],
        );
        return confirmation(t, locale, 'signals.resolved', {
          id: nummer,
          name: displayName(found.student),
        });
      },
      form: {
        labels: 'signals.resolveForm',
        fields: ['reden'],
        open: async (context, prefill) => {
          const { t, locale } = context;
          const id = Number(prefill.nummer);
          if (!Number.isSafeInteger(id))
            return refusal(t, locale, 'signals.notFound', { id: prefill.nummer ?? '' });
          const target = await actionable(context, id, 'actOnSignals');
          if (!target.ok) return target.reply;
          const { signal, found } = target;
          return {
            title: t('signals.resolveForm.title'),
            intro: t('signals.resolveForm.intro', {
              id,
              kind: t(`enum.signalKind.${signal.kind}`),
              name: displayName(found.student),
            }),
            submitLabel: t('forms.save'),
          };
        },
      },
    }),
    action({
      name: 'escaleer',
      words: ['escaleer', 'escaleren', 'escalate'],
      who: audiencesFor('actOnSignals'),
      changes: true,
      positionals: [{ key: 'nummer' }],
      options: { aan: { aliases: ['to'] } },
      args: z.object({ nummer: arg.id(), aan: careCoordinatorEmail.optional() }),
      run: async (context, { nummer, aan }) => {
        const { t, locale, store } = context;
        const target = await actionable(context, nummer, 'actOnSignals');
        if (!target.ok) return target.reply;
        const { found, actor } = target;
        const coordinators = await careCoordinatorsOf(store, actor.schoolId);
        if (coordinators.length === 0) return refusal(t, locale, 'signals.noCareCoordinator');
        if (aan === undefined && coordinators.length > 1)
          return {
            locale,
            blocks: [
              { type: 'text', text: t('signals.chooseCoordinator', { id: nummer }) },
              {
                type: 'list',
                items: coordinators.map((c) => ({
                  text: c.name,
                  detail: c.email,
                  button: runButton(t('lookup.choose'), `signalen escaleer ${nummer} --aan ${c.email}`),
                })),
              },
            ],
          };
        const to = aan === undefined ? coordinators[0] : coordinators.find((c) => c.email === aan);
        if (!to) return refusal(t, locale, 'signals.notACareCoordinator', { email: aan ?? '' });
        const notified = await context.change(
          async () => {
            const now = await signalById(store, nummer);
            if (!now || now.status === RESOLVED)
              throw new UserError('signals.alreadyResolved', { id: nummer });
            if (now.escalatedToId === to.id)
              throw new UserError('signals.alreadyEscalated', { id: nummer, to: to.name });
            const at = context.now.toISOString();
            await escalateSignal(store, nummer, to.id, at);
            // Issue 12: the care coordinator gets the signal when it is escalated, queued with the
            // escalation or not at all. Ids only: the words are composed when it is sent.
            const recipient = await staffRecipient(
              store,
              to.id,
              colleaguePlatforms(context.platform?.platform),
            );
            if (!recipient) return false;
            await enqueue(
              store,
              [
                {
                  recipient,
                  payload: {
                    kind: 'escalation',
                    signalId: nummer,
                    studentId: found.student.id,
                    staffId: to.id,
                    byStaffId: actor.staffId,
                  },
                  notBefore: at,
                },
              ],
              at,
            );
            return true;
          },
          () => [
            {
              studentId: found.student.id,
              action: 'update',
              detail: { signalId: nummer, escalatedToId: to.id },
            },
          ],
        );
        const done = confirmation(t, locale, 'signals.escalated', {
          id: nummer,
          name: displayName(found.student),
          to: to.name,
        });
        // Escalated all the same: the signal is hers now; the mentor only has to tell her another way.
        if (notified) return done;
        return {
          ...done,
          blocks: [
            ...done.blocks,
            { type: 'text', text: t('signals.escalatedNotNotified', { to: to.name }) },
          ],
        };
      },
    }),
  ],
});
