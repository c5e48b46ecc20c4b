/**
 * Who is acting in the playground: the person linked to the local platform under this user id
 * (in the demo, their email), as Slack finds a person by their Slack account. Anyone else is
 * refused: the playground never acts as somebody the school did not link to it.
 */
import type { Identity } from '../../engine/turn.ts';
import type { Store } from '../../store/database.ts';
import { findPersonByPlatformUser } from '../../store/people.ts';

export async function localPerson(store: Store, workspaceId: string, userId: string): Promise<Identity> {
  const actor = await findPersonByPlatformUser(store, 'local', workspaceId, userId);
  return actor
    ? { kind: 'person', actor, platform: { platform: 'local', workspaceId } }
    : { kind: 'refused', key: 'playground.unknownPerson' };
}
