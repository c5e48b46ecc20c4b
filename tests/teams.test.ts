/**
 * Koers in Microsoft Teams over real HTTP: Bot Framework activities, shaped as Teams sends them,
 * go to `POST /api/messages` of the running server (unauthenticated mode, from loopback); a local
 * fake Bot Connector at the activities' `serviceUrl` records what Koers sends back.
 */
import { networkInterfaces } from 'node:os';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { start } from '../src/app/start.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { translator } from '../src/i18n/translate.ts';
import { signalsJob } from '../src/jobs/signals.ts';
import { weeklyPrompts } from '../src/jobs/weekly-prompts.ts';
import { drainOutbox } from '../src/outbox/drain.ts';
import { createTeamsAdapter } from '../src/platforms/teams/teams-adapter.ts';
import { teamsSender } from '../src/platforms/teams/teams-sender.ts';
import type { AdaptiveCard } from '../src/render/adaptive-card.ts';
import type { Reply } from '../src/reply/reply.ts';
import { rawBoolean, rawJson } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { outboxReply } from '../src/views/outbox-replies.ts';
import { databaseOf, freshDemoEnvAndStore } from './support/demo.ts';
import { fakeBotConnector } from './support/fake-bot-connector.ts';
import { startKoers } from './support/running.ts';
import { rows } from './support/store-sql.ts';

const TENANT = '6f1c1b9e-2c55-4a8e-9d43-0a1b2c3d4e5f';
const BOT = '28:koers-bot';
const SARINA_EMAIL = 'sarina.elamrani@leerling.koersmeer.example';
const members = {
  '29:jansen': { aadObjectId: 'aad-jansen', email: 'm.jansen@koersmeer.example', tenantId: TENANT },
  // A student whose mail address differs from the UPN the school gave her: the UPN is the roster's.
  '29:sarina': { aadObjectId: 'aad-sarina', email: 'sarina@privé.example', userPrincipalName: SARINA_EMAIL },
  '29:smit': { aadObjectId: 'aad-smit', email: 't.smit@koersmeer.example' },
  '29:nobody': { aadObjectId: 'aad-nobody', email: 'someone@elsewhere.example' },
  // The directory answers about another account than the one that sent the activity.
  '29:spoof': { aadObjectId: 'aad-someone-else', email: 'm.jansen@koersmeer.example' },
  // A guest whose inviter typed a staff member's address.
  '29:guest': { aadObjectId: 'aad-guest', email: 'p.devries@koersmeer.example', userRole: 'guest' },
  // The directory of another tenant.
  '29:foreign': {
    aadObjectId: 'aad-foreign',
    email: 'p.devries@koersmeer.example',
    tenantId: 'other-tenant',
  },
  // Teams cannot look this one up just now.
  '29:throttled': { aadObjectId: 'aad-throttled', email: 'p.devries@koersmeer.example' },
};
type User = keyof typeof members;
/** What an activity says its sender's object id is, where it differs from the directory's. */
const claimedObjectId: Partial<Record<User, string>> = { '29:spoof': 'aad-spoof' };

let connector: Awaited<ReturnType<typeof fakeBotConnector>>;
let running: Awaited<ReturnType<typeof start>>;
/** A second connection to the running server's database, as an administrator (or the outbox) would open one. */
let store: Store;
let endpoint: string;
let ids = 0;

beforeEach(async () => {
  connector = await fakeBotConnector(members, { failingMembers: { '29:throttled': 400 } });
  const demo = await freshDemoEnvAndStore();
  store = demo.store;
  running = await startKoers(databaseOf(demo.env), { slack: undefined, teams: undefined });
  endpoint = `http://127.0.0.1:${running.port}/api/messages`;
});

afterEach(async () => {
  await running.stop();
  await connector.close();
});

const personalChat = (user: User) => `a:personal-${user.slice(3)}`;
const CHANNEL = '19:teamkamer@thread.tacv2';
const TEAM = '19:team-3h@thread.tacv2';
const GROUP_CHAT = '19:groepschat@thread.v2';

type Where = { conversation: 'personal' | 'channel' | 'groupChat' | 'unnamed'; mention?: boolean };

