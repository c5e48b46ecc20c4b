/**
 * Where Koers's own messages go: the configured platforms, or local mode's inbox when none is.
 * The outbox and the jobs that fill it get these, and never a platform SDK.
 */
import type { Config } from '../config.ts';
import type { Platform } from '../domain/enums.ts';
import type { PlatformSender } from '../outbox/platform-sender.ts';
import { localSender } from '../platforms/local/local-sender.ts';
import { slackSender } from '../platforms/slack/slack-sender.ts';
import type { TeamsAdapterHandle } from '../platforms/teams/teams-adapter.ts';
import { teamsSender } from '../platforms/teams/teams-sender.ts';

export type Delivery = { platforms: Platform[]; senders: PlatformSender[] };

export function delivery(config: Config, teams: TeamsAdapterHandle | undefined): Delivery {
  const rate = config.outboxRate ? { ratePerSecond: config.outboxRate } : {};
  const senders: PlatformSender[] = [];
  if (config.slack) senders.push(slackSender(config.slack, rate));
  if (config.teams && teams) senders.push(teamsSender(teams, rate));
  if (senders.length === 0) senders.push(localSender());
  return { platforms: senders.map((sender) => sender.platform), senders };
}
