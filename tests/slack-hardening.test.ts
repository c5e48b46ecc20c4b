/**
 * The Slack points of the security probe (issue 13), over real HTTP against the running server:
 * every kind of request checked against the school's workspace, a body limit enforced while
 * reading, users Slack cannot describe told they are not linked, and first contacts coalesced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { start } from '../src/app/start.ts';
import { databaseOf, freshDemoEnvAndStore } from './support/demo.ts';
import {
  type FakeSlackOptions,
  type FakeSlackUser,
  fakeSlack,
  postToSlackEndpoint,
  slackSignature,
} from './support/fake-slack.ts';
import { startKoers } from './support/running.ts';
import {
  buttonPress,
  directMessage,
  homeOpened,
  type ModalView,
  type SlackSender,
  slashCommand,
  viewSubmission,
} from './support/slack-requests.ts';
import { rows } from './support/store-sql.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const TEAM = 'T0KOERS';
const OTHER = 'T0OTHER';
const SARINA = 'sarina.elamrani@leerling.koersmeer.example';
const NOT_LINKED = 'niet gekoppeld aan Koers';
const OTHER_WORKSPACE = 'alleen voor de Slack-werkruimte van de school';
const ERROR_ID = /Er ging iets mis\. .*: [0-9a-f]{8}/;

const users: Record<string, FakeSlackUser> = {
  U0JANSEN: { email: 'm.jansen@koersmeer.example' },
  U0NOBODY: { email: 'someone@elsewhere.example' },
  U0NOEMAIL: {},
};

const stopping: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stopping.splice(0).reverse()) await stop();
});

/** Koers as `npm start` runs it, against a fake Slack with these users and options. */
async function koersWithSlack(options: FakeSlackOptions = {}, known: Record<string, FakeSlackUser> = users) {
  const slack = await fakeSlack(known, options);
  stopping.push(slack.close);
  const { env, store } = await freshDemoEnvAndStore();
  const running: Awaited<ReturnType<typeof start>> = await startKoers(databaseOf(env), {
    slack: { botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: slack.apiUrl },
    teams: undefined,
  });
  stopping.push(running.stop);
  const endpoint = `http://127.0.0.1:${running.port}/slack/events`;
  let answers = 0;
  /** A sender with its own response_url, so each answer can be told apart. */
  const sender = (user: string, team = TEAM): SlackSender => ({
    user,
    team,
    responseUrl: slack.responseUrl(`r${++answers}`),
  });
  const post = (body: string, contentType = 'application/x-www-form-urlencoded') =>
    postToSlackEndpoint(endpoint, body, { secret: SECRET, contentType });
  /** Rows of a table, optionally with a `where`: `count("goals where …")`. */
  const count = async (table: string) =>
    (await rows<{ n: number }>(store, `select count(*) as n from ${table}`))[0]?.n;
  return { slack, endpoint, sender, post, count };
}

