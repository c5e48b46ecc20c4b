/**
 * Every platform Koers speaks, in the order the start lines name them. Adding a platform is one
 * folder under src/platforms/ with its `PlatformEntry`, and one line here.
 */
import { localPlatform } from './local/local-platform.ts';
import type { AdapterDeps, PlatformAdapter, PlatformEntry } from './platform-adapter.ts';
import { slackPlatform } from './slack/slack-platform.ts';
import { teamsPlatform } from './teams/teams-platform.ts';

export const platforms: readonly PlatformEntry[] = [slackPlatform, teamsPlatform, localPlatform];

/**
 * The adapters of every configured platform, or (`sending`) of those the outbox sends through:
 * a job run from the terminal needs no listeners, and no SDK of a platform it does not send to.
 */
export async function createAdapters(
  deps: AdapterDeps,
  which: 'serving' | 'sending' = 'serving',
  // biome-ignore lint/suspicious/noExplicitAny: adapters of every Asker type; see PlatformEntry
): Promise<PlatformAdapter<any>[]> {
  const chosen = platforms.filter((entry) =>
    which === 'serving' ? entry.configured(deps.config) : entry.sends(deps.config),
  );
  const adapters = [];
  for (const entry of chosen) adapters.push(await entry.create(deps));
  return adapters;
}
