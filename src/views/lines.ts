/** One-line descriptions of records, shared by the card, the overview and the lists. */
import { may, type Relationship } from '../domain/access.ts';
import { isCurrent, isOverdue } from '../domain/arrangement.ts';
import { isOpenGoal, OPEN } from '../domain/goal.ts';
import { evidenceText, phraseText } from '../domain/signals/phrase-text.ts';
import type { CommandContext } from '../engine/context.ts';
import type { ArrangementRow, Enrolment, GoalRow, openSignalsOf } from '../store/student-records.ts';

/** `2026-W47` → `47`, short enough for a sparkline's axis. */
export function weekLabel(isoWeek: string): string {
  return `${Number(isoWeek.slice(6))}`;
}

export function enrolmentResult({ t, format }: CommandContext, enrolment: Enrolment): string {
  if (enrolment.resultGrade !== null) return format.grade(enrolment.resultGrade);
  if (enrolment.resultWord !== null) return t(`enum.resultWord.${enrolment.resultWord}`);
  return t('card.noResult');
}

export function goalLine({ t, format }: CommandContext, goal: GoalRow) {
  const details = [
    t(`enum.goalCategory.${goal.category}`),
    ...(goal.subject ? [t(`enum.subject.${goal.subject}`)] : []),
    ...(goal.status !== OPEN ? [t(`enum.goalStatus.${goal.status}`)] : []),
    ...(goal.targetDate ? [t('card.until', { date: format.date(goal.targetDate) })] : []),
    ...(goal.progress && isOpenGoal(goal.status) ? [t(`enum.goalProgress.${goal.progress}`)] : []),
  ];
  return { text: `#${goal.id} ${goal.title}`, detail: details.join(' · ') };
}

export function arrangementLine({ t, format, today }: CommandContext, arrangement: ArrangementRow) {
  // Recording an evaluation moves the date on, so the card needs no evaluation dates.
  const overdue = isOverdue(arrangement, today);
  const details = [
    ...(overdue ? [t('arrangement.overdue')] : []),
    t('card.supportLevel', { level: arrangement.supportLevel }),
    t(`enum.arrangementStatus.${arrangement.status}`),
    ...(arrangement.nextEvaluationDate && isCurrent(arrangement.status)
      ? [t('card.nextEvaluation', { date: format.date(arrangement.nextEvaluationDate) })]
      : []),
    ...(arrangement.ownerName ? [arrangement.ownerName] : []),
  ];
  return {
    text: `#${arrangement.id} ${t(`enum.strategy.${arrangement.strategy}`)} · ${t(`enum.form.${arrangement.form}`)}`,
    detail: details.join(' · '),
  };
}

export type ShownSignal = Pick<
  Awaited<ReturnType<typeof openSignalsOf>>[number],
  'id' | 'kind' | 'severity' | 'status' | 'firstSeenAt' | 'evidence' | 'escalatedToId'
>;

/**
 * One open signal: its kind, severity and status for everyone who may know of it; its evidence
 * in words and the next step only for who may see them (a subject teacher sees the kind alone).
 * `student` names whose signal it is, in a list of several students.
 */
export function signalLine(
  { t, format }: CommandContext,
  signal: ShownSignal,
  held: readonly Relationship[],
  student?: string,
) {
  const kind = t(`enum.signalKind.${signal.kind}`);
  const meta = [
    t(`enum.severity.${signal.severity}`),
    t(`enum.signalStatus.${signal.status}`),
    t('card.since', { date: format.day(signal.firstSeenAt) }),
    ...(signal.escalatedToId !== null ? [t('signals.escalatedMark')] : []),
  ].join(' · ');
  const evidence = may(held, 'seeSignalEvidence') ? signal.evidence : null;
  return {
    text: student ? `#${signal.id} ${student}: ${kind}` : `#${signal.id} ${kind}`,
    detail: [
      meta,
      ...(evidence
        ? [
            evidenceText(evidence, t, format),
            t('signals.nextStep', { step: phraseText(evidence.nextStep, t, format) }),
          ]
        : []),
    ].join('\n'),
  };
}
