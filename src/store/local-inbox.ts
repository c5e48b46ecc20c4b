/**
 * The local playground's inbox (`local_messages`): what the outbox delivered in local mode, kept as
 * the Reply composed at delivery, and read back per person or per channel.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { localMessages } from '../../db/schema.ts';
import type { Store } from './database.ts';

export type LocalMessage = typeof localMessages.$inferSelect;
export type LocalConversation = { workspaceId: string; recipient: string; toChannel: boolean };

export function keepLocalMessage(store: Store, message: typeof localMessages.$inferInsert): void {
  store.insert(localMessages).values(message).run();
}

/** The newest `limit` messages of one conversation, oldest first. */
export function localMessagesOf(store: Store, where: LocalConversation, limit = 50): LocalMessage[] {
  return store
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
    .limit(limit)
    .all()
    .reverse();
}

/** How many messages each person of a workspace has been sent, for the person picker. */
export function localMessageCounts(store: Store, workspaceId: string): Map<string, number> {
  const rows = store
    .select({ recipient: localMessages.recipient, n: sql<number>`count(*)` })
    .from(localMessages)
    .where(and(eq(localMessages.workspaceId, workspaceId), eq(localMessages.toChannel, false)))
    .groupBy(localMessages.recipient)
    .all();
  return new Map(rows.map((row) => [row.recipient, row.n]));
}

export type LocalChannel = { channelId: string; staff: boolean; messages: number };

/** The playground's channels: every channel with a summary subscription or a message, by name. */
export function localChannels(store: Store, workspaceId: string): LocalChannel[] {
  return (
    store.$client
      .prepare(
        `select channel_id as channelId, max(staff) as staff, sum(messages) as messages from (
           select channel_id, is_staff_channel as staff, 0 as messages from subscriptions
             where platform = 'local' and workspace_id = :workspaceId
           union all
           select recipient, 0, count(*) from local_messages
             where workspace_id = :workspaceId and to_channel = 1 group by recipient)
         group by channel_id order by channel_id`,
      )
      .all({ workspaceId }) as { channelId: string; staff: number; messages: number }[]
  ).map((row) => ({ channelId: row.channelId, staff: row.staff === 1, messages: row.messages }));
}
