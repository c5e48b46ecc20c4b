/**
 * The outbox's way into Teams: a card into the personal chat (or the team) Koers was installed
 * in. No installation, or Teams saying Koers was removed: failed for good. Teams cannot be asked
 * afterwards whether a message arrived, so a message in doubt after a crash is sent again.
 */
import type { Delivery, PlatformSender } from '../../outbox/platform-sender.ts';
import type { TeamsAdapterHandle } from './teams-adapter.ts';

/** Teams throttles a bot at about 7 messages a second per conversation and 50 per second per tenant. */
const DEFAULT_RATE = 15;

export function teamsSender(
  teams: TeamsAdapterHandle,
  options: { ratePerSecond?: number } = {},
): PlatformSender {
  return {
    platform: 'teams',
    ratePerSecond: options.ratePerSecond ?? DEFAULT_RATE,
    async deliver(message, reply): Promise<Delivery> {
      try {
        const sent = await teams.send(message.workspaceId, message.recipient, reply);
        return sent ? { outcome: 'sent' } : { outcome: 'failed', error: 'not installed for this user' };
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        const text = error instanceof Error ? error.message : String(error);
        if (status === 429) {
          // The Bot Connector says how long to wait, as Slack does, in a Retry-After header.
          const headers = (
            error as { response?: { headers?: { get?: (name: string) => string | undefined } } }
          ).response?.headers;
          const seconds = Number(headers?.get?.('retry-after'));
          return {
            outcome: 'retry',
            rateLimited: true,
            error: 'rate limited',
            ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
          };
        }
        return { outcome: 'retry', error: text };
      }
    },
  };
}
