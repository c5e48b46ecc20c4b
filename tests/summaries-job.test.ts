/**
 * The `summaries` job and the summary's way out: at a Monday 08:00 one outbox message per
 * subscribed channel (again: nothing new), sent to a channel over Slack (the text, then the chart
 * by Slack's upload flow) and Teams (one card with the chart inline, within the size limit),
 * against the fake Web API and the fake Bot Connector.
 */
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCommands } from '../src/engine/registry.ts';
import { signalsJob } from '../src/jobs/signals.ts';
import { summariesJob } from '../src/jobs/summaries.ts';
import { drainOutbox } from '../src/outbox/drain.ts';
import { slackSender } from '../src/platforms/slack/slack-sender.ts';
import { createTeamsAdapter } from '../src/platforms/teams/teams-adapter.ts';
import { teamsSender } from '../src/platforms/teams/teams-sender.ts';
import { TEAMS_LIMITS } from '../src/render/adaptive-card.ts';
import type { Store } from '../src/store/database.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { subscribe } from '../src/store/subscriptions.ts';
import { outboxReply, summaryMessage } from '../src/views/outbox-replies.ts';
import { koers } from './support/cli.ts';
import { freshDemoEnvAndStore, freshDemoStore } from './support/demo.ts';
import { fakeBotConnector } from './support/fake-bot-connector.ts';
import { fakeSlack } from './support/fake-slack.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const MONDAY_8 = DateTime.fromISO('2026-11-23T08:00:00+01:00', { setZone: true });
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const TENANT = 'tenant-koersmeer';
const TEAMS_CHANNEL = '19:teamkamer@thread.tacv2';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/**
 * The demo school on this run's dialect: the environment of a `koers` process on it, and the
 * test's own store on the same database (closed after the test).
 */
async function teamId(store: Store, name: string): Promise<number> {
  const [row] = await rows<{ id: number }>(store, 'select id from teams where name = ?', [name]);
  if (!row) throw new Error(`no team ${name}`);
  return row.id;
}

async function subscribeChannel(
  store: Store,
  platform: 'slack' | 'teams',
  workspaceId: string,
  channelId: string,
  staffChannel = false,
) {
  const { id } = await subscribe(store, {
    target: { platform, workspaceId, channelId },
    scope: { kind: 'team', schoolId: 1, teamId: await teamId(store, 'Bovenbouw') },
    weekday: 1,
    time: '08:00',
    locale: 'nl',
    staffChannel,
    createdById: null,
    createdAt: '2026-11-01T00:00:00.000Z',
  });
  return id;
}

const summaries = (store: Store) =>
  rows<{ idempotency_key: string; platform: string; recipient: string; payload: unknown; status: string }>(
    store,
    "select idempotency_key, platform, recipient, payload, status from outbox where idempotency_key like 'summary:%' order by id",
  );

async function drain(store: Store, senders: Parameters<typeof drainOutbox>[1], now: DateTime) {
  const offset = now.toMillis() - Date.now();
  return drainOutbox(store, senders, {
    compose: (message) => outboxReply(store, message, new Date(Date.now() + offset)),
    clock: () => Date.now() + offset,
  });
}

