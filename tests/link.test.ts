/**
 * Linking platform accounts (docs/linking.md): `koers link` by an administrator, and what an
 * account whose email changed does to its link, in Slack and in Teams against their fakes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { start } from '../src/app/start.ts';
import { translate } from '../src/i18n/translate.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { linkPlatformUser, RECHECK_EVERY_MS, recheckSchedule } from '../src/store/platform-identities.ts';
import { rawBoolean, rawJson } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { koers } from './support/cli.ts';
import { databaseOf, freshDemoEnvAndStore } from './support/demo.ts';
import { type FakeTeamsMember, fakeBotConnector } from './support/fake-bot-connector.ts';
import { type FakeSlackUser, fakeSlack, postToSlackEndpoint } from './support/fake-slack.ts';
import { startKoers } from './support/running.ts';
import { slashCommand } from './support/slack-requests.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const PIETER = 'p.devries@koersmeer.example';
const JANSEN = 'm.jansen@koersmeer.example';
const BOS = 'z.bos@koersmeer.example';
const SARINA = 'sarina.elamrani@leerling.koersmeer.example';
const TEAM = 'T0KOERS';
const TENANT = '6f1c1b9e-2c55-4a8e-9d43-0a1b2c3d4e5f';
const PIETER_OBJECT = '0b6f3a52-8d1e-4c7a-9f20-5e4d3c2b1a09';
const JANSEN_OBJECT = '1c7e4b63-9e2f-4d8b-a031-6f5e4d3c2b1a';
const nl = (key: string, params?: Record<string, string | number>) => translate('nl', key, params);

type Identity = {
  platform: string;
  workspace_id: string;
  user_id: string;
  person_kind: string;
  staff_id: number | null;
  student_id: number | null;
  platform_email: string | null;
  linked_by_admin: unknown;
};
const identities = async (store: Store) =>
  (
    await rows<Identity>(
      store,
      `select platform, workspace_id, user_id, person_kind, staff_id, student_id, platform_email,
            linked_by_admin from platform_identities where platform <> 'local' order by id`,
    )
  ).map((row) => ({ ...row, linked_by_admin: rawBoolean(row.linked_by_admin) }));
const linkAudit = async (store: Store) =>
  (
    await rows<{ actor_kind: string; action: string; subject: string; channel: string; detail: unknown }>(
      store,
      "select actor_kind, action, subject, channel, detail from audit_log where subject in ('koers link', 'link') order by id",
    )
  ).map((row) => ({ ...row, detail: rawJson<Record<string, unknown>>(row.detail) }));
const staffId = async (store: Store, email: string) =>
  (await rows<{ id: number }>(store, 'select id from staff where email = ?', [email]))[0]?.id;

/** `koers link` on the school of `freshDemoEnv()` (KOERS_DB or DATABASE_URL), with more of the environment. */
const link = (school: Record<string, string>, args: string[], env: Record<string, string> = {}) =>
  koers(['link', ...args], { ...school, ...env });

