/**
 * Koers in Microsoft Teams. Translates, and does nothing else: an activity posted by the Bot
 * Connector at `POST /api/messages` becomes a request to the command router (or the form engine)
 * as the Koers person behind the Teams account; the neutral Reply goes back as Adaptive Cards.
 *
 * With `TEAMS_APP_ID` every activity must carry a Bot Framework token, validated by botbuilder
 * (issuer, audience, signing keys, service URL); without it there is no token to check, so the
 * endpoint answers only this machine (loopback), for trying Koers with a bot emulator.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type {
  ConfigurationBotFrameworkAuthenticationOptions,
  ConversationReference,
  TurnContext,
} from 'botbuilder';
import type { Config } from '../../config.ts';
import type { Command } from '../../engine/command.ts';
import { log, loggableError, routeConsoleToLog } from '../../log.ts';
import { type AdaptiveCard, type CardOptions, renderCards } from '../../render/adaptive-card.ts';
import type { Reply } from '../../reply/reply.ts';
import { sendJson } from '../../server/http-server.ts';
import { readBoundedBody } from '../../server/read-body.ts';
import { fromThisMachine, isLocalHostName } from '../../server/this-machine.ts';
import type { Store } from '../../store/database.ts';
import {
  personalConversation,
  removeTeamsConversation,
  type SavedTeamsConversation,
  teamsConversation,
} from '../../store/teams-conversations.ts';
import type { PlatformAdapter } from '../platform-adapter.ts';
import { activityEnvelope } from './activity-envelope.ts';
import { cardActivity } from './card-activity.ts';
import { registerTeamsListeners } from './teams-listeners.ts';
import { TEAMS_MESSAGES_PATH } from './teams-messages-path.ts';
import { teamsIdentify } from './teams-person.ts';

/** A Bot Framework activity is small; Teams caps a message at 28 KB. More is not Teams talking. */
const MAX_BODY_BYTES = 256 * 1024;

export type TeamsAdapterHandle = PlatformAdapter<TurnContext, AdaptiveCard[]> & {
  /** Whether activities must carry a valid Bot Framework token (TEAMS_APP_ID is set). */
  authenticated: boolean;
  /**
   * Sends a Reply to a person's personal chat (recipient: their Entra object id) or to a
   * conversation Koers was installed in (recipient: its conversation id). False when Koers was
   * never installed there, so there is nowhere to send. `options.images`: chart images inline, by
   * their block's index (the caller keeps them within the message size).
   */
  send(tenantId: string, recipient: string, reply: Reply, options?: CardOptions): Promise<boolean>;
};

/**
 * Where botbuilder validates tokens against. Production uses the public cloud's (the default);
 * tests point it at a local OpenID configuration, as they point Slack at a local Web API.
 */
export type BotFrameworkEndpoints = Pick<
  ConfigurationBotFrameworkAuthenticationOptions,
  'ToBotFromChannelOpenIdMetadataUrl' | 'ToBotFromChannelTokenIssuer'
>;

const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

function botAuthentication(
  teams: NonNullable<Config['teams']>,
  endpoints: BotFrameworkEndpoints | undefined,
): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  return {
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    ...(teams.tenantId
      ? { MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: teams.tenantId }
      : { MicrosoftAppType: 'MultiTenant' }),
    ...(endpoints ? { ...PUBLIC_CLOUD, ...endpoints } : {}),
  };
}

/**
 * Where Koers may send what it says (and, authenticated, its bot token): over https when Teams
 * is configured; to this machine only when it is not (a bot emulator).
 */
export function trustedServiceUrl(serviceUrl: string | undefined, authenticated: boolean): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl ?? '');
  } catch {
    return false;
  }
  if (authenticated) return url.protocol === 'https:';
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLocalHostName(url.hostname);
}

