/**
 * The local playground's inbox (`local_messages`): what the outbox delivered in local mode, kept as
 * the Reply composed at delivery, and read back per person or per channel.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { localMessages } from '../../db/schema.ts';
import { rawBoolean } from './raw-values.ts';
import type { Store } from './store.ts';

export type LocalMessage = typeof localMessages.$inferSelect;
export type LocalConversation = { workspaceId: string; recipient: string; toChannel: boolean };

export async function keepLocalMessage(
  store: Store,
  message: typeof localMessages.$inferInsert,
): Promise<void> {
  const { localMessages } = store.t;
  await store.db.insert(localMessages).values(message);
}

/** The newest `limit` messages of one conversation, oldest first. */
export async function localMessagesOf(
  store: Store,
  where: LocalConversation,
  limit = 50,
): Promise<LocalMessage[]> {
  const { localMessages } = store.t;
  const newest = await store.db
    .select()
    .from(localMessages)
    .where(
      and(
        eq(localMessages.workspaceId, where.workspaceId),
        eq(localMessages.toChannel, where.toChannel),
        eq(localMessages.recipient, where.recipient),
      ),
    )
    .orderBy(desc(localMessages.id))
    .limit(limit);
  return newest.reverse();
}

/** How many messages each person of a workspace has been sent, for the person picker. */
export async function localMessageCounts(store: Store, workspaceId: string): Promise<Map<string, number>> {
  const { localMessages } = store.t;
  const rows = await store.db
    // PostgreSQL's count is a bigint, which drizzle hands back as text.
    .select({ recipient: localMessages.recipient, n: sql<number>`count(*)`.mapWith(Number) })
    .from(localMessages)
    .where(and(eq(localMessages.workspaceId, workspaceId), eq(localMessages.toChannel, false)))
    .groupBy(localMessages.recipient);
  return new Map(rows.map((row) => [row.recipient, row.n]));
}

export type LocalChannel = { channelId: string; staff: boolean; messages: number };

/** The playground's channels: every channel with a summary subscription or a message, by name. */
export async function localChannels(store: Store, workspaceId: string): Promise<LocalChannel[]> {
  // Booleans as 1/0 before `max` (PostgreSQL has no max of booleans); a derived table needs a name there.
  const rows = await store.raw.all(
    `select channel_id as "channelId", max(staff) as staff, sum(messages) as messages from (
       select channel_id, case when is_staff_channel then 1 else 0 end as staff, 0 as messages from subscriptions
         where platform = 'local' and workspace_id = :workspaceId
       union all
       select recipient, 0, count(*) from local_messages
         where workspace_id = :workspaceId and to_channel = true group by recipient) as channels
     group by channel_id order by channel_id`,
    { workspaceId },
  );
  return rows.map((row) => ({
    channelId: row.channelId as string,
    staff: rawBoolean(row.staff),
    messages: Number(row.messages),
  }));
}
