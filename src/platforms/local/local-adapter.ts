/**
 * The local platform: the playground (a web page on the shared server) where anyone on this
 * machine acts as a person of the demo school, and the inbox the outbox delivers into. In local
 * mode it also owns Koers's clock, which the playground moves forward; beside a real platform
 * (KOERS_PLAYGROUND=1, for staff training) the clock is the real one and nothing resets.
 */

import { systemClock } from '../../engine/clock.ts';
import { renderText } from '../../render/text.ts';
import { type AdapterDeps, localMode, type PlatformAdapter } from '../platform-adapter.ts';
import { localSender } from './local-sender.ts';
import { playground } from './playground.ts';
import { playgroundClock } from './playground-clock.ts';
import { playgroundRoutes } from './playground-routes.ts';

export function localAdapter({ store, commands, config }: AdapterDeps): PlatformAdapter<never, string> {
  const demo = localMode(config);
  const movable = demo ? playgroundClock(store) : undefined;
  const clock = movable ?? systemClock;
  const sender = localSender(store, clock);
  const actions = playground({
    store,
    commands,
    timeZone: config.timeZone,
    clock,
    demo: movable ? { clock: movable, sender } : undefined,
  });
  return {
    platform: 'local',
    routes: playgroundRoutes({
      store,
      playground: actions,
      locale: config.locale,
      timeZone: config.timeZone,
      loopbackServer: demo,
    }),
    // The playground identifies its people itself (playground.ts), by the link the school made.
    identify: (asker: never) => asker,
    render: renderText,
    sender: async () => sender,
    announce: (t, baseUrl) =>
      demo
        ? [t('start.noPlatform'), t('start.playground', { url: `${baseUrl}/` })]
        : [t('start.playgroundBeside', { url: `${baseUrl}/` })],
    ...(movable ? { clock: movable } : {}),
    start: async () => {},
    stop: async () => {},
  };
}