function activity(user: User, fields: Record<string, unknown>, where: Where = { conversation: 'personal' }) {
  const conversation =
    where.conversation === 'personal'
      ? { conversationType: 'personal', tenantId: TENANT, id: personalChat(user) }
      : where.conversation === 'groupChat'
        ? { conversationType: 'groupChat', tenantId: TENANT, id: GROUP_CHAT, isGroup: true }
        : where.conversation === 'unnamed'
          ? { tenantId: TENANT, id: CHANNEL }
          : { conversationType: 'channel', tenantId: TENANT, id: CHANNEL, isGroup: true };
  return {
    id: `activity-in-${++ids}`,
    timestamp: new Date().toISOString(),
    serviceUrl: connector.serviceUrl,
    channelId: 'msteams',
    from: { id: user, name: user, aadObjectId: claimedObjectId[user] ?? members[user].aadObjectId },
    conversation,
    recipient: { id: BOT, name: 'Koers' },
    locale: 'nl-NL',
    channelData: {
      tenant: { id: TENANT },
      ...(where.conversation === 'channel'
        ? { team: { id: TEAM }, channel: { id: CHANNEL }, teamsTeamId: TEAM, teamsChannelId: CHANNEL }
        : {}),
    },
    ...fields,
  };
}

function message(user: User, text: string, where: Where = { conversation: 'personal' }) {
  const mentioned = where.mention ? `<at>Koers</at> ${text}` : text;
  return activity(
    user,
    {
      type: 'message',
      text: mentioned,
      textFormat: 'plain',
      entities: where.mention
        ? [{ type: 'mention', text: '<at>Koers</at>', mentioned: { id: BOT, name: 'Koers' } }]
        : [],
    },
    where,
  );
}

function invoke(user: User, verb: string, data: Record<string, unknown>) {
  return activity(user, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-activity-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}

async function post(body: unknown) {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

type Card = AdaptiveCard & { body: unknown[] };

/** The cards of a posted activity. */
function cardsOf(body: Record<string, unknown>): Card[] {
  const attachments = (body.attachments ?? []) as { contentType: string; content: Card }[];
  return attachments
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
}

/** Every text a card shows, and every action's title, in order. */
function textOf(value: unknown): string {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'errorMessage'])
      if (typeof record[key] === 'string') found.push(record[key] as string);
    for (const [key, child] of Object.entries(record)) if (key !== 'data') walk(child);
  };
  walk(value);
  return found.join('\n');
}

/** The Action.Execute buttons of some cards, with their verb and data. */
function executes(cards: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const found: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute') found.push(record as never);
    for (const child of Object.values(record)) walk(child);
  };
  walk(cards);
  return found;
}

