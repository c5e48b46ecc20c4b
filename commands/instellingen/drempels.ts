/**
 * `instellingen drempels` (`settings thresholds`): the thresholds and on/off of each signal kind,
 * for the school (an administrator) or a team (an administrator, or that team's leader). Without
 * a change it shows what is in force; a change is checked as a whole with the levels around it
 * (`checkThresholds`), written with its audit entry in one transaction, or refused with nothing
 * written. An action of `commands/instellingen.ts`; a folder, so the registry does not load it as
 * a command of its own.
 */
import { z } from 'zod';
import { signalKinds } from '../../src/domain/enums.ts';
import type { SignalKind } from '../../src/domain/signals/outcome.ts';
import {
  alwaysOn,
  checkThresholds,
  resolveThresholds,
  type ThresholdOverrides,
  thresholdFields,
  thresholdRange,
} from '../../src/domain/signals/thresholds.ts';
import { arg } from '../../src/engine/arguments.ts';
import { auditedRefusal } from '../../src/engine/audited-refusal.ts';
import { action } from '../../src/engine/command.ts';
import type { CommandContext } from '../../src/engine/context.ts';
import { refusal } from '../../src/engine/replies.ts';
import { choiceWords, typedWord } from '../../src/i18n/enum-words.ts';
import {
  readThresholdWords,
  type ThresholdChange,
  thresholdFieldLabels,
} from '../../src/i18n/threshold-words.ts';
import type { ReplyInput } from '../../src/reply/reply.ts';
import {
  teamOverridesOf,
  teamsLedBy,
  teamsOfSchool,
  thresholdLayers,
  writeThresholdOverride,
} from '../../src/store/signal-thresholds.ts';
import { thresholdOverview } from '../../src/views/threshold-settings.ts';

type ThresholdArgs = { drempel?: string | undefined; team?: string | undefined; school?: true | undefined };

type Level = { teamId: number | null; name: string };

const SUBJECT = 'instellingen drempels';

const refuse = (context: CommandContext, key: string, params?: Record<string, string>) =>
  auditedRefusal(context, SUBJECT, key, params);

/** Which level the asker means, and whether they may change it; a reply when that is not clear or not theirs. */
async function levelOf(
  context: CommandContext,
  args: ThresholdArgs,
): Promise<{ level: Level; mayChange: boolean } | ReplyInput> {
  const { actor, store, t } = context;
  if (actor.kind !== 'staff')
    return refusal(t, context.locale, 'access.commandNotForYou', { command: SUBJECT });
  const admin = actor.roles.includes('beheerder');
  const led = await teamsLedBy(store, actor.staffId);
  const teams = await teamsOfSchool(store, actor.schoolId);
  const teamLevel = (team: { id: number; name: string }) => ({
    level: { teamId: team.id, name: t('settings.thresholds.teamLevel', { team: team.name }) },
    mayChange: admin || led.includes(team.id),
  });
  const school = { level: { teamId: null, name: t('settings.thresholds.schoolLevel') }, mayChange: admin };
  if (args.team !== undefined && args.school)
    return refusal(t, context.locale, 'settings.thresholds.teamOrSchool');
  if (args.team !== undefined) {
    const team = teams.find((candidate) => typedWord(candidate.name) === typedWord(args.team ?? ''));
    if (!team)
      return refusal(t, context.locale, 'settings.thresholds.unknownTeam', {
        team: args.team,
        teams: teams.map((known) => known.name).join(', '),
      });
    return teamLevel(team);
  }
  if (args.school || admin) return school;
  // A team leader means their own team; with several, they say which.
  const own = teams.filter((team) => led.includes(team.id));
  if (own.length === 1 && own[0]) return teamLevel(own[0]);
  if (own.length > 1)
    return refusal(t, context.locale, 'settings.thresholds.chooseTeam', {
      teams: own.map((team) => team.name).join(', '),
    });
  return school;
}

const fieldWord = (context: CommandContext, field: string) => context.t(thresholdFieldLabels[field] ?? field);
const kindWord = (context: CommandContext, kind: SignalKind) => context.t(`enum.signalKind.${kind}`);

/** What was typed wrong, in words: the kind, the number and what it takes. */
function wordsProblem(
  context: CommandContext,
  problem: Exclude<ReturnType<typeof readThresholdWords>, { ok: true }>,
) {
  const { t, locale } = context;
  if (problem.problem === 'unknownKind')
    return refusal(t, locale, 'settings.thresholds.unknownKind', {
      word: problem.word,
      kinds: choiceWords(t, 'signalKind', signalKinds).join(', '),
    });
  const kind = kindWord(context, problem.kind);
  const fields = thresholdFields(problem.kind).map((field) => fieldWord(context, field));
  if (problem.problem === 'unknownField')
    return refusal(t, locale, 'settings.thresholds.unknownField', {
      kind,
      word: problem.word,
      fields: [
        ...fields,
        t('settings.thresholds.on'),
        t('settings.thresholds.off'),
        t('settings.thresholds.reset'),
      ].join(', '),
    });
  if (problem.problem === 'notANumber')
    return refusal(t, locale, 'settings.thresholds.notANumber', {
      kind,
      field: fieldWord(context, problem.field),
      word: problem.word,
    });
  return refusal(t, locale, 'settings.thresholds.nothingToChange', { kind });
}

