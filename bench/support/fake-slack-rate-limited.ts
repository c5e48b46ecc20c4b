/**
 * A stand-in for Slack's Web API on this machine, rate-limited as Slack limits `chat.postMessage`:
 *
 * - per workspace, `postMessagesPerSecond` in any one second (a sliding 1-second window);
 * - per conversation, about one a second with short bursts allowed (a bucket of `channelBurst`
 *   that refills one a second);
 *
 * beyond either, HTTP 429 with `Retry-After` in whole seconds (until the window has room), as
 * Slack answers; a refused call does not count against the limit. `latencyMs` is the network's
 * round trip: half before the call arrives (and is counted), half before its answer does. It
 * records every message it accepted, per channel, so a benchmark can count duplicates.
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

export type FakeSlackRateOptions = {
  /** `chat.postMessage` calls one workspace may make in any one second. */
  postMessagesPerSecond: number;
  /** Messages one conversation may take at once; it earns one more a second. Default 3. */
  channelBurst?: number;
  /** The round trip of one call, in milliseconds. Default 0 (this machine's own). */
  latencyMs?: number;
};

const delay = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : undefined);

export async function fakeSlackRateLimited(options: FakeSlackRateOptions) {
  /** When each accepted `chat.postMessage` arrived, oldest first, within the last second. */
  const window: number[] = [];
  const buckets = new Map<string, { tokens: number; at: number }>();
  const burst = options.channelBurst ?? 3;
  const halfTrip = (options.latencyMs ?? 0) / 2;
  const accepted = new Map<string, AcceptedMessage[]>();
  const counts = { accepted: 0, rateLimited: 0, other: 0 };

  /** Whether the conversation has room for one more message now (and takes it if so). */
  function channelTakes(channel: string, now: number): boolean {
    const bucket = buckets.get(channel) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / 1000);
    if (tokens < 1) {
      buckets.set(channel, { tokens, at: now });
      return false;
    }
    buckets.set(channel, { tokens: tokens - 1, at: now });
    return true;
  }

  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', async () => {
      await delay(halfTrip);
      const method = new URL(request.url ?? '/', 'http://fake').pathname.replace(/^\/api\//, '');
      const body = request.headers['content-type']?.includes('json')
        ? (JSON.parse(text || '{}') as Record<string, unknown>)
        : decodeForm(text);
      const json = async (status: number, answer: unknown, headers: Record<string, string> = {}) => {
        await delay(halfTrip);
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
          const channel = String(body.channel);
          while (window.length > 0 && (window[0] ?? 0) <= now - 1000) window.shift();
          const full = window.length >= options.postMessagesPerSecond;
          if (full || !channelTakes(channel, now)) {
            counts.rateLimited += 1;
            const free = full ? (window[0] ?? now) + 1000 - now : 1000;
            const seconds = Math.max(1, Math.ceil(free / 1000));
            return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) });
          }
          window.push(now);
          counts.accepted += 1;
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
    /**
     * Messages received more than once: the same idempotency key again, or (a message without
     * one) a second message into the same channel.
     */
    duplicates: () => {
      let extra = 0;
      for (const [channel, list] of accepted) {
        const keys = new Map<string, number>();
        for (const message of list) {
          const key = message.key ?? channel;
          keys.set(key, (keys.get(key) ?? 0) + 1);
        }
        for (const n of keys.values()) extra += n - 1;
      }
      return extra;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
