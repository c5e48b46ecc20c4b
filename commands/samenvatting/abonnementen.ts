/**
 * `samenvatting abonneer <groep|team|school> [--dag maandag] [--tijd 08:00] [--stafkanaal]` and
 * `samenvatting opzeggen [<groep|team|school>]` (`summary subscribe`, `summary unsubscribe`): a
 * channel gets the team outcome summary every week (PRODUCT.md 2.3), posted through the outbox by
 * the `summaries` job.
 *
 * Typed in the channel itself (a direct message or the terminal has no channel to post to), by
 * staff whose scope covers what they name: an administrator anything of the school, a team leader
 * their teams and those teams' groups, a mentor their own groups. Only an administrator or a team
 * leader marks a channel as a staff channel (`--stafkanaal`), where a summary may name students.
 * In Teams Koers can only post into a conversation it was added to, so the channel must have a
 * stored conversation reference (src/store/teams-conversations.ts). Changes are written with
 * their audit entry in one transaction; a refusal writes nothing but its audit entry.
 *
 * Actions of `commands/samenvatting.ts`; a folder, so the registry does not load this as a
 * command of its own.
 */
import { z } from 'zod';
import { arg } from '../../src/engine/arguments.ts';
import { auditedRefusal } from '../../src/engine/audited-refusal.ts';
import { action } from '../../src/engine/command.ts';
import type { CommandContext } from '../../src/engine/context.ts';
import { refusal } from '../../src/engine/replies.ts';
import { typedWord } from '../../src/i18n/enum-words.ts';
import type { ReplyInput } from '../../src/reply/reply.ts';
import { teamsLedBy } from '../../src/store/signal-thresholds.ts';
import {
  type ChannelTarget,
  DEFAULT_SUMMARY_MOMENT,
  isStaffChannel,
  momentOf,
  removeSubscriptions,
  type Subscription,
  type SubscriptionScope,
  scopeNames,
  subscribe,
  subscriptionsOfChannel,
} from '../../src/store/subscriptions.ts';
import { groupsMentoredBy } from '../../src/store/summary-settings.ts';
import { teamsConversation } from '../../src/store/teams-conversations.ts';

const SUBSCRIBE = 'samenvatting abonneer';
const UNSUBSCRIBE = 'samenvatting opzeggen';
const SCHOOL_WORDS = ['school', 'de-school', 'hele-school', 'whole-school', 'the-school'];

type Named = SubscriptionScope & { name: string };

// Reaching for what is not one's own leaves a trace, as elsewhere.
const refuse = auditedRefusal;

/**
 * The channel the command was typed in, or the reply that says why there is none: a direct
 * message, a form, the terminal; in Teams, a channel Koers was never added to.
 */
async function channelOf(context: CommandContext): Promise<ChannelTarget | ReplyInput> {
  const where = context.platform?.conversation;
  if (!context.platform || !where?.shared)
    return refusal(context.t, context.locale, 'subscriptions.inChannelOnly');
  const { platform, workspaceId } = context.platform;
  // A Teams channel message names its thread (`19:…@thread.tacv2;messageid=…`); the channel is before it.
  const channelId = platform === 'teams' ? (where.id.split(';')[0] ?? where.id) : where.id;
  if (platform === 'teams' && !(await teamsConversation(context.store, workspaceId, channelId)))
    return refusal(context.t, context.locale, 'subscriptions.teamsNotInstalled');
  return { platform, workspaceId, channelId };
}

/** What the typed name stands for in the asker's school; a reply when it names nothing there. */
async function scopeNamed(context: CommandContext, word: string): Promise<Named | ReplyInput> {
  const schoolId = context.actor.schoolId;
  const names = await scopeNames(context.store, schoolId);
  const typed = typedWord(word);
  if (SCHOOL_WORDS.includes(typed) || (names.school && typedWord(names.school.name) === typed))
    return { kind: 'school', schoolId, name: names.school?.name ?? word };
  const group = names.groups.find((g) => typedWord(g.name) === typed);
  if (group) return { kind: 'group', schoolId, groupId: group.id, teamId: group.teamId, name: group.name };
  const team = names.teams.find((candidate) => typedWord(candidate.name) === typed);
  if (team) return { kind: 'team', schoolId, teamId: team.id, name: team.name };
  return refusal(context.t, context.locale, 'subscriptions.unknownScope', {
    name: word,
    choices: [...names.groups.map((g) => g.name), ...names.teams.map((t) => t.name), 'school'].join(', '),
  });
}

