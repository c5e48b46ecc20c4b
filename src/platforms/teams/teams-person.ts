/**
 * Who is asking, for the pipeline: the Koers person behind a Teams account of the school's
 * tenant, or why that account gets nothing.
 */
import type { TurnContext } from 'botbuilder';
import type { Identity } from '../../engine/turn.ts';
import type { Store } from '../../store/database.ts';
import { teamsIdentity, tenantOf } from './identity.ts';

/** Only this tenant's users are served, when set (`TEAMS_TENANT_ID`). */
export function teamsIdentify(store: Store, onlyTenant: string | undefined) {
  const teamsPerson = teamsIdentity(store);
  return async (context: TurnContext): Promise<Identity> => {
    const tenantId = tenantOf(context);
    if (!tenantId || (onlyTenant && tenantId !== onlyTenant))
      return { kind: 'refused', key: 'teams.otherTenant' };
    const who = await teamsPerson(context, tenantId);
    // An account whose changed address names nobody is told that, once; after that it is unknown.
    if (who.unlinkedNow) return { kind: 'refused', key: 'link.unlinked.teams' };
    if (!who.actor) return { kind: 'refused', key: 'teams.unlinked' };
    return {
      kind: 'person',
      actor: who.actor,
      platform: { platform: 'teams', workspaceId: tenantId },
      ...(who.teamsLocale ? { locale: who.teamsLocale } : {}),
    };
  };
}
