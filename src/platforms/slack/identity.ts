/**
 * Who a Slack user is in Koers: a linked platform identity, or on first contact the Koers person
 * whose email the Slack profile shows (`users.info`, scope `users:read.email`), linked from then
 * on. Slack's own language for the user is remembered for people without a Koers language.
 */
import { webApi } from '@slack/bolt';
import type { Actor } from '../../domain/actor.ts';
import type { Locale } from '../../domain/enums.ts';
import { log } from '../../log.ts';
import type { Store } from '../../store/database.ts';
import { findPersonByEmail, findPersonByPlatformUser } from '../../store/people.ts';
import { linkPlatformUser } from '../../store/platform-identities.ts';

export type SlackUser = { teamId: string; userId: string };
export type Identified = { actor: Actor | undefined; slackLocale: Locale | undefined };
/** What Slack says of a user: the email Koers may trust (if any) and their Slack language. */
type Profile = { email: string | undefined; locale: Locale | undefined };

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

export function slackIdentity(store: Store) {
  const locales = new Map<string, Locale | undefined>();
  /** One `users.info` per user at a time: concurrent requests of one user share its answer. */
  const asking = new Map<string, Promise<Profile>>();
  /** Users Koers could not link, until when that outcome is kept (UNLINKED_MEMORY_MS). */
  const unlinked = new Map<string, { answer: Identified; until: number }>();

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
      return { email: undefined, locale: undefined };
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
    return { email: trusted ? account.profile?.email : undefined, locale };
  }

  return async function identify(client: webApi.WebClient, user: SlackUser): Promise<Identified> {
    const key = `${user.teamId}/${user.userId}`;
    const linked = findPersonByPlatformUser(store, 'slack', user.teamId, user.userId);
    if (linked) {
      if (!locales.has(key) && linked.locale === null)
        return { actor: linked, slackLocale: (await profile(client, user)).locale };
      return { actor: linked, slackLocale: locales.get(key) };
    }
    const remembered = unlinked.get(key);
    if (remembered && remembered.until > Date.now()) return remembered.answer;
    const { email, locale } = await profile(client, user);
    const person = email ? findPersonByEmail(store, email) : undefined;
    if (!person) {
      const answer = { actor: undefined, slackLocale: locale };
      // Logged once per lookup, not per request of a burst that shares it.
      if (!unlinked.has(key) || (unlinked.get(key)?.until ?? 0) <= Date.now())
        log.info('slack.unlinked', { team: user.teamId, user: user.userId });
      remember(key, answer);
      return answer;
    }
    unlinked.delete(key);
    linkPlatformUser(store, {
      platform: 'slack',
      workspaceId: user.teamId,
      userId: user.userId,
      person,
      at: new Date().toISOString(),
    });
    log.info('slack.linked', { team: user.teamId, user: user.userId, kind: person.kind });
    return { actor: person, slackLocale: locale };
  };
}
