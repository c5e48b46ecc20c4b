/**
 * Drains the outbox: every due message, per platform and workspace at the rate that platform
 * takes, through its sender. A message is claimed (`sending`) before the platform is asked and
 * marked `sent` only after the platform accepted it. A rate limit pauses that workspace for as long
 * as the platform says; a passing failure is retried later with backoff and jitter; a message that
 * keeps failing, or fails for good, becomes `dead` with its error.
 */
import { log, loggableMessage } from '../log.ts';
import type { Reply } from '../reply/reply.ts';
import type { Store } from '../store/database.ts';
import {
  type Claim,
  claim,
  dueMessages,
  markDead,
  markSent,
  messagesInDoubt,
  type OutboxRow,
  postpone,
  requeue,
} from '../store/outbox.ts';
import type { Delivery, PlatformSender } from './platform-sender.ts';

export const MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 10 * 60_000;
/** Slack allows about one message a second into one conversation. */
const PER_RECIPIENT_MS = 1_000;
const BATCH = 200;
/**
 * How long a claimed message belongs to its sender. Longer than any platform call may take (the
 * senders time out sooner), so that a second process never takes over a message still in flight.
 */
export const CLAIM_LEASE_MS = 60_000;

export type DrainOptions = {
  /** What a message says, composed when it is sent; null when there is nothing to say any more. */
  compose: (message: OutboxRow) => Reply | null;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  signal?: AbortSignal;
};