const textOf = (call: { body: Record<string, unknown> } | undefined) => JSON.stringify(call?.body);
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a request from another workspace', () => {
  it('of every kind is refused before anybody is identified: no student data, nothing stored or audited', async () => {
    const k = await koersWithSlack();
    // Jansen is linked in the school's workspace, and has a real modal open: what a forged team
    // id would want to reach.
    await k.post(slashCommand(k.sender('U0JANSEN'), 'leerling sarina'));
    expect(textOf((await k.slack.waitFor('respond'))[0])).toContain('Sarina El Amrani');
    await k.post(buttonPress(k.sender('U0JANSEN'), { form: 'doelen.nieuw', naam: SARINA }, 'koers.form'));
    const view = (await k.slack.waitFor('views.open'))[0]?.body.view as ModalView;
    const before = {
      calls: k.slack.calls().length,
      audit: await k.count('audit_log'),
      identities: await k.count('platform_identities'),
      goals: await k.count('goals'),
    };

    const other = (user = 'U0JANSEN') => k.sender(user, OTHER);
    const statuses = [
      await k.post(slashCommand(other(), 'leerling sarina')),
      await k.post(buttonPress(other(), { text: `leerling ${SARINA}` }, 'koers.run#1')),
      await k.post(buttonPress(other(), { form: 'doelen.nieuw', naam: SARINA }, 'koers.form')),
      await k.post(homeOpened(OTHER, 'U0JANSEN'), 'application/json'),
      await k.post(directMessage(OTHER, 'U0JANSEN', 'leerling sarina'), 'application/json'),
      // Delivered for the school's workspace, but typed by someone of another (a shared channel).
      await k.post(
        directMessage(TEAM, 'U0JANSEN', 'leerling sarina', { user_team: OTHER }),
        'application/json',
      ),
    ].map((response) => response.status);
    const submitted = await k.post(
      viewSubmission({ user: 'U0JANSEN', team: OTHER }, view, {
        titel: { titel: { type: 'plain_text_input', value: 'Van elders' } },
        categorie: { categorie: { type: 'static_select', selected_option: { value: 'vak' } } },
        vak: { vak: { type: 'static_select', selected_option: { value: 'frans' } } },
        tot: { tot: { type: 'datepicker', selected_date: '2026-12-18' } },
      }),
    );
    expect([...statuses, submitted.status]).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const modal = (await submitted.json()) as { response_action: string; errors: Record<string, string> };
    expect(modal.response_action).toBe('errors');
    expect(Object.values(modal.errors).join(' ')).toContain(OTHER_WORKSPACE);

    await k.slack.waitFor('respond', 4);
    await settle();
    const after = k.slack.calls().slice(before.calls);
    // Only refusals through the interactions' own response_urls: no lookup, no DM, no Home tab.
    expect(after.map((call) => call.method)).toEqual(['respond', 'respond', 'respond']);
    for (const answer of after) {
      expect(textOf(answer)).toContain(OTHER_WORKSPACE);
      expect(textOf(answer)).not.toContain('Sarina');
    }
    expect({
      calls: before.calls,
      audit: await k.count('audit_log'),
      identities: await k.count('platform_identities'),
      goals: await k.count('goals'),
    }).toEqual(before);
  });

  it('from the school is still answered, event and direct message alike', async () => {
    const k = await koersWithSlack();
    await k.post(homeOpened(TEAM, 'U0JANSEN'), 'application/json');
    expect(textOf((await k.slack.waitFor('views.publish'))[0])).toContain('Mijn leerlingen');
    await k.post(directMessage(TEAM, 'U0JANSEN', 'leerling sarina', { team: TEAM }), 'application/json');
    expect(textOf((await k.slack.waitFor('chat.postMessage'))[0])).toContain('Sarina El Amrani');
  });
});

describe('the body limit of /slack/events', () => {
  /** A signed event of about `bytes`, as Slack would never send: the signature is right. */
  function hugeSignedEvent(bytes: number) {
    const body = directMessage(TEAM, 'U0JANSEN', 'x'.repeat(bytes));
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SECRET, timestamp, body),
      },
    };
  }

  /** `bytes` repeated up to `total`, in 64 KB chunks and without a stated length, as an uploader streams. */
  function streamed(bytes: Buffer, total = bytes.length) {
    const chunk = 64 * 1024;
    let sent = 0;
    let stopped = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (stopped || sent >= total) return controller.close();
        const at = sent % bytes.length;
        controller.enqueue(bytes.subarray(at, at + chunk));
        sent += Math.min(chunk, bytes.length - at);
      },
    });
    return { stream, sent: () => sent, stop: () => (stopped = true) };
  }
  const postStream = (url: string, headers: Record<string, string>, stream: ReadableStream<Uint8Array>) =>
    fetch(url, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);

  it('refuses 5 MB streamed without a length with 413 while reading, and answers the next request', async () => {
    const k = await koersWithSlack();
    const { body, headers } = hugeSignedEvent(5 * 1024 * 1024);
    const started = Date.now();
    const response = await postStream(k.endpoint, headers, streamed(Buffer.from(body)).stream);
    expect(response.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(2000);
    // The upload is ended, not drained into a connection kept alive.
    expect(response.headers.get('connection')).toBe('close');
    await settle(100);
    expect(k.slack.calls('chat.postMessage')).toEqual([]);

    const next = await k.post(slashCommand(k.sender('U0JANSEN'), 'leerling sarina'));
    expect(next.status).toBe(200);
    expect(textOf((await k.slack.waitFor('respond'))[0])).toContain('Sarina El Amrani');
  });

  it('refuses a body that never ends once it passes 1 MB, keeping none of it', async () => {
    const k = await koersWithSlack();
    const { headers } = hugeSignedEvent(0);
    const upload = streamed(Buffer.alloc(1024 * 1024, 'x'), 512 * 1024 * 1024);
    const before = process.memoryUsage();
    const response = await postStream(k.endpoint, headers, upload.stream);
    upload.stop();
    expect(response.status).toBe(413);
    // Answered while the upload was still going: what was sent is what the socket buffers held.
    expect(upload.sent()).toBeLessThan(32 * 1024 * 1024);
    const after = process.memoryUsage();
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(64 * 1024 * 1024);
    expect((await k.post(slashCommand(k.sender('U0JANSEN'), 'help'))).status).toBe(200);
  });

  it('refuses a body whose stated length is over 1 MB before reading it', async () => {
    const k = await koersWithSlack();
    const { body, headers } = hugeSignedEvent(5 * 1024 * 1024);
    const response = await fetch(k.endpoint, { method: 'POST', headers, body });
    expect(response.status).toBe(413);
    const next = await k.post(slashCommand(k.sender('U0JANSEN'), 'leerling sarina'));
    expect(next.status).toBe(200);
  });

  it('takes a signed request just under 1 MB', async () => {
    const k = await koersWithSlack();
    const response = await k.post(
      directMessage(TEAM, 'U0JANSEN', `leerling sarina ${' '.repeat(1000 * 1024)}`),
      'application/json',
    );
    expect(response.status).toBe(200);
    await k.slack.waitFor('chat.postMessage');
  });
});

