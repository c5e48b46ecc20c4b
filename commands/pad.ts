/**
 * `pad [naam]`: the long view in the shape of the *maatwerkdiploma* — part A (subjects, levels,
 * moments, results), part B (activities and competences), and the arrangements over the years.
 */
import { z } from 'zod';
import { audiencesFor, may } from '../src/domain/access.ts';
import { CLOSED } from '../src/domain/arrangement.ts';
import { partAStatus } from '../src/domain/part-a-status.ts';
import { displayName } from '../src/domain/person-name.ts';
import { RESOLVED } from '../src/domain/signals/lifecycle.ts';
import { phraseText } from '../src/domain/signals/phrase-text.ts';
import { type SupportPeriod, supportPeriods } from '../src/domain/support-periods.ts';
import { arg } from '../src/engine/arguments.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import type { BlockInput } from '../src/reply/reply.ts';
import type { ScopedStudent } from '../src/store/scope.ts';
import { signalHistoryOf } from '../src/store/signals.ts';
import {
  type ArrangementRow,
  activitiesOf,
  arrangementsOf,
  enrolmentsOf,
  evaluationsOf,
  studentProfile,
} from '../src/store/student-records.ts';
import { enrolmentResult } from '../src/views/lines.ts';

type Evaluation = Awaited<ReturnType<typeof evaluationsOf>>[number];

/** An arrangement over its real period, then its evaluations, each level period on its own row. */
function arrangementRows(context: CommandContext, a: ArrangementRow, evaluations: Evaluation[]): string[][] {
  const { t, format } = context;
  const level = (value: number | null) => (value === null ? t('pathway.levelUnknown') : String(value));
  const span = (from: string, to: string | null) =>
    to === null ? `${format.date(from)} – …` : `${format.date(from)} – ${format.date(to)}`;
  const periods = supportPeriods(a, evaluations);
  const end =
    a.status === CLOSED
      ? a.closedOn === null
        ? t('pathway.closedUnknown')
        : format.date(a.closedOn)
      : a.plannedEndDate
        ? t('pathway.plannedEnd', { date: format.date(a.plannedEndDate) })
        : '…';
  const rows = [
    [
      `${format.date(a.startDate)} – ${end}`,
      `#${a.id} ${t(`enum.strategy.${a.strategy}`)} · ${t(`enum.form.${a.form}`)}`,
      periods.map((p) => level(p.level)).join(' → '),
      t(`enum.arrangementStatus.${a.status}`),
    ],
  ];
  const periodRow = (p: SupportPeriod) => [
    span(p.from, p.to),
    `  ${t('pathway.levelPeriod', { level: level(p.level) })}`,
    level(p.level),
    '',
  ];
  const [first, ...later] = periods;
  if (first && later.length > 0) rows.push(periodRow(first));
  for (const e of evaluations) {
    rows.push([
      format.date(e.date),
      `  ${t('pathway.evaluation', { decision: t(`enum.decision.${e.decision}`), goalsMet: t(`enum.goalsMet.${e.goalsMet}`) })}`,
      e.supportLevelAfter === null ? '' : `${level(e.supportLevelBefore)} → ${e.supportLevelAfter}`,
      '',
    ]);
    const next = e.supportLevelAfter === null ? undefined : later.shift();
    if (next) rows.push(periodRow(next));
  }
  return rows;
}

async function overview(context: CommandContext, student: ScopedStudent) {
  const { store, t, format, locale } = context;
  const profile = await studentProfile(store, student.id);
  const enrolments = await enrolmentsOf(store, student.id);
  const activities = await activitiesOf(store, student.id);
  const arrangements = await arrangementsOf(store, student.id, 'all');
  const evaluations = await evaluationsOf(
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
      columns: [
        t('card.subject'),
        t('card.levelColumn'),
        t('pathway.moment'),
        t('card.result'),
        t('pathway.status'),
      ],
      rows: enrolments.map((e) => [
        t(`enum.subject.${e.subject}`) + (e.level !== profile.onderwijssoort ? ' ▲' : ''),
        t(`enum.onderwijssoort.${e.level}`),
        e.moment,
        enrolmentResult(context, e),
        t(`enum.partAStatus.${partAStatus(e)}`),
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
      columns: [
        t('pathway.period'),
        t('pathway.arrangement'),
        t('pathway.supportLevel'),
        t('pathway.status'),
      ],
      rows: arrangements.flatMap((a) =>
        arrangementRows(
          context,
          a,
          evaluations.filter((e) => e.arrangementId === a.id),
        ),
      ),
    });
  if (may(student.relationships, 'seeSignals')) blocks.push(await signalHistory(context, student));
  context.auditRead(student.id, { view: 'pathway' });
  return { locale, blocks };
}

/**
 * Every signal the student had, resolved ones included, with when and why it was resolved: the
 * rule's own words, or who resolved it and the reason they gave. The why is for who may see
 * evidence; a subject teacher reads kinds and dates only.
 */
async function signalHistory(context: CommandContext, student: ScopedStudent): Promise<BlockInput> {
  const { store, t, format } = context;
  const held = student.relationships;
  const why = (signal: Awaited<ReturnType<typeof signalHistoryOf>>[number]): string[] => {
    if (signal.status !== RESOLVED || !may(held, 'seeSignalEvidence')) return [];
    const { resolution } = signal;
    if (!resolution) return [t('signals.history.unknownReason')];
    if (resolution.by === 'rule') return [phraseText(resolution.phrase, t, format)];
    const name = signal.resolvedByName ?? t('card.unknownPerson');
    return [
      may(held, 'seeWellbeing')
        ? t('signals.history.byStaff', { name, reason: resolution.note })
        : t('signals.history.byStaffHidden', { name }),
    ];
  };
  return {
    type: 'list',
    title: t('signals.history.title'),
    items: (await signalHistoryOf(store, student.id)).map((signal) => ({
      text: `#${signal.id} ${t(`enum.signalKind.${signal.kind}`)} (${t(`enum.severity.${signal.severity}`)})`,
      detail: [
        [
          t('signals.history.since', { date: format.day(signal.firstSeenAt) }),
          signal.status === RESOLVED && signal.resolvedAt
            ? t('signals.history.resolvedOn', { date: format.day(signal.resolvedAt) })
            : t(`enum.signalStatus.${signal.status}`),
        ].join(' · '),
        ...why(signal),
      ].join('\n'),
    })),
    empty: t('signals.history.empty'),
  };
}

export default command({
  name: 'pad',
  aliases: ['pathway'],
  actions: [
    action({
      name: 'main',
      who: audiencesFor('seePathway'),
      positionals: [{ key: 'naam', rest: true }],
      args: z.object({ naam: arg.student().optional() }),
      run: async (context, { naam }) => {
        const found = await context.findStudent(naam, 'seePathway', (reference) => `pad ${reference}`);
        return found.ok ? overview(context, found.student) : found.reply;
      },
    }),
  ],
});
