/**
 * The outbox's way into Slack: a direct message (`conversations.open` + `chat.postMessage`) as
 * Block Kit. Its own Web API client neither waits out rate limits nor retries: the outbox decides
 * when to try again (it pauses the workspace for Slack's `Retry-After`). Each message carries its
 * idempotency key as message metadata, so that after a crash Koers can ask Slack whether a message
 * it was sending arrived (`conversations.history`) instead of sending it twice.
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { Delivery, PlatformSender } from '../../outbox/platform-sender.ts';
import { DEFAULT_CEILING } from '../../outbox/rate-controller.ts';
import { renderMessages } from '../../render/block-kit.ts';
import { slackLogger } from './slack-logger.ts';

const METADATA_EVENT = 'koers_outbox';
/** Errors that no retry will cure: the user or the bot is gone from the workspace. */
const FINAL = new Set([
  'user_not_found',
  'user_disabled',
  'account_inactive',
  'channel_not_found',
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
      try {
        const channel = await channelOf(message.recipient);
        for (const rendered of renderMessages(reply).slice(0, 5))
          await client.chat.postMessage({
            channel,
            ...rendered,
            metadata: { event_type: METADATA_EVENT, event_payload: { key: message.idempotencyKey } },
          });
        return { outcome: 'sent' };
      } catch (error) {
        return failure(error);
      }
    },
    async delivered(message) {
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