/** The first problem of a combination with this kind, in words; null when it holds. */
function combinationProblem(
  context: CommandContext,
  kind: SignalKind,
  layers: readonly ThresholdOverrides[],
): string | null {
  const checked = checkThresholds(layers);
  if (checked.success) return null;
  const issue = checked.error.issues.find((candidate) => candidate.path[0] === kind);
  if (!issue) return null;
  const { t, format } = context;
  const params = (issue as { params?: { field?: string; atMost?: string } }).params;
  if (issue.code === 'custom' && params?.field && params.atMost)
    return t('settings.thresholds.mustFit', {
      kind: kindWord(context, kind),
      field: fieldWord(context, params.field),
      atMost: fieldWord(context, params.atMost),
    });
  const field = String(issue.path[1] ?? '');
  const range = thresholdRange(kind, field);
  return t(range.whole ? 'settings.thresholds.rangeWhole' : 'settings.thresholds.range', {
    kind: kindWord(context, kind),
    field: fieldWord(context, field),
    min: format.number(range.min, 2),
    max: format.number(range.max, 2),
  });
}

/** The level's overrides with the change applied; `enabled` is always stored with a kind's numbers. */
function changedLayers(layers: ThresholdOverrides[], change: ThresholdChange): ThresholdOverrides[] {
  const own = { ...(layers.at(-1) ?? {}) } as Record<string, Record<string, unknown> | undefined>;
  const broader = layers.slice(0, -1);
  if (change.reset) delete own[change.kind];
  const kept = own[change.kind] ?? {};
  if (!change.reset || change.enabled !== undefined || Object.keys(change.values).length > 0)
    own[change.kind] = {
      ...kept,
      ...change.values,
      // A row must say on or off: what this level said, else what is in force from the broader ones.
      enabled: change.enabled ?? kept.enabled ?? resolveThresholds(broader)[change.kind].enabled,
    };
  return [...broader, own as ThresholdOverrides];
}

/** Whether a school change still fits every team that overrides part of it; the first that it does not, in words. */
async function teamConflict(
  context: CommandContext,
  kind: SignalKind,
  school: ThresholdOverrides,
): Promise<string | null> {
  const { store, actor, t } = context;
  const names = new Map((await teamsOfSchool(store, actor.schoolId)).map((team) => [team.id, team.name]));
  for (const team of await teamOverridesOf(store, actor.schoolId)) {
    const problem = combinationProblem(context, kind, [school, team.overrides]);
    if (problem)
      return t('settings.thresholds.teamConflict', { team: names.get(team.teamId) ?? '', problem });
  }
  return null;
}

async function apply(context: CommandContext, level: Level, change: ThresholdChange): Promise<ReplyInput> {
  const { store, actor, t, locale } = context;
  if (change.enabled === false && alwaysOn.includes(change.kind))
    return refusal(t, locale, 'settings.thresholds.alwaysOn', { kind: t(`enum.signalKind.${change.kind}`) });
  const next = changedLayers(await thresholdLayers(store, actor.schoolId, level.teamId), change);
  const problem =
    combinationProblem(context, change.kind, next) ??
    (level.teamId === null ? await teamConflict(context, change.kind, next[0] ?? {}) : null);
  if (problem) return refusal(t, locale, 'settings.thresholds.invalid', { problem });
  const stored = next.at(-1)?.[change.kind] as ({ enabled: boolean } & Record<string, number>) | undefined;
  await context.change(
    async () => {
      const { enabled, ...params } = stored ?? { enabled: false };
      await writeThresholdOverride(
        store,
        { schoolId: actor.schoolId, teamId: level.teamId },
        change.kind,
        stored ? { enabled, params } : null,
      );
    },
    () => [
      {
        studentId: null,
        action: 'update',
        detail: {
          thresholds: change.kind,
          teamId: level.teamId,
          fields: [...Object.keys(change.values), ...(change.enabled === undefined ? [] : ['enabled'])],
          reset: change.reset,
        },
      },
    ],
  );
  return {
    locale,
    blocks: [
      {
        type: 'text',
        tone: 'success',
        text: t(change.reset && !stored ? 'settings.thresholds.resetDone' : 'settings.thresholds.changed', {
          kind: kindWord(context, change.kind),
          level: level.name,
        }),
      },
      ...thresholdOverview(t, context.format, level.name, next),
    ],
  };
}

async function thresholdSettings(context: CommandContext, args: ThresholdArgs): Promise<ReplyInput> {
  const chosen = await levelOf(context, args);
  if (!('level' in chosen)) return chosen;
  const { level, mayChange } = chosen;
  if (args.drempel === undefined)
    return {
      locale: context.locale,
      blocks: thresholdOverview(
        context.t,
        context.format,
        level.name,
        await thresholdLayers(context.store, context.actor.schoolId, level.teamId),
      ),
    };
  if (!mayChange)
    return refuse(
      context,
      level.teamId === null ? 'settings.thresholds.schoolForAdmins' : 'settings.thresholds.notYourTeam',
    );
  const read = readThresholdWords(args.drempel);
  if (!read.ok) return wordsProblem(context, read);
  return apply(context, level, read.change);
}

export const thresholdsAction = action({
  name: 'drempels',
  words: ['drempels', 'thresholds'],
  who: ['beheerder', 'teamleider'],
  changes: true,
  positionals: [{ key: 'drempel', rest: true }],
  options: { team: {}, school: { flag: true } },
  args: z.object({
    drempel: arg.text(300).optional(),
    team: arg.text(100).optional(),
    school: z.literal(true).optional(),
  }),
  run: thresholdSettings,
});
