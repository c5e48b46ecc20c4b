/**
 * The outbox's way into Teams: a card into the personal chat (or the team's channel) Koers was
 * installed in. No installation, or Teams saying Koers was removed: failed for good. Teams cannot
 * be asked afterwards whether a message arrived, so a message in doubt after a crash is sent again.
 *
 * A summary's chart goes inline in the card as a PNG data URL, as large as the card leaves room
 * for (Teams refuses a message over about 28 KB; a card is kept to `TEAMS_LIMITS.cardBytes`);
 * when even the smallest image does not fit, or the chart fails to draw, the card has the text alone.
 */
import { pngWithin } from '../../charts/chart-png.ts';
import { pngBytesForDataUrl, pngDataUrl } from '../../charts/data-url.ts';
import { log, loggableError } from '../../log.ts';
import type { Delivery, PlatformSender } from '../../outbox/platform-sender.ts';
import { DEFAULT_CEILING } from '../../outbox/rate-controller.ts';
import { renderCards, TEAMS_LIMITS } from '../../render/adaptive-card.ts';
import type { Reply } from '../../reply/reply.ts';
import type { TeamsAdapterHandle } from './teams-adapter.ts';

/** What an Image element around a data URL adds to the card (type, alt text, size), with room to spare. */
const IMAGE_ELEMENT_BYTES = 400;

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Data URLs for the Reply's chart blocks, by block index, each as large as still fits: with one
 * card, in what the card leaves; with several, on a card of its own. Empty when nothing fits.
 */
export async function chartImages(reply: Reply): Promise<Map<number, string>> {
  const images = new Map<number, string>();
  for (const [index, block] of reply.blocks.entries()) {
    if (block.type !== 'chart') continue;
    try {
      const cards = renderCards(reply, { images });
      const used = cards.length === 1 ? jsonBytes(cards[0]) : jsonBytes({ ...cards[0], body: [] });
      const room = TEAMS_LIMITS.cardBytes - used - IMAGE_ELEMENT_BYTES - block.chart.title.length * 6;
      const png = room > 0 ? await pngWithin(block.chart, pngBytesForDataUrl(room)) : undefined;
      if (png) images.set(index, pngDataUrl(png.bytes));
    } catch (error) {
      log.warn('teams.chartNotShown', { error: loggableError(error) });
    }
  }
  return images;
}

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
        const images = await chartImages(reply);
        const sent = await teams.send(
          message.workspaceId,
          message.recipient,
          reply,
          images.size > 0 ? { images } : {},
        );
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