export function createTeamsAdapter(deps: {
  store: Store;
  commands: readonly Command[];
  teams: Config['teams'];
  endpoints?: BotFrameworkEndpoints;
}): TeamsAdapterHandle {
  const { store, teams } = deps;
  // botbuilder writes a rejected token's error (and stack) with console.error: one JSON line instead.
  routeConsoleToLog(teams?.appPassword);
  const adapter = new TeamsAdapter(
    teams
      ? (botAuthentication(teams, deps.endpoints) as ConfigurationBotFrameworkAuthenticationOptions)
      : undefined,
  );
  adapter.onTurnError = async (_context, error) => {
    log.error('teams.turnFailed', { error: loggableError(error) });
  };
  const app = new Application<TurnState>({
    adapter,
    ...(teams ? { botAppId: teams.appId } : {}),
    removeRecipientMention: true,
    // The typing indicator would be one more call to Teams per message; Koers answers in milliseconds.
    startTypingTimer: false,
    longRunningMessages: false,
  });

  /**
   * Sends cards into a stored conversation. A reference Koers must not or cannot use any more (a
   * service URL this mode does not trust; Teams answering 403/404 because Koers was removed or
   * blocked) is forgotten, and false returned, so that nothing retries it for ever.
   */
  const sendTo = async (saved: SavedTeamsConversation, cards: AdaptiveCard[]): Promise<boolean> => {
    const reference = saved.reference as Partial<ConversationReference>;
    const gone = async () => {
      await removeTeamsConversation(store, saved.tenantId, saved.conversationId);
      log.info('teams.conversationGone', { tenant: saved.tenantId, scope: saved.scope });
      return false;
    };
    if (!trustedServiceUrl(reference.serviceUrl, teams !== undefined)) return gone();
    // botbuilder hands a failure inside the turn to onTurnError, which would make it look sent.
    let failure: unknown;
    await adapter.continueConversationAsync(teams?.appId ?? '', reference, async (context) => {
      try {
        for (const card of cards) await context.sendActivity(cardActivity(card));
      } catch (error) {
        failure = error;
      }
    });
    if (failure === undefined) return true;
    const status = (failure as { statusCode?: number }).statusCode;
    if (status === 403 || status === 404) return gone();
    throw failure;
  };
  const identify = teamsIdentify(store, teams?.tenantId);
  registerTeamsListeners(app, {
    store,
    commands: deps.commands,
    tenantId: teams?.tenantId,
    identify,
    sendTo,
  });

  const refuse = (response: ServerResponse, status: number, reason: string) => {
    log.warn('teams.refused', { status, reason });
    sendJson(response, status, { error: reason });
  };

  const handle: TeamsAdapterHandle = {
    platform: 'teams',
    identify,
    render: renderCards,
    authenticated: teams !== undefined,
    announce: (t, baseUrl) => [
      t(teams ? 'start.teamsAuthenticated' : 'start.teamsUnauthenticated', {
        url: `${baseUrl}${TEAMS_MESSAGES_PATH}`,
      }),
    ],
    // Without TEAMS_APP_ID Koers sends nothing into Teams: an emulator's messages are answers only.
    ...(teams
      ? {
          async sender(options: { ratePerSecond?: number }) {
            const { teamsSender } = await import('./teams-sender.ts');
            return teamsSender(handle, options);
          },
        }
      : {}),
    start: async () => {},
    stop: async () => {},
    routes: [
      {
        method: 'POST',
        path: TEAMS_MESSAGES_PATH,
        handler: async (request: IncomingMessage, response: ServerResponse) => {
          if (teams && !request.headers.authorization) {
            log.warn('teams.refused', { status: 401, reason: 'no token' });
            response.writeHead(401).end();
            return;
          }
          // Without a token to check, only this machine may talk, and not through a proxy on it.
          if (!teams && !fromThisMachine(request))
            return refuse(response, 403, 'unauthenticated Teams endpoint: this machine only');
          const bytes = await readBoundedBody(request, response, MAX_BODY_BYTES);
          if (!bytes) return log.warn('teams.refused', { status: 413, reason: 'too large' });
          let json: unknown;
          try {
            json = JSON.parse(bytes.toString('utf8'));
          } catch {
            return refuse(response, 400, 'not JSON');
          }
          const activity = activityEnvelope.safeParse(json);
          if (!activity.success) return refuse(response, 400, 'not a Bot Framework activity');
          // …and Koers answers only to this machine: a serviceUrl elsewhere would be told student data.
          if (!teams && !trustedServiceUrl(activity.data.serviceUrl, false))
            return refuse(response, 403, 'unauthenticated Teams endpoint: this machine only');
          // Web Chat and Direct Line can reach the same bot with valid tokens, but their tenant and
          // user fields are whatever the client says. Koers is a Teams app.
          if (activity.data.channelId !== 'msteams') {
            log.info('teams.ignored', { channel: activity.data.channelId.slice(0, 40) });
            response.writeHead(200).end();
            return;
          }
          // botbuilder answers a token it cannot verify (a bad signature, keys it cannot fetch) with
          // a 500, as if Koers had failed. No turn started means the request was not let in: 401.
          let turned = false;
          await adapter.process(
            { body: activity.data, headers: request.headers, method: request.method },
            nodeResponse(response, {
              statusOf: (status) => (status === 500 && !turned ? 401 : status),
              onRefused: (reason) => log.warn('teams.refused', { status: 401, reason }),
            }),
            async (context) => {
              turned = true;
              await app.run(context);
            },
          );
        },
      },
    ],
    async send(tenantId, recipient, reply, options = {}) {
      const found =
        (await personalConversation(store, tenantId, recipient)) ??
        (await teamsConversation(store, tenantId, recipient));
      return found ? sendTo(found, renderCards(reply, options)) : false;
    },
  };
  return handle;
}

/** The restify/express-shaped response botbuilder writes to, over Node's own. */
function nodeResponse(
  response: ServerResponse,
  hooks: { statusOf: (status: number) => number; onRefused: (reason: string) => void },
) {
  return {
    socket: response.socket,
    status(code: number) {
      response.statusCode = hooks.statusOf(code);
      return this;
    },
    header(name: string, value: unknown) {
      response.setHeader(name, String(value));
      return this;
    },
    send(body: unknown) {
      if (body === undefined) return this;
      // botbuilder sends its error's message as the body: the log keeps it, the refused caller
      // learns nothing from it.
      if (response.statusCode === 401) {
        hooks.onRefused(String(body).slice(0, 200));
        return this;
      }
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        response.write(body);
      } else {
        response.setHeader('content-type', 'application/json; charset=utf-8');
        response.write(JSON.stringify(body));
      }
      return this;
    },
    end() {
      response.end();
      return this;
    },
  };
}
