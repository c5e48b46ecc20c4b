/**
 * `signalen`: the open signals (*aandachtspunten*) of the students in my scope, urgent first;
 * `signalen gezien <nummer>` says the mentor has seen one. A signal asks for a conversation, so
 * acknowledging is the mentor's (or the care coordinator's it was escalated to).
 */
import { z } from 'zod';
import { may } from '../src/domain/access.ts';
import { signalSeverities } from '../src/domain/enums.ts';
import { displayName } from '../src/domain/person-name.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import { confirmation, refusal } from '../src/engine/replies.ts';
import { UserError } from '../src/i18n/user-error.ts';
import { runButton } from '../src/reply/buttons.ts';
import { studentsInScope } from '../src/store/scope.ts';
import { acknowledgeSignal, openSignalsFor, signalById } from '../src/store/signals.ts';

const staff = ['mentor', 'docent', 'zorgcoordinator', 'teamleider'] as const;

export default command({
  name: 'signalen',
  aliases: ['signals', 'aandachtspunten'],
  actions: [
    action({
      name: 'main',
      who: staff,
      args: z.object({}),
      run: (context) => {
        const { store, t, locale, format } = context;
        const students = studentsInScope(store, context.actor).filter((s) =>
          may(s.relationships, 'seeWellbeing'),
        );
        const byId = new Map(students.map((s) => [s.id, s]));
        const open = openSignalsFor(
          store,
          students.map((s) => s.id),
        ).sort((a, b) => signalSeverities.indexOf(a.severity) - signalSeverities.indexOf(b.severity));
        for (const studentId of new Set(open.map((s) => s.studentId)))
          context.auditRead(studentId, { view: 'signals' });
        return {
          locale,
          blocks: [
            { type: 'header', text: t('signals.title', { count: open.length }) },
            {
              type: 'list',
              items: open.map((signal) => {
                const student = byId.get(signal.studentId);
                const actOn =
                  student && signal.status === 'open' && may(student.relationships, 'actOnSignals');
                return {
                  text: `#${signal.id} ${student ? displayName(student) : ''}: ${t(`enum.signalKind.${signal.kind}`)}`,
                  detail: [
                    t(`enum.severity.${signal.severity}`),
                    t(`enum.signalStatus.${signal.status}`),
                    t('card.since', { date: format.day(signal.firstSeenAt) }),
                  ].join(' · '),
                  ...(actOn
                    ? { button: runButton(t('card.acknowledgeSignal'), `signalen gezien ${signal.id}`) }
                    : {}),
                };
              }),
              empty: t('signals.none'),
            },
          ],
        };
      },
    }),
    action({
      name: 'gezien',
      words: ['gezien', 'seen', 'ack'],
      who: ['mentor', 'zorgcoordinator'],
      changes: true,
      positionals: [{ key: 'nummer' }],
      args: z.object({ nummer: arg.id() }),
      run: (context, { nummer }) => {
        const { t, locale, actor } = context;
        const signal = signalById(context.store, nummer);
        const found = context.studentById(signal?.studentId, 'actOnSignals');
        if (!signal || !found.ok || actor.kind !== 'staff')
          return refusal(t, locale, 'signals.notFound', { id: nummer });
        context.change(
          () => {
            if (signalById(context.store, nummer)?.status !== 'open')
              throw new UserError('signals.notOpen', { id: nummer });
            acknowledgeSignal(context.store, nummer, actor.staffId, context.now.toISOString());
          },
          () => [
            { studentId: found.student.id, action: 'update', detail: { signalId: nummer, status: 'gezien' } },
          ],
        );
        return confirmation(t, locale, 'signals.acknowledged', {
          id: nummer,
          name: displayName(found.student),
        });
      },
    }),
  ],
});