/** Whether the asker's roles cover a scope: the school an administrator's, a team its leader's, a group also its mentor's. */
async function covers(context: CommandContext, scope: SubscriptionScope): Promise<boolean> {
  const { actor, store } = context;
  if (actor.kind !== 'staff') return false;
  if (actor.roles.includes('beheerder')) return true;
  if (scope.kind === 'school') return false;
  const led = actor.roles.includes('teamleider') ? await teamsLedBy(store, actor.staffId) : [];
  if (scope.teamId !== null && led.includes(scope.teamId)) return true;
  if (scope.kind === 'team') return false;
  return (
    actor.roles.includes('mentor') && (await groupsMentoredBy(store, actor.staffId)).includes(scope.groupId)
  );
}

const mayMarkStaffChannel = (context: CommandContext) =>
  context.actor.kind === 'staff' &&
  (context.actor.roles.includes('beheerder') || context.actor.roles.includes('teamleider'));

type SubscribeArgs = {
  naam: string;
  dag?: number | undefined;
  tijd?: string | undefined;
  stafkanaal?: true | undefined;
};

async function subscribeHere(context: CommandContext, args: SubscribeArgs): Promise<ReplyInput> {
  const { t, locale, actor, format } = context;
  if (actor.kind !== 'staff') return refusal(t, locale, 'access.commandNotForYou', { command: SUBSCRIBE });
  const target = await channelOf(context);
  if (!('channelId' in target)) return target;
  const scope = await scopeNamed(context, args.naam);
  if (!('kind' in scope)) return scope;
  if (!(await covers(context, scope)))
    return refuse(context, SUBSCRIBE, 'subscriptions.notYourScope', { name: scope.name });
  if (args.stafkanaal && !mayMarkStaffChannel(context))
    return refuse(context, SUBSCRIBE, 'subscriptions.staffChannelForLeaders');
  const weekday = args.dag ?? DEFAULT_SUMMARY_MOMENT.weekday;
  const time = args.tijd ?? DEFAULT_SUMMARY_MOMENT.time;
  const { name, ...where } = scope;
  const result = await context.change(
    () =>
      subscribe(context.store, {
        target,
        scope: where,
        weekday,
        time,
        locale,
        staffChannel: args.stafkanaal === true,
        createdById: actor.staffId,
        createdAt: context.now.toISOString(),
      }),
    (done) => [
      {
        studentId: null,
        action: done.created ? 'create' : 'update',
        detail: {
          subscription: done.id,
          scope: where.kind,
          platform: target.platform,
          weekday,
          time,
          staffChannel: args.stafkanaal === true,
        },
      },
    ],
  );
  const staffChannel = await isStaffChannel(context.store, target);
  return {
    visibility: 'visible',
    locale,
    blocks: [
      {
        type: 'text',
        tone: 'success',
        text: t(result.created ? 'subscriptions.subscribed' : 'subscriptions.changed', {
          name,
          weekday: format.weekday(weekday),
          time,
        }),
      },
      {
        type: 'text',
        tone: 'muted',
        text: t(staffChannel ? 'subscriptions.isStaffChannel' : 'subscriptions.notStaffChannel'),
      },
      // Slack lets a command be typed where the app is not a member, but not the app post there.
      ...(target.platform === 'slack'
        ? [{ type: 'text' as const, tone: 'muted' as const, text: t('subscriptions.slackInvite') }]
        : []),
    ],
  };
}

