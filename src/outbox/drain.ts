/**
 * Drains the outbox: every due message, per platform and workspace at the rate that platform
 * takes (learned from its answers, `rate-controller.ts`), through its sender; workspaces side by
 * side, several messages of one workspace on their way at once. A message is claimed (`sending`)
 * before the platform is asked and marked `sent` only after the platform accepted it. A rate limit
 * pauses that workspace for as long as the platform says; a passing failure is retried later with
 * backoff and jitter; a message that keeps failing, or fails for good, becomes `dead` with its error.
 * Of several drains on one database (Koers processes), one at a time sends to a workspace: the
 * holder of its lane (`LANE_LEASE_MS`); the others wait for it to finish or its lease to end.
 */
import { randomUUID } from 'node:crypto';
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
import { releaseLane, takeLane } from '../store/outbox-lanes.ts';
import type { Delivery, PlatformSender } from './platform-sender.ts';
import {
  type Answer,
  answered,
  at,
  initialState,
  MAX_IN_FLIGHT,
  nextSendAt,
  type RateState,
  sent,
  withCeiling,
} from './rate-controller.ts';

export const MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 10 * 60_000;
/** The longest a drain waits for a workspace's next moment; longer, it leaves the workspace for a later run. */
const MAX_SLOT_WAIT_MS = 5_000;
/** Slack allows about one message a second into one conversation. */
const PER_RECIPIENT_MS = 1_000;
const BATCH = 200;
/**
 * How long a claimed message belongs to its sender. Longer than any platform call may take (the
 * senders time out sooner), so that a second process never takes over a message still in flight.
 */
export const CLAIM_LEASE_MS = 60_000;
/**
 * How long a drainer has a workspace's lane (`outbox_lanes`) without renewing it. Several Koers
 * processes drain one outbox, but each learns a workspace's rate on its own and backs off on its
 * own 429s, so two sending at once stay below the platform's limit together: one drainer per
 * workspace at a time sends at the rate it learned. Short, because that is how long a killed
 * process keeps the others from its lane; long enough to be renewed (every third of it) by a
 * drainer that is slow for a moment (a paused second, a busy database) without losing it.
 */
export const LANE_LEASE_MS = 10_000;
/**
 * A drain whose lane another one holds asks again after this long: it takes over this soon after
 * the holder's lease ended, and returns this soon after the holder sent the last message.
 */
export const LANE_POLL_MS = 250;

