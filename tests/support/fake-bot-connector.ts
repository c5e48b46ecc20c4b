/**
 * A stand-in for the Bot Connector service on this machine, at the `serviceUrl` test activities
 * carry. It answers the REST calls Koers makes as the Bot Framework documents them (replies,
 * proactive sends, card updates, member lookups) and records each, so tests can assert on what
 * Koers sent.
 */
import { createServer, type Server } from 'node:http';
import { listen } from '../../src/server/http-server.ts';

export type ConnectorCall = {
  method: string;
  /** `reply`, `send`, `update`, `member`, or `other`. */
  kind: 'reply' | 'send' | 'update' | 'member' | 'other';
  conversationId: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
};

/** A directory entry as `GET /v3/conversations/{id}/members/{userId}` returns it (TeamsChannelAccount). */
export type FakeTeamsMember = {
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  name?: string;
  tenantId?: string;
};

export async function fakeBotConnector(
  members: Record<string, FakeTeamsMember>,
  options: {
    /** Member lookups that fail with this status (Teams throttling or an outage). */
    failingMembers?: Record<string, number>;
  } = {},
) {
  const calls: ConnectorCall[] = [];
  /** Conversations Koers was removed from: Teams answers 403 to anything sent there. */
  const gone = new Set<string>();
  let activities = 0;
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://fake').pathname;
      const parts = path.split('/').map(decodeURIComponent);
      // /v3/conversations/{conversationId}/activities[/{activityId}] | /members/{userId}
      const conversationId = parts[3] ?? '';
      const resource = parts[4];
      const kind =
        resource === 'activities'
          ? request.method === 'PUT'
            ? 'update'
            : parts[5]
              ? 'reply'
              : 'send'
          : resource === 'members' && request.method === 'GET'
            ? 'member'
            : 'other';
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      calls.push({
        method: request.method ?? '',
        kind,
        conversationId,
        path,
        authorization: request.headers.authorization,
        body,
      });
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (kind === 'member') {
        const failing = options.failingMembers?.[parts[5] ?? ''];
        if (failing) return json(failing, { error: { code: 'ServiceError', message: 'try again later' } });
        const member = members[parts[5] ?? ''];
        if (!member)
          return json(404, { error: { code: 'MemberNotFoundInConversation', message: 'Member not found' } });
        return json(200, { id: parts[5], name: member.name ?? 'Naam', ...member });
      }
      if (gone.has(conversationId))
        return json(403, {
          error: {
            code: 'BotNotInConversationRoster',
            message: 'The bot is not part of the conversation roster.',
          },
        });
      if (kind === 'reply' || kind === 'send' || kind === 'update')
        return json(200, { id: `activity-${++activities}` });
      return json(404, { error: { code: 'NotFound', message: `no fake for ${request.method} ${path}` } });
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    /** What Koers posted (replies and proactive sends), in order. */
    posted: () => calls.filter((call) => call.kind === 'reply' || call.kind === 'send'),
    /** From now on Koers is not in this conversation any more (uninstalled, blocked). */
    removeBotFrom: (conversationId: string) => gone.add(conversationId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
