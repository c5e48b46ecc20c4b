/**
 * Which Slack workspace is the school's, and whether a request comes from it. Koers serves the one
 * workspace its bot token belongs to (`auth.test`, asked once). A valid signature only says the
 * request came through Slack for this app: an install in another organisation, a Slack Connect
 * guest or a shared channel's outsider sends signed requests too. So every kind of request is
 * checked here before anybody is identified or anything is looked up.
 */
import type { webApi } from '@slack/bolt';

type Named = { team_id?: unknown; team?: unknown; user?: unknown; event?: unknown };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const field = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Every team a request names, wherever Slack puts it: a command's `team_id`; an interaction's
 * `team.id` and `user.team_id`; an event's `team_id` and, for messages, the sender's `team`,
 * `user_team` and `source_team` (which differ from ours in a shared channel).
 */
export function teamsOf(body: unknown): string[] {
  const named = (body ?? {}) as Named;
  const team = named.team;
  const event = named.event;
  const found = [
    text(named.team_id),
    typeof team === 'string' ? text(team) : text(field(team, 'id')),
    text(field(named.user, 'team_id')),
    text(field(event, 'team')),
    text(field(event, 'user_team')),
    text(field(event, 'source_team')),
  ];
  return [...new Set(found.filter((id): id is string => id !== undefined))];
}

/**
 * From the school only when it names at least one team and every team it names is the school's:
 * a request naming none, or one the school's token could not place (`auth.test` failed), is not.
 */
export function fromSchool(teams: readonly string[], school: string | undefined): boolean {
  return school !== undefined && teams.length > 0 && teams.every((team) => team === school);
}

/** The school's workspace, asked of Slack once and kept; asked again after a failed attempt. */
export function schoolWorkspace() {
  let homeTeam: Promise<string | undefined> | undefined;
  return (client: webApi.WebClient): Promise<string | undefined> => {
    homeTeam ??= client.auth.test().then(
      (result) => result.team_id,
      () => {
        homeTeam = undefined;
        return undefined;
      },
    );
    return homeTeam;
  };
}
