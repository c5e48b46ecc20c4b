import { type PlatformEntry, playgroundServed } from '../platform-adapter.ts';

export const localPlatform: PlatformEntry = {
  platform: 'local',
  configured: playgroundServed,
  // Beside a real platform too: a person linked only to the playground (a training account) gets
  // their messages there.
  sends: playgroundServed,
  async create(deps) {
    const { localAdapter } = await import('./local-adapter.ts');
    return await localAdapter(deps);
  },
};
