import { localMode, type PlatformEntry } from '../platform-adapter.ts';

export const localPlatform: PlatformEntry = {
  platform: 'local',
  configured: localMode,
  sends: localMode,
  async create() {
    const { localAdapter } = await import('./local-adapter.ts');
    return localAdapter();
  },
};