describe('messages to the bot', () => {
  it('answers `leerling sarina` in a personal chat with a card, as the Koers person the directory names', async () => {
    const response = await post(message('29:jansen', 'leerling sarina'));
    expect(response.status).toBe(200);
    const [reply] = connector.posted();
    expect(reply?.kind).toBe('reply');
    expect(reply?.conversationId).toBe(personalChat('29:jansen'));
    expect(reply?.path).toMatch(/\/activities\/activity-in-\d+$/);
    const [card] = cardsOf(reply?.body ?? {});
    expect(card?.version).toBe('1.5');
    expect(textOf(card)).toContain('Sarina El Amrani');
    expect(textOf(card)).toContain('3H');
    expect(
      await rows(
        store,
        "select user_id, workspace_id, person_kind from platform_identities where platform = 'teams'",
      ),
    ).toEqual([{ user_id: 'aad-jansen', workspace_id: TENANT, person_kind: 'staff' }]);
    expect(await rows(store, "select action, channel from audit_log where channel = 'teams'")).toEqual([
      { action: 'read', channel: 'teams' },
    ]);
    // Linked now: the directory is asked once per user.
    await post(message('29:jansen', '/koers leerling sarina'));
    expect(connector.calls.filter((c) => c.kind === 'member')).toHaveLength(1);
    expect(textOf(cardsOf(connector.posted()[1]?.body ?? {}))).toContain('Sarina El Amrani');
  });

  it('finds a student by the user principal name when her mail address is not the roster one', async () => {
    await post(message('29:sarina', 'pad'));
    expect(textOf(cardsOf(connector.posted()[0]?.body ?? {}))).toContain('Sarina El Amrani');
    expect(await rows(store, "select person_kind from platform_identities where platform = 'teams'")).toEqual(
      [{ person_kind: 'student' }],
    );
  });

  it('answers in the language of the Teams client for a person without a Koers language', async () => {
    await post({ ...message('29:smit', 'help'), locale: 'en-US' });
    expect(textOf(cardsOf(connector.posted()[0]?.body ?? {}))).toMatch(/What you can do|commands/i);
  });

  it('tells someone the roster does not know, and someone the directory does not vouch for, only that', async () => {
    await post(message('29:nobody', 'leerling sarina'));
    await post(message('29:spoof', 'leerling sarina'));
    const texts = connector.posted().map((call) => textOf(cardsOf(call.body)));
    const unlinked = translator('nl')('teams.unlinked');
    expect(texts).toEqual([unlinked, unlinked]);
    expect(await rows(store, "select * from platform_identities where platform = 'teams'")).toEqual([]);
    expect(await rows(store, "select * from audit_log where channel = 'teams'")).toEqual([]);
  });

  it('reads a message Teams sent as HTML, with the mention and a non-breaking space', async () => {
    await post({
      ...message('29:jansen', 'leerling sarina', { conversation: 'personal', mention: true }),
      text: '<p><at>Koers</at>&nbsp;leerling&nbsp;sarina</p>',
      textFormat: 'xml',
    });
    expect(textOf(cardsOf(connector.posted()[0]?.body ?? {}))).toContain('Sarina El Amrani');
  });

  it('answers a message with a character reference beyond Unicode (`&#x110000;`), which once got nothing', async () => {
    for (const text of ['&#x110000;', 'leerling sarina &#99999999;', 'help &#xFFFFFFFFFFFFFFFFFFFF;']) {
      const response = await post({ ...message('29:jansen', ''), text, textFormat: 'xml' });
      expect(response.status).toBe(200);
    }
    const posted = connector.posted();
    expect(posted).toHaveLength(3);
    const texts = posted.map((call) => String(call.body.text ?? textOf(cardsOf(call.body))));
    // Read as U+FFFD (as HTML reads it): an ordinary answer, not an error.
    for (const text of texts) expect(text).not.toMatch(/^Er ging iets mis/);
    expect(texts[1]).toContain('Sarina El Amrani');
  });

  it('finds a mentioned student by the mention’s member id, never by the name it shows', async () => {
    // Sarina's account is linked once she has written to Koers herself.
    await post(message('29:sarina', 'help'));
    const mentioning = (name: string, id: string) => ({
      ...message('29:jansen', `leerling <at>${name}</at>`),
      entities: [{ type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name } }],
    });
    connector.calls.length = 0;
    // Her id under another display name: still Sarina.
    await post(mentioning('Daan Visser', '29:sarina'));
    // Her display name on another account (a namesake, or nobody Koers knows): not Sarina.
    await post(mentioning('Sarina El Amrani', '29:smit'));
    const [byId, byName] = connector
      .posted()
      .map((call) => String(call.body.text ?? textOf(cardsOf(call.body))));
    expect(byId).toContain('Sarina El Amrani');
    expect(byId).not.toContain('Daan');
    expect(byName).toBe(translator('nl')('access.denied'));
  });

  it('does not trust a guest, another tenant’s directory, and says a failed lookup is a failure', async () => {
    await post(message('29:guest', 'leerling sarina'));
    await post(message('29:foreign', 'leerling sarina'));
    await post(message('29:throttled', 'leerling sarina'));
    const texts = connector.posted().map((call) => String(call.body.text ?? textOf(cardsOf(call.body))));
    const unlinked = translator('nl')('teams.unlinked');
    expect(texts.slice(0, 2)).toEqual([unlinked, unlinked]);
    expect(texts[2]).toMatch(/^Er ging iets mis.*[0-9a-f]{8}/);
    expect(await rows(store, "select * from platform_identities where platform = 'teams'")).toEqual([]);
    expect(await rows(store, "select * from audit_log where channel = 'teams'")).toEqual([]);
  });

  it('treats a group chat, and a conversation Teams does not name, as shared', async () => {
    for (const conversation of ['groupChat', 'unnamed'] as const) {
      connector.calls.length = 0;
      await post(message('29:jansen', 'leerling sarina', { conversation, mention: true }));
      const posted = connector.posted();
      expect(posted).toHaveLength(1);
      expect(posted[0]?.body.text).toBe(translator('nl')('teams.askPersonally'));
      expect(JSON.stringify(posted)).not.toContain('Sarina');
    }
  });

  it('keeps a channel it is spoken to in, so a summary can be subscribed there and posted to it', async () => {
    // Koers was added to the team long ago; this channel it never saw installed.
    const inThread = message('29:jansen', 'samenvatting abonneer 3H', {
      conversation: 'channel',
      mention: true,
    });
    (inThread.conversation as { id: string }).id = `${CHANNEL};messageid=1700000000000`;
    await post(inThread);
    expect(
      (
        await rows<{ conversation_id: string; scope: string; reference: unknown }>(
          store,
          "select conversation_id, scope, reference from teams_conversations where conversation_id like '19:teamkamer%'",
        )
      ).map((row) => ({
        ...row,
        reference: rawJson<{ conversation: { id: string } }>(row.reference).conversation.id,
      })),
    ).toEqual([{ conversation_id: CHANNEL, scope: 'team', reference: CHANNEL }]);
    expect(
      await rows(store, 'select platform, channel_id from subscriptions where channel_id = ?', [CHANNEL]),
    ).toEqual([{ platform: 'teams', channel_id: CHANNEL }]);
  });

  it('in a channel answers only when mentioned, and never shows a student there', async () => {
    await post(message('29:jansen', 'leerling sarina', { conversation: 'channel' }));
    expect(connector.posted()).toEqual([]);

    await post(message('29:jansen', 'leerling sarina', { conversation: 'channel', mention: true }));
    const [toChannel] = connector.posted();
    expect(toChannel?.conversationId).toBe(CHANNEL);
    expect(toChannel?.body.text).toBe(translator('nl')('teams.askPersonally'));
    expect(JSON.stringify(toChannel?.body)).not.toContain('Sarina');

    // Once Koers is installed in her personal chat, the card goes there and the channel hears where.
    await post(installation('29:jansen', 'add'));
    connector.calls.length = 0;
    await post(message('29:jansen', 'leerling sarina', { conversation: 'channel', mention: true }));
    const sent = connector.posted();
    expect(sent.map((call) => call.conversationId)).toEqual([personalChat('29:jansen'), CHANNEL]);
    expect(textOf(cardsOf(sent[0]?.body ?? {}))).toContain('Sarina El Amrani');
    expect(sent[1]?.body.text).toBe(translator('nl')('teams.answeredPersonally'));
    expect(JSON.stringify(sent[1]?.body)).not.toContain('Sarina');
  });
});

