/**
 * The outbox: every message Koers sends is a row here first. Queuing is idempotent (the key);
 * a sender claims a row (`sending`) before it talks to the platform and marks it `sent` only
 * after the platform accepted it, so a crash leaves at most the rows it was sending in doubt.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { outbox } from '../../db/schema.ts';
import type { outboxStatuses, Platform } from '../domain/enums.ts';
import { idempotencyKey, type OutboxPayload, outboxPayload, studentOfPayload } from '../outbox/payload.ts';
import type { Store } from './store.ts';

/** A message the outbox gave up on: other modules that ask about it (a prompt that never arrived) name it so. */
export const DEAD = 'dead' satisfies (typeof outboxStatuses)[number];

export type OutboxRow = typeof outbox.$inferSelect;
export type Recipient = { platform: Platform; workspaceId: string; userId: string };
export type QueuedMessage = { recipient: Recipient; payload: OutboxPayload; notBefore: string };

/** Rows per insert: a fan-out of thousands in few statements, within both dialects' parameter limits. */
const ENQUEUE_BATCH = 500;

/** Queues messages; one already queued (same key) is left as it is. Returns how many are new. */
export async function enqueue(store: Store, messages: readonly QueuedMessage[], at: string): Promise<number> {
  const { outbox } = store.t;
  const rows = messages.map(({ recipient, payload, notBefore }) => ({
    idempotencyKey: idempotencyKey(payload),
    platform: recipient.platform,
    workspaceId: recipient.workspaceId,
    recipient: recipient.userId,
    studentId: studentOfPayload(payload),
    // The column maps the object to JSON itself.
    payload: outboxPayload.parse(payload),
    notBefore,
    createdAt: at,
  }));
  let added = 0;
  for (let start = 0; start < rows.length; start += ENQUEUE_BATCH) {
    // A row whose key is already queued (or repeats within the batch) returns nothing.
    const inserted = await store.db
      .insert(outbox)
      .values(rows.slice(start, start + ENQUEUE_BATCH))
      .onConflictDoNothing({ target: outbox.idempotencyKey })
      .returning({ id: outbox.id });
    added += inserted.length;
  }
  return added;
}

/** Due messages for these platforms, oldest first. */
export async function dueMessages(
  store: Store,
  platforms: readonly Platform[],
  now: string,
  limit: number,
): Promise<OutboxRow[]> {
  if (platforms.length === 0) return [];
  const { outbox } = store.t;
  return store.db
    .select()
    .from(outbox)
    .where(
      and(eq(outbox.status, 'queued'), inArray(outbox.platform, [...platforms]), lte(outbox.notBefore, now)),
    )
    .orderBy(asc(outbox.notBefore), asc(outbox.id))
    .limit(limit);
}

/**
 * Rows a sender claimed before `claimedBefore` and never settled: it stopped (a crash, a kill).
 * Younger claims may belong to a sender still at work in another process.
 */
export async function messagesInDoubt(
  store: Store,
  platforms: readonly Platform[],
  claimedBefore: string,
): Promise<OutboxRow[]> {
  if (platforms.length === 0) return [];
  const { outbox } = store.t;
  return store.db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'sending'),
        inArray(outbox.platform, [...platforms]),
        lte(outbox.notBefore, claimedBefore),
      ),
    );
}

/**
 * Claims a queued row for sending; false when another sender got it first. While a row is
 * `sending`, `not_before` holds when it was claimed: the lease another process may not break.
 * One conditional update, so two senders (also in two processes) cannot both win. On PostgreSQL,
 * where several Koers processes drain one outbox, the row is taken `for update skip locked`: a
 * row another process is claiming at this instant is passed over at once instead of waited for
 * (SQLite has one writer at a time, so nothing is ever being claimed meanwhile).
 */
export async function claim(store: Store, id: number, at: string): Promise<boolean> {
  const { outbox } = store.t;
  if (store.dialect === 'postgres')
    return (
      (await store.raw.run(
        `update outbox set status = 'sending', not_before = ?
          where id = (select id from outbox where id = ? and status = 'queued' for update skip locked)`,
        [at, id],
      )) === 1
    );
  const claimed = await store.db
    .update(outbox)
    .set({ status: 'sending', notBefore: at })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'queued')))
    .returning({ id: outbox.id });
  return claimed.length === 1;
}

/**
 * A sender's claim on a row: settling it only counts while the claim is still the sender's own
 * (status `sending`, claimed at that moment). A sender whose lease ran out and was taken over
 * changes nothing.
 */
export type Claim = { id: number; claimedAt: string };

const held = (table: typeof outbox, claim: Claim) =>
  and(eq(table.id, claim.id), eq(table.status, 'sending'), eq(table.notBefore, claim.claimedAt));

export async function markSent(store: Store, claim: Claim, at: string): Promise<boolean> {
  const { outbox } = store.t;
  const settled = await store.db
    .update(outbox)
    .set({ status: 'sent', sentAt: at, lastError: null })
    .where(held(outbox, claim))
    .returning({ id: outbox.id });
  return settled.length === 1;
}

/** Back in the queue, not before `notBefore`; `attempts` counts failures, not rate limits. */
export async function requeue(
  store: Store,
  claim: Claim,
  change: { notBefore: string; attempts?: number; error?: string },
): Promise<boolean> {
  const { outbox } = store.t;
  const settled = await store.db
    .update(outbox)
    .set({
      status: 'queued',
      notBefore: change.notBefore,
      ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
      ...(change.error !== undefined ? { lastError: change.error } : {}),
    })
    .where(held(outbox, claim))
    .returning({ id: outbox.id });
  return settled.length === 1;
}

/** A queued row that must wait (a conversation just written to): only while it is still queued. */
export async function postpone(store: Store, id: number, notBefore: string): Promise<void> {
  const { outbox } = store.t;
  await store.db
    .update(outbox)
    .set({ notBefore })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'queued')));
}

export async function markDead(
  store: Store,
  claim: Claim,
  change: { attempts: number; error: string },
): Promise<boolean> {
  const { outbox } = store.t;
  const settled = await store.db
    .update(outbox)
    .set({ status: DEAD, attempts: change.attempts, lastError: change.error })
    .where(held(outbox, claim))
    .returning({ id: outbox.id });
  return settled.length === 1;
}

export type OutboxCount = { platform: Platform; status: OutboxRow['status']; count: number };

/** What `koers outbox` shows: how many messages per platform and state. */
export async function outboxCounts(store: Store): Promise<OutboxCount[]> {
  const { outbox } = store.t;
  return store.db
    .select({
      platform: outbox.platform,
      status: outbox.status,
      // PostgreSQL's count is a bigint, which drizzle hands back as text.
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(outbox)
    .groupBy(outbox.platform, outbox.status)
    .orderBy(asc(outbox.platform), asc(outbox.status));
}

/** The last errors of dead messages, newest first: what an administrator looks into. */
export async function deadMessages(store: Store, limit: number) {
  const { outbox } = store.t;
  return store.db
    .select({ id: outbox.id, platform: outbox.platform, error: outbox.lastError, attempts: outbox.attempts })
    .from(outbox)
    .where(eq(outbox.status, DEAD))
    .orderBy(sql`${outbox.id} desc`)
    .limit(limit);
}
