/**
 * Who a Slack user is in Koers: a linked platform identity, or on first contact the Koers person
 * whose email the Slack profile shows (`users.info`, scope `users:read.email`), linked from then
 * on. A linked account's email is checked again on its first use in a process and then at most
 * once an hour: a changed one is decided as docs/linking.md says. Slack's own language for the
 * user is remembered for people without a Koers language.
 */
import { webApi } from '@slack/bolt';
import type { Actor } from '../../domain/actor.ts';
import type { Locale } from '../../domain/enums.ts';
import { log } from '../../log.ts';
import type { Store } from '../../store/database.ts';
import { findPersonByEmail, findPersonByPlatformUser } from '../../store/people.ts';
import {
  linkPlatformUser,
  type Recheck,
  recheckPlatformEmail,
  recheckSchedule,
} from '../../store/platform-identities.ts';

export type SlackUser = { teamId: string; userId: string };
export type Identified = {
  actor: Actor | undefined;
  slackLocale: Locale | undefined;
  /** The account was linked by email, and its email changed to one that names nobody: unlinked now. */
  unlinkedNow?: boolean;
};
/**
 * What Slack says of a user: the email Koers may trust (if any), the email the profile shows
 * whether trusted or not (to see that it changed), and their Slack language.
 */
type Profile = { email: string | undefined; shown: string | undefined; locale: Locale | undefined };

/**
 * How long the outcome for a Slack user Koers could not link is kept: long enough that a burst of
 * first contacts asks Slack once, short enough that an administrator's fix (adding the person) is
 * seen within a minute.
 */
const UNLINKED_MEMORY_MS = 60_000;
/** Bounds the memory above; a workspace has far fewer people than this who are not in Koers. */
const MAX_REMEMBERED = 10_000;
/**
 * Slack's answers for a user it will not describe to this token: nobody Koers can link, which the
 * person is told, not a failure with an error id. Anything else (rate limits, outages, a revoked
 * token) stays a failure.
 */
const UNDESCRIBED = new Set(['user_not_found', 'user_not_visible']);

function undescribed(error: unknown): boolean {
  const { code, data } = (error ?? {}) as { code?: unknown; data?: { error?: unknown } };
  return (
    code === webApi.ErrorCode.PlatformError && typeof data?.error === 'string' && UNDESCRIBED.has(data.error)
  );
}

/** `nl-NL` → nl, `en-GB` → en; anything else is not a language Koers speaks. */
function koersLocale(slackLocale: string | undefined): Locale | undefined {
  const language = slackLocale?.slice(0, 2).toLowerCase();
  return language === 'nl' || language === 'en' ? language : undefined;
}

const localeOf = (profile: Profile) => profile.locale;

