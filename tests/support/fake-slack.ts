/**
 * A stand-in for Slack on this machine: the Web API (`<url>/api/<method>`, answering as Slack
 * documents) and the `response_url`s of slash commands and buttons (`<url>/respond/<id>`). It
 * records every call so tests can assert on what Koers sent.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { listen } from '../../src/server/http-server.ts';

export type SlackCall = { method: string; body: Record<string, unknown> };
export type FakeSlackUser = {
  /** Absent: a profile that shows no email (hidden, or a workspace that does not share it). */
  email?: string;
  locale?: string;
  team?: string;
  confirmed?: boolean;
  deleted?: boolean;
};

function decodeForm(text: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    // The Web API client sends nested arguments (blocks, view) as JSON strings.
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}

export type FakeSlackOptions = {
  usersInfoDelayMs?: number;
  /** Every `users.info` fails: a Slack error code (`{ ok: false }`), or an HTTP status. */
  failUsersInfo?: string | number;
  /** Accepts this many `chat.postMessage` a second; beyond, HTTP 429 with `Retry-After`, as Slack does. */
  postMessagesPerSecond?: number;
  postMessageDelayMs?: number;
  /** Time between accepting a message and answering: where a killed sender leaves it in doubt. */
  postMessageAckDelayMs?: number;
  /** `chat.postMessage` into these DM channels fails: a Slack error code, or an HTTP status. */
  failPostMessage?: Record<string, string | number>;
};

export async function fakeSlack(users: Record<string, FakeSlackUser>, options: FakeSlackOptions = {}) {
  const calls: SlackCall[] = [];
  /** Messages Slack accepted, per channel, as `conversations.history` returns them. */
  const history = new Map<string, Record<string, unknown>[]>();
  const accepted: number[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', async () => {
      const path = new URL(request.url ?? '/', 'http://fake').pathname;
      const body = request.headers['content-type']?.includes('json')
        ? JSON.parse(text || '{}')
        : decodeForm(text);
      const method = path.startsWith('/respond/') ? 'respond' : path.replace(/^\/api\//, '');
      calls.push({ method, body });
      if (method === 'users.info' && options.usersInfoDelayMs)
        await new Promise((resolve) => setTimeout(resolve, options.usersInfoDelayMs));
      if (method === 'users.info' && options.failUsersInfo !== undefined) {
        const failure = options.failUsersInfo;
        if (typeof failure === 'number') response.writeHead(failure).end();
        else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ ok: false, error: failure }));
        }
        return;
      }
      if (method === 'chat.postMessage') {
        if (options.postMessageDelayMs)
          await new Promise((resolve) => setTimeout(resolve, options.postMessageDelayMs));
        const failure = options.failPostMessage?.[String(body.channel)];
        if (typeof failure === 'number') {
          response.writeHead(failure).end();
          return;
        }
        if (typeof failure === 'string') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ ok: false, error: failure }));
          return;
        }
        const now = Date.now();
        while (accepted.length > 0 && (accepted[0] ?? 0) <= now - 1000) accepted.shift();
        if (options.postMessagesPerSecond !== undefined && accepted.length >= options.postMessagesPerSecond) {
          calls.push({ method: 'rateLimited', body });
          response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
          response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        accepted.push(now);
        const channel = String(body.channel);
        history.set(channel, [
          { ts: `${now / 1000}`, text: body.text, metadata: body.metadata },
          ...(history.get(channel) ?? []),
        ]);
        if (options.postMessageAckDelayMs)
          await new Promise((resolve) => setTimeout(resolve, options.postMessageAckDelayMs));
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer(method, body)));
    });
  });

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'U0KOERSBOT', bot_id: 'B0KOERS', team_id: 'T0KOERS', user: 'koers' };
      case 'users.info': {
        const user = users[String(body.user)];
        return user
          ? {
              ok: true,
              user: {
                id: body.user,
                team_id: user.team ?? 'T0KOERS',
                locale: user.locale ?? 'nl-NL',
                deleted: user.deleted ?? false,
                is_bot: false,
                is_email_confirmed: user.confirmed ?? true,
                profile: { email: user.email },
              },
            }
          : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users)}` } };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `${Date.now() / 1000}` };
      case 'conversations.history': {
        const messages = history.get(String(body.channel)) ?? [];
        const all = body.include_all_metadata === true || body.include_all_metadata === 'true';
        return {
          ok: true,
          messages: messages
            .slice(0, Number(body.limit ?? 100))
            .map(({ metadata, ...m }) => (all ? { ...m, metadata } : m)),
        };
      }
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: 'V0VIEW' } };
      default:
        return { ok: true };
    }
  }

  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id: string) => `${url}/respond/${id}`,
    calls: (method?: string) => calls.filter((call) => method === undefined || call.method === method),
    /** The messages Slack accepted into a conversation, newest first. */
    historyOf: (channel: string) => history.get(channel) ?? [],
    /** Every conversation Slack accepted messages into, with how many. */
    deliveredCounts: () => new Map([...history].map(([channel, messages]) => [channel, messages.length])),
    /** Koers answers after acknowledging; wait until it has made `count` calls of `method`. */
    async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<SlackCall[]> {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const found = calls.filter((call) => call.method === method);
        if (found.length >= count) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(
        `no ${count}× ${method} within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Signs a body the way Slack does: `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postToSlackEndpoint(
  url: string,
  body: string,
  options: {
    secret: string;
    contentType: string;
    timestamp?: number;
    signature?: string | null;
    retryNum?: number;
  },
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.contentType,
    'x-slack-request-timestamp': String(timestamp),
  };
  const signature =
    options.signature === undefined ? slackSignature(options.secret, timestamp, body) : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body });
}
