/** Logging a conversation with its participants and the goals its agreements became. */
import type { conversationParticipants, conversations } from '../../db/schema.ts';
import { insertGoal, type NewGoal } from './goals.ts';
import type { Store } from './store.ts';

export type NewConversation = Omit<typeof conversations.$inferInsert, 'id'>;
export type NewParticipant = Omit<typeof conversationParticipants.$inferInsert, 'id' | 'conversationId'>;

export async function insertConversation(
  store: Store,
  conversation: NewConversation,
  participants: readonly NewParticipant[],
  agreements: readonly Omit<NewGoal, 'conversationId'>[],
): Promise<{ conversationId: number; goalIds: number[] }> {
  const { conversations, conversationParticipants } = store.t;
  const [inserted] = await store.db
    .insert(conversations)
    .values(conversation)
    .returning({ id: conversations.id });
  const conversationId = (inserted as { id: number }).id;
  if (participants.length > 0)
    await store.db
      .insert(conversationParticipants)
      .values(participants.map((p) => ({ ...p, conversationId })));
  // One after the other: the goal ids come back in the agreements' order.
  const goalIds: number[] = [];
  for (const goal of agreements) goalIds.push(await insertGoal(store, { ...goal, conversationId }));
  return { conversationId, goalIds };
}
