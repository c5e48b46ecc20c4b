/**
 * `samenvatting [groep|team|school] [--delen]` (`summary`): the team outcome summary now
 * (PRODUCT.md 2.3, docs/summaries.md), for the four weeks before this week against the four before.
 *
 * Who sees which scope (aggregates of at least five; see src/domain/indicators/privacy.ts):
 * - an administrator, a team leader and a care coordinator: the school, any team, any group of it;
 *   by default an administrator and a care coordinator the school, a team leader their team;
 * - a mentor: the teams of the groups they mentor and those teams' groups; by default their team.
 * A subject teacher sees no wellbeing (src/domain/access.ts), so no summary; a student none.
 *
 * Names of students with an open signal: only students the asker may see the signals of, and only
 * where the answer is private or the conversation is a registered staff channel (a `subscriptions`
 * row with `is_staff_channel`): a direct message, `koers ask`, the local playground, a staff
 * channel. In any other shared conversation the students are counted, never named. Every student
 * named is audited as a read. The answer is the asker's alone unless `--delen` asks to post it in a
 * shared conversation.
 */
import { z } from 'zod';
import { may } from '../src/domain/access.ts';
import type { StaffActor } from '../src/domain/actor.ts';
import { periodBefore } from '../src/domain/indicators/period.ts';
import { type SummaryData, summaryData } from '../src/domain/indicators/summary.ts';
import { displayName } from '../src/domain/person-name.ts';
import { arg } from '../src/engine/arguments.ts';
import { auditedRefusal } from '../src/engine/audited-refusal.ts';
import { action, command } from '../src/engine/command.ts';
import type { CommandContext } from '../src/engine/context.ts';
import { refusal } from '../src/engine/replies.ts';
import { typedWord } from '../src/i18n/enum-words.ts';
import type { ReplyInput } from '../src/reply/reply.ts';
import { type SummaryScope, summaryFacts } from '../src/store/indicator-facts.ts';
import { studentsInScope } from '../src/store/scope.ts';
import { teamsLedBy } from '../src/store/signal-thresholds.ts';
import { isStaffChannel } from '../src/store/subscriptions.ts';
import { groupsMentoredBy, scopeNamesOf, summarySettings } from '../src/store/summary-settings.ts';
import { type SummaryNames, summaryBlocks } from '../src/views/summary.ts';
import { subscribeAction, unsubscribeAction } from './samenvatting/abonnementen.ts';

/** The roles whose reach is the whole school; a mentor's is their own team or teams. */
const schoolWide = ['beheerder', 'teamleider', 'zorgcoordinator'] as const;
const SCHOOL_WORDS = ['school', 'de-school', 'the-school'];

type Scope = SummaryScope & { label: string };

type Reach = { school: boolean; teams: Set<number> };

async function reachOf(context: CommandContext, actor: StaffActor): Promise<Reach> {
  const { store } = context;
  if (actor.roles.some((role) => (schoolWide as readonly string[]).includes(role)))
    return { school: true, teams: new Set() };
  const { groups } = await scopeNamesOf(store, actor.schoolId);
  const mine = new Set(await groupsMentoredBy(store, actor.staffId));
  return {
    school: false,
    teams: new Set(groups.flatMap((g) => (mine.has(g.id) && g.teamId !== null ? [g.teamId] : []))),
  };
}

// Asking for a scope outside one's own leaves a trace, as other refusals do.
const refuse = (context: CommandContext, key: string, params?: Record<string, string>) =>
  auditedRefusal(context, 'samenvatting', key, params);

/** The scope asked for (or the asker's default), if the asker may see it; else the reply that says why not. */
async function scopeOf(
  context: CommandContext,
  actor: StaffActor,
  word: string | undefined,
): Promise<Scope | ReplyInput> {
  const { store, t, locale } = context;
  const reach = await reachOf(context, actor);
  const { teams, groups } = await scopeNamesOf(store, actor.schoolId);
  const school: Scope = { kind: 'school', id: actor.schoolId, label: t('summary.scope.school') };
  const teamScope = (team: { id: number; name: string }): Scope => ({
    kind: 'team',
    id: team.id,
    label: t('summary.scope.team', { team: team.name }),
  });
  const mayTeam = (teamId: number | null) => reach.school || (teamId !== null && reach.teams.has(teamId));
  if (word === undefined) {
    if (actor.roles.includes('beheerder') || actor.roles.includes('zorgcoordinator')) return school;
    const own = actor.roles.includes('teamleider')
      ? await teamsLedBy(store, actor.staffId)
      : [...reach.teams];
    const ownTeams = teams.filter((team) => own.includes(team.id));
    if (ownTeams.length === 1 && ownTeams[0]) return teamScope(ownTeams[0]);
    if (ownTeams.length > 1)
      return refusal(t, locale, 'summary.chooseScope', { choices: ownTeams.map((x) => x.name).join(', ') });
    if (reach.school) return school;
    return refusal(t, locale, 'summary.noScope');
  }
  const wanted = typedWord(word);
  if (SCHOOL_WORDS.includes(wanted))
    return reach.school ? school : await refuse(context, 'summary.notYourScope');
  const group = groups.find((g) => typedWord(g.name) === wanted);
  if (group) {
    if (!mayTeam(group.teamId)) return await refuse(context, 'summary.notYourScope');
    return { kind: 'group', id: group.id, label: t('summary.scope.group', { group: group.name }) };
  }
  const team = teams.find((x) => typedWord(x.name) === wanted);
  if (team) return mayTeam(team.id) ? teamScope(team) : await refuse(context, 'summary.notYourScope');
  const choices = [
    ...(reach.school ? [t('summary.schoolWord')] : []),
    ...teams.filter((x) => mayTeam(x.id)).map((x) => x.name),
    ...groups.filter((g) => mayTeam(g.teamId)).map((g) => g.name),
  ];
  return refusal(t, locale, 'summary.unknownScope', { word, choices: choices.join(', ') });
}