describe('koers link', () => {
  it('links a staff member to a Slack account, marked as the administrator’s, and audits it', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const result = await link(env, [PIETER, '--slack', 'U0PIETER', '--workspace', TEAM]);
    expect(result).toEqual({
      code: 0,
      out: nl('link.linked', {
        name: 'Pieter de Vries',
        email: PIETER,
        platform: 'Slack',
        user: 'U0PIETER',
        workspace: TEAM,
      }),
      err: '',
    });
    expect(await identities(store)).toEqual([
      {
        platform: 'slack',
        workspace_id: TEAM,
        user_id: 'U0PIETER',
        person_kind: 'staff',
        staff_id: await staffId(store, PIETER),
        student_id: null,
        platform_email: null,
        linked_by_admin: true,
      },
    ]);
    expect(await linkAudit(store)).toEqual([
      {
        actor_kind: 'system',
        action: 'create',
        subject: 'koers link',
        channel: 'cli',
        detail: {
          platform: 'slack',
          workspace: TEAM,
          user: 'U0PIETER',
          osUser: expect.any(String),
          linkedByAdmin: true,
          staffId: await staffId(store, PIETER),
        },
      },
    ]);
    // The same again changes nothing and writes nothing.
    const again = await link(env, [PIETER, '--slack', 'U0PIETER', '--workspace', TEAM]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Er is niets veranderd.');
    expect(await linkAudit(store)).toHaveLength(1);
  });

  it('takes the one Slack workspace Koers knows, and asks for --workspace when it knows none or several', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const none = await link(env, [PIETER, '--slack', 'U0PIETER']);
    expect(none).toEqual({ code: 1, out: '', err: nl('link.noWorkspace') });
    await linkByEmail(store, TEAM, 'U0JANSEN', JANSEN);
    expect((await link(env, [PIETER, '--slack', 'U0PIETER'])).code).toBe(0);
    expect((await identities(store)).map((row) => row.workspace_id)).toEqual([TEAM, TEAM]);
    await linkByEmail(store, 'T0OTHER', 'U0BOS', BOS);
    const several = await link(env, [PIETER, '--slack', 'U0PIETER2']);
    expect(several).toEqual({
      code: 1,
      out: '',
      err: nl('link.severalWorkspaces', { workspaces: `${TEAM}, T0OTHER` }),
    });
    expect(await identities(store)).toHaveLength(3);
  });

  it('replaces the link of an account to someone else, and audits both', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    await linkByEmail(store, TEAM, 'U0SHARED', JANSEN);
    const result = await link(env, [PIETER, '--slack', 'U0SHARED']);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toEqual([
      nl('link.linked', {
        name: 'Pieter de Vries',
        email: PIETER,
        platform: 'Slack',
        user: 'U0SHARED',
        workspace: TEAM,
      }),
      nl('link.replaced', { previous: `Mirjam Jansen (${JANSEN})` }),
    ]);
    expect(await identities(store)).toMatchObject([
      {
        user_id: 'U0SHARED',
        staff_id: await staffId(store, PIETER),
        platform_email: null,
        linked_by_admin: true,
      },
    ]);
    expect((await linkAudit(store)).map((row) => [row.action, row.detail.staffId])).toEqual([
      ['delete', await staffId(store, JANSEN)],
      ['create', await staffId(store, PIETER)],
    ]);
  });

  it('makes an account linked by email the administrator’s, and mentions the person’s other accounts', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    await linkByEmail(store, TEAM, 'U0PIETER', PIETER);
    await linkByEmail(store, TEAM, 'U0PIETEROLD', PIETER);
    const result = await link(env, [PIETER, '--slack', 'U0PIETER']);
    expect(result.out.split('\n')).toEqual([
      nl('link.linked', {
        name: 'Pieter de Vries',
        email: PIETER,
        platform: 'Slack',
        user: 'U0PIETER',
        workspace: TEAM,
      }),
      nl('link.otherAccounts', {
        name: 'Pieter de Vries',
        platform: 'Slack',
        count: 1,
        accounts: 'U0PIETEROLD',
      }),
    ]);
    expect((await identities(store))[0]).toMatchObject({
      user_id: 'U0PIETER',
      linked_by_admin: true,
      platform_email: PIETER,
    });
    expect((await linkAudit(store)).map((row) => row.action)).toEqual(['update']);
  });

  it('links a Teams account in the tenant of TEAMS_TENANT_ID or --tenant, object ids in lower case', async () => {
    const { env: school, store } = await freshDemoEnvAndStore();
    const env = {
      TEAMS_APP_ID: '3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      TEAMS_APP_PASSWORD: 'secret-secret',
      TEAMS_TENANT_ID: TENANT,
    };
    const configured = await link(school, [PIETER, '--teams', PIETER_OBJECT.toUpperCase()], env);
    expect(configured.code).toBe(0);
    expect(configured.out).toBe(
      nl('link.linked', {
        name: 'Pieter de Vries',
        email: PIETER,
        platform: 'Teams',
        user: PIETER_OBJECT,
        workspace: TENANT,
      }),
    );
    expect((await link(school, [BOS, '--teams', JANSEN_OBJECT, '--tenant', TENANT])).code).toBe(0);
    expect(await identities(store)).toMatchObject([
      { platform: 'teams', workspace_id: TENANT, user_id: PIETER_OBJECT, linked_by_admin: true },
      {
        platform: 'teams',
        workspace_id: TENANT,
        user_id: JANSEN_OBJECT,
        staff_id: await staffId(store, BOS),
      },
    ]);
    expect(await link(school, [PIETER, '--teams', JANSEN_OBJECT])).toEqual({
      code: 1,
      out: '',
      err: nl('link.noTenant'),
    });
  });

  describe('refuses, and writes nothing,', () => {
    async function refused(
      args: string[],
      code: number,
      err: string | RegExp,
      env: Record<string, string> = {},
    ) {
      const { env: school, store } = await freshDemoEnvAndStore();
      const result = await link(school, args, env);
      expect(result.code).toBe(code);
      expect(result.out).toBe('');
      if (typeof err === 'string') expect(result.err).toBe(err);
      else expect(result.err).toMatch(err);
      expect(await identities(store)).toEqual([]);
      expect(await linkAudit(store)).toEqual([]);
    }
    const hint = `\n${nl('cli.usageHint', { command: 'koers link' })}`;

    it('an email Koers does not know', () =>
      refused(
        ['nobody@koersmeer.example', '--slack', 'U0X', '--workspace', TEAM],
        1,
        nl('link.unknownPerson', { email: 'nobody@koersmeer.example' }),
      ));

    it('a student: students are linked by the address their platform gives', () =>
      refused(
        [SARINA, '--slack', 'U0SARINA', '--workspace', TEAM],
        1,
        nl('link.isStudent', { email: SARINA }),
      ));

    it.each([
      ['u0pieter', 'a Slack id in lower case'],
      ['T0KOERS', 'a team id for a user id'],
      ['U0 PIETER', 'a space'],
      ['@pieter', 'a handle'],
    ])('a malformed Slack id %s (%s)', (id) =>
      refused(
        [PIETER, '--slack', id, '--workspace', TEAM],
        2,
        nl('cli.link.badSlackUser', { value: id }) + hint,
      ),
    );

    it('a malformed Slack workspace', () =>
      refused(
        [PIETER, '--slack', 'U0PIETER', '--workspace', 'koersmeer'],
        2,
        nl('cli.link.badSlackTeam', { value: 'koersmeer' }) + hint,
      ));

    it.each(['aad-jansen', '0b6f3a52-8d1e-4c7a-9f20', `${PIETER_OBJECT}0`])('a malformed Teams id %s', (id) =>
      refused([PIETER, '--teams', id, '--tenant', TENANT], 2, nl('cli.link.badGuid', { value: id }) + hint),
    );

    it('a malformed tenant', () =>
      refused(
        [PIETER, '--teams', PIETER_OBJECT, '--tenant', 'koersmeer'],
        2,
        nl('cli.link.badGuid', { value: 'koersmeer' }) + hint,
      ));

    it('both --slack and --teams', () =>
      refused(
        [PIETER, '--slack', 'U0PIETER', '--teams', PIETER_OBJECT, '--tenant', TENANT],
        2,
        nl('cli.link.oneOf') + hint,
      ));

    it('neither --slack nor --teams', () => refused([PIETER], 2, nl('cli.link.oneOf') + hint));

    it('--tenant with --slack, or --workspace with --teams', async () => {
      await refused([PIETER, '--slack', 'U0PIETER', '--tenant', TENANT], 2, nl('cli.link.wrongPlace') + hint);
      await refused(
        [PIETER, '--teams', PIETER_OBJECT, '--workspace', TEAM],
        2,
        nl('cli.link.wrongPlace') + hint,
      );
    });

    it('no email at all', () => refused(['--slack', 'U0PIETER'], 2, /.+/));

    it('in English too', () =>
      refused(
        ['nobody@koersmeer.example', '--slack', 'U0X', '--workspace', TEAM],
        1,
        translate('en', 'link.unknownPerson', { email: 'nobody@koersmeer.example' }),
        { KOERS_LOCALE: 'en' },
      ));
  });

  it('leaves nothing half-written when the audit entry cannot be written', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    await linkByEmail(store, TEAM, 'U0SHARED', JANSEN);
    // The database refuses the audit entry, as a full disk would.
    if (store.dialect === 'sqlite') {
      await arrangeIn(
        store,
        "create trigger no_audit before insert on audit_log begin select raise(abort, 'disk full'); end",
      );
    } else {
      await arrangeIn(
        store,
        "create function no_audit() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$",
      );
      await arrangeIn(
        store,
        'create trigger no_audit before insert on audit_log for each row execute function no_audit()',
      );
    }
    const result = await link(env, [PIETER, '--slack', 'U0SHARED']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/\b[0-9a-f]{8}\b/);
    expect(await identities(store)).toMatchObject([
      { user_id: 'U0SHARED', staff_id: await staffId(store, JANSEN), linked_by_admin: false },
    ]);
  });
});

