/**
 * Channels that receive a team outcome summary (PRODUCT.md 2.3): one row per channel and scope
 * (a school, a team or a group), with its weekly moment in the school's time zone, its language
 * and whether the channel is a staff channel (the only kind that may read names).
 *
 * The moment is stored as the schema's cron expression (`0 8 * * 1`: Monday 08:00); Koers writes
 * only that form, one weekday at one time, and reads nothing else.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DateTime } from 'luxon';
import type { subscriptions } from '../../db/schema.ts';
import type { Locale, Platform, subscriptionScopes } from '../domain/enums.ts';
import { isoWeekOf } from '../domain/prompt-calendar.ts';
import { promptDue } from '../domain/prompt-due.ts';
import { rawBoolean } from './raw-values.ts';
import type { Store } from './store.ts';
import { scopeNamesOf } from './summary-settings.ts';
import { inTransaction } from './transaction.ts';

export type Subscription = typeof subscriptions.$inferSelect;
export type ScopeKind = (typeof subscriptionScopes)[number];

/** Where a summary goes: a channel of a Slack workspace or a Teams tenant (or the playground). */
export type ChannelTarget = { platform: Platform; workspaceId: string; channelId: string };

/** What a subscription is of: the school, one team, or one group (with the team it belongs to). */
export type SubscriptionScope =
  | { kind: 'school'; schoolId: number }
  | { kind: 'team'; schoolId: number; teamId: number }
  | { kind: 'group'; schoolId: number; groupId: number; teamId: number | null };

/** When a summary is posted by default: Monday 08:00, the schema's default. */
export const DEFAULT_SUMMARY_MOMENT = { weekday: 1, time: '08:00' } as const;

/** A weekday (ISO 1–7) and `HH:MM` as the cron expression the column holds. */
export function scheduleOf(weekday: number, time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  // cron counts Sunday as 0; ISO as 7.
  return `${minutes ?? 0} ${hours ?? 0} * * ${weekday % 7}`;
}

/** The weekday and time of a schedule Koers wrote; undefined for any other cron expression. */
export function momentOf(schedule: string): { weekday: number; time: string } | undefined {
  const match = schedule.trim().match(/^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/);
  if (!match) return undefined;
  const [minutes, hours, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (minutes > 59 || hours > 23) return undefined;
  return {
    weekday: day === 0 ? 7 : day,
    time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
  };
}

const onChannel = (table: typeof subscriptions, target: ChannelTarget) =>
  and(
    eq(table.platform, target.platform),
    eq(table.workspaceId, target.workspaceId),
    eq(table.channelId, target.channelId),
  );

const sameScope = (table: typeof subscriptions, scope: SubscriptionScope) =>
  scope.kind === 'school'
    ? and(eq(table.scope, 'school'), eq(table.schoolId, scope.schoolId))
    : scope.kind === 'team'
      ? and(eq(table.scope, 'team'), eq(table.teamId, scope.teamId))
      : and(eq(table.scope, 'group'), eq(table.groupId, scope.groupId));

/** Every subscription of a channel, oldest first. */
export async function subscriptionsOfChannel(store: Store, target: ChannelTarget): Promise<Subscription[]> {
  const { subscriptions } = store.t;
  return store.db
    .select()
    .from(subscriptions)
    .where(onChannel(subscriptions, target))
    .orderBy(subscriptions.id);
}

/** A subscription with its school's time zone (the summary's dates are the school's). */
export async function subscriptionById(store: Store, id: number): Promise<SubscriptionWithZone | undefined> {
  return (await subscriptionsWithTimeZones(store, id))[0];
}

/**
 * Whether a channel was registered as a staff channel (by an administrator or a team leader): the
 * only shared place where a summary names students (PRODUCT.md 2.3). With `schoolId`, only as a
 * staff channel of that school.
 */
export async function isStaffChannel(
  store: Store,
  where: ChannelTarget & { schoolId?: number },
): Promise<boolean> {
  return (await subscriptionsOfChannel(store, where)).some(
    (s) => s.isStaffChannel && (where.schoolId === undefined || s.schoolId === where.schoolId),
  );
}

export type NewSubscription = {
  target: ChannelTarget;
  scope: SubscriptionScope;
  weekday: number;
  time: string;
  locale: Locale;
  /** Mark the channel as a staff channel; a channel once marked stays marked for every scope. */
  staffChannel: boolean;
  createdById: number | null;
  createdAt: string;
};

/**
 * Subscribes a channel to a scope, or changes the moment and language of the subscription it
 * has. The staff-channel mark belongs to the channel: setting it marks every subscription of the
 * channel. Returns the subscription's id and whether it is new.
 */
export async function subscribe(
  store: Store,
  wanted: NewSubscription,
): Promise<{ id: number; created: boolean }> {
  const { subscriptions } = store.t;
  const { target, scope } = wanted;
  return inTransaction(store, async () => {
    const staff = wanted.staffChannel || (await isStaffChannel(store, target));
    const schedule = scheduleOf(wanted.weekday, wanted.time);
    const [known] = await store.db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(onChannel(subscriptions, target), sameScope(subscriptions, scope)))
      .limit(1);
    if (staff)
      await store.db
        .update(subscriptions)
        .set({ isStaffChannel: true })
        .where(onChannel(subscriptions, target));
    if (known) {
      await store.db
        .update(subscriptions)
        .set({ schedule, locale: wanted.locale, isStaffChannel: staff })
        .where(eq(subscriptions.id, known.id));
      return { id: known.id, created: false };
    }
    const [inserted] = await store.db
      .insert(subscriptions)
      .values({
        platform: target.platform,
        workspaceId: target.workspaceId,
        channelId: target.channelId,
        scope: scope.kind,
        schoolId: scope.schoolId,
        teamId: scope.kind === 'school' ? null : scope.teamId,
        groupId: scope.kind === 'group' ? scope.groupId : null,
        schedule,
        locale: wanted.locale,
        isStaffChannel: staff,
        createdById: wanted.createdById,
        createdAt: wanted.createdAt,
      })
      .returning({ id: subscriptions.id });
    return { id: (inserted as { id: number }).id, created: true };
  });
}

