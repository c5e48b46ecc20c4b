/** One-line descriptions of records, shared by the card, the overview and the lists. */
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
    ...(goal.status !== 'open' ? [t(`enum.goalStatus.${goal.status}`)] : []),
    ...(goal.targetDate ? [t('card.until', { date: format.date(goal.targetDate) })] : []),
    ...(goal.progress && goal.status === 'open' ? [t(`enum.goalProgress.${goal.progress}`)] : []),
  ];
  return { text: `#${goal.id} ${goal.title}`, detail: details.join(' · ') };
}

export function arrangementLine({ t, format, today }: CommandContext, arrangement: ArrangementRow) {
  const overdue =
    arrangement.status === 'lopend' &&
    arrangement.nextEvaluationDate !== null &&
    arrangement.nextEvaluationDate < today;
  const details = [
    ...(overdue ? [t('arrangement.overdue')] : []),
    t('card.supportLevel', { level: arrangement.supportLevel }),
    t(`enum.arrangementStatus.${arrangement.status}`),
    ...(arrangement.nextEvaluationDate && arrangement.status !== 'afgerond'
      ? [t('card.nextEvaluation', { date: format.date(arrangement.nextEvaluationDate) })]
      : []),
    ...(arrangement.ownerName ? [arrangement.ownerName] : []),
  ];
  return {
    text: `#${arrangement.id} ${t(`enum.strategy.${arrangement.strategy}`)} · ${t(`enum.form.${arrangement.form}`)}`,
    detail: details.join(' · '),
  };
}

export function signalLine({ t, format }: CommandContext, signal: ReturnType<typeof openSignalsOf>[number]) {
  return {
    text: `${t(`enum.signalKind.${signal.kind}`)} (${t(`enum.severity.${signal.severity}`)})`,
    detail: [
      t(`enum.signalStatus.${signal.status}`),
      t('card.since', { date: format.day(signal.firstSeenAt) }),
    ].join(' · '),
  };
}
