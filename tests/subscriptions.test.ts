/**
 * `samenvatting abonneer` and `samenvatting opzeggen`: a channel subscribes to a group's, team's
 * or school's summary, typed in that channel by staff whose scope covers it; only an administrator
 * or a team leader marks a staff channel; refusals write nothing but their audit entry.
 */
import { describe, expect, it } from 'vitest';
import type { PlatformContext } from '../src/engine/context.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { route } from '../src/engine/router.ts';
import type { Reply } from '../src/reply/reply.ts';
import type { Store } from '../src/store/database.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { rawBoolean, rawJson } from '../src/store/raw-values.ts';
import { isStaffChannel, momentOf, scheduleOf } from '../src/store/subscriptions.ts';
import { DEMO_NOW, errorsOf, freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const JANSEN = 'm.jansen@koersmeer.example'; // mentor of 3H
const SMIT = 't.smit@koersmeer.example'; // team leader of Bovenbouw
const BEHEER = 'beheer@koersmeer.example';
const BENALI = 'a.benali@koersmeer.example'; // teaches 3H, mentors nobody
const SARINA = 'sarina.elamrani@leerling.koersmeer.example';
const CHANNEL = 'C0TEAMKAMER';
const slackChannel: PlatformContext = {
  platform: 'slack',
  workspaceId: 'T0KOERS',
  conversation: { id: CHANNEL, shared: true },
};

const commands = () => loadCommands();

async function ask(
  store: Store,
  email: string,
  text: string,
  platform: PlatformContext | null = slackChannel,
): Promise<Reply> {
  const actor = await findPersonByEmail(store, email);
  if (!actor) throw new Error(email);
  return route(await commands(), {
    store,
    actor,
    text,
    channel: platform?.platform === 'teams' ? 'teams' : platform ? 'slack' : 'cli',
    platform,
    now: DEMO_NOW,
  });
}

const texts = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
const subscriptions = async (store: Store) =>
  (
    await rows(
      store,
      `select platform, workspace_id, channel_id, scope, team_id, group_id, schedule, locale, is_staff_channel
       from subscriptions where platform <> 'local' order by id`,
    )
  ).map((row): Record<string, unknown> => ({ ...row, is_staff_channel: rawBoolean(row.is_staff_channel) }));
const audit = async (store: Store) =>
  (
    await rows<{ action: string; subject: string; detail: unknown }>(
      store,
      "select action, subject, detail from audit_log where subject like 'samenvatting%' order by id",
    )
  ).map((row) => ({ ...row, detail: rawJson(row.detail) }));

describe('the schedule column', () => {
  it('holds a weekday and time as cron, and reads back only that form', () => {
    expect(scheduleOf(1, '08:00')).toBe('0 8 * * 1');
    expect(scheduleOf(7, '17:30')).toBe('30 17 * * 0');
    expect(momentOf('30 17 * * 0')).toEqual({ weekday: 7, time: '17:30' });
    expect(momentOf('*/5 * * * *')).toBeUndefined();
  });
});

describe('samenvatting abonneer', () => {
  it('a mentor subscribes the channel to her group, Monday 08:00 by default, in her language', async () => {
    const store = await freshDemoStore();
    const reply = await ask(store, JANSEN, 'samenvatting abonneer 3H');
    expect(errorsOf(reply)).toEqual([]);
    expect(reply.visibility).toBe('visible');
    expect(texts(reply)[0]).toBe('Dit kanaal krijgt voortaan elke maandag om 08:00 de samenvatting van 3H.');
    expect(await subscriptions(store)).toEqual([
      {
        platform: 'slack',
        workspace_id: 'T0KOERS',
        channel_id: CHANNEL,
        scope: 'group',
        team_id: expect.any(Number),
        group_id: expect.any(Number),
        schedule: '0 8 * * 1',
        locale: 'nl',
        is_staff_channel: false,
      },
    ]);
    expect(await audit(store)).toEqual([
      {
        action: 'create',
        subject: 'samenvatting abonneer',
        detail: expect.objectContaining({ scope: 'group' }),
      },
    ]);
    // Again with another moment: the same subscription, changed.
    const again = await ask(store, JANSEN, 'summary subscribe 3h --day vrijdag --time 14.30');
    expect(texts(again)[0]).toBe('Dit kanaal krijgt de samenvatting van 3H nu elke vrijdag om 14:30.');
    expect((await subscriptions(store)).map((r) => r.schedule)).toEqual(['30 14 * * 5']);
  });

  it('a team leader subscribes the team and marks a staff channel; a mentor may not mark one', async () => {
    const store = await freshDemoStore();
    const refused = await ask(store, JANSEN, 'samenvatting abonneer 3H --stafkanaal');
    expect(refused.outcome).toBe('refused');
    expect(errorsOf(refused)[0]).toContain('Alleen een beheerder of teamleider');
    expect(await subscriptions(store)).toEqual([]);
    expect(await audit(store)).toEqual([
      { action: 'refused', subject: 'samenvatting abonneer', detail: { reason: expect.any(String) } },
    ]);

    const reply = await ask(
      store,
      SMIT,
      'samenvatting abonneer Bovenbouw --stafkanaal --dag maandag --tijd 8:00',
    );
    expect(errorsOf(reply)).toEqual([]);
    expect(texts(reply)[1]).toContain('stafkanaal');
    expect(await subscriptions(store)).toEqual([
      expect.objectContaining({ scope: 'team', is_staff_channel: true, schedule: '0 8 * * 1' }),
    ]);
    expect(
      await isStaffChannel(store, { platform: 'slack', workspaceId: 'T0KOERS', channelId: CHANNEL }),
    ).toBe(true);
    expect(
      await isStaffChannel(store, { platform: 'slack', workspaceId: 'T0KOERS', channelId: 'C0ELSEWHERE' }),
    ).toBe(false);
    // A mentor's group in the same channel: the channel stays a staff channel.
    await ask(store, JANSEN, 'samenvatting abonneer 3H');
    expect((await subscriptions(store)).map((r) => r.is_staff_channel)).toEqual([true, true]);
  });

  it('refuses outside a channel, and says to type it there', async () => {
    const store = await freshDemoStore();
    const dm = await ask(store, JANSEN, 'samenvatting abonneer 3H', {
      platform: 'slack',
      workspaceId: 'T0KOERS',
      conversation: { id: 'D0JANSEN', shared: false },
    });
    expect(dm.outcome).toBe('refused');
    expect(errorsOf(dm)[0]).toContain('in het kanaal');
    const cli = await ask(store, JANSEN, 'samenvatting abonneer 3H', null);
    expect(cli.outcome).toBe('refused');
    const button = await ask(store, JANSEN, 'samenvatting abonneer 3H', {
      platform: 'slack',
      workspaceId: 'T0KOERS',
    });
    expect(button.outcome).toBe('refused');
    expect(await subscriptions(store)).toEqual([]);
  });

  it('refuses a student, a teacher, a group outside the mentor, the school to a team leader', async () => {
    const store = await freshDemoStore();
    expect((await ask(store, SARINA, 'samenvatting abonneer 3H')).outcome).toBe('refused');
    expect((await ask(store, BENALI, 'samenvatting abonneer 3H')).outcome).toBe('refused');
    const other = await ask(store, JANSEN, 'samenvatting abonneer 4V');
    expect(other.outcome).toBe('refused');
    expect(errorsOf(other)[0]).toContain('4V');
    expect((await ask(store, JANSEN, 'samenvatting abonneer Bovenbouw')).outcome).toBe('refused');
    expect((await ask(store, SMIT, 'samenvatting abonneer school')).outcome).toBe('refused');
    const unknown = await ask(store, SMIT, 'samenvatting abonneer 9Z');
    expect(errorsOf(unknown)[0]).toContain("'9Z'");
    expect((await ask(store, JANSEN, 'samenvatting abonneer 3H --dag someday')).outcome).toBe('usage');
    expect((await ask(store, JANSEN, 'samenvatting abonneer 3H --tijd 25:00')).outcome).toBe('usage');
    expect(await subscriptions(store)).toEqual([]);
    // The administrator covers the school.
    expect(errorsOf(await ask(store, BEHEER, 'samenvatting abonneer school'))).toEqual([]);
    expect(await subscriptions(store)).toEqual([
      expect.objectContaining({ scope: 'school', team_id: null, group_id: null }),
    ]);
  });

  it('in Teams only in a channel Koers was added to, by the channel id without the thread', async () => {
    const store = await freshDemoStore();
    const teams = (id: string): PlatformContext => ({
      platform: 'teams',
      workspaceId: 'tenant-1',
      conversation: { id, shared: true },
    });
    const refused = await ask(
      store,
      SMIT,
      'samenvatting abonneer Bovenbouw',
      teams('19:kanaal@thread.tacv2'),
    );
    expect(refused.outcome).toBe('refused');
    expect(errorsOf(refused)[0]).toContain('Voeg Koers eerst toe');
    await arrangeIn(
      store,
      `insert into teams_conversations (tenant_id, conversation_id, scope, team_id, reference, installed_at)
       values ('tenant-1', '19:kanaal@thread.tacv2', 'team', '19:kanaal@thread.tacv2', '{}', '2026-11-01T00:00:00.000Z')`,
    );
    const reply = await ask(
      store,
      SMIT,
      'samenvatting abonneer Bovenbouw',
      teams('19:kanaal@thread.tacv2;messageid=1700000000000'),
    );
    expect(errorsOf(reply)).toEqual([]);
    expect(await subscriptions(store)).toEqual([
      expect.objectContaining({
        platform: 'teams',
        workspace_id: 'tenant-1',
        channel_id: '19:kanaal@thread.tacv2',
      }),
    ]);
  });
});

describe('samenvatting opzeggen', () => {
  it("removes this channel's subscriptions, one by name or all, and only what the asker covers", async () => {
    const store = await freshDemoStore();
    await ask(store, SMIT, 'samenvatting abonneer Bovenbouw');
    await ask(store, JANSEN, 'samenvatting abonneer 3H');
    // Another channel's subscription stays.
    await ask(store, JANSEN, 'samenvatting abonneer 3H', {
      ...slackChannel,
      conversation: { id: 'C0ANDER', shared: true },
    });
    expect(await subscriptions(store)).toHaveLength(3);

    const notHers = await ask(store, JANSEN, 'samenvatting opzeggen Bovenbouw');
    expect(notHers.outcome).toBe('refused');
    expect(await subscriptions(store)).toHaveLength(3);

    const one = await ask(store, JANSEN, 'samenvatting opzeggen 3H');
    expect(errorsOf(one)).toEqual([]);
    expect(texts(one)[0]).toBe('Opgezegd voor dit kanaal: 3H (maandag 08:00).');
    expect((await subscriptions(store)).map((r) => [r.channel_id, r.scope])).toEqual([
      [CHANNEL, 'team'],
      ['C0ANDER', 'group'],
    ]);
    expect(errorsOf(await ask(store, SMIT, 'summary unsubscribe'))).toEqual([]);
    expect((await subscriptions(store)).map((r) => r.channel_id)).toEqual(['C0ANDER']);
    const none = await ask(store, SMIT, 'samenvatting opzeggen');
    expect(none.outcome).toBe('refused');
    expect((await audit(store)).filter((a) => a.action === 'delete')).toHaveLength(2);
  });
});
