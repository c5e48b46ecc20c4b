/**
 * Where Koers's own messages go: the configured platforms, or local mode's inbox when none is.
 * The outbox and the jobs that fill it get these, and never a platform SDK.
 */
import type { Config } from '../config.ts';
import type { Platform } from '../domain/enums.ts';
import type { PlatformSender } from '../outbox/platform-sender.ts';
import type { TeamsAdapterHandle } from '../platforms/teams/teams-adapter.ts';

export type Delivery = { platforms: Platform[]; senders: PlatformSender[] };

/**
 * Each sender is imported only when its platform is configured. why: the Slack sender loads
 * `@slack/bolt` (about half a second); a Teams-only or local deployment never pays for it.
 */
export async function delivery(config: Config, teams: TeamsAdapterHandle | undefined): Promise<Delivery> {
  const rate = config.outboxRate ? { ratePerSecond: config.outboxRate } : {};
  const senders: PlatformSender[] = [];
  if (config.slack) {
    const { slackSender } = await import('../platforms/slack/slack-sender.ts');
    senders.push(slackSender(config.slack, rate));
  }
  if (config.teams && teams) {
    const { teamsSender } = await import('../platforms/teams/teams-sender.ts');
    senders.push(teamsSender(teams, rate));
  }
  if (senders.length === 0) {
    const { localSender } = await import('../platforms/local/local-sender.ts');
    senders.push(localSender());
  }
  return { platforms: senders.map((sender) => sender.platform), senders };
}
