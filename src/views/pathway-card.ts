/**
 * The pathway card of PRODUCT.md 2.1, as a neutral Reply: what `leerling` answers, and what the
 * platforms' home views will reuse. What a section shows depends on what the reader may see.
 */
import { may } from '../domain/access.ts';
import { isRunning } from '../domain/arrangement.ts';
import { displayName } from '../domain/person-name.ts';
import { SCALE } from '../domain/reflection.ts';
import { bySeverityThenNewest } from '../domain/signals/order.ts';
import type { CommandContext } from '../engine/context.ts';
import { formButton, studentReference } from '../reply/buttons.ts';
import type { BlockInput, ReplyInput } from '../reply/reply.ts';
import type { ScopedStudent } from '../store/scope.ts';
import {
  arrangementsOf,
  enrolmentsOf,
  goalsOf,
  lastConversationOf,
  openSignalsOf,
  recentWeeks,
  studentProfile,
} from '../store/student-records.ts';
import { arrangementLine, enrolmentResult, goalLine, weekLabel } from './lines.ts';
import { signalBlocks } from './signal-blocks.ts';

/** How many prompted weeks the trend shows. */
export const TREND_WEEKS = 8;

export async function pathwayCard(context: CommandContext, student: ScopedStudent): Promise<ReplyInput> {
  const { store, t, format, locale } = context;
  const held = student.relationships;
  const seesSignals = may(held, 'seeSignals');
  const seesWellbeing = may(held, 'seeWellbeing');
  // The sections' reads do not depend on one another: asked at once, they cost one round trip on
  // PostgreSQL's pool instead of seven in a row (SQLite runs them one by one as before). A read
  // command runs outside a transaction, so they do not share, and wait for, one connection.
  const [profile, enrolments, goals, arrangements, openSignals, recent, conversation] = await Promise.all([
    studentProfile(store, student.id),
    enrolmentsOf(store, student.id),
    goalsOf(store, student.id, 'open'),
    arrangementsOf(store, student.id, 'current'),
    seesSignals ? openSignalsOf(store, student.id) : [],
    seesWellbeing ? recentWeeks(store, student.id, TREND_WEEKS) : [],
    seesWellbeing ? lastConversationOf(store, student.id) : undefined,
  ]);
  const blocks: BlockInput[] = [
    { type: 'header', text: displayName(profile) },
    {
      type: 'fields',
      fields: [
        { label: t('card.group'), value: profile.groupName ?? t('card.none') },
        {
          label: t('card.level'),
          value: t('card.levelValue', {
            onderwijssoort: t(`enum.onderwijssoort.${profile.onderwijssoort}`),
            leerjaar: profile.leerjaar,
          }),
        },
        { label: t('card.mentor'), value: profile.mentorName ?? t('card.none') },
      ],
    },
  ];

  const higher = enrolments.filter((e) => e.level !== profile.onderwijssoort);
  if (higher.length > 0)
    blocks.push({
      type: 'table',
      caption: t('card.otherLevel'),
      columns: [t('card.subject'), t('card.levelColumn'), t('card.result')],
      rows: higher.map((e) => [
        t(`enum.subject.${e.subject}`),
        t(`enum.onderwijssoort.${e.level}`),
        enrolmentResult(context, e),
      ]),
    });

  blocks.push({
    type: 'list',
    title: t('card.openGoals'),
    items: goals.map((goal) => goalLine(context, goal)),
    empty: t('card.noGoals'),
  });
  blocks.push({
    type: 'list',
    title: t('card.arrangements'),
    items: arrangements.map((a) => ({
      ...arrangementLine(context, a),
      ...(isRunning(a.status) && may(held, 'manageArrangements')
        ? { button: formButton(t('card.evaluate'), 'arrangement.evalueer', { nummer: String(a.id) }) }
        : {}),
    })),
    empty: t('card.noArrangements'),
  });

  const signals = openSignals.sort(bySeverityThenNewest);
  const signalSection = (): BlockInput[] =>
    signals.length === 0
      ? [{ type: 'list', title: t('card.signals'), items: [], empty: t('card.noSignals') }]
      : signalBlocks(
          context,
          signals.map((signal, i) => ({ signal, held, ...(i === 0 ? { title: t('card.signals') } : {}) })),
        );
  // Who knows of signals but not of wellbeing (a subject teacher) sees them after the arrangements.
  if (seesSignals && !seesWellbeing) blocks.push(...signalSection());
  if (seesWellbeing) {
    blocks.push(
      recent.every((week) => week.welbevinden === null)
        ? { type: 'text', tone: 'muted', text: t('card.noReflections') }
        : {
            type: 'trend',
            title: t('card.trend', { count: recent.length }),
            periods: recent.map((r) => weekLabel(r.isoWeek)),
            series: [
              { label: t('card.welbevinden'), values: recent.map((r) => r.welbevinden), ...SCALE },
              { label: t('card.motivatie'), values: recent.map((r) => r.motivatie), ...SCALE },
            ],
          },
    );
    // Challenge is an answer, not a number: beside the trend, week by week, as the student gave it.
    if (recent.some((week) => week.uitdaging !== null))
      blocks.push({
        type: 'fields',
        fields: [
          {
            label: t('card.challenge'),
            value: recent
              .map(
                (r) =>
                  `${weekLabel(r.isoWeek)} ${r.uitdaging === null ? '·' : t(`enum.challenge.${r.uitdaging}`)}`,
              )
              .join(' · '),
          },
        ],
      });
    if (seesSignals) blocks.push(...signalSection());
    blocks.push({
      type: 'text',
      text: conversation
        ? t('card.lastConversation', {
            kind: t(`enum.conversationKind.${conversation.kind}`),
            date: format.date(conversation.date),
            by: conversation.byName ?? t('card.unknownPerson'),
          }) + (conversation.summary && may(held, 'seeReflectionTexts') ? `\n${conversation.summary}` : '')
        : t('card.noConversation'),
    });
    const last = recent.findLast((r) => r.wentWell || r.nextStep);
    if (last && may(held, 'seeReflectionTexts') && (last.wentWell || last.nextStep))
      blocks.push({
        type: 'fields',
        fields: [
          ...(last.wentWell
            ? [{ label: t('card.wentWell', { week: weekLabel(last.isoWeek) }), value: last.wentWell }]
            : []),
          ...(last.nextStep ? [{ label: t('card.nextStep'), value: last.nextStep }] : []),
        ],
      });
  }

  const buttons = [
    ...(may(held, 'changeGoals')
      ? [
          {
            ...formButton(t('card.addGoal'), 'doelen.nieuw', { naam: studentReference(student.id) }),
            style: 'primary' as const,
          },
        ]
      : []),
    ...(may(held, 'logConversation')
      ? [formButton(t('card.logConversation'), 'gesprek.main', { naam: studentReference(student.id) })]
      : []),
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  context.auditRead(student.id, { view: 'pathway-card' });
  return { locale, blocks };
}