describe('a Slack user that Slack cannot describe', () => {
  it('gets the "not linked" explanation when users.info says user_not_found', async () => {
    const k = await koersWithSlack({ failUsersInfo: 'user_not_found' });
    await k.post(slashCommand(k.sender('U0JANSEN'), 'leerling sarina'));
    const answer = textOf((await k.slack.waitFor('respond'))[0]);
    expect(answer).toContain(NOT_LINKED);
    expect(answer).not.toMatch(ERROR_ID);
    expect(answer).not.toContain('Sarina');
    expect(await k.count("platform_identities where platform = 'slack'")).toBe(0);
  });

  it('gets the "not linked" explanation when the profile shows no email', async () => {
    const k = await koersWithSlack();
    await k.post(slashCommand(k.sender('U0NOEMAIL'), 'help'));
    const answer = textOf((await k.slack.waitFor('respond'))[0]);
    expect(answer).toContain(NOT_LINKED);
    expect(answer).not.toMatch(ERROR_ID);
  });

  it.each([
    // HTTP 429 and 5xx are retried by Bolt's Web API client first, for up to half an hour; what
    // it then reports is a platform error like these.
    ['internal_error', 'internal_error'],
    ['fatal_error', 'fatal_error'],
  ])('gets an error id when Slack fails with %s, and is asked again next time', async (_, failure) => {
    const k = await koersWithSlack({ failUsersInfo: failure });
    await k.post(slashCommand(k.sender('U0JANSEN'), 'help'));
    expect(textOf((await k.slack.waitFor('respond'))[0])).toMatch(ERROR_ID);
    // A failure is not an answer: nothing of it is remembered.
    await k.post(slashCommand(k.sender('U0JANSEN'), 'help'));
    await k.slack.waitFor('respond', 2);
    expect(k.slack.calls('users.info')).toHaveLength(2);
  });
});

describe('a burst of first contacts', () => {
  it.each([
    ['whose email Koers does not know', 'U0NOBODY'],
    ['whom Slack does not know', 'U0GHOST'],
  ])('from one unlinked user %s asks Slack once', async (_, user) => {
    // Slow enough that all twenty are waiting on the same lookup.
    const k = await koersWithSlack({ usersInfoDelayMs: 300 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => k.post(slashCommand(k.sender(user), 'leerling sarina'))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const answers = await k.slack.waitFor('respond', 20);
    for (const answer of answers) expect(textOf(answer)).toContain(NOT_LINKED);
    expect(k.slack.calls('users.info')).toHaveLength(1);
    // And the answer is remembered for a while: the next request does not ask again.
    await k.post(slashCommand(k.sender(user), 'leerling sarina'));
    await k.slack.waitFor('respond', 21);
    expect(k.slack.calls('users.info')).toHaveLength(1);
  });
});
