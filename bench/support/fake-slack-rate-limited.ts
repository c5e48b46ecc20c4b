/**
 * A stand-in for Slack's Web API on this machine that takes `postMessagesPerSecond`
 * `chat.postMessage` calls in any one second (a sliding 1-second window) and answers the rest
 * with HTTP 429 and `Retry-After: 1`, as Slack does. It records every message it accepted, per
 * channel, so a benchmark can count duplicates.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The Web API client posts form bodies; nested arguments (blocks, metadata) come as JSON strings. */
function decodeForm(text: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    try {
      body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      body[key] = value;
    }
  }
  return body;
}

export type AcceptedMessage = { at: number; key: string | undefined };

export async function fakeSlackRateLimited(options: { postMessagesPerSecond: number }) {
  /** When each accepted `chat.postMessage` arrived, oldest first, within the last second. */
  const window: number[] = [];
  const accepted = new Map<string, AcceptedMessage[]>();
  const counts = { accepted: 0, rateLimited: 0, other: 0 };

  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      const method = new URL(request.url ?? '/', 'http://fake').pathname.replace(/^\/api\//, '');
      const body = request.headers['content-type']?.includes('json')
        ? (JSON.parse(text || '{}') as Record<string, unknown>)
        : decodeForm(text);
      const json = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(answer));
      };
      switch (method) {
        case 'auth.test':
          counts.other += 1;
          return json(200, { ok: true, user_id: 'U0KOERSBOT', bot_id: 'B0KOERS', team_id: 'T0KOERS' });
        case 'conversations.open':
          counts.other += 1;
          return json(200, { ok: true, channel: { id: `D${String(body.users)}` } });
        case 'chat.postMessage': {
          const now = Date.now();
          while (window.length > 0 && (window[0] ?? 0) <= now - 1000) window.shift();
          if (window.length >= options.postMessagesPerSecond) {
            counts.rateLimited += 1;
            return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
          }
          window.push(now);
          counts.accepted += 1;
          const channel = String(body.channel);
          const metadata = body.metadata as { event_payload?: { key?: string } } | undefined;
          const list = accepted.get(channel) ?? [];
          list.push({ at: now, key: metadata?.event_payload?.key });
          accepted.set(channel, list);
          return json(200, { ok: true, channel, ts: `${(now / 1000).toFixed(6)}` });
        }
        default:
          counts.other += 1;
          return json(200, { ok: true });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    counts: () => ({ ...counts }),
    /** Every channel that received a message, with what it received. */
    accepted: () => accepted,
    /** Channels that received more than one message. */
    duplicates: () => [...accepted.values()].filter((list) => list.length > 1).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
