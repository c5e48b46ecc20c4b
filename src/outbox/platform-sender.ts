/**
 * The port the outbox delivers through: one per platform, built by the app from its SDK (Slack's
 * Web API, Teams' Bot Connector) or, in local mode, the playground's own inbox.
 */
import type { Platform } from '../domain/enums.ts';
import type { Reply } from '../reply/reply.ts';
import type { OutboxRow } from '../store/outbox.ts';

export type Delivery =
  | { outcome: 'sent' }
  /** Worth trying again: a rate limit (with the wait the platform asked for) or a passing failure. */
  | { outcome: 'retry'; error: string; retryAfterMs?: number; rateLimited?: boolean }
  /** Will not work by trying again: the account is gone, Koers was removed. */
  | { outcome: 'failed'; error: string };

export type PlatformSender = {
  platform: Platform;
  /**
   * The most messages a second Koers sends one workspace of this platform (`KOERS_OUTBOX_RATE`):
   * a ceiling; below it the outbox learns the rate the platform takes from its answers.
   */
  ratePerSecond: number;
  deliver(message: OutboxRow, reply: Reply): Promise<Delivery>;
  /**
   * After a crash, for a message that was being sent: whether the platform has it. Without this,
   * such a message is sent again (at least once rather than never).
   */
  delivered?(message: OutboxRow): Promise<boolean>;
};
