/**
 * Who a Teams user is in Koers: a linked platform identity (by Entra object id), or on first
 * contact the Koers person whose email or user principal name the tenant's directory gives for
 * the member (`TeamsInfo.getMember`), linked from then on. Teams tells every activity's language,
 * which is used for people without a Koers language of their own.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../../domain/actor.ts';
import type { Locale } from '../../domain/enums.ts';
import { log } from '../../log.ts';
import type { Store } from '../../store/database.ts';
import { findPersonByEmail, findPersonByPlatformUser } from '../../store/people.ts';
import { linkPlatformUser } from '../../store/platform-identities.ts';

export type TeamsPerson = {
  /** The Koers person, when the account is one. */
  actor: Actor | undefined;
  /** The language of the user's Teams client, when Koers speaks it. */
  teamsLocale: Locale | undefined;
};

/** `nl-NL` → nl, `en-US` → en; anything else is not a language Koers speaks. */
export function koersLocale(teamsLocale: string | undefined): Locale | undefined {
  const language = teamsLocale?.slice(0, 2).toLowerCase();
  return language === 'nl' || language === 'en' ? language : undefined;
}

/** The tenant an activity comes from: where Teams puts it for personal chats and for channels. */
export function tenantOf(context: TurnContext): string | undefined {
  const { conversation, channelData } = context.activity;
  const fromChannelData = (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
}

/** The directory's entry for the sender; undefined when Teams says there is none (404). */
async function directoryMember(context: TurnContext) {
  try {
    return await TeamsInfo.getMember(context, context.activity.from.id);
  } catch (error) {
    // Not a member Teams will describe (a removed account): nobody Koers knows. Anything else
    // (throttling, an outage) is a failure the user should hear about as one, not as "unknown".
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

export async function teamsPerson(
  store: Store,
  context: TurnContext,
  tenantId: string,
): Promise<TeamsPerson> {
  const teamsLocale = koersLocale(context.activity.locale);
  const objectId = context.activity.from.aadObjectId;
  const linked = objectId ? findPersonByPlatformUser(store, 'teams', tenantId, objectId) : undefined;
  if (linked) return { actor: linked, teamsLocale };
  const member = await directoryMember(context);
  const userId = member?.aadObjectId ?? objectId;
  // The directory's answer must be about the account that sent the activity, in this tenant.
  const trusted =
    member !== undefined &&
    // A guest's or anonymous user's address was set by whoever invited them, not by the school.
    member.userRole !== 'guest' &&
    member.userRole !== 'anonymous' &&
    userId !== undefined &&
    (objectId === undefined || member.aadObjectId === undefined || member.aadObjectId === objectId) &&
    (member.tenantId === undefined || member.tenantId === tenantId);
  // Schools often give students a UPN that differs from their mail address: either may be the roster's.
  const addresses = trusted ? [member.email, member.userPrincipalName] : [];
  const person = addresses
    .filter((address): address is string => typeof address === 'string' && address !== '')
    .map((address) => findPersonByEmail(store, address))
    .find((found) => found !== undefined);
  if (!person || !userId) {
    log.info('teams.unlinked', { tenant: tenantId });
    return { actor: undefined, teamsLocale };
  }
  linkPlatformUser(store, {
    platform: 'teams',
    workspaceId: tenantId,
    userId,
    person,
    at: new Date().toISOString(),
  });
  log.info('teams.linked', { tenant: tenantId, kind: person.kind });
  return { actor: person, teamsLocale };
}