/**
 * Whether names may be shown where this was asked: privately (a direct message; `koers ask` and the
 * playground, which only the asker reads) or in a registered staff channel of the school. A shared
 * conversation that is not one, or a place Koers cannot tell (a button without its conversation),
 * shows counts only.
 */
export async function namesAllowedHere(context: CommandContext): Promise<boolean> {
  const { platform, channel } = context;
  const conversation = platform?.conversation;
  if (!conversation) return channel === 'cli' || channel === 'local';
  if (!conversation.shared) return true;
  return isStaffChannel(context.store, {
    platform: platform.platform,
    workspaceId: platform.workspaceId,
    channelId: conversation.id,
    schoolId: context.actor.schoolId,
  });
}

/** The names the asker may see of the students with an open signal; each named one is audited. */
async function namesFor(context: CommandContext, data: SummaryData): Promise<SummaryNames> {
  if (!(await namesAllowedHere(context))) return null;
  const wanted = new Set(data.groups.flatMap((g) => g.studentsWithOpenSignals));
  const names = new Map<number, string>();
  if (wanted.size === 0) return names;
  for (const student of await studentsInScope(context.store, context.actor))
    if (wanted.has(student.id) && may(student.relationships, 'seeSignals')) {
      names.set(student.id, displayName(student));
      context.auditRead(student.id, { view: 'summary' });
    }
  return names;
}

async function summary(
  context: CommandContext,
  args: { naam?: string | undefined; delen?: true | undefined },
) {
  const { store, t, locale, actor } = context;
  if (actor.kind !== 'staff')
    return refusal(t, locale, 'access.commandNotForYou', { command: 'samenvatting' });
  const scope = await scopeOf(context, actor, args.naam);
  if (!('kind' in scope)) return scope;
  const facts = await summaryFacts(store, scope, periodBefore(context.today), context.today);
  if (!facts) return refusal(t, locale, 'summary.noScope');
  const settings = await summarySettings(store, actor.schoolId);
  const data = summaryData(facts, settings);
  // A school of several teams: each team between the school and its groups.
  const teamIds = [...new Set(facts.groups.map((g) => g.teamId))];
  const teamNames = new Map((await scopeNamesOf(store, actor.schoolId)).teams.map((x) => [x.id, x.name]));
  const teams =
    scope.kind === 'school' && teamIds.length > 1
      ? teamIds.flatMap((teamId) =>
          teamId === null
            ? []
            : [
                {
                  teamId,
                  name: teamNames.get(teamId) ?? '',
                  overall: summaryData(
                    {
                      ...facts,
                      scope: { kind: 'team', id: teamId },
                      groups: facts.groups.filter((g) => g.teamId === teamId),
                    },
                    settings,
                  ).overall,
                },
              ],
        )
      : undefined;
  const names = await namesFor(context, data);
  const shared = context.platform?.conversation?.shared === true;
  const share = args.delen === true && shared;
  const notes = [
    ...(names === null ? [t('summary.namesHidden')] : []),
    ...(args.delen === true && !shared ? [t('summary.shareOnlyInChannel')] : []),
  ];
  return {
    locale,
    visibility: share ? ('visible' as const) : ('ephemeral' as const),
    blocks: [
      ...summaryBlocks({
        t,
        format: context.format,
        locale,
        scopeLabel: scope.label,
        data,
        ...(teams ? { teams } : {}),
        names,
      }),
      ...notes.map((text) => ({ type: 'text' as const, tone: 'muted' as const, text })),
    ],
  };
}

export default command({
  name: 'samenvatting',
  aliases: ['summary'],
  actions: [
    action({
      name: 'main',
      who: ['mentor', 'teamleider', 'zorgcoordinator', 'beheerder'],
      positionals: [{ key: 'naam', rest: true }],
      options: { delen: { aliases: ['share'], flag: true } },
      args: z.object({ naam: arg.text(100).optional(), delen: z.literal(true).optional() }),
      run: summary,
    }),
    subscribeAction,
    unsubscribeAction,
  ],
});
