/**
 * Koers in Slack. Translates, and does nothing else: a slash command, a button, a submitted modal
 * or an opened App Home becomes a request to the command router (or the form engine) as the
 * Koers person behind the Slack account; the neutral Reply comes back as Block Kit.
 *
 * HTTP mode mounts Bolt's receiver on Koers's own server at `POST /slack/events`; with
 * `SLACK_APP_TOKEN` Bolt connects out over Socket Mode instead (no public URL needed).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPModuleFunctions, HTTPReceiver } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { Command } from '../../engine/command.ts';
import { renderMessages } from '../../render/block-kit.ts';
import { readBoundedBody } from '../../server/read-body.ts';
import type { Store } from '../../store/database.ts';
import type { PlatformAdapter } from '../platform-adapter.ts';
import { slackEnvelope } from './envelope.ts';
import { SLACK_EVENTS_PATH } from './slack-events-path.ts';
import { registerSlackListeners } from './slack-listeners.ts';
import { slackLogger } from './slack-logger.ts';
import { type SlackAsker, slackPerson } from './slack-person.ts';
import { schoolWorkspace } from './workspace.ts';

/** Slack's own rule is five minutes; Bolt checks only the past, Koers also the future. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Slack's largest requests (a modal's state, a long message event) stay well below this. */
const MAX_BODY_BYTES = 1024 * 1024;

export type SlackAdapter = PlatformAdapter<SlackAsker, ReturnType<typeof renderMessages>> & {
  /** Over HTTP on Koers's server (`POST /slack/events`), or connected out over Socket Mode. */
  mode: 'http' | 'socket';
};

function freshTimestamp(request: IncomingMessage, nowSeconds: number): boolean {
  const header = request.headers['x-slack-request-timestamp'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isInteger(seconds) && Math.abs(nowSeconds - seconds) <= MAX_CLOCK_SKEW_SECONDS;
}

export function createSlackAdapter(deps: {
  store: Store;
  commands: readonly Command[];
  slack: NonNullable<Config['slack']>;
}): SlackAdapter {
  const { slack, store, commands } = deps;
  const logger = slackLogger();
  const clientOptions = slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {};
  const schoolTeam = schoolWorkspace();
  const identify = slackPerson(store, schoolTeam);
  const listening = { store, commands, identify, schoolTeam };
  const common = {
    platform: 'slack' as const,
    identify,
    render: renderMessages,
    sender: async (options: { ratePerSecond?: number }) => {
      // why lazily: the outbox's sender is needed by `koers start`, not by every request path.
      const { slackSender } = await import('./slack-sender.ts');
      return slackSender(slack, options);
    },
  };
  if (slack.appToken) {
    const app = new App({
      token: slack.botToken,
      appToken: slack.appToken,
      socketMode: true,
      logger,
      clientOptions,
    });
    registerSlackListeners(app, listening);
    return {
      ...common,
      routes: [],
      mode: 'socket',
      announce: (t) => [t('start.slackSocket')],
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
    };
  }
  const { signingSecret } = slack;
  if (!signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET (config checks this)');
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    // The route below has already read the body within this limit; stated again for Bolt's own reader.
    bodyLimit: MAX_BODY_BYTES,
    // A retry re-sends the same body: its hash is how the retry guard knows it (retry-guard.ts).
    customPropertiesExtractor: (request) => ({
      bodyHash: createHash('sha256').update(request.rawBody).digest('hex'),
    }),
  });
  const app = new App({ token: slack.botToken, receiver, logger, clientOptions });
  registerSlackListeners(app, listening);
  return {
    ...common,
    announce: (t, baseUrl) => [t('start.slackHttp', { url: `${baseUrl}${SLACK_EVENTS_PATH}` })],
    routes: [
      {
        method: 'POST',
        path: SLACK_EVENTS_PATH,
        handler: async (request: IncomingMessage, response: ServerResponse) => {
          const refuse = (status: number) => {
            response.writeHead(status).end();
          };
          if (!freshTimestamp(request, Math.floor(Date.now() / 1000))) return refuse(401);
          // Bounded while reading, before any parsing or signature work: an unsigned sender must not
          // make Koers hold an arbitrarily large body in memory just to find the signature wrong.
          const bytes = await readBoundedBody(request, response, MAX_BODY_BYTES);
          if (!bytes) return;
          // Verified here as Bolt would (its own functions), so that a signed but malformed body is
          // 400 before Bolt, which would fail on it with a 500; Bolt sees `rawBody` and reuses it.
          const buffered = Object.assign(request, { rawBody: bytes });
          try {
            await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret }, buffered, response);
          } catch {
            return refuse(401);
          }
          let body: unknown;
          try {
            body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
          } catch {
            return refuse(400);
          }
          if (!slackEnvelope.safeParse(body).success) return refuse(400);
          receiver.requestListener(buffered, response);
        },
      },
    ],
    mode: 'http',
    start: async () => {},
    stop: async () => {},
  };
}
