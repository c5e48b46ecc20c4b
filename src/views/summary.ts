/**
 * A team outcome summary as a Reply (PRODUCT.md 2.3, docs/summaries.md): the scope as a whole,
 * then (in a school of several teams) each team, then each group, each with its indicators against
 * the team's *schoolambitie*, the distributions with the *middenmoot* and the spread, the
 * responses, goals, arrangements and open signals; the movement per strategy; and per group the
 * students with an open signal, by name only where the caller allows it.
 *
 * Always text; beside it one chart block (the indicators against their targets) drawn from the same
 * rows, so the image never says what the text does not. Percentages are whole points, rounded as
 * `againstTarget` rounds: "88%" here is the 88 the verdict was taken on.
 */

import { type Chart, chart as chartSchema, type TargetsChart } from '../charts/chart.ts';
import { chartRows } from '../charts/chart-rows.ts';
import type { Locale } from '../domain/enums.ts';
import {
  type ChallengeDistribution,
  type CountOnly,
  isShown,
  type ScoreDistribution,
} from '../domain/indicators/distribution.ts';
import type { IndicatorName, Trend } from '../domain/indicators/indicator.ts';
import type { StrategyMovement } from '../domain/indicators/movement.ts';
import { enoughToShow, MIN_RESPONSES } from '../domain/indicators/privacy.ts';
import type { GroupSummary, IndicatorLine, LevelSummary, SummaryData } from '../domain/indicators/summary.ts';
import type { Formatter } from '../i18n/format.ts';
import type { Translator } from '../i18n/translate.ts';
import type { BlockInput } from '../reply/reply.ts';

/** What each indicator's count is of, in words (`{count}`): literal keys, so the locale test sees them. */
const countKeys: Record<IndicatorName, string> = {
  'welbevinden-hoog': 'summary.indicator.welbevinden-hoog',
  'motivatie-hoog': 'summary.indicator.motivatie-hoog',
  'grip-hoog': 'summary.indicator.grip-hoog',
  'uitdaging-precies-goed': 'summary.indicator.uitdaging-precies-goed',
  responspercentage: 'summary.indicator.responspercentage',
  'doelen-behaald': 'summary.indicator.doelen-behaald',
  'evaluaties-op-tijd': 'summary.indicator.evaluaties-op-tijd',
};

const trendKeys: Record<Trend, string> = {
  up: 'summary.trend.up',
  down: 'summary.trend.down',
  same: 'summary.trend.same',
};

/**
 * Who is named under a group. `null`: names may not be shown here (a shared channel that is not a
 * staff channel); the students are counted. Otherwise the names the asker may see, by student id;
 * a student with an open signal outside that map is counted as "others".
 */
export type SummaryNames = ReadonlyMap<number, string> | null;

export type SummaryView = {
  t: Translator;
  format: Formatter;
  locale: Locale;
  /** The scope in words: "team Bovenbouw", "groep 3H", "de hele school". */
  scopeLabel: string;
  data: SummaryData;
  /** Each team of a school scope that spans several teams, with its level: shown between school and groups. */
  teams?: readonly { teamId: number; name: string; overall: LevelSummary }[];
  names: SummaryNames;
};

/** Whole percentage points, as `againstTarget` compares them. */
export const wholePercent = (share: number) => Math.round(share * 100);

export function summaryBlocks(view: SummaryView): BlockInput[] {
  const { t, format, data } = view;
  const chart = targetsChartOf(view, data.overall);
  const blocks: BlockInput[] = [
    { type: 'header', text: t('summary.title', { scope: view.scopeLabel }) },
    {
      type: 'text',
      tone: 'muted',
      text: t('summary.period', {
        from: format.date(data.period.from),
        to: format.date(data.period.to),
        previousFrom: format.date(data.previousPeriod.from),
        previousTo: format.date(data.previousPeriod.to),
      }),
    },
    { type: 'text', tone: 'muted', text: t('summary.reading') },
  ];
  const single = data.scope.kind === 'group' ? data.groups[0] : undefined;
  blocks.push(...levelBlocks(view, data.overall, chart, single));
  if (data.scope.kind !== 'group') {
    const byTeam = new Map((view.teams ?? []).map((team) => [team.teamId, team]));
    const shownTeams = new Set<number | null>();
    for (const group of data.groups) {
      const team = group.teamId === null ? undefined : byTeam.get(group.teamId);
      if (team && !shownTeams.has(team.teamId)) {
        shownTeams.add(team.teamId);
        blocks.push(
          { type: 'divider' },
          { type: 'header', text: t('summary.teamTitle', { team: team.name }) },
          ...levelBlocks(view, team.overall, undefined, undefined),
        );
      }
      blocks.push({ type: 'divider' }, ...groupBlocks(view, group));
    }
  }
  return blocks;
}