export type DrainCounts = {
  sent: number;
  retried: number;
  rateLimited: number;
  dead: number;
  skipped: number;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Equal jitter: half the exponential delay fixed, half random, so retries do not march in step. */
export function backoffMs(attempts: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Messages left `sending` by a sender that stopped (a crash, a kill) and whose claim ran out: sent
 * if the platform has them, else queued again. A platform that cannot tell gets them again (at
 * least once); a platform that cannot answer just now leaves them in doubt until the next run.
 */
export async function recoverInDoubt(store: Store, senders: readonly PlatformSender[], clock = Date.now) {
  const byPlatform = new Map(senders.map((sender) => [sender.platform, sender]));
  let found = 0;
  let requeued = 0;
  const leaseEnded = new Date(clock() - CLAIM_LEASE_MS).toISOString();
  for (const message of messagesInDoubt(store, [...byPlatform.keys()], leaseEnded)) {
    const sender = byPlatform.get(message.platform);
    const heldBy: Claim = { id: message.id, claimedAt: message.notBefore };
    const delivered = await deliveredAlready(sender, message);
    if (delivered === undefined) continue;
    const now = new Date(clock()).toISOString();
    if (delivered) {
      if (markSent(store, heldBy, now)) found += 1;
    } else if (requeue(store, heldBy, { notBefore: now })) requeued += 1;
  }
  return { found, requeued };
}

/** Whether the platform has the message: true, false, or undefined when it cannot say just now. */
async function deliveredAlready(sender: PlatformSender | undefined, message: OutboxRow) {
  if (!sender?.delivered) return false;
  try {
    return await sender.delivered(message);
  } catch {
    return undefined;
  }
}

/** Room left for the platform's own clock: its second may end a little after ours. */
const WINDOW_MARGIN_MS = 10;

/**
 * When the next message to a workspace may go. A platform counts messages per second when it
 * takes them, so Koers keeps the moments its last `rate` messages were answered: the next goes
 * once the oldest of them is a second old (a sliding window the platform cannot see exceeded).
 * A minimum gap keeps the window from going out as one burst; a 429 pauses the workspace.
 */
function pacing(clock: () => number) {
  const answers = new Map<string, number[]>();
  const lastSent = new Map<string, number>();
  const pausedUntil = new Map<string, number>();
  return {
    nextAt(workspace: string, rate: number): number {
      const window = answers.get(workspace) ?? [];
      const full = window.length >= rate ? (window[window.length - rate] ?? 0) + 1000 + WINDOW_MARGIN_MS : 0;
      const gap = (lastSent.get(workspace) ?? 0) + (0.9 * 1000) / rate;
      return Math.max(full, gap, pausedUntil.get(workspace) ?? 0);
    },
    sending(workspace: string) {
      lastSent.set(workspace, clock());
    },
    answered(workspace: string, rate: number) {
      const window = answers.get(workspace) ?? [];
      window.push(clock());
      if (window.length > rate) window.splice(0, window.length - rate);
      answers.set(workspace, window);
    },
    pause(workspace: string, until: number) {
      pausedUntil.set(workspace, until);
    },
  };
}

export async function drainOutbox(
  store: Store,
  senders: readonly PlatformSender[],
  options: DrainOptions,
): Promise<DrainCounts> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? wait;
  const random = options.random ?? Math.random;
  const byPlatform = new Map(senders.map((sender) => [sender.platform, sender]));
  const platforms = [...byPlatform.keys()];
  const counts: DrainCounts = { sent: 0, retried: 0, rateLimited: 0, dead: 0, skipped: 0 };
  const pace = pacing(clock);
  const lastToRecipient = new Map<string, number>();
  const iso = (ms: number) => new Date(ms).toISOString();

  while (!options.signal?.aborted) {
    const batch = dueMessages(store, platforms, iso(clock()), BATCH);
    if (batch.length === 0) break;
    let progressed = false;
    for (const message of batch) {
      if (options.signal?.aborted) break;
      const sender = byPlatform.get(message.platform);
      if (!sender) continue;
      const workspace = `${message.platform}/${message.workspaceId}`;
      const slot = pace.nextAt(workspace, sender.ratePerSecond);
      // The workspace is paused (a rate limit) past this batch: leave its messages for later.
      if (slot - clock() > 5_000) continue;
      if (slot > clock()) await sleep(slot - clock());
      const recipient = `${workspace}/${message.recipient}`;
      const last = lastToRecipient.get(recipient);
      if (last !== undefined && clock() - last < PER_RECIPIENT_MS) {
        postpone(store, message.id, iso(last + PER_RECIPIENT_MS));
        continue;
      }
      const held: Claim = { id: message.id, claimedAt: iso(clock()) };
      if (!claim(store, held.id, held.claimedAt)) continue;
      progressed = true;
      pace.sending(workspace);
      await send(message, held, sender, workspace, recipient);
      pace.answered(workspace, sender.ratePerSecond);
    }
    // Every due message was skipped (paused workspaces): wait for the next run rather than spin.
    if (!progressed) break;
  }
  return counts;

  async function send(
    message: OutboxRow,
    held: Claim,
    sender: PlatformSender,
    workspace: string,
    recipient: string,
  ) {
    // A retry may follow a failure after the platform took the message (a timeout): ask first.
    if (message.attempts > 0) {
      const delivered = await deliveredAlready(sender, message);
      if (delivered === undefined) {
        requeue(store, held, { notBefore: iso(clock() + backoffMs(message.attempts, random)) });
        counts.retried += 1;
        return;
      }
      if (delivered) {
        markSent(store, held, iso(clock()));
        counts.sent += 1;
        return;
      }
    }
    let reply: ReturnType<DrainOptions['compose']>;
    try {
      reply = options.compose(message);
    } catch (error) {
      // A message that cannot be composed never will be: dead, with why, instead of stuck.
      settle(message, held, { outcome: 'failed', error: `compose: ${loggableMessage(error)}` }, workspace);
      return;
    }
    if (reply === null) {
      markSent(store, held, iso(clock()));
      counts.skipped += 1;
      return;
    }
    let delivery: Delivery;
    try {
      delivery = await sender.deliver(message, reply);
    } catch (error) {
      delivery = { outcome: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    lastToRecipient.set(recipient, clock());
    settle(message, held, delivery, workspace);
  }

  function settle(message: OutboxRow, held: Claim, delivery: Delivery, workspace: string) {
    const now = clock();
    if (delivery.outcome === 'sent') {
      markSent(store, held, iso(now));
      counts.sent += 1;
      return;
    }
    if (delivery.outcome === 'retry' && delivery.rateLimited) {
      // The platform said how long to wait: the whole workspace waits, and this message is not at fault.
      const pause = delivery.retryAfterMs ?? 1_000;
      pace.pause(workspace, now + pause);
      requeue(store, held, { notBefore: iso(now + pause) });
      counts.rateLimited += 1;
      return;
    }
    const attempts = message.attempts + 1;
    if (delivery.outcome === 'failed' || attempts >= MAX_ATTEMPTS) {
      markDead(store, held, { attempts, error: delivery.error.slice(0, 500) });
      log.warn('outbox.dead', { id: message.id, platform: message.platform, attempts });
      counts.dead += 1;
      return;
    }
    const delay = delivery.retryAfterMs ?? backoffMs(attempts, random);
    requeue(store, held, { notBefore: iso(now + delay), attempts, error: delivery.error.slice(0, 500) });
    counts.retried += 1;
  }
}