/** A subscription's scope as the command's scopes are, to check coverage and to name it. */
async function scopeOfRow(context: CommandContext, row: Subscription): Promise<Named> {
  const names = await scopeNames(context.store, row.schoolId);
  if (row.scope === 'group' && row.groupId !== null)
    return {
      kind: 'group',
      schoolId: row.schoolId,
      groupId: row.groupId,
      teamId: row.teamId ?? names.groups.find((g) => g.id === row.groupId)?.teamId ?? null,
      name: names.groups.find((g) => g.id === row.groupId)?.name ?? String(row.groupId),
    };
  if (row.scope === 'team' && row.teamId !== null)
    return {
      kind: 'team',
      schoolId: row.schoolId,
      teamId: row.teamId,
      name: names.teams.find((team) => team.id === row.teamId)?.name ?? String(row.teamId),
    };
  return { kind: 'school', schoolId: row.schoolId, name: names.school?.name ?? 'school' };
}

async function unsubscribeHere(
  context: CommandContext,
  args: { naam?: string | undefined },
): Promise<ReplyInput> {
  const { t, locale, actor } = context;
  if (actor.kind !== 'staff') return refusal(t, locale, 'access.commandNotForYou', { command: UNSUBSCRIBE });
  const target = await channelOf(context);
  if (!('channelId' in target)) return target;
  // Only the asker's school's subscriptions: another school's channel rows are not theirs to see.
  const rows = (await subscriptionsOfChannel(context.store, target)).filter(
    (row) => row.schoolId === actor.schoolId,
  );
  let chosen: { row: Subscription; scope: Named }[] = [];
  for (const row of rows) chosen.push({ row, scope: await scopeOfRow(context, row) });
  if (args.naam !== undefined) {
    const named = await scopeNamed(context, args.naam);
    if (!('kind' in named)) return named;
    chosen = chosen.filter(({ scope }) => scope.kind === named.kind && scope.name === named.name);
  }
  if (chosen.length === 0) return refusal(t, locale, 'subscriptions.noneHere');
  let notOwn: (typeof chosen)[number] | undefined;
  for (const one of chosen)
    if (!(await covers(context, one.scope))) {
      notOwn = one;
      break;
    }
  if (notOwn) return refuse(context, UNSUBSCRIBE, 'subscriptions.notYourScope', { name: notOwn.scope.name });
  const ids = chosen.map(({ row }) => row.id);
  await context.change(
    () => removeSubscriptions(context.store, target, ids),
    () =>
      chosen.map(({ row }) => ({
        studentId: null,
        action: 'delete' as const,
        detail: { subscription: row.id, scope: row.scope, platform: target.platform },
      })),
  );
  return {
    visibility: 'visible',
    locale,
    blocks: [
      {
        type: 'text',
        tone: 'success',
        text: t('subscriptions.unsubscribed', {
          names: chosen.map(({ scope, row }) => `${scope.name} (${describeMoment(context, row)})`).join(', '),
        }),
      },
    ],
  };
}

function describeMoment(context: CommandContext, row: Subscription): string {
  const moment = momentOf(row.schedule);
  return moment
    ? context.t('subscriptions.moment', {
        weekday: context.format.weekday(moment.weekday),
        time: moment.time,
      })
    : row.schedule;
}

const leaders = ['mentor', 'teamleider', 'beheerder'] as const;

export const subscribeAction = action({
  name: 'abonneer',
  words: ['abonneer', 'subscribe'],
  who: leaders,
  changes: true,
  positionals: [{ key: 'naam', rest: true }],
  options: {
    dag: { aliases: ['day'] },
    tijd: { aliases: ['time'] },
    stafkanaal: { aliases: ['staff-channel'], flag: true },
  },
  args: z.object({
    naam: arg.text(100),
    dag: arg.weekday().optional(),
    tijd: arg.clock().optional(),
    stafkanaal: z.literal(true).optional(),
  }),
  run: subscribeHere,
});

export const unsubscribeAction = action({
  name: 'opzeggen',
  words: ['opzeggen', 'unsubscribe'],
  who: leaders,
  changes: true,
  positionals: [{ key: 'naam', rest: true }],
  args: z.object({ naam: arg.text(100).optional() }),
  run: unsubscribeHere,
});

/** The brief's names: `abonneer` and `opzeggen`, for `commands/samenvatting.ts`. */
