/**
 * The local platform: the playground (a web page on the shared server) where anyone on this
 * machine acts as a person of the demo school, and the inbox the outbox delivers into. In local
 * mode it also owns Koers's clock, which the playground moves forward; beside a real platform
 * (KOERS_PLAYGROUND=1, for staff training) the clock is the real one and nothing resets.
 */

import { systemClock } from '../../engine/clock.ts';
import { renderHtml } from '../../render/html.ts';
import { type AdapterDeps, localMode, type PlatformAdapter } from '../platform-adapter.ts';
import { localPerson } from './local-person.ts';
import { localSender } from './local-sender.ts';
import { playground } from './playground.ts';
import { playgroundClock } from './playground-clock.ts';
import { PLAYGROUND_PATHS } from './playground-paths.ts';
import { playgroundRoutes } from './playground-routes.ts';

/** The playground's asker: a user id of the local platform. */
export async function localAdapter({
  store,
  commands,
  config,
}: AdapterDeps): Promise<PlatformAdapter<string, string>> {
  const demo = localMode(config);
  const movable = demo ? await playgroundClock(store) : undefined;
  const clock = movable ?? systemClock;
  const sender = localSender(store, clock);
  const actions = playground({
    store,
    commands,
    timeZone: config.timeZone,
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
    identify: async (userId) => localPerson(store, actions.workspaceId(), userId),
    // The pages render with the person and the token in every form (pages/); this is the same
    // drawing without them, for whoever holds only the adapter.
    render: (reply) => renderHtml(reply, { action: PLAYGROUND_PATHS.button, submit: PLAYGROUND_PATHS.form }),
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