async function linkByEmail(store: Store, workspaceId: string, userId: string, email: string) {
  const person = await findPersonByEmail(store, email);
  if (!person) throw new Error(email);
  await linkPlatformUser(store, {
    platform: 'slack',
    workspaceId,
    userId,
    person,
    at: new Date().toISOString(),
    email,
  });
}

describe('the re-check schedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks an account on its first use, then not again for an hour; a failed check a minute later', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T09:00:00Z'));
    let fail = false;
    const checked: string[] = [];
    const schedule = recheckSchedule(async (who: string) => {
      checked.push(who);
      if (fail) throw new Error('ratelimited');
      return { kind: 'unchanged' as const };
    });
    const use = (who: string) => schedule.due(who, {}, who);
    expect(await use('a')).toEqual({ kind: 'unchanged' });
    expect(await use('a')).toBeUndefined();
    schedule.done('b');
    expect(await use('b')).toBeUndefined();
    vi.setSystemTime(Date.now() + RECHECK_EVERY_MS - 1000);
    await use('a');
    vi.setSystemTime(Date.now() + 1000);
    fail = true;
    expect(await use('a')).toBeUndefined();
    expect(await use('a')).toBeUndefined();
    vi.setSystemTime(Date.now() + 60_000);
    fail = false;
    expect(await use('a')).toEqual({ kind: 'unchanged' });
    expect(checked).toEqual(['a', 'a', 'a']);
  });

  it('lets the request go on when a check is slow, and applies the check when it answers', async () => {
    let answer: (value: { kind: 'unlinked' }) => void = () => {};
    const slow = new Promise<{ kind: 'unlinked' }>((resolve) => {
      answer = resolve;
    });
    const schedule = recheckSchedule(() => slow);
    const started = Date.now();
    expect(await schedule.due('a', {})).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3000);
    answer({ kind: 'unlinked' });
    await expect(slow).resolves.toEqual({ kind: 'unlinked' });
  });
});

