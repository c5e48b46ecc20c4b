/**
 * `instellingen samenvatting` (`settings summary`): the indicators a team chose for its summary,
 * each with its target (*schoolambitie*), at most five (*less is more*). Without words it shows the
 * choice; `<indicator> <percentage>` sets or adds one, `<indicator> uit` removes it. A team leader
 * for their own team, an administrator for any team of the school (`--team <naam>`). The new
 * choice is checked as a whole with `indicatorSettingsSchema`, written with its audit entry in one
 * transaction, or refused with nothing written. An action of `commands/instellingen.ts`.
 */
import { z } from 'zod';
import { indicators } from '../../src/domain/enums.ts';
import { type IndicatorSettings, indicatorSettingsSchema } from '../../src/domain/indicators/indicator.ts';
import { arg } from '../../src/engine/arguments.ts';
import { auditedRefusal } from '../../src/engine/audited-refusal.ts';
import { action } from '../../src/engine/command.ts';
import type { CommandContext } from '../../src/engine/context.ts';
import { refusal } from '../../src/engine/replies.ts';
import { choiceWords, typedWord, valuesByWord } from '../../src/i18n/enum-words.ts';
import type { BlockInput, ReplyInput } from '../../src/reply/reply.ts';
import { teamsLedBy, teamsOfSchool } from '../../src/store/signal-thresholds.ts';
import { teamIndicatorsOf, writeTeamIndicators } from '../../src/store/summary-settings.ts';

const SUBJECT = 'instellingen samenvatting';
const OFF_WORDS = ['uit', 'off', 'weg', 'remove', 'geen', 'none'];
const MAX_INDICATORS = 5;

type Args = { naam?: string | undefined; team?: string | undefined };
type Team = { id: number; name: string };

const refuse = (context: CommandContext, key: string, params?: Record<string, string | number>) =>
  auditedRefusal(context, SUBJECT, key, params);

/** The team meant, and whether the asker may change it; a reply when unclear. */
async function teamOf(
  context: CommandContext,
  args: Args,
): Promise<{ team: Team; mayChange: boolean } | ReplyInput> {
  const { actor, store, t, locale } = context;
  if (actor.kind !== 'staff') return refusal(t, locale, 'access.commandNotForYou', { command: SUBJECT });
  const admin = actor.roles.includes('beheerder');
  const led = await teamsLedBy(store, actor.staffId);
  const teams = await teamsOfSchool(store, actor.schoolId);
  const names = (list: Team[]) => list.map((x) => x.name).join(', ');
  if (args.team !== undefined) {
    const team = teams.find((x) => typedWord(x.name) === typedWord(args.team ?? ''));
    if (!team)
      return refusal(t, locale, 'summary.settings.unknownTeam', { team: args.team, teams: names(teams) });
    return { team, mayChange: admin || led.includes(team.id) };
  }
  const own = admin ? teams : teams.filter((x) => led.includes(x.id));
  if (own.length === 1 && own[0]) return { team: own[0], mayChange: true };
  if (own.length === 0) return refusal(t, locale, 'summary.settings.noTeam');
  return refusal(t, locale, 'summary.settings.chooseTeam', { teams: names(own) });
}

function overview(context: CommandContext, team: Team, list: IndicatorSettings): BlockInput[] {
  const { t, format } = context;
  return [
    { type: 'header', text: t('summary.settings.title', { team: team.name }) },
    list.length === 0
      ? { type: 'text', text: t('summary.settings.none') }
      : {
          type: 'table',
          columns: [t('summary.settings.indicator'), t('summary.settings.target')],
          rows: list.map((e) => [t(`enum.indicator.${e.indicator}`), format.percent(e.target)]),
        },
    {
      type: 'text',
      tone: 'muted',
      text: t('summary.settings.hint', {
        max: MAX_INDICATORS,
        indicators: choiceWords(t, 'indicator', indicators).join(', '),
      }),
    },
  ];
}

const byWord = valuesByWord('indicator', indicators);

/** `welbevinden-hoog 80`, `welbevinden 80%`, `grip uit`: the indicator and its new target (null: remove). */
function readWords(
  words: string,
): { indicator: (typeof indicators)[number]; target: number | null } | string {
  const parts = words.trim().split(/\s+/);
  const last = parts.pop() ?? '';
  const indicator = byWord.get(typedWord(parts.join(' ')));
  if (!indicator) return 'unknownIndicator';
  if (OFF_WORDS.includes(last.toLowerCase())) return { indicator, target: null };
  const match = /^(\d{1,3})%?$/.exec(last);
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent >= 0 && percent <= 100)) return 'badPercentage';
  return { indicator, target: percent / 100 };
}

async function summarySettingsRun(context: CommandContext, args: Args): Promise<ReplyInput> {
  const { t, locale, store } = context;
  const chosen = await teamOf(context, args);
  if (!('team' in chosen)) return chosen;
  const { team, mayChange } = chosen;
  const current = await teamIndicatorsOf(store, team.id);
  if (args.naam === undefined) return { locale, blocks: overview(context, team, current) };
  if (!mayChange) return refuse(context, 'summary.settings.notYourTeam', { team: team.name });
  const read = readWords(args.naam);
  if (typeof read === 'string')
    return refusal(
      t,
      locale,
      read === 'unknownIndicator' ? 'summary.settings.unknownIndicator' : 'summary.settings.badPercentage',
      {
        word: args.naam,
        indicators: choiceWords(t, 'indicator', indicators).join(', '),
      },
    );
  const label = t(`enum.indicator.${read.indicator}`);
  const known = current.some((e) => e.indicator === read.indicator);
  let next: IndicatorSettings;
  if (read.target === null) {
    if (!known) return refusal(t, locale, 'summary.settings.notChosen', { indicator: label });
    next = current.filter((e) => e.indicator !== read.indicator);
  } else if (known)
    next = current.map((e) =>
      e.indicator === read.indicator ? { ...e, target: read.target ?? e.target } : e,
    );
  else {
    if (current.length >= MAX_INDICATORS)
      return refusal(t, locale, 'summary.settings.tooMany', {
        max: MAX_INDICATORS,
        indicator: label,
        chosen: current.map((e) => t(`enum.indicator.${e.indicator}`)).join(', '),
      });
    next = [...current, { indicator: read.indicator, target: read.target }];
  }
  // The whole choice, checked as the store will hold it: at most five, each once, targets 0..1.
  const checked = indicatorSettingsSchema.safeParse(next);
  if (!checked.success) return refusal(t, locale, 'summary.settings.invalid');
  await context.change(
    () => writeTeamIndicators(store, team.id, checked.data),
    () => [
      {
        studentId: null,
        action: 'update',
        detail: { indicators: read.indicator, teamId: team.id, target: read.target },
      },
    ],
  );
  return {
    locale,
    blocks: [
      {
        type: 'text',
        tone: 'success',
        text:
          read.target === null
            ? t('summary.settings.removed', { indicator: label, team: team.name })
            : t('summary.settings.changed', {
                indicator: label,
                team: team.name,
                target: context.format.percent(read.target),
              }),
      },
      ...overview(context, team, checked.data),
    ],
  };
}

export const summarySettingsAction = action({
  name: 'samenvatting',
  words: ['samenvatting', 'summary'],
  who: ['beheerder', 'teamleider'],
  changes: true,
  positionals: [{ key: 'naam', rest: true }],
  options: { team: {} },
  args: z.object({ naam: arg.text(200).optional(), team: arg.text(100).optional() }),
  run: summarySettingsRun,
});