function installation(user: User, action: 'add' | 'remove', where: Where = { conversation: 'personal' }) {
  return activity(user, { type: 'installationUpdate', action }, where);
}

describe('installations', () => {
  it('keeps the personal chat when installed, greets with help, and forgets it when removed', async () => {
    expect((await post(installation('29:jansen', 'add'))).status).toBe(200);
    const [saved] = await rows<{ scope: string; user_id: string; reference: unknown }>(
      store,
      'select scope, user_id, reference from teams_conversations',
    );
    expect(saved?.scope).toBe('personal');
    expect(saved?.user_id).toBe('aad-jansen');
    const reference = rawJson<{ serviceUrl: string; conversation: { id: string } }>(saved?.reference ?? '{}');
    expect(reference.serviceUrl).toBe(connector.serviceUrl);
    expect(reference.conversation.id).toBe(personalChat('29:jansen'));
    expect(textOf(cardsOf(connector.posted()[0]?.body ?? {}))).toContain('leerling');

    await post(installation('29:jansen', 'remove'));
    expect(await rows(store, 'select * from teams_conversations')).toEqual([]);
  });

  it('greets once although Teams tells an installation twice, and not on an upgrade; a reinstall replaces the chat', async () => {
    const added = activity('29:jansen', { type: 'conversationUpdate', membersAdded: [{ id: BOT }] });
    await post(added);
    await post(installation('29:jansen', 'add'));
    await post({ ...installation('29:jansen', 'add'), action: 'add-upgrade' });
    expect(connector.posted()).toHaveLength(1);
    const reinstalled = installation('29:jansen', 'add');
    await post({ ...reinstalled, conversation: { ...reinstalled.conversation, id: 'a:personal-jansen-2' } });
    expect(await rows(store, 'select conversation_id from teams_conversations')).toEqual([
      { conversation_id: 'a:personal-jansen-2' },
    ]);
  });

  it('keeps ids in a reference, not names', async () => {
    await post({
      ...installation('29:sarina', 'add'),
      from: { id: '29:sarina', name: 'Sarina El Amrani', aadObjectId: 'aad-sarina' },
    });
    // As the database keeps it: the text of the JSON.
    const [row] = await rows<{ reference: string }>(
      store,
      'select cast(reference as text) as reference from teams_conversations',
    );
    expect(row?.reference).not.toContain('Sarina');
    expect(JSON.parse(row?.reference ?? '{}').user).toEqual({ id: '29:sarina', aadObjectId: 'aad-sarina' });
  });

  it('keeps a team when Koers is added to it and forgets it when removed or the team is deleted', async () => {
    const added = {
      ...activity(
        '29:jansen',
        { type: 'conversationUpdate', membersAdded: [{ id: BOT }] },
        { conversation: 'channel' },
      ),
      channelData: { tenant: { id: TENANT }, team: { id: TEAM }, eventType: 'teamMemberAdded' },
    };
    await post(added);
    expect(
      await rows(store, 'select scope, team_id, user_id, conversation_id from teams_conversations'),
    ).toEqual([{ scope: 'team', team_id: TEAM, user_id: null, conversation_id: CHANNEL }]);
    // Another member joining the team is not Koers being installed.
    await post({ ...added, membersAdded: [{ id: '29:someone' }] });
    expect(await rows(store, 'select count(*) as n from teams_conversations')).toEqual([{ n: 1 }]);
    expect(connector.posted()).toEqual([]);

    await post({ ...added, membersAdded: undefined, membersRemoved: [{ id: BOT }] });
    expect(await rows(store, 'select * from teams_conversations')).toEqual([]);
    await post(added);
    await post({
      ...added,
      membersAdded: undefined,
      channelData: { ...added.channelData, eventType: 'teamDeleted' },
    });
    expect(await rows(store, 'select * from teams_conversations')).toEqual([]);
  });
});

