/**
 * Local mode's delivery: no chat platform, so a message is delivered into the playground's inbox
 * (`local_messages`), as the Reply composed now, at the playground's clock. The page shows a
 * person their direct messages and a channel its summaries from there.
 */
import type { Clock } from '../../engine/clock.ts';
import { toChannel } from '../../outbox/payload.ts';
import type { PlatformSender } from '../../outbox/platform-sender.ts';
import type { Store } from '../../store/database.ts';
import { keepLocalMessage } from '../../store/local-inbox.ts';

export function localSender(store: Store, clock: Clock): PlatformSender {
  return {
    platform: 'local',
    ratePerSecond: 1000,
    deliver: async (message, reply) => {
      await keepLocalMessage(store, {
        workspaceId: message.workspaceId,
        recipient: message.recipient,
        toChannel: toChannel(message.payload),
        studentId: message.studentId,
        reply: reply as unknown as Record<string, unknown>,
        deliveredAt: clock.now().toISOString(),
      });
      return { outcome: 'sent' };
    },
  };
}