// ── Slack ────────────────────────────────────────────────────────────────────────────────────────

const SECRET = 'test-signing-secret-0123456789abcdef';

async function slackSchool(
  users: Record<string, FakeSlackUser>,
  options: Parameters<typeof fakeSlack>[1] = {},
) {
  const slack = await fakeSlack(users, options);
  const { env, store } = await freshDemoEnvAndStore();
  let running: Awaited<ReturnType<typeof start>> | undefined;
  let answers = 0;
  const school = {
    slack,
    env,
    store,
    async start() {
      running = await startKoers(databaseOf(env), {
        slack: { botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: slack.apiUrl },
        teams: undefined,
      });
    },
    /** A new Koers process on the same database: every account is checked again on its first use. */
    async restart() {
      await running?.stop();
      await school.start();
    },
    /** `/koers <text>` as the user; what Koers answered, as JSON text to search. */
    async ask(user: string, text: string): Promise<string> {
      const body = slashCommand({ user, team: TEAM, responseUrl: slack.responseUrl(`r${answers}`) }, text);
      const response = await postToSlackEndpoint(`http://127.0.0.1:${running?.port}/slack/events`, body, {
        secret: SECRET,
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(response.status).toBe(200);
      answers += 1;
      const responses = await slack.waitFor('respond', answers);
      return JSON.stringify(responses.at(-1)?.body);
    },
    async close() {
      await running?.stop();
      await slack.close();
    },
  };
  await school.start();
  return school;
}

describe('in Slack', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('an administrator’s link is used, and stays when the account’s email changes, audited', async () => {
    const users: Record<string, FakeSlackUser> = { U0PIETER: { email: 'pieter@prive.example' } };
    const school = await slackSchool(users);
    close = school.close;
    expect(await school.ask('U0PIETER', 'leerling sarina')).toContain(nl('slack.unlinked'));
    expect((await link(school.env, [PIETER, '--slack', 'U0PIETER', '--workspace', TEAM])).code).toBe(0);
    // Pieter teaches French to 3H: he may see Sarina.
    expect(await school.ask('U0PIETER', 'leerling sarina')).toContain('Sarina El Amrani');
    // The address the account had when first used after linking is kept, not judged.
    expect(await identities(school.store)).toMatchObject([
      { platform_email: 'pieter@prive.example', linked_by_admin: true },
    ]);
    const audited = (await linkAudit(school.store)).length;

    users.U0PIETER = { email: 'pieter.devries@prive.example' };
    await school.restart();
    expect(await school.ask('U0PIETER', 'leerling sarina')).toContain('Sarina El Amrani');
    expect(await identities(school.store)).toMatchObject([
      {
        staff_id: await staffId(school.store, PIETER),
        platform_email: 'pieter.devries@prive.example',
        linked_by_admin: true,
      },
    ]);
    expect((await linkAudit(school.store)).slice(audited)).toEqual([
      {
        actor_kind: 'system',
        action: 'update',
        subject: 'link',
        channel: 'slack',
        detail: {
          platform: 'slack',
          workspace: TEAM,
          user: 'U0PIETER',
          from: 'pieter@prive.example',
          to: 'pieter.devries@prive.example',
          linkedByAdmin: true,
          kept: true,
          staffId: await staffId(school.store, PIETER),
        },
      },
    ]);
  });

  it('a link by email follows a changed email to another person, and is removed when it names nobody', async () => {
    const users: Record<string, FakeSlackUser> = { U0JANSEN: { email: JANSEN } };
    const school = await slackSchool(users);
    close = school.close;
    expect(await school.ask('U0JANSEN', 'leerling sarina')).toContain('Sarina El Amrani');
    expect(await identities(school.store)).toMatchObject([
      { platform_email: JANSEN, linked_by_admin: false },
    ]);

    // The workspace gave the account to the care coordinator.
    users.U0JANSEN = { email: BOS };
    await school.restart();
    await school.ask('U0JANSEN', 'help');
    expect(await identities(school.store)).toMatchObject([
      {
        user_id: 'U0JANSEN',
        staff_id: await staffId(school.store, BOS),
        platform_email: BOS,
        linked_by_admin: false,
      },
    ]);
    expect(
      (await linkAudit(school.store)).map((row) => [
        row.action,
        row.subject,
        row.channel,
        row.detail.staffId,
      ]),
    ).toEqual([
      ['delete', 'link', 'slack', await staffId(school.store, JANSEN)],
      ['create', 'link', 'slack', await staffId(school.store, BOS)],
    ]);
    // What the account gets now is Zoë Bos's: Sarina, with no arrangement or signal, is not in her care.
    expect(await school.ask('U0JANSEN', 'leerling sarina')).toContain(nl('access.denied'));

    // And then to an address nobody in Koers has.
    users.U0JANSEN = { email: 'gone@elsewhere.example' };
    await school.restart();
    const told = await school.ask('U0JANSEN', 'leerling sarina');
    expect(told).toContain(nl('link.unlinked.slack'));
    expect(told).not.toContain('Sarina El Amrani');
    expect(await identities(school.store)).toEqual([]);
    expect((await linkAudit(school.store)).at(-1)).toMatchObject({
      action: 'delete',
      subject: 'link',
      detail: { from: BOS, to: 'gone@elsewhere.example', staffId: await staffId(school.store, BOS) },
    });
    // Told once; after that the account is simply unknown.
    expect(await school.ask('U0JANSEN', 'help')).toContain(nl('slack.unlinked'));
  });

  it('an email that changed to an unconfirmed one vouches for nobody', async () => {
    const users: Record<string, FakeSlackUser> = { U0JANSEN: { email: JANSEN } };
    const school = await slackSchool(users);
    close = school.close;
    await school.ask('U0JANSEN', 'help');
    users.U0JANSEN = { email: BOS, confirmed: false };
    await school.restart();
    expect(await school.ask('U0JANSEN', 'help')).toContain(nl('link.unlinked.slack'));
    expect(await identities(school.store)).toEqual([]);
  });

  it('a link stays as it is while Slack cannot be asked', async () => {
    const school = await slackSchool({}, { failUsersInfo: 'fatal_error' });
    close = school.close;
    expect((await link(school.env, [PIETER, '--slack', 'U0PIETER', '--workspace', TEAM])).code).toBe(0);
    expect(await school.ask('U0PIETER', 'leerling sarina')).toContain('Sarina El Amrani');
    expect(await identities(school.store)).toMatchObject([{ platform_email: null, linked_by_admin: true }]);
  });
});

// ── Teams ────────────────────────────────────────────────────────────────────────────────────────

async function teamsSchool(members: Record<string, FakeTeamsMember>) {
  const connector = await fakeBotConnector(members);
  const { env, store } = await freshDemoEnvAndStore();
  let running: Awaited<ReturnType<typeof start>> | undefined;
  let ids = 0;
  const school = {
    env,
    store,
    async start() {
      running = await startKoers(databaseOf(env), { slack: undefined, teams: undefined });
    },
    async restart() {
      await running?.stop();
      await school.start();
    },
    /** A message to Koers in the user's personal chat; what Koers posted, as JSON text to search. */
    async ask(user: string, text: string): Promise<string> {
      const before = connector.posted().length;
      const member = members[user];
      const response = await fetch(`http://127.0.0.1:${running?.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: `activity-${++ids}`,
          type: 'message',
          text,
          textFormat: 'plain',
          timestamp: new Date().toISOString(),
          serviceUrl: connector.serviceUrl,
          channelId: 'msteams',
          from: { id: user, name: user, aadObjectId: member?.aadObjectId },
          conversation: { conversationType: 'personal', tenantId: TENANT, id: `a:personal-${user}` },
          recipient: { id: '28:koers-bot', name: 'Koers' },
          locale: 'nl-NL',
          channelData: { tenant: { id: TENANT } },
        }),
      });
      expect(response.status).toBe(200);
      return JSON.stringify(connector.posted().slice(before)).replaceAll('\\\\', '');
    },
    async close() {
      await running?.stop();
      await connector.close();
    },
  };
  await school.start();
  return school;
}

describe('in Teams', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('an administrator’s link is used, and stays when the account’s address changes, audited', async () => {
    const members: Record<string, FakeTeamsMember> = {
      '29:pieter': { aadObjectId: PIETER_OBJECT, email: 'pieter@prive.example', tenantId: TENANT },
    };
    const school = await teamsSchool(members);
    close = school.close;
    expect(await school.ask('29:pieter', 'leerling sarina')).toContain(nl('teams.unlinked'));
    expect(await identities(school.store)).toEqual([]);
    expect((await link(school.env, [PIETER, '--teams', PIETER_OBJECT, '--tenant', TENANT])).code).toBe(0);
    expect(await school.ask('29:pieter', 'leerling sarina')).toContain('Sarina El Amrani');
    expect(await identities(school.store)).toMatchObject([
      { platform_email: 'pieter@prive.example', linked_by_admin: true },
    ]);

    members['29:pieter'] = {
      aadObjectId: PIETER_OBJECT,
      email: 'pieter.devries@prive.example',
      tenantId: TENANT,
    };
    await school.restart();
    expect(await school.ask('29:pieter', 'leerling sarina')).toContain('Sarina El Amrani');
    expect(await identities(school.store)).toMatchObject([
      {
        staff_id: await staffId(school.store, PIETER),
        platform_email: 'pieter.devries@prive.example',
        linked_by_admin: true,
      },
    ]);
    expect((await linkAudit(school.store)).at(-1)).toEqual({
      actor_kind: 'system',
      action: 'update',
      subject: 'link',
      channel: 'teams',
      detail: {
        platform: 'teams',
        workspace: TENANT,
        user: PIETER_OBJECT,
        from: 'pieter@prive.example',
        to: 'pieter.devries@prive.example',
        linkedByAdmin: true,
        kept: true,
        staffId: await staffId(school.store, PIETER),
      },
    });
  });

  it('a link by address follows a changed address to another person, and is removed when it names nobody', async () => {
    const members: Record<string, FakeTeamsMember> = {
      '29:jansen': { aadObjectId: JANSEN_OBJECT, email: JANSEN, tenantId: TENANT },
    };
    const school = await teamsSchool(members);
    close = school.close;
    expect(await school.ask('29:jansen', 'leerling sarina')).toContain('Sarina El Amrani');
    expect(await identities(school.store)).toMatchObject([
      { platform_email: JANSEN, linked_by_admin: false },
    ]);

    // A new mail address, but the user principal name still the roster's: the same person.
    members['29:jansen'] = {
      aadObjectId: JANSEN_OBJECT,
      email: 'mirjam@prive.example',
      userPrincipalName: JANSEN,
    };
    await school.restart();
    expect(await school.ask('29:jansen', 'leerling sarina')).toContain('Sarina El Amrani');
    expect(await linkAudit(school.store)).toEqual([]);

    members['29:jansen'] = { aadObjectId: JANSEN_OBJECT, email: BOS };
    await school.restart();
    await school.ask('29:jansen', 'help');
    expect(await identities(school.store)).toMatchObject([
      { staff_id: await staffId(school.store, BOS), platform_email: BOS },
    ]);
    expect(
      (await linkAudit(school.store)).map((row) => [row.action, row.channel, row.detail.staffId]),
    ).toEqual([
      ['delete', 'teams', await staffId(school.store, JANSEN)],
      ['create', 'teams', await staffId(school.store, BOS)],
    ]);

    members['29:jansen'] = { aadObjectId: JANSEN_OBJECT, email: 'gone@elsewhere.example' };
    await school.restart();
    const told = await school.ask('29:jansen', 'leerling sarina');
    expect(told).toContain(nl('link.unlinked.teams'));
    expect(told).not.toContain('Sarina El Amrani');
    expect(await identities(school.store)).toEqual([]);
    expect((await linkAudit(school.store)).at(-1)).toMatchObject({ action: 'delete', channel: 'teams' });
  });
});