describe('card buttons (Action.Execute → invoke adaptiveCard/action)', () => {
  async function pathwayButtons() {
    await post(message('29:jansen', 'leerling sarina'));
    return executes(cardsOf(connector.posted()[0]?.body ?? {}));
  }

  it('"add a goal" opens the form as a card, keeps input and says what to fix, then stores the goal once', async () => {
    const opener = (await pathwayButtons()).find(
      (b) => b.verb === 'koers.form.open' && b.data.formId === 'doelen.nieuw',
    );
    expect(opener).toBeDefined();
    connector.calls.length = 0;
    const opened = await post(invoke('29:jansen', opener?.verb ?? '', opener?.data ?? {}));
    expect(opened.status).toBe(200);
    expect(await opened.json()).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: translator('nl')('teams.formOpened'),
    });
    const [formCard] = cardsOf(connector.posted()[0]?.body ?? {});
    const submit = executes(formCard).find((b) => b.verb === 'koers.form.submit');
    // The card names Sarina by reference, never by address (src/reply/buttons.ts).
    const [sarina] = await rows<{ id: number }>(store, 'select id from students where email = ?', [
      SARINA_EMAIL,
    ]);
    expect(submit?.data).toEqual({ formId: 'doelen.nieuw', payload: { naam: `id:${sarina?.id}` } });

    const goals = () =>
      rows(store, "select count(*) as n from goals where title = 'Elke week Franse woordjes'");
    const submitGoal = (fields: Record<string, string>) =>
      post(
        invoke('29:jansen', 'koers.form.submit', {
          ...submit?.data,
          titel: 'Elke week Franse woordjes',
          categorie: 'vak',
          vak: 'frans',
          ...fields,
        }),
      );
    // An impossible date: the same card again, what was typed kept, the error on the date.
    const answer = (await (await submitGoal({ tot: 'morgen-ish' })).json()) as { type: string; value: Card };
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const body = answer.value.body as {
      type: string;
      id?: string;
      value?: string;
      text?: string;
      color?: string;
    }[];
    expect(body.find((e) => e.id === 'titel')?.value).toBe('Elke week Franse woordjes');
    // The date picker cannot hold what is not a date; the error right below it says what is expected.
    const dateAt = body.findIndex((e) => e.id === 'tot');
    expect(body[dateAt + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
    expect(body[dateAt + 1]?.text).toMatch(/datum/);
    expect(await goals()).toEqual([{ n: 0 }]);

    // A submitted field cannot change who the form is about.
    const done = await submitGoal({ tot: '2026-12-18', naam: 'daan.visser@leerling.koersmeer.example' });
    const result = (await done.json()) as { type: string; value: Card };
    expect(result.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(result.value)).toContain('toegevoegd voor Sarina El Amrani');
    expect(
      await rows(store, "select target_date, subject from goals where title = 'Elke week Franse woordjes'"),
    ).toEqual([{ target_date: '2026-12-18', subject: 'frans' }]);
  });

  it('a student cannot open the form for another student', async () => {
    const response = await post(
      invoke('29:sarina', 'koers.form.open', {
        formId: 'doelen.nieuw',
        payload: { naam: 'daan.visser@leerling.koersmeer.example' },
      }),
    );
    const answer = (await response.json()) as { value: string };
    expect(answer.value).toContain('geen toegang');
    expect(connector.posted()).toEqual([]);
  });

  it('a form opened from a channel goes to the personal chat, or the channel is told to ask there', async () => {
    const open = () =>
      post({
        ...invoke('29:jansen', 'koers.form.open', {
          formId: 'doelen.nieuw',
          payload: { naam: SARINA_EMAIL },
        }),
        conversation: { conversationType: 'channel', tenantId: TENANT, id: CHANNEL },
      });
    expect(((await (await open()).json()) as { value: string }).value).toBe(
      translator('nl')('teams.askPersonally'),
    );
    expect(connector.posted()).toEqual([]);
    await post(installation('29:jansen', 'add'));
    connector.calls.length = 0;
    expect(((await (await open()).json()) as { value: string }).value).toBe(
      translator('nl')('teams.answeredPersonally'),
    );
    expect(connector.posted().map((call) => call.conversationId)).toEqual([personalChat('29:jansen')]);
  });

  it('answers a button Koers does not know, and any other invoke, with 200 and does nothing', async () => {
    const unknown = await post(invoke('29:jansen', 'koers.old-button', { id: '1' }));
    expect(unknown.status).toBe(200);
    expect(((await unknown.json()) as { value: string }).value).toBe(translator('nl')('teams.unknownAction'));
    const other = await post(
      activity('29:jansen', { type: 'invoke', name: 'composeExtension/query', value: {} }),
    );
    expect(other.status).toBe(200);
    expect(connector.posted()).toEqual([]);
  });

  it('a run button answers as the person who pressed it, in a new message', async () => {
    await post(message('29:jansen', 'leerling visser'));
    const choice = executes(cardsOf(connector.posted()[0]?.body ?? {})).find((b) => b.verb === 'koers.run');
    expect(choice?.data.text).toMatch(/^leerling id:\d+$/);
    connector.calls.length = 0;
    const response = await post(invoke('29:jansen', 'koers.run', choice?.data ?? {}));
    expect(((await response.json()) as { value: string }).value).toBe(translator('nl')('teams.answered'));
    expect(textOf(cardsOf(connector.posted()[0]?.body ?? {}))).toMatch(/Visser/);
  });
});

