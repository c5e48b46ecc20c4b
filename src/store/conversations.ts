/** Logging a conversation with its participants and the goals its agreements became. */
import { conversationParticipants, conversations } from '../../db/schema.ts';
import type { Store } from './database.ts';
import { insertGoal, type NewGoal } from './goals.ts';

export type NewConversation = Omit<typeof conversations.$inferInsert, 'id'>;
export type NewParticipant = Omit<typeof conversationParticipants.$inferInsert, 'id' | 'conversationId'>;

export function insertConversation(
  store: Store,
  conversation: NewConversation,
  participants: readonly NewParticipant[],
  agreements: readonly Omit<NewGoal, 'conversationId'>[],
): { conversationId: number; goalIds: number[] } {
  const conversationId = store
    .insert(conversations)
    .values(conversation)
    .returning({ id: conversations.id })
    .get().id;
  if (participants.length > 0)
    store
      .insert(conversationParticipants)
      .values(participants.map((p) => ({ ...p, conversationId })))
      .run();
  const goalIds = agreements.map((goal) => insertGoal(store, { ...goal, conversationId }));
  return { conversationId, goalIds };
}
