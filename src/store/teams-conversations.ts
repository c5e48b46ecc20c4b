/**
 * The Teams conversations Koers was installed into, and the reference each needs for a message
 * Koers starts itself (a prompt, a reminder, a summary).
 */
import { and, eq, ne } from 'drizzle-orm';
import type { teamsConversations } from '../../db/schema.ts';
import type { Store } from './store.ts';
import { inTransaction } from './transaction.ts';

export type TeamsConversation = typeof teamsConversations.$inferInsert;
export type SavedTeamsConversation = typeof teamsConversations.$inferSelect;

/**
 * Installing again (or Teams telling twice) refreshes the reference: its service URL can move.
 * A user's new personal chat replaces their old one. Returns whether this conversation is new.
 */
export async function saveTeamsConversation(store: Store, conversation: TeamsConversation): Promise<boolean> {
  const { teamsConversations } = store.t;
  const { tenantId, conversationId, ...rest } = conversation;
  return inTransaction(store, async () => {
    const known = (await teamsConversation(store, tenantId, conversationId)) !== undefined;
    if (conversation.scope === 'personal' && conversation.userId)
      await store.db
        .delete(teamsConversations)
        .where(
          and(
            eq(teamsConversations.tenantId, tenantId),
            eq(teamsConversations.userId, conversation.userId),
            eq(teamsConversations.scope, 'personal'),
            ne(teamsConversations.conversationId, conversationId),
          ),
        );
    await store.db
      .insert(teamsConversations)
      .values(conversation)
      .onConflictDoUpdate({
        target: [teamsConversations.tenantId, teamsConversations.conversationId],
        set: rest,
      });
    return !known;
  });
}

export async function removeTeamsConversation(
  store: Store,
  tenantId: string,
  conversationId: string,
): Promise<boolean> {
  const { teamsConversations } = store.t;
  const removed = await store.db
    .delete(teamsConversations)
    .where(
      and(eq(teamsConversations.tenantId, tenantId), eq(teamsConversations.conversationId, conversationId)),
    )
    .returning({ id: teamsConversations.id });
  return removed.length > 0;
}

/** A team is removed as a whole: every channel conversation Koers kept for it goes. */
export async function removeTeamConversations(
  store: Store,
  tenantId: string,
  teamId: string,
): Promise<number> {
  const { teamsConversations } = store.t;
  const removed = await store.db
    .delete(teamsConversations)
    .where(and(eq(teamsConversations.tenantId, tenantId), eq(teamsConversations.teamId, teamId)))
    .returning({ id: teamsConversations.id });
  return removed.length;
}

/** The personal chat with a user, by their Entra object id. */
export async function personalConversation(
  store: Store,
  tenantId: string,
  userId: string,
): Promise<SavedTeamsConversation | undefined> {
  const { teamsConversations } = store.t;
  const [found] = await store.db
    .select()
    .from(teamsConversations)
    .where(
      and(
        eq(teamsConversations.tenantId, tenantId),
        eq(teamsConversations.userId, userId),
        eq(teamsConversations.scope, 'personal'),
      ),
    )
    .limit(1);
  return found;
}

export async function teamsConversation(
  store: Store,
  tenantId: string,
  conversationId: string,
): Promise<SavedTeamsConversation | undefined> {
  const { teamsConversations } = store.t;
  const [found] = await store.db
    .select()
    .from(teamsConversations)
    .where(
      and(eq(teamsConversations.tenantId, tenantId), eq(teamsConversations.conversationId, conversationId)),
    )
    .limit(1);
  return found;
}
