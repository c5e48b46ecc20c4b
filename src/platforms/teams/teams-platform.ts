import type { TurnContext } from 'botbuilder';
import { type AdaptiveCard, renderCards } from '../../render/adaptive-card.ts';
import type { AdapterDeps, PlatformAdapter, PlatformEntry } from '../platform-adapter.ts';
import { localMode } from '../platform-adapter.ts';
import { TEAMS_MESSAGES_PATH } from './teams-messages-path.ts';

export const teamsPlatform: PlatformEntry = {
  platform: 'teams',
  // Configured, or in local mode without a token to check: then it answers only this machine,
  // for trying Koers with a bot emulator.
  configured: (config) => config.teams !== undefined || localMode(config),
  sends: (config) => config.teams !== undefined,
  async create(deps) {
    return deps.config.teams ? load(deps) : emulatorAdapter(deps);
  },
};

/**
 * Local mode's Teams endpoint, for a bot emulator on this machine. The Teams SDK is most of an
 * idle Koers's memory (about 85 MB of heap, mostly its bundled sources), so it is loaded on the
 * first activity, not at start: local mode without an emulator never pays for it.
 */
function emulatorAdapter(deps: AdapterDeps): PlatformAdapter<TurnContext, AdaptiveCard[]> {
  let loaded: ReturnType<typeof load> | undefined;
  const adapter = () => {
    loaded ??= load(deps);
    return loaded;
  };
  return {
    platform: 'teams',
    routes: [
      {
        method: 'POST',
        path: TEAMS_MESSAGES_PATH,
        handler: async (request, response) => {
          const [route] = (await adapter()).routes;
          // A client that left while the SDK loaded left a stream that will never end: said as
          // the server says any request aborted mid-body (src/server/http-server.ts).
          if (request.readableAborted && !request.complete)
            throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
          await route?.handler(request, response);
        },
      },
    ],
    identify: async (context) => (await adapter()).identify(context),
    render: renderCards,
    announce: (t, baseUrl) => [t('start.teamsUnauthenticated', { url: `${baseUrl}${TEAMS_MESSAGES_PATH}` })],
    start: async () => {},
    stop: async () => {},
  };
}

/** The adapter itself, and with it the Teams SDK; authenticated when Teams is configured. */
async function load({ store, commands, config }: AdapterDeps) {
  const { createTeamsAdapter } = await import('./teams-adapter.ts');
  return createTeamsAdapter({ store, commands, teams: config.teams });
}
