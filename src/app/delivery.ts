/**
 * Where Koers's own messages go: through each configured platform's sender (local mode's inbox
 * when none is configured). The outbox and the jobs that fill it get these, and never a platform
 * SDK.
 */
import type { Config } from '../config.ts';
import type { Platform } from '../domain/enums.ts';
import type { PlatformSender } from '../outbox/platform-sender.ts';
import type { PlatformAdapter } from '../platforms/platform-adapter.ts';

export type Delivery = { platforms: Platform[]; senders: PlatformSender[] };

export async function delivery(
  config: Config,
  adapters: readonly Pick<PlatformAdapter, 'sender'>[],
): Promise<Delivery> {
  const options = config.outboxRate ? { ratePerSecond: config.outboxRate } : {};
  const senders = await Promise.all(adapters.flatMap((adapter) => adapter.sender?.(options) ?? []));
  return { platforms: senders.map((sender) => sender.platform), senders };
}
