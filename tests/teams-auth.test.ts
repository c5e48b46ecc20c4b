/**
 * The Teams endpoint with TEAMS_APP_ID: every activity needs a Bot Framework token that botbuilder
 * validates (signature against the channel's published keys, issuer, audience, service URL,
 * expiry). A local stand-in publishes the OpenID configuration and signing keys, as
 * login.botframework.com does; tests sign tokens with its key, or with another.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCommands } from '../src/engine/registry.ts';
import { createTeamsAdapter } from '../src/platforms/teams/teams-adapter.ts';
import type { Reply } from '../src/reply/reply.ts';
import { createHttpServer, listen } from '../src/server/http-server.ts';
import { isLoopback } from '../src/server/this-machine.ts';
import type { Store } from '../src/store/store.ts';
import { saveTeamsConversation } from '../src/store/teams-conversations.ts';
import { freshDemoStore } from './support/demo.ts';
import { rows } from './support/store-sql.ts';

const APP_ID = '0a4e7c55-1d1b-4e57-9e5e-2f6a6c1f9b01';
const TENANT = '6f1c1b9e-2c55-4a8e-9d43-0a1b2c3d4e5f';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const KID = 'koers-test-key';

const channelKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function token(claims: Record<string, unknown>, key: KeyObject = channelKey.privateKey, kid = KID): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(
    JSON.stringify({
      iss: ISSUER,
      aud: APP_ID,
      serviceurl: SERVICE_URL,
      nbf: now - 60,
      exp: now + 3600,
      ...claims,
    }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** login.botframework.com's two documents: the OpenID configuration and the keys it points at. */
async function fakeOpenId() {
  const jwk = channelKey.publicKey.export({ format: 'jwk' });
  let fetched = 0;
  const server: Server = createServer((request, response) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    response.writeHead(200, { 'content-type': 'application/json' });
    if (request.url === '/v1/.well-known/openidconfiguration') {
      fetched += 1;
      response.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/.well-known/keys` }));
    } else {
      response.end(JSON.stringify({ keys: [{ ...jwk, kid: KID, use: 'sig', endorsements: ['msteams'] }] }));
    }
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    fetched: () => fetched,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let openId: Awaited<ReturnType<typeof fakeOpenId>>;
let store: Store;
let server: Server;
let endpoint: string;
let teams: ReturnType<typeof createTeamsAdapter>;

beforeEach(async () => {
  openId = await fakeOpenId();
  store = await freshDemoStore();
  teams = createTeamsAdapter({
    store,
    commands: await loadCommands(),
    teams: { appId: APP_ID, appPassword: 'not-used-by-these-tests', tenantId: TENANT },
    endpoints: { ToBotFromChannelOpenIdMetadataUrl: openId.url, ToBotFromChannelTokenIssuer: ISSUER },
  });
  server = createHttpServer(teams.routes);
  endpoint = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/api/messages`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // The store is closed after the test by tests/support/setup.ts.
  await openId.close();
});

/** Koers added to a team: an activity that needs no call back to Teams, so only the token decides. */
function addedToTeam(tenant = TENANT) {
  return {
    type: 'conversationUpdate',
    id: 'f:1',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:jansen', aadObjectId: 'aad-jansen' },
    recipient: { id: `28:${APP_ID}`, name: 'Koers' },
    conversation: {
      id: '19:general@thread.tacv2',
      conversationType: 'channel',
      tenantId: tenant,
      isGroup: true,
    },
    membersAdded: [{ id: `28:${APP_ID}` }],
    channelData: {
      tenant: { id: tenant },
      team: { id: '19:team@thread.tacv2' },
      eventType: 'teamMemberAdded',
    },
  };
}

const post = (body: unknown, authorization?: string) =>
  fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });

const stored = () => rows(store, 'select tenant_id, scope from teams_conversations');

