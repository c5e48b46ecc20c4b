/**
 * The outbox: every message Koers sends is a row here first. Queuing is idempotent (the key);
 * a sender claims a row (`sending`) before it talks to the platform and marks it `sent` only
 * after the platform accepted it, so a crash leaves at most the rows it was sending in doubt.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { outbox } from '../../db/schema.ts';
import type { Platform } from '../domain/enums.ts';
import { idempotencyKey, type OutboxPayload, outboxPayload, studentOfPayload } from '../outbox/payload.ts';
import type { Store } from './database.ts';
import { prepared } from './prepared.ts';

export type OutboxRow = typeof outbox.$inferSelect;
export type Recipient = { platform: Platform; workspaceId: string; userId: string };
export type QueuedMessage = { recipient: Recipient; payload: OutboxPayload; notBefore: string };

/** Queues messages; one already queued (same key) is left as it is. Returns how many are new. */
export function enqueue(store: Store, messages: readonly QueuedMessage[], at: string): number {
  const insert = prepared(store, 'outbox.enqueue', () =>
    store
      .insert(outbox)
      .values({
        idempotencyKey: sql.placeholder('key'),
        platform: sql.placeholder('platform'),
        workspaceId: sql.placeholder('workspaceId'),
        recipient: sql.placeholder('recipient'),
        studentId: sql.placeholder('studentId'),
        payload: sql.placeholder('payload'),
        notBefore: sql.placeholder('notBefore'),
        createdAt: sql.placeholder('createdAt'),
      })
      .onConflictDoNothing({ target: outbox.idempotencyKey })
      .prepare(),
  );
  let added = 0;
  for (const { recipient, payload, notBefore } of messages) {
    const result = insert.run({
      key: idempotencyKey(payload),
      platform: recipient.platform,
      workspaceId: recipient.workspaceId,
      recipient: recipient.userId,
      studentId: studentOfPayload(payload),
      // The column maps the object to JSON itself.
      payload: outboxPayload.parse(payload),
      notBefore,
      createdAt: at,
    });
    added += result.changes;
  }
  return added;
}

/** Due messages for these platforms, oldest first. */
export function dueMessages(
  store: Store,
  platforms: readonly Platform[],
  now: string,
  limit: number,
): OutboxRow[] {
  if (platforms.length === 0) return [];
  return store
    .select()
    .from(outbox)
    .where(
      and(eq(outbox.status, 'queued'), inArray(outbox.platform, [...platforms]), lte(outbox.notBefore, now)),
    )
    .orderBy(asc(outbox.notBefore), asc(outbox.id))
    .limit(limit)
    .all();
}

/**
 * Rows a sender claimed before `claimedBefore` and never settled: it stopped (a crash, a kill).
 * Younger claims may belong to a sender still at work in another process.
 */
export function messagesInDoubt(
  store: Store,
  platforms: readonly Platform[],
  claimedBefore: string,
): OutboxRow[] {
  if (platforms.length === 0) return [];
  return store
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'sending'),
        inArray(outbox.platform, [...platforms]),
        lte(outbox.notBefore, claimedBefore),
      ),
    )
    .all();
}

/**
 * Claims a queued row for sending; false when another sender got it first. While a row is
 * `sending`, `not_before` holds when it was claimed: the lease another process may not break.
 */
export function claim(store: Store, id: number, at: string): boolean {
  // Once per message of a fan-out of thousands: built once per store.
  const update = prepared(store, 'outbox.claim', () =>
    store
      .update(outbox)
      .set({ status: 'sending', notBefore: sql`${sql.placeholder('at')}` })
      .where(and(eq(outbox.id, sql.placeholder('id')), eq(outbox.status, 'queued')))
      .prepare(),
  );
  return update.run({ id, at }).changes === 1;
}

/**
 * A sender's claim on a row: settling it only counts while the claim is still the sender's own
 * (status `sending`, claimed at that moment). A sender whose lease ran out and was taken over
 * changes nothing.
 */
export type Claim = { id: number; claimedAt: string };

const held = (claim: Claim) =>
  and(eq(outbox.id, claim.id), eq(outbox.status, 'sending'), eq(outbox.notBefore, claim.claimedAt));

export function markSent(store: Store, claim: Claim, at: string): boolean {
  const update = prepared(store, 'outbox.markSent', () =>
    store
      .update(outbox)
      .set({ status: 'sent', sentAt: sql`${sql.placeholder('at')}`, lastError: null })
      .where(
        and(
          eq(outbox.id, sql.placeholder('id')),
          eq(outbox.status, 'sending'),
          eq(outbox.notBefore, sql.placeholder('claimedAt')),
        ),
      )
      .prepare(),
  );
  return update.run({ id: claim.id, claimedAt: claim.claimedAt, at }).changes === 1;
}

/** Back in the queue, not before `notBefore`; `attempts` counts failures, not rate limits. */
export function requeue(
  store: Store,
  claim: Claim,
  change: { notBefore: string; attempts?: number; error?: string },
): boolean {
  return (
    store
      .update(outbox)
      .set({
        status: 'queued',
        notBefore: change.notBefore,
        ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
        ...(change.error !== undefined ? { lastError: change.error } : {}),
      })
      .where(held(claim))
      .run().changes === 1
  );
}

/** A queued row that must wait (a conversation just written to): only while it is still queued. */
export function postpone(store: Store, id: number, notBefore: string): void {
  store
    .update(outbox)
    .set({ notBefore })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'queued')))
    .run();
}

export function markDead(store: Store, claim: Claim, change: { attempts: number; error: string }): boolean {
  return (
    store
      .update(outbox)
      .set({ status: 'dead', attempts: change.attempts, lastError: change.error })
      .where(held(claim))
      .run().changes === 1
  );
}

export type OutboxCount = { platform: Platform; status: OutboxRow['status']; count: number };

/** What `koers outbox` shows: how many messages per platform and state. */
export function outboxCounts(store: Store): OutboxCount[] {
  return store
    .select({ platform: outbox.platform, status: outbox.status, count: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.platform, outbox.status)
    .orderBy(asc(outbox.platform), asc(outbox.status))
    .all();
}

/** The last errors of dead messages, newest first: what an administrator looks into. */
export function deadMessages(store: Store, limit: number) {
  return store
    .select({ id: outbox.id, platform: outbox.platform, error: outbox.lastError, attempts: outbox.attempts })
    .from(outbox)
    .where(eq(outbox.status, 'dead'))
    .orderBy(sql`${outbox.id} desc`)
    .limit(limit)
    .all();
}
