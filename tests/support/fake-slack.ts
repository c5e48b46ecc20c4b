/**
 * A stand-in for Slack on this machine: the Web API (`<url>/api/<method>`, answering as Slack
 * documents) and the `response_url`s of slash commands and buttons (`<url>/respond/<id>`). It
 * records every call so tests can assert on what Koers sent. Files arrive as Slack's upload flow
 * has them: `files.getUploadURLExternal` gives an `upload_url` here (`<url>/upload/<file id>`),
 * the bytes are POSTed there (raw or as multipart form data), and `files.completeUploadExternal`
 * shares the file into a channel.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { listen } from '../../src/server/http-server.ts';

export type SlackCall = { method: string; body: Record<string, unknown> };
/** A file Koers uploaded: its bytes, and where `files.completeUploadExternal` shared it. */
export type FakeSlackFile = {
  id: string;
  filename: string;
  length: number;
  bytes?: Buffer;
  title?: string;
  channel?: string;
};

/** The file in an upload POST: the raw body, or the one part of a multipart form. */
function uploadedBytes(raw: Buffer, contentType: string | undefined): Buffer {
  const boundary = contentType?.match(/boundary=(?:"([^"]+)"|([^;]+))/);
  if (!boundary) return raw;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = raw.indexOf(marker);
  const headersEnd = raw.indexOf('\r\n\r\n', start);
  const end = raw.indexOf(marker, headersEnd);
  if (start < 0 || headersEnd < 0 || end < 0) return raw;
  // The part ends with CRLF before the next boundary.
  return raw.subarray(headersEnd + 4, end - 2);
}
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
  /** The upload URL answers this HTTP status instead of taking the bytes. */
  failUpload?: number;
};

export async function fakeSlack(users: Record<string, FakeSlackUser>, options: FakeSlackOptions = {}) {
  const calls: SlackCall[] = [];
  /** Messages Slack accepted, per channel, as `conversations.history` returns them. */
  const history = new Map<string, Record<string, unknown>[]>();
  const accepted: number[] = [];
  const files = new Map<string, FakeSlackFile>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    request.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const text = raw.toString('utf8');
      const path = new URL(request.url ?? '/', 'http://fake').pathname;
      if (path.startsWith('/upload/')) {
        const file = files.get(path.slice('/upload/'.length));
        calls.push({ method: 'upload', body: { file: file?.id, bytes: raw.length } });
        if (!file || options.failUpload) {
          response.writeHead(file ? (options.failUpload ?? 500) : 404).end();
          return;
        }
        file.bytes = uploadedBytes(raw, request.headers['content-type']);
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(`OK - ${file.bytes.length}`);
        return;
      }
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
      case 'files.getUploadURLExternal': {
        const length = Number(body.length);
        if (!body.filename || !Number.isInteger(length) || length <= 0)
          return { ok: false, error: 'invalid_arguments' };
        const id = `F${String(files.size + 1).padStart(8, '0')}`;
        files.set(id, { id, filename: String(body.filename), length });
        return { ok: true, upload_url: `${url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const listed = (Array.isArray(body.files) ? body.files : []) as { id?: string; title?: string }[];
        const known = listed.map((entry) => files.get(String(entry.id)));
        // Slack completes only files whose bytes arrived, at the length announced.
        if (known.length === 0 || known.some((file) => !file?.bytes || file.bytes.length !== file.length))
          return { ok: false, error: 'file_not_found' };
        listed.forEach((entry, i) => {
          const file = known[i] as FakeSlackFile;
          file.title = entry.title ?? file.filename;
          if (body.channel_id !== undefined) file.channel = String(body.channel_id);
        });
        return {
          ok: true,
          files: known.map((file) => ({ id: file?.id, title: file?.title, name: file?.filename })),
        };
      }
      case 'files.upload':
        // Retired: Slack answers apps created since with an error.
        return { ok: false, error: 'method_deprecated' };
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
    /** Files uploaded by the upload flow, in order, with their bytes and the channel they were shared to. */
    files: () => [...files.values()],
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
