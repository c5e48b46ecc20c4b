/**
 * `pad [naam]`: the long view in the shape of the *maatwerkdiploma* — part A (subjects, levels,
 * moments, results), part B (activities and competences), and the arrangements over the years.
 */
import { z } from 'zod';
import { displayName } from '../src/domain/person-name.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import type { BlockInput } from '../src/reply/reply.ts';
import type { ScopedStudent } from '../src/store/scope.ts';
import {
  activitiesOf,
  arrangementsOf,
  enrolmentsOf,
  evaluationsOf,
  studentProfile,
} from '../src/store/student-records.ts';
import { enrolmentResult } from '../src/views/lines.ts';

function overview(context: CommandContext, student: ScopedStudent) {
  const { store, t, format, locale } = context;
  const profile = studentProfile(store, student.id);
  const enrolments = enrolmentsOf(store, student.id);
  const activities = activitiesOf(store, student.id);
  const arrangements = arrangementsOf(store, student.id, 'all');
  const evaluations = evaluationsOf(
    store,
    arrangements.map((a) => a.id),
  );
  const blocks: BlockInput[] = [
    { type: 'header', text: t('pathway.title', { name: displayName(profile) }) },
    {
      type: 'text',
      tone: 'muted',
      text: t('pathway.subtitle', {
        group: profile.groupName ?? t('card.none'),
        onderwijssoort: t(`enum.onderwijssoort.${profile.onderwijssoort}`),
        leerjaar: profile.leerjaar,
      }),
    },
    {
      type: 'table',
      caption: t('pathway.partA'),
      columns: [t('card.subject'), t('card.levelColumn'), t('pathway.moment'), t('card.result')],
      rows: enrolments.map((e) => [
        t(`enum.subject.${e.subject}`) + (e.level !== profile.onderwijssoort ? ' ▲' : ''),
        t(`enum.onderwijssoort.${e.level}`),
        e.moment,
        e.status === 'bezig' && e.resultGrade === null && e.resultWord === null
          ? t(`enum.enrolmentStatus.${e.status}`)
          : enrolmentResult(context, e),
      ]),
    },
  ];
  if (enrolments.some((e) => e.level !== profile.onderwijssoort))
    blocks.push({ type: 'text', tone: 'muted', text: t('pathway.higherMark') });
  blocks.push({
    type: 'list',
    title: t('pathway.partB'),
    items: activities.map((a) => ({
      text: `${a.title} (${t(`enum.activityKind.${a.kind}`)}, ${a.schoolYear})`,
      ...(a.competences.length > 0 ? { detail: format.list(a.competences) } : {}),
    })),
    empty: t('pathway.noActivities'),
  });
  if (arrangements.length === 0)
    blocks.push({
      type: 'text',
      tone: 'muted',
      text: `${t('pathway.arrangements')}: ${t('pathway.noArrangements')}`,
    });
  else
    blocks.push({
      type: 'table',
      caption: t('pathway.arrangements'),
      columns: [t('pathway.period'), t('pathway.arrangement'), t('pathway.level'), t('pathway.status')],
      rows: arrangements.flatMap((a) => [
        [
          `${format.date(a.startDate)} – ${a.plannedEndDate ? format.date(a.plannedEndDate) : '…'}`,
          `#${a.id} ${t(`enum.strategy.${a.strategy}`)} · ${t(`enum.form.${a.form}`)}`,
          String(a.supportLevel),
          t(`enum.arrangementStatus.${a.status}`),
        ],
        ...evaluations
          .filter((e) => e.arrangementId === a.id)
          .map((e) => [
            format.date(e.date),
            `  ${t('pathway.evaluation', { decision: t(`enum.decision.${e.decision}`), goalsMet: t(`enum.goalsMet.${e.goalsMet}`) })}`,
            e.supportLevelAfter === null ? '' : `→ ${e.supportLevelAfter}`,
            '',
          ]),
      ]),
    });
  context.auditRead(student.id, { view: 'pathway' });
  return { locale, blocks };
}

export default command({
  name: 'pad',
  aliases: ['pathway'],
  actions: [
    action({
      name: 'main',
      who: ['leerling', 'mentor', 'docent', 'zorgcoordinator', 'teamleider'],
      positionals: [{ key: 'naam', rest: true }],
      args: z.object({ naam: arg.student().optional() }),
      run: (context, { naam }) => {
        const found = context.findStudent(naam, 'seePathway', (email) => `pad ${email}`);
        return found.ok ? overview(context, found.student) : found.reply;
      },
    }),
  ],
});
