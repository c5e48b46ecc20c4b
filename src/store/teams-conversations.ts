/**
 * The Teams conversations Koers was installed into, and the reference each needs for a message
 * Koers starts itself (a prompt, a reminder, a summary).
 */
import { and, eq, ne } from 'drizzle-orm';
import { teamsConversations } from '../../db/schema.ts';
import type { Store } from './database.ts';
import { inTransaction } from './transaction.ts';

export type TeamsConversation = typeof teamsConversations.$inferInsert;
export type SavedTeamsConversation = typeof teamsConversations.$inferSelect;

/**
 * Installing again (or Teams telling twice) refreshes the reference: its service URL can move.
 * A user's new personal chat replaces their old one. Returns whether this conversation is new.
 */
export function saveTeamsConversation(store: Store, conversation: TeamsConversation): boolean {
  const { tenantId, conversationId, ...rest } = conversation;
  return inTransaction(store, () => {
    const known = teamsConversation(store, tenantId, conversationId) !== undefined;
    if (conversation.scope === 'personal' && conversation.userId)
      store
        .delete(teamsConversations)
        .where(
          and(
            eq(teamsConversations.tenantId, tenantId),
            eq(teamsConversations.userId, conversation.userId),
            eq(teamsConversations.scope, 'personal'),
            ne(teamsConversations.conversationId, conversationId),
          ),
        )
        .run();
    store
      .insert(teamsConversations)
      .values(conversation)
      .onConflictDoUpdate({
        target: [teamsConversations.tenantId, teamsConversations.conversationId],
        set: rest,
      })
      .run();
    return !known;
  });
}

export function removeTeamsConversation(store: Store, tenantId: string, conversationId: string): boolean {
  const removed = store
    .delete(teamsConversations)
    .where(
      and(eq(teamsConversations.tenantId, tenantId), eq(teamsConversations.conversationId, conversationId)),
    )
    .run();
  return removed.changes > 0;
}

/** A team is removed as a whole: every channel conversation Koers kept for it goes. */
export function removeTeamConversations(store: Store, tenantId: string, teamId: string): number {
  return store
    .delete(teamsConversations)
    .where(and(eq(teamsConversations.tenantId, tenantId), eq(teamsConversations.teamId, teamId)))
    .run().changes;
}

/** The personal chat with a user, by their Entra object id. */
export function personalConversation(
  store: Store,
  tenantId: string,
  userId: string,
): SavedTeamsConversation | undefined {
  return store
    .select()
    .from(teamsConversations)
    .where(
      and(
        eq(teamsConversations.tenantId, tenantId),
        eq(teamsConversations.userId, userId),
        eq(teamsConversations.scope, 'personal'),
      ),
    )
    .get();
}

export function teamsConversation(
  store: Store,
  tenantId: string,
  conversationId: string,
): SavedTeamsConversation | undefined {
  return store
    .select()
    .from(teamsConversations)
    .where(
      and(eq(teamsConversations.tenantId, tenantId), eq(teamsConversations.conversationId, conversationId)),
    )
    .get();
}