describe('the summaries job', () => {
  it('queues one message per subscribed channel at its moment, and nothing new when run again', async () => {
    const store = await freshDemoStore();
    const slackId = await subscribeChannel(store, 'slack', 'T0KOERS', 'C0TEAMKAMER');
    const teamsId = await subscribeChannel(store, 'teams', TENANT, TEAMS_CHANNEL);
    const platforms = ['slack', 'teams', 'local'] as const;

    // Sunday evening: not yet.
    const before = await summariesJob.run({
      store,
      now: MONDAY_8.minus({ hours: 12 }),
      platforms,
      senders: [],
    });
    expect(before).toMatchObject({ queued: 0 });

    const first = await summariesJob.run({ store, now: MONDAY_8, platforms, senders: [] });
    // The demo's own staff channel (the playground's) and the two above.
    expect(first).toMatchObject({ due: 3, queued: 3, already: 0, notDelivered: 0 });
    const again = await summariesJob.run({
      store,
      now: MONDAY_8.plus({ minutes: 5 }),
      platforms,
      senders: [],
    });
    expect(again).toMatchObject({ queued: 0, already: 3 });
    // A day late is too late: nothing for this week, and it was already queued anyway.
    expect(
      await summariesJob.run({ store, now: MONDAY_8.plus({ hours: 25 }), platforms, senders: [] }),
    ).toMatchObject({
      due: 0,
    });

    const queued = await summaries(store);
    expect(queued.map((m) => m.idempotency_key).sort()).toEqual(
      [
        `summary:${slackId}:2026-W48`,
        `summary:${teamsId}:2026-W48`,
        expect.stringMatching(/^summary:\d+:2026-W48$/),
      ].sort(),
    );
    const toSlack = queued.find((m) => m.platform === 'slack');
    expect(toSlack?.recipient).toBe('C0TEAMKAMER');
    // Ids only.
    expect(rawJson(toSlack?.payload)).toEqual({
      kind: 'summary',
      subscriptionId: slackId,
      isoWeek: '2026-W48',
      date: '2026-11-23',
    });
    // A platform Koers does not deliver to is counted, not queued.
    const other = await freshDemoStore();
    expect(
      await summariesJob.run({ store: other, now: MONDAY_8, platforms: ['slack'], senders: [] }),
    ).toMatchObject({
      queued: 0,
      notDelivered: 1,
    });
  });

  it('`koers jobs run summaries --now <Monday 08:00>` posts once to the Slack channel, text and chart', async () => {
    const slack = await fakeSlack({});
    closing.push(slack.close);
    const demoSchool = await freshDemoEnvAndStore();
    const { store } = demoSchool;
    await subscribeChannel(store, 'slack', 'T0KOERS', 'C0TEAMKAMER');
    const env = {
      ...demoSchool.env,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789abcdef',
      SLACK_API_URL: slack.apiUrl,
    };
    const run = async (job: string, now: string) => {
      const result = await koers(['jobs', 'run', job, '--now', now], env);
      expect(result.code, result.err).toBe(0);
      return result.out;
    };
    expect(await run('summaries', '2026-11-23T08:00+01:00')).toMatch(/queued: 1/);
    await run('outbox', '2026-11-23T08:00:05+01:00');
    expect(await run('summaries', '2026-11-23T08:05+01:00')).toMatch(/queued: 0/);
    await run('outbox', '2026-11-23T08:05:05+01:00');

    expect((await summaries(store)).map((m) => m.status)).toEqual(['sent']);
    const posts = slack.calls('chat.postMessage');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((p) => p.body.channel === 'C0TEAMKAMER')).toBe(true);
    expect(slack.calls('conversations.open')).toEqual([]);
    expect(JSON.stringify(posts[0]?.body.blocks)).toContain('Samenvatting');
    // The chart: the new upload flow, never files.upload.
    expect(slack.calls('files.upload')).toEqual([]);
    const [asked] = slack.calls('files.getUploadURLExternal');
    expect(asked?.body).toMatchObject({ filename: 'koers-chart.png' });
    expect(slack.calls('upload')).toHaveLength(1);
    const [completed] = slack.calls('files.completeUploadExternal');
    expect(completed?.body).toMatchObject({ channel_id: 'C0TEAMKAMER' });
    const files = slack.files();
    expect(files).toHaveLength(1);
    expect(files[0]?.channel).toBe('C0TEAMKAMER');
    expect(files[0]?.bytes?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(files[0]?.bytes?.length).toBe(Number(asked?.body.length));
  }, 60_000);

  it('a chart that cannot be uploaded never holds back the text', async () => {
    // Slack's upload host refuses the bytes.
    const slack = await fakeSlack({}, { failUpload: 500 });
    closing.push(slack.close);
    const store = await freshDemoStore();
    await subscribeChannel(store, 'slack', 'T0KOERS', 'C0TEAMKAMER');
    await summariesJob.run({ store, now: MONDAY_8, platforms: ['slack'], senders: [] });
    const sender = slackSender({ botToken: 'xoxb-test', apiUrl: slack.apiUrl });
    // In the subscription's language, English here.
    await arrangeIn(store, "update subscriptions set locale = 'en' where platform = 'slack'");
    const counts = await drain(store, [sender], MONDAY_8.plus({ seconds: 5 }));
    expect(counts).toMatchObject({ sent: 1 });
    expect((await summaries(store)).map((m) => m.status)).toEqual(['sent']);
    expect(JSON.stringify(slack.calls('chat.postMessage')[0]?.body.blocks)).toContain('Summary');
    expect(slack.calls('upload')).toHaveLength(1);
    expect(slack.calls('files.completeUploadExternal')).toEqual([]);
    // After a crash a summary is not looked up in the channel's history (no channels:history): sent again.
    const [row] = await rows(store, "select * from outbox where idempotency_key like 'summary:%'");
    const asRow = { recipient: String(row?.recipient), payload: rawJson(row?.payload) };
    expect(await sender.delivered?.(asRow as never)).toBe(false);
    expect(slack.calls('conversations.history')).toEqual([]);
    // Sent once: the failed chart is not a reason to send the text again.
    expect(await drain(store, [sender], MONDAY_8.plus({ minutes: 1 }))).toMatchObject({ sent: 0 });
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
  }, 60_000);

  it('posts one card with the chart inline, within the size limit, to the Teams channel', async () => {
    const connector = await fakeBotConnector({});
    closing.push(connector.close);
    const store = await freshDemoStore();
    await arrangeIn(
      store,
      `insert into teams_conversations (tenant_id, conversation_id, scope, team_id, reference, installed_at)
       values (?, ?, 'team', ?, ?, '2026-11-01T00:00:00.000Z')`,
      [
        TENANT,
        TEAMS_CHANNEL,
        TEAMS_CHANNEL,
        JSON.stringify({
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          bot: { id: '28:koers-bot' },
          conversation: { id: TEAMS_CHANNEL, tenantId: TENANT, conversationType: 'channel', isGroup: true },
        }),
      ],
    );
    await subscribeChannel(store, 'teams', TENANT, TEAMS_CHANNEL);
    expect(await summariesJob.run({ store, now: MONDAY_8, platforms: ['teams'], senders: [] })).toMatchObject(
      {
        queued: 1,
      },
    );
    const teams = createTeamsAdapter({ store, commands: await loadCommands(), teams: undefined });
    expect(await drain(store, [teamsSender(teams)], MONDAY_8.plus({ seconds: 5 }))).toMatchObject({
      sent: 1,
    });
    const posted = connector.posted();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.conversationId).toBe(TEAMS_CHANNEL);
    const body = JSON.stringify(posted[0]?.body);
    expect(body).toContain('Samenvatting');
    const images = [...body.matchAll(/"url":"(data:image\/png;base64,[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(images).toHaveLength(1);
    const png = Buffer.from((images[0] ?? '').slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(TEAMS_LIMITS.messageBytes);
    // Again: nothing new.
    await summariesJob.run({ store, now: MONDAY_8.plus({ minutes: 5 }), platforms: ['teams'], senders: [] });
    await drain(store, [teamsSender(teams)], MONDAY_8.plus({ minutes: 5, seconds: 5 }));
    expect(connector.posted()).toHaveLength(1);
  }, 60_000);

  it('names students with an open signal only in a staff channel, and audits each name as read', async () => {
    const store = await freshDemoStore();
    await signalsJob.run({ store, now: MONDAY_8.minus({ hours: 1 }), platforms: ['local'], senders: [] });
    const open = await subscribeChannel(store, 'slack', 'T0KOERS', 'C0OPEN');
    const staff = await subscribeChannel(store, 'slack', 'T0KOERS', 'C0STAF', true);
    const summaryOf = async (subscriptionId: number) =>
      JSON.stringify(
        await summaryMessage(store, {
          kind: 'summary',
          subscriptionId,
          isoWeek: '2026-W48',
          date: '2026-11-23',
        }),
      );
    const reads = () => rows(store, "select count(*) as n from audit_log where subject = 'samenvatting'");
    const before = await reads();
    expect(await summaryOf(open)).not.toContain('Daan Visser');
    expect(await reads()).toEqual(before);
    expect(await summaryOf(staff)).toContain('Daan Visser');
    expect(
      await rows(
        store,
        "select actor_kind, action, channel from audit_log where subject = 'samenvatting' order by id limit 1",
      ),
    ).toEqual([{ actor_kind: 'system', action: 'read', channel: 'slack' }]);
    // Cancelled since it was queued: nothing is sent.
    await arrangeIn(store, 'delete from subscriptions where id = ?', [open]);
    expect(
      await summaryMessage(store, {
        kind: 'summary',
        subscriptionId: open,
        isoWeek: '2026-W48',
        date: '2026-11-23',
      }),
    ).toBeNull();
  });
});
