/**
 * The outbox's way into Teams: a card into the personal chat (or the team) Koers was installed
 * in. No installation, or Teams saying Koers was removed: failed for good. Teams cannot be asked
 * afterwards whether a message arrived, so a message in doubt after a crash is sent again.
 */
import type { Delivery, PlatformSender } from '../../outbox/platform-sender.ts';
import { DEFAULT_CEILING } from '../../outbox/rate-controller.ts';
import type { TeamsAdapterHandle } from './teams-adapter.ts';

export function teamsSender(
  teams: TeamsAdapterHandle,
  options: { ratePerSecond?: number } = {},
): PlatformSender {
  return {
    platform: 'teams',
    // A ceiling: the outbox learns the rate Teams takes (about 7 a second per conversation and 50
    // a second per bot, Microsoft says) from its 429s.
    ratePerSecond: options.ratePerSecond ?? DEFAULT_CEILING,
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
