/**
 * The outbox's way into Slack: a direct message (`conversations.open` + `chat.postMessage`) as
 * Block Kit, or a message into a channel (a summary: its recipient is the channel). A summary's
 * chart goes after its text as a PNG file, by Slack's upload flow (`files.getUploadURLExternal`,
 * the bytes to the URL it gives, `files.completeUploadExternal` into the channel: `files.upload`
 * is retired); a chart that fails to draw or upload is logged and the text stands alone. Its own Web API client neither waits out rate limits nor retries: the outbox decides
 * when to try again (it pauses the workspace for Slack's `Retry-After`). Each message carries its
 * idempotency key as message metadata, so that after a crash Koers can ask Slack whether a message
 * it was sending arrived (`conversations.history`) instead of sending it twice.
 */
import { webApi } from '@slack/bolt';
import { chartPng } from '../../charts/chart-png.ts';
import type { Config } from '../../config.ts';
import { log, loggableError } from '../../log.ts';
import { toChannel } from '../../outbox/payload.ts';
import type { Delivery, PlatformSender } from '../../outbox/platform-sender.ts';
import { DEFAULT_CEILING } from '../../outbox/rate-controller.ts';
import { renderMessages } from '../../render/block-kit.ts';
import type { Reply } from '../../reply/reply.ts';
import { slackLogger } from './slack-logger.ts';

const METADATA_EVENT = 'koers_outbox';
/** Errors that no retry will cure: the user or the bot is gone from the workspace. */
const FINAL = new Set([
  'user_not_found',
  'user_disabled',
  'account_inactive',
  'channel_not_found',
  // A summary's channel that Koers was not invited to, or that was archived.
  'not_in_channel',
  'is_archived',
  'cannot_dm_bot',
  'not_authed',
  'invalid_auth',
  'token_revoked',
  'missing_scope',
]);

export function slackSender(
  slack: NonNullable<Config['slack']>,
  options: { ratePerSecond?: number } = {},
): PlatformSender {
  const client = new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // Well inside the outbox's claim lease (CLAIM_LEASE_MS): a hung call ends as a retry.
    timeout: 15_000,
    logger: slackLogger(),
  });
  const channels = new Map<string, string>();
  const conversationOf = (message: { recipient: string; payload: unknown }) =>
    toChannel(message.payload) ? Promise.resolve(message.recipient) : channelOf(message.recipient);
  const channelOf = async (user: string) => {
    const known = channels.get(user);
    if (known) return known;
    const opened = await client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open gave no channel');
    channels.set(user, id);
    return id;
  };

  return {
    platform: 'slack',
    // A ceiling: the outbox learns the rate Slack takes (about one a second per conversation, more
    // per workspace) from its answers.
    ratePerSecond: options.ratePerSecond ?? DEFAULT_CEILING,
    async deliver(message, reply): Promise<Delivery> {
      let channel: string;
      try {
        channel = await conversationOf(message);
        for (const rendered of renderMessages(reply).slice(0, 5))
          await client.chat.postMessage({
            channel,
            ...rendered,
            metadata: { event_type: METADATA_EVENT, event_payload: { key: message.idempotencyKey } },
          });
      } catch (error) {
        return failure(error);
      }
      // The text is delivered: the chart can only add to it, never send it again.
      await uploadCharts(client, channel, reply);
      return { outcome: 'sent' };
    },
    async delivered(message) {
      // Reading a channel's history would take `channels:history`, every message of the channel:
      // a summary in doubt is sent again instead (at least once, as in Teams).
      if (toChannel(message.payload)) return false;
      const channel = await channelOf(message.recipient);
      const history = await client.conversations.history({ channel, limit: 50, include_all_metadata: true });
      return (history.messages ?? []).some(
        (m) =>
          m.metadata?.event_type === METADATA_EVENT &&
          (m.metadata.event_payload as { key?: unknown } | undefined)?.key === message.idempotencyKey,
      );
    },
  };
}

function failure(error: unknown): Delivery {
  const { code } = error as { code?: string };
  if (code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (error as { retryAfter?: number }).retryAfter ?? 1;
    return { outcome: 'retry', rateLimited: true, retryAfterMs: seconds * 1000, error: 'rate limited' };
  }
  if (code === webApi.ErrorCode.PlatformError) {
    const reason = String((error as { data?: { error?: string } }).data?.error ?? 'platform error');
    return FINAL.has(reason) ? { outcome: 'failed', error: reason } : { outcome: 'retry', error: reason };
  }
  return { outcome: 'retry', error: error instanceof Error ? error.message : String(error) };
}

/** Width and palette of a chart uploaded to Slack (docs/charts.md): sharp, and about 11 KB. */
const SLACK_CHART = { width: 960, colors: 256 } as const;

/** Each chart block of the Reply as a PNG file in the channel, after the text; failures are logged only. */
async function uploadCharts(client: webApi.WebClient, channel: string, reply: Reply): Promise<void> {
  for (const block of reply.blocks) {
    if (block.type !== 'chart') continue;
    try {
      const png = await chartPng(block.chart, SLACK_CHART);
      // files.getUploadURLExternal → POST the bytes to its upload_url → files.completeUploadExternal.
      await client.files.uploadV2({
        channel_id: channel,
        file: png.bytes,
        filename: 'koers-chart.png',
        title: block.chart.title,
        alt_text: block.chart.title,
      });
    } catch (error) {
      log.warn('slack.chartNotSent', { error: loggableError(error) });
    }
  }
}
