/**
 * Local mode: no chat platform, Koers on the demo school on this machine. Messages the outbox
 * delivers become `sent` there, which is the local inbox; the playground (a page on the shared
 * server) is where they will be read.
 */
import { renderText } from '../../render/text.ts';
import type { PlatformAdapter } from '../platform-adapter.ts';
import { localSender } from './local-sender.ts';

export function localAdapter(): PlatformAdapter<never, string> {
  return {
    platform: 'local',
    routes: [],
    // Nobody asks yet: the playground's person picker is where a local person will come from.
    identify: (asker: never) => asker,
    render: renderText,
    sender: async () => localSender(),
    announce: (t) => [t('start.noPlatform')],
    start: async () => {},
    stop: async () => {},
  };
}
