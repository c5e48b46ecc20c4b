/**
 * Who is asking, for the pipeline: the Koers person behind a Slack account of the school's
 * workspace, or why that account gets nothing.
 */
import type { webApi } from '@slack/bolt';
import type { Identity } from '../../engine/turn.ts';
import type { Store } from '../../store/database.ts';
import { slackIdentity } from './identity.ts';

/** What Slack tells of the person behind an event: their user id, and the client to ask about them. */
export type SlackAsker = { client: webApi.WebClient; userId: string };

export function slackPerson(
  store: Store,
  schoolTeam: (client: webApi.WebClient) => Promise<string | undefined>,
): (asker: SlackAsker) => Promise<Identity> {
  const identify = slackIdentity(store);
  return async ({ client, userId }) => {
    // Every request naming another workspace was refused by the listeners' middleware before it
    // got here; identities are kept under the school's workspace.
    const team = await schoolTeam(client);
    if (!team) return { kind: 'refused', key: 'slack.otherWorkspace' };
    const who = await identify(client, { teamId: team, userId });
    const locale = who.slackLocale ? { locale: who.slackLocale } : {};
    // An account whose changed email names nobody is told that, once; after that it is unknown.
    if (who.unlinkedNow) return { kind: 'refused', key: 'link.unlinked.slack', ...locale };
    if (!who.actor) return { kind: 'refused', key: 'slack.unlinked', ...locale };
    return {
      kind: 'person',
      actor: who.actor,
      platform: { platform: 'slack', workspaceId: team },
      ...locale,
    };
  };
}