/** The chart of the overall level: each indicator with a value and a target, against it. */
export function targetsChartOf(view: Pick<SummaryView, 't' | 'locale' | 'scopeLabel'>, level: LevelSummary) {
  const { t } = view;
  const rows = level.indicators.flatMap((line) =>
    line.value === undefined || line.target === undefined
      ? []
      : [
          {
            label: t(`enum.indicator.${line.indicator}`),
            value: wholePercent(line.value),
            target: wholePercent(line.target),
            max: 100,
            met: line.outcome === 'gehaald',
            text: t('summary.chart.rowText', {
              value: percentText(line.value),
              target: percentText(line.target),
            }),
          },
        ],
  );
  if (rows.length === 0) return undefined;
  return chartSchema.parse({
    kind: 'targets',
    title: t('summary.chart.title', { scope: view.scopeLabel }),
    locale: view.locale,
    metLabel: t('summary.met'),
    notMetLabel: t('summary.notMetShort'),
    rows,
  }) as TargetsChart;
}

const percentText = (share: number) => `${wholePercent(share)}%`;

function levelBlocks(
  view: SummaryView,
  level: LevelSummary,
  chart: Chart | undefined,
  group: GroupSummary | undefined,
): BlockInput[] {
  const { t } = view;
  const answered = level.distributions.welbevinden.count;
  if (!enoughToShow(answered)) return [countOnly(view, level)];
  const chartTexts = chart?.kind === 'targets' ? new Map(chartRows(chart).map((r) => [r.row, r.text])) : null;
  return [
    {
      type: 'list',
      title: t('summary.indicatorsTitle'),
      items: level.indicators.map((line) => ({ text: indicatorText(view, line, chartTexts) })),
    },
    ...(chart ? [{ type: 'chart' as const, chart }] : []),
    { type: 'fields', fields: levelFields(view, level) },
    ...movementBlocks(view, level.movement),
    ...(group ? studentsBlocks(view, group) : []),
  ];
}

function groupBlocks(view: SummaryView, group: GroupSummary): BlockInput[] {
  const { t } = view;
  const name = group.name ?? t('summary.noGroup');
  const answered = group.distributions.welbevinden.count;
  // Fewer than five who answered: the count only, nothing that could be traced to one student.
  if (!enoughToShow(answered))
    return [{ type: 'header', text: t('summary.groupTitle', { group: name }) }, countOnly(view, group)];
  return [
    { type: 'header', text: t('summary.groupTitle', { group: name }) },
    ...levelBlocks(view, group, undefined, group),
  ];
}

function countOnly(view: SummaryView, level: LevelSummary): BlockInput {
  return {
    type: 'text',
    text: view.t('summary.countOnly', {
      count: level.distributions.welbevinden.count,
      students: level.students,
      min: MIN_RESPONSES,
    }),
  };
}

/** "welbevinden 4–5: 88% van 75 leerlingen (ambitie 75%) · ambitie gehaald · gedaald (was 93%)" */
function indicatorText(
  view: SummaryView,
  line: IndicatorLine,
  chartTexts: ReadonlyMap<string, string> | null,
): string {
  const { t } = view;
  const label = t(`enum.indicator.${line.indicator}`);
  const of = t(countKeys[line.indicator], { count: line.count });
  if (line.value === undefined) return t('summary.tooFew', { indicator: label, of, min: MIN_RESPONSES });
  // The chart's own text for the row where it has one: the bar and the line say the same.
  const value =
    chartTexts?.get(label) ??
    (line.target === undefined
      ? percentText(line.value)
      : t('summary.chart.rowText', {
          value: percentText(line.value),
          target: percentText(line.target),
        }));
  const parts = [t('summary.indicatorValue', { indicator: label, value, of })];
  if (line.outcome === 'gehaald') parts.push(t('summary.met'));
  else if (line.outcome === 'niet-gehaald') parts.push(t('summary.notMet'));
  else parts.push(t('summary.noTarget'));
  parts.push(
    line.trend === undefined || line.previous === undefined
      ? t('summary.trend.none')
      : `${t(trendKeys[line.trend])} (${t('summary.was', { previous: percentText(line.previous) })})`,
  );
  return parts.join(' · ');
}