export function slackIdentity(store: Store) {
  const locales = new Map<string, Locale | undefined>();
  /** One `users.info` per user at a time: concurrent requests of one user share its answer. */
  const asking = new Map<string, Promise<Profile>>();
  /** Users Koers could not link, until when that outcome is kept (UNLINKED_MEMORY_MS). */
  const unlinked = new Map<string, { answer: Identified; until: number }>();
  /** One first-contact decision per user at a time, until its outcome is remembered or linked. */
  const firstContacts = new Map<string, Promise<Identified>>();

  function profile(client: webApi.WebClient, user: SlackUser): Promise<Profile> {
    const key = `${user.teamId}/${user.userId}`;
    let answer = asking.get(key);
    if (!answer) {
      answer = askSlack(client, user).finally(() => asking.delete(key));
      asking.set(key, answer);
    }
    return answer;
  }

  function remember(key: string, answer: Identified): void {
    const now = Date.now();
    unlinked.delete(key);
    unlinked.set(key, { answer, until: now + UNLINKED_MEMORY_MS });
    if (unlinked.size <= MAX_REMEMBERED) return;
    // Map keeps insertion order, and every entry lives equally long: the oldest go first.
    for (const [old, { until }] of unlinked) {
      if (until > now && unlinked.size <= MAX_REMEMBERED) break;
      unlinked.delete(old);
    }
  }

  async function askSlack(client: webApi.WebClient, user: SlackUser): Promise<Profile> {
    const key = `${user.teamId}/${user.userId}`;
    let info: webApi.UsersInfoResponse;
    try {
      info = await client.users.info({ user: user.userId, include_locale: true });
    } catch (error) {
      if (!undescribed(error)) throw error;
      locales.set(key, undefined);
      return { email: undefined, shown: undefined, locale: undefined };
    }
    const account = info.user;
    const locale = koersLocale(account?.locale);
    locales.set(key, locale);
    // Only a live person of this workspace with an address Slack confirmed speaks for a Koers person.
    const trusted =
      account !== undefined &&
      !account.deleted &&
      !account.is_bot &&
      account.is_email_confirmed !== false &&
      (account.team_id === undefined || account.team_id === user.teamId);
    const shown = account?.profile?.email || undefined;
    return { email: trusted ? shown : undefined, shown, locale };
  }

  /** The linked account's email as Slack shows it now, against the link (src/store/platform-identities.ts). */
  const recheck = recheckSchedule(async (client: webApi.WebClient, user: SlackUser): Promise<Recheck> => {
    const { email, shown } = await profile(client, user);
    return await recheckPlatformEmail(store, {
      platform: 'slack',
      workspaceId: user.teamId,
      userId: user.userId,
      reported: { addresses: shown ? [shown] : [], trusted: email !== undefined },
      at: new Date().toISOString(),
      channel: 'slack',
    });
  });

  return async function identify(client: webApi.WebClient, user: SlackUser): Promise<Identified> {
    const key = `${user.teamId}/${user.userId}`;
    const linked = await findPersonByPlatformUser(store, 'slack', user.teamId, user.userId);
    if (linked) {
      const checked = await recheck.due(
        key,
        { platform: 'slack', team: user.teamId, user: user.userId },
        client,
        user,
      );
      if (checked?.kind === 'unlinked')
        return { actor: undefined, slackLocale: locales.get(key), unlinkedNow: true };
      const actor = checked?.kind === 'relinked' ? checked.person : linked;
      // Slack's language is a nicety: a person Koers knows is answered even when Slack cannot be asked.
      if (!locales.has(key) && actor.locale === null)
        return { actor, slackLocale: await profile(client, user).then(localeOf, () => undefined) };
      return { actor, slackLocale: locales.get(key) };
    }
    const remembered = unlinked.get(key);
    if (remembered && remembered.until > Date.now()) return remembered.answer;
    let deciding = firstContacts.get(key);
    if (!deciding) {
      deciding = firstContact(client, user, key).finally(() => firstContacts.delete(key));
      firstContacts.set(key, deciding);
    }
    return deciding;
  };

  async function firstContact(client: webApi.WebClient, user: SlackUser, key: string): Promise<Identified> {
    const { email, locale } = await profile(client, user);
    const person = email ? await findPersonByEmail(store, email) : undefined;
    if (!person) {
      const answer = { actor: undefined, slackLocale: locale };
      // Logged once per lookup, not per request of a burst that shares it.
      if (!unlinked.has(key) || (unlinked.get(key)?.until ?? 0) <= Date.now())
        log.info('slack.unlinked', { team: user.teamId, user: user.userId });
      remember(key, answer);
      return answer;
    }
    unlinked.delete(key);
    await linkPlatformUser(store, {
      platform: 'slack',
      workspaceId: user.teamId,
      userId: user.userId,
      person,
      at: new Date().toISOString(),
      email,
    });
    // Just asked: the email is checked again an hour from now, not at the next request.
    recheck.done(key);
    log.info('slack.linked', { team: user.teamId, user: user.userId, kind: person.kind });
    return { actor: person, slackLocale: locale };
  }
}