export type DrainOptions = {
  /** What a message says, composed when it is sent; null when there is nothing to say any more. */
  compose: (message: OutboxRow) => Reply | null | Promise<Reply | null>;
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
  for (const message of await messagesInDoubt(store, [...byPlatform.keys()], leaseEnded)) {
    const sender = byPlatform.get(message.platform);
    const heldBy: Claim = { id: message.id, claimedAt: message.notBefore };
    const delivered = await deliveredAlready(sender, message);
    if (delivered === undefined) continue;
    const now = new Date(clock()).toISOString();
    if (delivered) {
      if (await markSent(store, heldBy, now)) found += 1;
    } else if (await requeue(store, heldBy, { notBefore: now })) requeued += 1;
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

/**
 * What each sender learned about each workspace's rate (`rate-controller.ts`), for as long as the
 * sender lives: across the drain runs of one `koers start`, forgotten when the process ends.
 */
const learned = new WeakMap<PlatformSender, Map<string, RateState>>();
/** Senders' waits for an answer from a workspace (a full window, too many in flight), per workspace. */
const waits = new WeakMap<PlatformSender, Map<string, (() => void)[]>>();

function perSender<T>(map: WeakMap<PlatformSender, Map<string, T>>, sender: PlatformSender) {
  let found = map.get(sender);
  if (!found) {
    found = new Map();
    map.set(sender, found);
  }
  return found;
}

/** What a sender learned about one workspace's rate so far: for `koers outbox` and tests. */
export function learnedRate(sender: PlatformSender, workspaceId: string): number | undefined {
  return learned.get(sender)?.get(workspaceId)?.rate;
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
  const lastToRecipient = new Map<string, number>();
  /** Recipients with a message on its way: a second one waits for the first's answer and a second. */
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const iso = (ms: number) => new Date(ms).toISOString();
  /** This run, as the holder of the lanes it sends to; when it took or last renewed each. */
  const holder = randomUUID();
  const lanesHeld = new Map<string, number>();
  /** A lane of the current batch is another drainer's: wait for it rather than stop. */
  let elsewhere = false;

  const rates = (sender: PlatformSender) => perSender(learned, sender);
  const stateOf = (sender: PlatformSender, workspaceId: string) => {
    const known = rates(sender).get(workspaceId);
    const state = at(
      known ? withCeiling(known, sender.ratePerSecond) : initialState(sender.ratePerSecond),
      clock(),
    );
    rates(sender).set(workspaceId, state);
    return state;
  };
  const update = (sender: PlatformSender, workspaceId: string, change: (state: RateState) => RateState) => {
    rates(sender).set(workspaceId, change(stateOf(sender, workspaceId)));
  };
  const answerFrom = (sender: PlatformSender, workspaceId: string) =>
    new Promise<void>((resolve) => {
      const waiting = perSender(waits, sender);
      waiting.set(workspaceId, [...(waiting.get(workspaceId) ?? []), resolve]);
    });
  const wake = (sender: PlatformSender, workspaceId: string) => {
    const waiting = perSender(waits, sender);
    for (const resolve of waiting.get(workspaceId) ?? []) resolve();
    waiting.delete(workspaceId);
  };

  try {
    while (!options.signal?.aborted) {
      const batch = await dueMessages(store, platforms, iso(clock()), BATCH);
      // Messages still on their way may come back due (a retry): wait for them before giving up.
      if (batch.length === 0 && inFlight.size === 0) break;
      elsewhere = false;
      const lanes = new Map<string, OutboxRow[]>();
      for (const message of batch) {
        const workspace = `${message.platform}/${message.workspaceId}`;
        lanes.set(workspace, [...(lanes.get(workspace) ?? []), message]);
      }
      const progressed = await Promise.all(
        [...lanes].map(([workspace, messages]) => lane(workspace, messages)),
      );
      if (!progressed.includes(true)) {
        if (inFlight.size > 0) await Promise.all(inFlight);
        // Another drainer sends to a workspace: until it is done (nothing of it is due any more) or
        // its lease runs out (it stopped), and then this one takes over.
        else if (elsewhere) await sleep(LANE_POLL_MS);
        // Every due message was skipped (paused workspaces): wait for the next run rather than spin.
        else break;
      }
    }
  } finally {
    await Promise.all(inFlight);
    for (const workspace of lanesHeld.keys())
      await releaseLane(store, workspace, holder).catch((error: unknown) =>
        // Not given back: it is free when its lease ends.
        log.warn('outbox.lane', { lane: workspace, error: loggableMessage(error) }),
      );
  }
  return counts;

  /**
   * Whether this run has the workspace's lane: taken, or renewed once a third of its lease has
   * passed. False when another drainer has it (then this run leaves the workspace alone).
   */
  async function hold(workspace: string): Promise<boolean> {
    const now = clock();
    const since = lanesHeld.get(workspace);
    if (since !== undefined && now >= since && now - since < LANE_LEASE_MS / 3) return true;
    const taken = await takeLane(store, workspace, holder, {
      now: iso(now),
      until: iso(now + LANE_LEASE_MS),
      longest: iso(now + 2 * LANE_LEASE_MS),
    });
    if (taken) lanesHeld.set(workspace, now);
    else {
      lanesHeld.delete(workspace);
      elsewhere = true;
    }
    return taken;
  }

  /** One workspace's share of a batch, in order, at the pace that workspace takes. */
  async function lane(workspace: string, messages: readonly OutboxRow[]): Promise<boolean> {
    let progressed = false;
    if (!(await hold(workspace))) return false;
    for (const message of messages) {
      if (options.signal?.aborted) break;
      const sender = byPlatform.get(message.platform);
      if (!sender) continue;
      const paced = await slot(sender, message.workspaceId);
      // The workspace is paused (a rate limit) past this batch: leave its messages for later.
      if (paced === undefined) break;
      // Renewed as it goes; lost (this process stood still past its lease): the new holder sends.
      if (!(await hold(workspace))) break;
      const recipient = `${workspace}/${message.recipient}`;
      const last = lastToRecipient.get(recipient);
      if (busy.has(recipient) || (last !== undefined && clock() - last < PER_RECIPIENT_MS)) {
        await postpone(
          store,
          message.id,
          iso((busy.has(recipient) ? clock() : (last ?? 0)) + PER_RECIPIENT_MS),
        );
        continue;
      }
      const held: Claim = { id: message.id, claimedAt: iso(clock()) };
      if (!(await claim(store, held.id, held.claimedAt))) continue;
      progressed = true;
      const reply = await prepare(message, held, sender);
      if (reply === undefined) continue;
      // The pace is asked again just before the platform is: claiming and composing take round
      // trips (on PostgreSQL, milliseconds), and a 429 that came in meanwhile must hold this message
      // back too. Sent regardless, it would be refused, ignore the platform's Retry-After, and be
      // taken for a second overflow that cuts the rate again. Nothing changed: it goes at once.
      const stillPaced = await slot(sender, message.workspaceId);
      if (stillPaced === undefined || !(await hold(workspace))) {
        await requeue(store, held, {
          notBefore: iso(Math.max(clock(), stateOf(sender, message.workspaceId).pausedUntil)),
        });
        break;
      }
      const sentAt = clock();
      update(sender, message.workspaceId, (state) => sent(state, sentAt));
      busy.add(recipient);
      const job = deliver(message, held, sender, reply, sentAt, paced || stillPaced).finally(() => {
        lastToRecipient.set(recipient, clock());
        busy.delete(recipient);
        inFlight.delete(job);
        wake(sender, message.workspaceId);
      });
      inFlight.add(job);
    }
    return progressed;
  }

  /**
   * Waits until the workspace may be sent its next message. Whether the pace held it back (rather
   * than an empty queue): only then does a platform's yes say the rate may rise. Undefined: the
   * workspace is paused for longer than a batch should wait.
   */
  async function slot(sender: PlatformSender, workspaceId: string) {
    let paced: boolean | undefined;
    for (;;) {
      const state = stateOf(sender, workspaceId);
      const next = nextSendAt(state, clock());
      const now = clock();
      if (next <= now) return paced ?? false;
      if (next !== Number.POSITIVE_INFINITY && next - now > MAX_SLOT_WAIT_MS) return undefined;
      // Waiting for the platform's window counts as the pace; waiting only because many are in flight does not.
      paced ??= next !== Number.POSITIVE_INFINITY || state.inFlight < MAX_IN_FLIGHT;
      if (next === Number.POSITIVE_INFINITY) await answerFrom(sender, workspaceId);
      else await sleep(next - now);
    }
  }

  /**
   * Before a claimed message goes out: whether it went already (a retry), and what it says now.
   * Undefined when it is settled without the platform being sent anything.
   */
  async function prepare(message: OutboxRow, held: Claim, sender: PlatformSender) {
    // A retry may follow a failure after the platform took the message (a timeout): ask first.
    if (message.attempts > 0) {
      const delivered = await deliveredAlready(sender, message);
      if (delivered === undefined) {
        await requeue(store, held, { notBefore: iso(clock() + backoffMs(message.attempts, random)) });
        counts.retried += 1;
        return undefined;
      }
      if (delivered) {
        await markSent(store, held, iso(clock()));
        counts.sent += 1;
        return undefined;
      }
    }
    let reply: Reply | null;
    try {
      reply = await options.compose(message);
    } catch (error) {
      // A message that cannot be composed never will be: dead, with why, instead of stuck.
      await settle(message, held, sender, {
        outcome: 'failed',
        error: `compose: ${loggableMessage(error)}`,
      });
      return undefined;
    }
    if (reply === null) {
      await markSent(store, held, iso(clock()));
      counts.skipped += 1;
      return undefined;
    }
    return reply;
  }

  /** Sends a claimed message and settles it with the platform's answer, which the pace learns from. */
  async function deliver(
    message: OutboxRow,
    held: Claim,
    sender: PlatformSender,
    reply: Reply,
    sentAt: number,
    paced: boolean,
  ) {
    let delivery: Delivery;
    try {
      delivery = await sender.deliver(message, reply);
    } catch (error) {
      delivery = { outcome: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    const now = clock();
    const answer: Answer =
      delivery.outcome === 'sent'
        ? { kind: 'accepted', sentAt, paced }
        : delivery.outcome === 'retry' && delivery.rateLimited
          ? {
              kind: 'rateLimited',
              sentAt,
              ...(delivery.retryAfterMs !== undefined && { retryAfterMs: delivery.retryAfterMs }),
            }
          : { kind: 'other', sentAt };
    update(sender, message.workspaceId, (state) => answered(state, answer, now));
    try {
      await settle(message, held, sender, delivery);
    } catch (error) {
      // The store failed: the message stays claimed and is settled by recovery once its lease ends.
      log.warn('outbox.settle', { id: message.id, error: loggableMessage(error) });
    }
  }

  async function settle(message: OutboxRow, held: Claim, sender: PlatformSender, delivery: Delivery) {
    const now = clock();
    if (delivery.outcome === 'sent') {
      await markSent(store, held, iso(now));
      counts.sent += 1;
      return;
    }
    if (delivery.outcome === 'retry' && delivery.rateLimited) {
      // The platform said how long to wait: the whole workspace waits (the pace holds it back until
      // then), and this message is not at fault.
      const until = Math.max(now, stateOf(sender, message.workspaceId).pausedUntil);
      await requeue(store, held, { notBefore: iso(until) });
      counts.rateLimited += 1;
      return;
    }
    const attempts = message.attempts + 1;
    if (delivery.outcome === 'failed' || attempts >= MAX_ATTEMPTS) {
      await markDead(store, held, { attempts, error: delivery.error.slice(0, 500) });
      log.warn('outbox.dead', { id: message.id, platform: message.platform, attempts });
      counts.dead += 1;
      return;
    }
    const delay = delivery.retryAfterMs ?? backoffMs(attempts, random);
    await requeue(store, held, {
      notBefore: iso(now + delay),
      attempts,
      error: delivery.error.slice(0, 500),
    });
    counts.retried += 1;
  }
}