function scoreText(view: SummaryView, d: ScoreDistribution | CountOnly): string {
  const { t } = view;
  if (!isShown(d)) return t('summary.distributionTooFew', { count: d.count, min: MIN_RESPONSES });
  return t('summary.distribution', {
    low: percentText(d.low),
    middle: percentText(d.middle),
    high: percentText(d.high),
    band: range(d.middenmoot.q1, d.middenmoot.q3),
    median: d.middenmoot.median,
    spread: range(d.spread.min, d.spread.max),
    count: d.count,
  });
}

/** A band of scores: `3–4`, or `4` when it is one score. */
const range = (low: number, high: number) => (low === high ? String(low) : `${low}–${high}`);

function challengeText(view: SummaryView, d: ChallengeDistribution | CountOnly): string {
  const { t } = view;
  if (!isShown(d)) return t('summary.distributionTooFew', { count: d.count, min: MIN_RESPONSES });
  return t('summary.challenge', {
    easy: percentText(d['te-makkelijk']),
    right: percentText(d['precies-goed']),
    hard: percentText(d['te-moeilijk']),
    count: d.count,
  });
}

function levelFields(view: SummaryView, level: LevelSummary) {
  const { t } = view;
  const signals = Object.entries(level.openSignals).map(
    ([kind, n]) => `${t(`enum.signalKind.${kind}`)} ${n}`,
  );
  return [
    { label: t('summary.field.welbevinden'), value: scoreText(view, level.distributions.welbevinden) },
    { label: t('summary.field.motivatie'), value: scoreText(view, level.distributions.motivatie) },
    { label: t('summary.field.grip'), value: scoreText(view, level.distributions.grip) },
    { label: t('summary.field.uitdaging'), value: challengeText(view, level.distributions.uitdaging) },
    {
      label: t('summary.field.responses'),
      value: t('summary.responses', {
        answered: level.responses.answered,
        prompted: level.responses.prompted,
      }),
    },
    { label: t('summary.field.goals'), value: String(level.goalsAchieved) },
    {
      label: t('summary.field.arrangements'),
      value: t('summary.arrangements', {
        running: level.arrangements.running,
        overdue: level.arrangements.overdue,
      }),
    },
    {
      label: t('summary.field.signals'),
      value: signals.length === 0 ? t('summary.noSignals') : signals.join(' · '),
    },
  ];
}

function movementBlocks(view: SummaryView, movement: readonly StrategyMovement[]): BlockInput[] {
  const { t } = view;
  if (movement.length === 0) return [];
  return [
    {
      type: 'list',
      title: t('summary.movementTitle'),
      items: movement.map((m) => ({
        text: `${t(`enum.strategy.${m.strategy}`)}: ${t('summary.students', { count: m.students })}`,
        detail: movementDetail(view, m),
      })),
    },
  ];
}

function movementDetail(view: SummaryView, m: StrategyMovement): string {
  const { t } = view;
  // A few students' movement is about individuals: shown only where names may be (a private
  // answer or a staff channel), as the students with open signals are.
  if (m.few && view.names === null) return t('summary.movementTooFew', { min: MIN_RESPONSES });
  if (!m.before || !m.since) return t('summary.movementNoReflections');
  const share = (value: number | undefined) => (value === undefined ? '–' : percentText(value));
  const trend = (value: Trend | undefined) =>
    value === undefined ? t('summary.trend.none') : t(trendKeys[value]);
  return t(m.few ? 'summary.movementFew' : 'summary.movement', {
    highBefore: share(m.before.welbevindenHoog),
    highSince: share(m.since.welbevindenHoog),
    lowBefore: share(m.before.welbevindenLaag),
    lowSince: share(m.since.welbevindenLaag),
    rightBefore: share(m.before.preciesGoed),
    rightSince: share(m.since.preciesGoed),
    wellbeingTrend: trend(m.welbevinden),
    challengeTrend: trend(m.uitdaging),
  });
}

function studentsBlocks(view: SummaryView, group: GroupSummary): BlockInput[] {
  const { t } = view;
  const ids = group.studentsWithOpenSignals;
  if (ids.length === 0) return [];
  if (view.names === null)
    return [{ type: 'text', tone: 'muted', text: t('summary.signalStudentsCounted', { count: ids.length }) }];
  const names = view.names;
  const named = ids.flatMap((id) => {
    const name = names.get(id);
    return name === undefined ? [] : [name];
  });
  const others = ids.length - named.length;
  return [
    {
      type: 'list',
      title: t('summary.signalStudentsTitle'),
      items: named.map((text) => ({ text })),
    },
    ...(others > 0
      ? [
          {
            type: 'text' as const,
            tone: 'muted' as const,
            text: t(named.length > 0 ? 'summary.signalStudentsOthers' : 'summary.signalStudentsCounted', {
              count: others,
            }),
          },
        ]
      : []),
  ];
}
