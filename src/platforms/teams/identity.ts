/**
 * Who a Teams user is in Koers: a linked platform identity (by Entra object id), or on first
 * contact the Koers person whose email or user principal name the tenant's directory gives for
 * the member (`TeamsInfo.getMember`), linked from then on. A linked account's addresses are
 * asked again on its first use in a process and then at most once an hour: a changed one is
 * decided as docs/linking.md says. Teams tells every activity's language, which is used for
 * people without a Koers language of their own.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../../domain/actor.ts';
import type { Locale } from '../../domain/enums.ts';
import { log } from '../../log.ts';
import type { Store } from '../../store/database.ts';
import { findPersonByEmail, findPersonByPlatformUser } from '../../store/people.ts';
import {
  linkPlatformUser,
  type Recheck,
  type ReportedAccount,
  recheckPlatformEmail,
  recheckSchedule,
} from '../../store/platform-identities.ts';

export type TeamsPerson = {
  /** The Koers person, when the account is one. */
  actor: Actor | undefined;
  /** The language of the user's Teams client, when Koers speaks it. */
  teamsLocale: Locale | undefined;
  /** The account was linked by email, and its address changed to one that names nobody: unlinked now. */
  unlinkedNow?: boolean;
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

type Member = Awaited<ReturnType<typeof directoryMember>>;

/**
 * What the directory says of the sender: their addresses (mail, then user principal name: schools
 * often give students a UPN that differs from their mail address, and either may be the roster's),
 * and whether Koers may trust them: the answer is about the account that sent the activity, in
 * this tenant, and not a guest's or anonymous user's (whose address their inviter set).
 */
function reported(member: Member, objectId: string | undefined, tenantId: string): ReportedAccount {
  if (!member) return { addresses: [], trusted: false };
  const userId = member.aadObjectId ?? objectId;
  const trusted =
    member.userRole !== 'guest' &&
    member.userRole !== 'anonymous' &&
    userId !== undefined &&
    (objectId === undefined || member.aadObjectId === undefined || member.aadObjectId === objectId) &&
    (member.tenantId === undefined || member.tenantId === tenantId);
  const addresses = [member.email, member.userPrincipalName].filter(
    (address): address is string => typeof address === 'string' && address !== '',
  );
  return { addresses, trusted };
}

/** Who Teams accounts are; one per adapter, so that re-checks are scheduled per process. */
export function teamsIdentity(store: Store) {
  /** A linked account's addresses in the directory now, against the link (src/store/platform-identities.ts). */
  const recheck = recheckSchedule(
    async (context: TurnContext, tenantId: string, objectId: string): Promise<Recheck> =>
      await recheckPlatformEmail(store, {
        platform: 'teams',
        workspaceId: tenantId,
        userId: objectId,
        reported: reported(await directoryMember(context), objectId, tenantId),
        at: new Date().toISOString(),
        channel: 'teams',
      }),
  );

  return async function teamsPerson(context: TurnContext, tenantId: string): Promise<TeamsPerson> {
    const teamsLocale = koersLocale(context.activity.locale);
    const objectId = context.activity.from.aadObjectId;
    const linked = objectId ? await findPersonByPlatformUser(store, 'teams', tenantId, objectId) : undefined;
    if (linked && objectId) {
      const checked = await recheck.due(
        `${tenantId}/${objectId}`,
        { platform: 'teams', tenant: tenantId },
        context,
        tenantId,
        objectId,
      );
      if (checked?.kind === 'unlinked') return { actor: undefined, teamsLocale, unlinkedNow: true };
      return { actor: checked?.kind === 'relinked' ? checked.person : linked, teamsLocale };
    }
    const member = await directoryMember(context);
    const userId = member?.aadObjectId ?? objectId;
    const account = reported(member, objectId, tenantId);
    let found: { address: string; person: Actor } | undefined;
    for (const address of account.trusted ? account.addresses : []) {
      const person = await findPersonByEmail(store, address);
      if (person) {
        found = { address, person };
        break;
      }
    }
    if (!found || !userId) {
      log.info('teams.unlinked', { tenant: tenantId });
      return { actor: undefined, teamsLocale };
    }
    const person = found.person;
    await linkPlatformUser(store, {
      platform: 'teams',
      workspaceId: tenantId,
      userId,
      person,
      at: new Date().toISOString(),
      email: found.address,
    });
    // Just asked: the addresses are asked again an hour from now, not at the next message.
    recheck.done(`${tenantId}/${userId}`);
    log.info('teams.linked', { tenant: tenantId, kind: person.kind });
    return { actor: person, teamsLocale };
  };
}
