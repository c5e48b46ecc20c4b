/**
 * Local mode's delivery: there is no chat platform, so a message is delivered by becoming `sent`
 * in the outbox, which is the local playground's inbox (it shows a person their sent messages).
 */
import type { PlatformSender } from '../../outbox/platform-sender.ts';

export function localSender(): PlatformSender {
  return {
    platform: 'local',
    ratePerSecond: 1000,
    deliver: async () => ({ outcome: 'sent' }),
  };
}
