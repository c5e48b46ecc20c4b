/**
 * The Slack requests Koers has taken (`slack_requests`): the retry guard's memory
 * (`src/platforms/slack/retry-guard.ts`), in the database because a retry Slack sends may reach
 * another Koers process sharing it than the first try did.
 */
import { lte } from 'drizzle-orm';
import type { Store } from './store.ts';

/** How long a key is remembered: Slack retries within minutes (three tries, the last after about five). */
export const SLACK_RETRY_WINDOW_MS = 15 * 60 * 1000;

const windowStart = (now: Date) => new Date(now.getTime() - SLACK_RETRY_WINDOW_MS).toISOString();

/**
 * Takes `key` at `now`: true unless it was taken within the window before. One statement, so of
 * two processes offered the same key at once only one is told it is new: the database holds the
 * second insert until the first is done, and then finds its row. A key taken longer ago than the
 * window counts as new and is taken again at `now`.
 */
export async function takeSlackRequest(store: Store, key: string, now: Date): Promise<boolean> {
  const { slackRequests } = store.t;
  const seenAt = now.toISOString();
  const taken = await store.db
    .insert(slackRequests)
    .values({ key, seenAt })
    .onConflictDoUpdate({
      target: slackRequests.key,
      set: { seenAt },
      setWhere: lte(slackRequests.seenAt, windowStart(now)),
    })
    .returning({ key: slackRequests.key });
  return taken.length > 0;
}

/** Forgets the keys the window has passed (they would count as new anyway); returns how many. */
export async function forgetOldSlackRequests(store: Store, now: Date): Promise<number> {
  const { slackRequests } = store.t;
  const forgotten = await store.db
    .delete(slackRequests)
    .where(lte(slackRequests.seenAt, windowStart(now)))
    .returning({ key: slackRequests.key });
  return forgotten.length;
}
