/**
 * Requests shaped as Slack sends them, for any workspace: a slash command, a button press, a
 * modal submission and Events API callbacks. Signed and posted with `postToSlackEndpoint`.
 */

let triggers = 0;
/** A fresh trigger id: Slack's differ per interaction, and the retry guard keys on the body. */
export const trigger = () => `trigger-${++triggers}-${Date.now()}`;

export type SlackSender = { user: string; team: string; responseUrl: string };

export function slashCommand({ user, team, responseUrl }: SlackSender, text: string): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: team,
    team_domain: 'koersmeer',
    channel_id: 'C0TEAMKAMER',
    channel_name: 'teamkamer',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/koers',
    text,
    api_app_id: 'A0KOERS',
    response_url: responseUrl,
    trigger_id: trigger(),
  }).toString();
}

export const interaction = (payload: Record<string, unknown>) =>
  `payload=${encodeURIComponent(JSON.stringify(payload))}`;

export function buttonPress(
  { user, team, responseUrl }: SlackSender,
  value: Record<string, string>,
  actionId: string,
): string {
  return interaction({
    type: 'block_actions',
    team: { id: team, domain: 'koersmeer' },
    user: { id: user, team_id: team, username: user.toLowerCase() },
    api_app_id: 'A0KOERS',
    trigger_id: trigger(),
    response_url: responseUrl,
    container: { type: 'message', message_ts: '1.2', channel_id: 'C0TEAMKAMER', is_ephemeral: true },
    channel: { id: 'C0TEAMKAMER', name: 'teamkamer' },
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b1',
        value: JSON.stringify(value),
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  });
}

export type ModalView = {
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string }[];
};

export function viewSubmission(
  { user, team }: Omit<SlackSender, 'responseUrl'>,
  view: ModalView,
  values: Record<string, Record<string, unknown>>,
): string {
  return interaction({
    type: 'view_submission',
    team: { id: team, domain: 'koersmeer' },
    user: { id: user, team_id: team },
    api_app_id: 'A0KOERS',
    trigger_id: trigger(),
    view: {
      id: `V${triggers}`,
      hash: `h${triggers}`,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      blocks: view.blocks,
      state: { values },
    },
  });
}

/** An Events API callback; `team` is the workspace Slack delivers it for. */
export function eventCallback(team: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: team,
    api_app_id: 'A0KOERS',
    type: 'event_callback',
    event_id: `Ev${trigger()}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}

export const homeOpened = (team: string, user: string) =>
  eventCallback(team, {
    type: 'app_home_opened',
    user,
    channel: `D${user}`,
    tab: 'home',
    event_ts: `${Date.now() / 1000}`,
  });

/** A message typed to Koers in its Messages tab; `extra` adds e.g. the sender's `user_team`. */
export const directMessage = (
  team: string,
  user: string,
  text: string,
  extra: Record<string, unknown> = {},
) =>
  eventCallback(team, {
    type: 'message',
    channel_type: 'im',
    channel: `D${user}`,
    user,
    text,
    ts: `${Date.now() / 1000}`,
    ...extra,
  });