describe('messages Koers starts itself', () => {
  const say = (text: string): Reply => ({
    outcome: 'ok',
    visibility: 'ephemeral',
    locale: 'nl',
    blocks: [{ type: 'text', tone: 'normal', text }],
  });

  /** A second adapter on the same database, as the outbox holds one: `send` is what it calls. */
  async function withSender(work: (teams: ReturnType<typeof createTeamsAdapter>) => Promise<void>) {
    await work(createTeamsAdapter({ store, commands: await loadCommands(), teams: undefined }));
  }

  it('sends a Reply to a personal chat Koers was installed in, and says when there is none', async () => {
    await post(installation('29:jansen', 'add'));
    connector.calls.length = 0;
    await withSender(async (teams) => {
      expect(await teams.send(TENANT, 'aad-jansen', say('Tijd voor je weekreflectie.'))).toBe(true);
      expect(await teams.send(TENANT, 'aad-nobody', say('x'))).toBe(false);
      expect(await teams.send('another-tenant', 'aad-jansen', say('x'))).toBe(false);
    });
    const [sent] = connector.posted();
    expect(connector.posted()).toHaveLength(1);
    expect(sent?.conversationId).toBe(personalChat('29:jansen'));
    expect(textOf(cardsOf(sent?.body ?? {}))).toBe('Tijd voor je weekreflectie.');
  });

  it('forgets a chat Teams says Koers is no longer in, so nothing retries it', async () => {
    await post(installation('29:jansen', 'add'));
    connector.removeBotFrom(personalChat('29:jansen'));
    await withSender(async (teams) => {
      expect(await teams.send(TENANT, 'aad-jansen', say('x'))).toBe(false);
    });
    expect(await rows(store, 'select * from teams_conversations')).toEqual([]);
  });
});

