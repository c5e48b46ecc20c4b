/**
 * Who a Slack user is in Koers: a linked platform identity, or on first contact the Koers person
 * whose email the Slack profile shows (`users.info`, scope `users:read.email`), linked from then
 * on. Slack's own language for the user is remembered for people without a Koers language.
 */
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../domain/actor.ts';
import type { Locale } from '../../domain/enums.ts';
import { log } from '../../log.ts';
import type { Store } from '../../store/database.ts';
import { findPersonByEmail, findPersonByPlatformUser } from '../../store/people.ts';
import { linkPlatformUser } from '../../store/platform-identities.ts';

export type SlackUser = { teamId: string; userId: string };
export type Identified = { actor: Actor | undefined; slackLocale: Locale | undefined };

/** `nl-NL` → nl, `en-GB` → en; anything else is not a language Koers speaks. */
function koersLocale(slackLocale: string | undefined): Locale | undefined {
  const language = slackLocale?.slice(0, 2).toLowerCase();
  return language === 'nl' || language === 'en' ? language : undefined;
}

export function slackIdentity(store: Store) {
  const locales = new Map<string, Locale | undefined>();

  async function profile(client: webApi.WebClient, user: SlackUser) {
    const info = await client.users.info({ user: user.userId, include_locale: true });
    const account = info.user;
    const locale = koersLocale(account?.locale);
    locales.set(`${user.teamId}/${user.userId}`, locale);
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
    const { email, locale } = await profile(client, user);
    const person = email ? findPersonByEmail(store, email) : undefined;
    if (!person) {
      log.info('slack.unlinked', { team: user.teamId, user: user.userId });
      return { actor: undefined, slackLocale: locale };
    }
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