describe('authenticated mode (TEAMS_APP_ID set)', () => {
  it('refuses a body over 256 KB with 413 and closes the connection, before checking the token', async () => {
    const huge = { ...addedToTeam(), text: 'x'.repeat(300 * 1024) };
    const response = await post(huge, `Bearer ${token({})}`);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(openId.fetched()).toBe(0);
    expect(await stored()).toEqual([]);
    // The server goes on answering.
    expect((await post(addedToTeam(), `Bearer ${token({})}`)).status).toBe(200);
  });

  it('lets in an activity with a token the channel signed for this bot', async () => {
    const response = await post(addedToTeam(), `Bearer ${token({})}`);
    expect(response.status).toBe(200);
    expect(await stored()).toEqual([{ tenant_id: TENANT, scope: 'team' }]);
    expect(openId.fetched()).toBe(1);
  });

  it.each([
    ['no token', undefined],
    ['a token signed with another key', `Bearer ${token({}, otherKey.privateKey)}`],
    ['a token with an unknown key id', `Bearer ${token({}, channelKey.privateKey, 'another-kid')}`],
    ['a token for another bot', `Bearer ${token({ aud: '11111111-2222-3333-4444-555555555555' })}`],
    ['a token from another issuer', `Bearer ${token({ iss: 'https://sts.example/' })}`],
    ['an expired token', `Bearer ${token({ nbf: 1_600_000_000, exp: 1_600_003_600 })}`],
    ['a token for another service URL', `Bearer ${token({ serviceurl: 'https://evil.example/' })}`],
    ['not a token at all', 'Bearer not.a.token'],
  ])('refuses %s with 401, and nothing happens', async (_what, authorization) => {
    const response = await post(addedToTeam(), authorization);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
    expect(await stored()).toEqual([]);
  });

  it('keeps nothing for another tenant than TEAMS_TENANT_ID', async () => {
    const other = '99999999-2c55-4a8e-9d43-0a1b2c3d4e5f';
    expect((await post(addedToTeam(other), `Bearer ${token({})}`)).status).toBe(200);
    expect(await stored()).toEqual([]);
  });
});

describe('the log of refused tokens', () => {
  it('is one JSON object per line, without stacks, tokens or the app password', async () => {
    const logged: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    const tokens = [
      token({}, otherKey.privateKey),
      token({}, channelKey.privateKey, 'another-kid'),
      token({ aud: '11111111-2222-3333-4444-555555555555' }),
      token({ nbf: 1_600_000_000, exp: 1_600_003_600 }),
      'not.a.token',
    ];
    try {
      for (const bearer of tokens) expect((await post(addedToTeam(), `Bearer ${bearer}`)).status).toBe(401);
    } finally {
      vi.restoreAllMocks();
    }
    const text = logged.join('');
    const lines = text.split('\n').filter((line) => line !== '');
    // botbuilder said something about each one (it is in the log, as JSON), and Koers refused each.
    expect(lines.filter((line) => line.includes('"console"')).length).toBeGreaterThanOrEqual(tokens.length);
    expect(lines.filter((line) => line.includes('teams.refused'))).toHaveLength(tokens.length);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(text).not.toMatch(/\n\s+at |\\n\s+at /);
    for (const bearer of tokens) expect(text).not.toContain(bearer);
    // Nor a signed token's signature alone (what would let a reader replay it).
    for (const bearer of tokens.slice(0, -1)) expect(text).not.toContain(bearer.split('.')[2]);
    expect(text).not.toContain('not-used-by-these-tests');
    for (const line of lines) expect(line.length).toBeLessThan(600);
  });
});

describe('messages Koers starts, authenticated', () => {
  it('never sends its token to a chat stored without https (saved in the unauthenticated mode), and forgets it', async () => {
    await saveTeamsConversation(store, {
      tenantId: TENANT,
      conversationId: 'a:planted',
      scope: 'personal',
      userId: 'aad-jansen',
      teamId: null,
      reference: {
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: 'a:planted' },
        channelId: 'msteams',
      },
      installedAt: new Date().toISOString(),
    });
    const reply: Reply = {
      outcome: 'ok',
      visibility: 'ephemeral',
      locale: 'nl',
      blocks: [{ type: 'text', tone: 'normal', text: 'x' }],
    };
    expect(await teams.send(TENANT, 'aad-jansen', reply)).toBe(false);
    expect(await stored()).toEqual([]);
  });
});

describe('another tenant, authenticated', () => {
  it('links nobody and reads nothing for a user of another tenant, even with a valid token', async () => {
    const other = '99999999-2c55-4a8e-9d43-0a1b2c3d4e5f';
    const activity = {
      ...addedToTeam(other),
      type: 'message',
      text: 'leerling sarina',
      conversation: { id: 'a:personal', conversationType: 'personal', tenantId: other },
      membersAdded: undefined,
    };
    await post(activity, `Bearer ${token({})}`);
    expect(await rows(store, "select * from platform_identities where platform = 'teams'")).toEqual([]);
    expect(await rows(store, "select * from audit_log where channel = 'teams'")).toEqual([]);
  });
});

describe('who may use the unauthenticated endpoint', () => {
  it('is this machine only: IPv4 and IPv6 loopback, nothing else', () => {
    for (const address of ['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.1', '192.168.1.20', '::ffff:10.0.0.1', 'fe80::1', '', undefined])
      expect(isLoopback(address)).toBe(false);
  });
});
