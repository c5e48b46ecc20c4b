import type { PlatformEntry } from '../platform-adapter.ts';

export const slackPlatform: PlatformEntry = {
  platform: 'slack',
  configured: (config) => config.slack !== undefined,
  sends: (config) => config.slack !== undefined,
  async create({ store, commands, config }) {
    // why here: `@slack/bolt` takes about half a second to load; only a Slack deployment pays for it.
    const { createSlackAdapter } = await import('./slack-adapter.ts');
    if (!config.slack) throw new Error('Slack is not configured');
    return createSlackAdapter({ store, commands, slack: config.slack });
  },
};
