/**
 * `mijn`: a mentor's own students (and a care coordinator's students with an arrangement or an
 * open signal), those with open signals first.
 */
import { z } from 'zod';
import type { Relationship } from '../src/domain/access.ts';
import { displayName } from '../src/domain/person-name.ts';
import { action, command } from '../src/engine/command.ts';
import { caseloadCounts } from '../src/store/caseload.ts';
import { studentsInScope } from '../src/store/scope.ts';

const caseloadRelationships: readonly Relationship[] = ['mentor', 'care', 'careEscalated'];

export default command({
  name: 'mijn',
  aliases: ['caseload'],
  actions: [
    action({
      name: 'main',
      who: ['mentor', 'zorgcoordinator'],
      args: z.object({}),
      run: async (context) => {
        const { store, actor, t, locale } = context;
        const students = (await studentsInScope(store, actor)).filter((s) =>
          s.relationships.some((r) => caseloadRelationships.includes(r)),
        );
        const counts = await caseloadCounts(
          store,
          students.map((s) => s.id),
        );
        const count = (id: number) => counts.get(id) ?? { signals: 0, urgent: 0, goals: 0, arrangements: 0 };
        const ordered = [...students].sort(
          (a, b) => count(b.id).urgent - count(a.id).urgent || count(b.id).signals - count(a.id).signals,
        );
        for (const student of ordered) context.auditRead(student.id, { view: 'caseload' });
        return {
          locale,
          blocks: [
            { type: 'header', text: t('caseload.title', { count: ordered.length }) },
            ordered.length === 0
              ? { type: 'text', tone: 'muted', text: t('caseload.empty') }
              : {
                  type: 'table',
                  columns: [
                    t('caseload.student'),
                    t('card.group'),
                    t('caseload.signals'),
                    t('caseload.goals'),
                    t('caseload.arrangements'),
                  ],
                  rows: ordered.map((s) => {
                    const c = count(s.id);
                    return [
                      displayName(s),
                      s.groupName ?? '',
                      c.urgent > 0
                        ? `${c.signals} (${t('caseload.urgent', { count: c.urgent })})`
                        : String(c.signals),
                      String(c.goals),
                      String(c.arrangements),
                    ];
                  }),
                },
            { type: 'text', tone: 'muted', text: t('caseload.hint') },
          ],
        };
      },
    }),
  ],
});