describe('bad input', () => {
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address;

  it.skipIf(!outside)('without TEAMS_APP_ID, cannot be reached from another machine at all', async () => {
    // Local mode listens on 127.0.0.1 only: another interface's address is refused by the system,
    // before Koers reads a byte (the 403 for loopback through a proxy is the next test).
    await expect(
      fetch(`http://${outside}:${running.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message('29:jansen', 'leerling sarina')),
      }),
    ).rejects.toThrow();
    expect(connector.calls).toEqual([]);
  });

  it('without TEAMS_APP_ID, refuses a request that came through a proxy, or wants answers elsewhere', async () => {
    const forwarded = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify(message('29:jansen', 'leerling sarina')),
    });
    expect(forwarded.status).toBe(403);
    const elsewhere = await post({
      ...message('29:jansen', 'leerling sarina'),
      serviceUrl: 'https://attacker.example/',
    });
    expect(elsewhere.status).toBe(403);
    expect(connector.calls).toEqual([]);
    expect(await rows(store, "select * from platform_identities where platform = 'teams'")).toEqual([]);
  });

  it('ignores activities from other channels than Teams (Web Chat, Direct Line) with 200', async () => {
    const response = await post({ ...message('29:jansen', 'leerling sarina'), channelId: 'webchat' });
    expect(response.status).toBe(200);
    expect(connector.calls).toEqual([]);
  });

  it('ignores activity types Koers does not handle with 200', async () => {
    for (const type of ['typing', 'messageReaction', 'event', 'endOfConversation']) {
      const response = await post(activity('29:jansen', { type }));
      expect(response.status).toBe(200);
    }
    expect(connector.calls).toEqual([]);
  });

  it('refuses a body that is not JSON, or not an activity, with 400', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ text: 'leerling sarina' })).status).toBe(400);
    expect(connector.calls).toEqual([]);
  });
});

describe('the weekly reflection in Teams', () => {
  it('the prompt reaches the personal chat as a card; its button opens the form; the reflection is stored', async () => {
    await post(installation('29:sarina', 'add'));
    await post(message('29:sarina', 'help'));
    {
      const teams = createTeamsAdapter({ store, commands: await loadCommands(), teams: undefined });
      const now = DateTime.fromISO('2026-11-27T13:00:00+01:00');
      const planned = await weeklyPrompts.run({ store, now, platforms: ['teams'], senders: [] });
      // Only Sarina has a Teams account; the others are counted, not prompted.
      expect(planned).toMatchObject({ queued: 1, notLinked: 74 });
      connector.calls.length = 0;
      const offset = now.toMillis() - Date.now();
      const counts = await drainOutbox(store, [teamsSender(teams)], {
        compose: (m) => outboxReply(store, m, new Date(Date.now() + offset)),
        clock: () => Date.now() + offset,
      });
      expect(counts).toMatchObject({ sent: 1, dead: 0 });
    }
    const [prompt] = connector.posted();
    expect(prompt?.conversationId).toBe(personalChat('29:sarina'));
    expect(textOf(cardsOf(prompt?.body ?? {}))).toContain('Weekreflectie week 48');
    const opener = executes(cardsOf(prompt?.body ?? {}))[0];
    expect(opener).toMatchObject({
      verb: 'koers.form.open',
      data: { formId: 'reflectie.invullen', payload: { week: '2026-W48' } },
    });

    // Pressed today: a button for this week (as `reflectie` gives) opens the form as a card.
    connector.calls.length = 0;
    await post(invoke('29:sarina', 'koers.form.open', { formId: 'reflectie.invullen', payload: {} }));
    const [formCard] = cardsOf(connector.posted()[0]?.body ?? {});
    const submit = executes(formCard).find((b) => b.verb === 'koers.form.submit');
    const answer = await post(
      invoke('29:sarina', 'koers.form.submit', {
        ...submit?.data,
        welbevinden: '4',
        motivatie: '2',
        grip: '3',
        uitdaging: 'te-moeilijk',
        praten: '',
      }),
    );
    const result = (await answer.json()) as { value: Card };
    expect(textOf(result.value)).toContain('Dank je wel');
    expect(
      (
        await rows(
          store,
          "select welbevinden, uitdaging, wants_talk from reflections where channel = 'teams'",
        )
      ).map((row) => ({ ...row, wants_talk: rawBoolean(row.wants_talk) })),
    ).toEqual([{ welbevinden: 4, uitdaging: 'te-moeilijk', wants_talk: false }]);
  });
});

describe('messages to a mentor in Teams', () => {
  /** One drain of the outbox into Teams at `now` (the demo's morning, or the real clock). */
  async function drainAt(now: DateTime, work?: (store: Store) => unknown) {
    await work?.(store);
    const teams = createTeamsAdapter({ store, commands: await loadCommands(), teams: undefined });
    const offset = now.toMillis() - Date.now();
    return await drainOutbox(store, [teamsSender(teams)], {
      compose: (m) => outboxReply(store, m, new Date(Date.now() + offset)),
      clock: () => Date.now() + offset,
    });
  }
  const toJansen = () =>
    connector.posted().filter((call) => call.conversationId === personalChat('29:jansen'));

  it('the daily digest of new signals reaches her personal chat once', async () => {
    await post(installation('29:jansen', 'add'));
    await post(message('29:jansen', 'help'));
    connector.calls.length = 0;
    const morning = DateTime.fromISO('2026-11-23T07:00:00+01:00');
    let counts: Record<string, number> = {};
    const sweep = (now: DateTime) => async (store: Store) => {
      counts = await signalsJob.run({ store, now, platforms: ['teams'], senders: [] });
    };
    await drainAt(morning.plus({ minutes: 1 }), sweep(morning));
    // Only Jansen has a Teams chat; Yilmaz's digest is counted, not queued.
    expect(counts).toMatchObject({ digests: 1, digestsNotLinked: 1 });
    // Later that morning: nothing new, and the one digest is not sent again.
    expect(await drainAt(morning.plus({ hours: 2 }), sweep(morning.plus({ hours: 2 })))).toMatchObject({
      sent: 0,
    });
    expect(counts).toMatchObject({ digests: 0 });

    expect(toJansen()).toHaveLength(1);
    const card = cardsOf(toJansen()[0]?.body ?? {});
    expect(textOf(card)).toContain('Nieuwe aandachtspunten');
    expect(textOf(card)).toContain('Daan Visser (3H)');
    expect(textOf(card)).toContain('reflecties gemist');
    expect(executes(card).map((button) => button.data)).toEqual([
      expect.objectContaining({ text: 'signalen' }),
    ]);
    const written = await rows<{ text: string }>(
      store,
      'select went_well as text from reflections where went_well is not null union select next_step from reflections where next_step is not null',
    );
    for (const { text } of written) expect(textOf(card)).not.toContain(text);
    expect(connector.posted()).toHaveLength(1);
  });

  it('a talk request reaches her at once, without what the student wrote', async () => {
    await post(installation('29:jansen', 'add'));
    await post(message('29:jansen', 'help'));
    await post(installation('29:sarina', 'add'));
    await post(message('29:sarina', 'help'));
    connector.calls.length = 0;
    await post(invoke('29:sarina', 'koers.form.open', { formId: 'reflectie.invullen', payload: {} }));
    const [formCard] = cardsOf(connector.posted()[0]?.body ?? {});
    const submit = executes(formCard).find((b) => b.verb === 'koers.form.submit');
    await post(
      invoke('29:sarina', 'koers.form.submit', {
        ...submit?.data,
        welbevinden: '3',
        motivatie: '3',
        grip: '3',
        uitdaging: 'precies-goed',
        goed: 'Mijn werkstuk over de Gouden Eeuw',
        praten: 'true',
      }),
    );
    expect(
      (await rows(store, "select wants_talk from reflections where channel = 'teams'")).map((row) => ({
        wants_talk: rawBoolean(row.wants_talk),
      })),
    ).toEqual([{ wants_talk: true }]);
    connector.calls.length = 0;
    // No sweep, no digest: the drain right after the reflection delivers it.
    expect(await drainAt(DateTime.now())).toMatchObject({ sent: 1, dead: 0 });
    expect(toJansen()).toHaveLength(1);
    const text = textOf(cardsOf(toJansen()[0]?.body ?? {}));
    expect(text).toContain('Sarina El Amrani wil graag met je praten');
    expect(text).not.toContain('Gouden Eeuw');
  });
});