/** Removes subscriptions of a channel by id (the ones the command chose); returns how many went. */
export async function removeSubscriptions(
  store: Store,
  target: ChannelTarget,
  ids: readonly number[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const { subscriptions } = store.t;
  const removed = await store.db
    .delete(subscriptions)
    .where(and(onChannel(subscriptions, target), inArray(subscriptions.id, [...ids])))
    .returning({ id: subscriptions.id });
  return removed.length;
}

/** The school, its teams and its groups, by name: what a subscription may name. */
export async function scopeNames(store: Store, schoolId: number) {
  const [school] = (await store.raw.all('select id, name from schools where id = ?', [schoolId])) as {
    id: number;
    name: string;
  }[];
  return { school, ...(await scopeNamesOf(store, schoolId)) };
}

/** A subscription with what deciding its moment needs: the school's time zone. */
export type SubscriptionWithZone = Subscription & { timeZone: string };

/** Every subscription (or the one with this id), with its school's time zone. */
export async function subscriptionsWithTimeZones(store: Store, id?: number): Promise<SubscriptionWithZone[]> {
  const rows = (await store.raw.all(
    `select s.id, s.platform, s.workspace_id as "workspaceId", s.channel_id as "channelId", s.scope,
       s.school_id as "schoolId", s.team_id as "teamId", s.group_id as "groupId", s.schedule, s.locale,
       s.is_staff_channel as "isStaffChannel", s.created_by_id as "createdById", s.created_at as "createdAt",
       sc.time_zone as "timeZone"
     from subscriptions s join schools sc on sc.id = s.school_id
     ${id === undefined ? '' : 'where s.id = :id'} order by s.id`,
    id === undefined ? {} : { id },
  )) as (Omit<SubscriptionWithZone, 'isStaffChannel'> & { isStaffChannel: unknown })[];
  return rows.map((row) => ({ ...row, isStaffChannel: rawBoolean(row.isStaffChannel) }));
}
export type DueSubscription = {
  subscription: SubscriptionWithZone;
  /** The ISO week of the moment: one summary per subscription and week. */
  isoWeek: string;
  /** The moment's date in the school's zone: the summary is as of that day, of the weeks before it. */
  date: string;
};

/**
 * The subscriptions whose moment has come at `now`: this week's (or last week's, just after a week
 * boundary) has passed by less than a day, in the school's time zone (the rule of the weekly
 * prompt, `promptDue`, without holidays or pauses: a team meets in a holiday too). A schedule
 * Koers did not write is left out and counted.
 */
export async function dueSubscriptions(
  store: Store,
  now: DateTime,
): Promise<{ due: DueSubscription[]; unreadable: number }> {
  const due: DueSubscription[] = [];
  let unreadable = 0;
  for (const subscription of await subscriptionsWithTimeZones(store)) {
    const moment = momentOf(subscription.schedule);
    if (!moment) {
      unreadable += 1;
      continue;
    }
    const decision = promptDue(now, { ...moment, timeZone: subscription.timeZone }, [], null);
    if (!decision.due) continue;
    due.push({
      subscription,
      isoWeek: isoWeekOf(decision.moment),
      date: decision.moment.toISODate() ?? '',
    });
  }
  return { due, unreadable };
}
