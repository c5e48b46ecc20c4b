/**
 * The Slack app manifest an administrator pastes at api.slack.com/apps ("From an app manifest"),
 * so that a school never has to click the app together by hand and gets exactly the scopes,
 * events and slash command this version of Koers expects.
 *
 * Field names and limits follow Slack's manifest schema (v1); the schema below checks the limits
 * at build time, so a translation that grows too long fails here instead of in Slack's form.
 */
import { z } from 'zod';
import type { Command } from '../../engine/command.ts';
import type { Translator } from '../../i18n/translate.ts';

/** Commands, events and interactions all arrive on the one route the HTTP server dispatches. */
import { SLACK_EVENTS_PATH } from './slack-events-path.ts';

const requestUrl = z.url({ protocol: /^https?$/ }).max(3000);

const manifestSchema = z.strictObject({
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140),
    long_description: z.string().min(175).max(4000),
    background_color: z.string().regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/),
  }),
  features: z.strictObject({
    app_home: z.strictObject({
      home_tab_enabled: z.boolean(),
      messages_tab_enabled: z.boolean(),
      messages_tab_read_only_enabled: z.boolean(),
    }),
    bot_user: z.strictObject({
      display_name: z.string().min(1).max(80),
      always_online: z.boolean(),
    }),
    slash_commands: z
      .array(
        z.strictObject({
          command: z
            .string()
            .regex(/^\/[^\s]+$/)
            .max(32),
          url: requestUrl.optional(),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().min(1).max(1000),
          should_escape: z.boolean(),
        }),
      )
      .min(1)
      .max(50),
  }),
  oauth_config: z.strictObject({
    scopes: z.strictObject({ bot: z.array(z.string().max(50)).min(1) }),
  }),
  settings: z.strictObject({
    event_subscriptions: z.strictObject({
      request_url: requestUrl.optional(),
      bot_events: z.array(z.string().max(50)),
    }),
    interactivity: z.strictObject({
      is_enabled: z.boolean(),
      request_url: requestUrl.optional(),
    }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

export type SlackManifest = z.output<typeof manifestSchema>;

/**
 * Bot scopes, and nothing more: every extra scope is one more thing a school's privacy officer
 * has to approve, and Slack shows the list to whoever installs the app.
 */
const botScopes = [
  // Receiving `/koers`.
  'commands',
  // Answering, and the weekly prompts, reminders and summaries Koers posts on its own.
  'chat:write',
  // conversations.open: reaching a student or mentor in a DM that they did not start.
  'im:write',
  // users.info and users.lookupByEmail, from a Slack user id to a Koers person and back.
  'users:read',
  // The email address is how a Slack account is linked to a Koers person; users:read alone hides it.
  'users:read.email',
  // What a user types in the app's Messages tab (app_home leaves it writable), delivered as
  // `message.im`: Koers answers it like `/koers`.
  'im:history',
  // files.getUploadURLExternal and files.completeUploadExternal: the chart of a summary.
  'files:write',
] as const;

const usageHintLimit = 1000;
const separator = ' · ';

/**
 * The words of each command, as its `main` usage spells them in this locale, without the options:
 * Slack shows the hint on one line while typing, where `--soort a|b|c…` would crowd out the rest.
 * `help` comes first because it is where someone who does not know the words should start.
 */
function usageHint(commands: readonly Command[], t: Translator): string {
  const ordered = [...commands].sort((a, b) => Number(b.name === 'help') - Number(a.name === 'help'));
  const parts = ordered.map((c) => {
    const action = c.actions.find((a) => a.name === 'main') ?? c.actions[0];
    const usage = action ? t(`commands.${c.name}.${action.name}.usage`) : c.name;
    return usage.split(/\s+\[?--/)[0]?.trim() || c.name;
  });
  let hint = parts.join(separator);
  // A registry that outgrows Slack's limit loses its last commands from the hint, not the manifest.
  while (hint.length > usageHintLimit && parts.length > 1) {
    parts.pop();
    hint = `${parts.join(separator)}${separator}…`;
  }
  return hint;
}

export function slackManifest(options: {
  /** Where Slack reaches Koers, without a trailing slash; ignored in Socket Mode. */
  baseUrl: string | null;
  socketMode: boolean;
  commands: readonly Command[];
  t: Translator;
}): SlackManifest {
  const { baseUrl, socketMode, commands, t } = options;
  if (!socketMode && !baseUrl) throw new Error('slackManifest needs a baseUrl unless in Socket Mode');
  // In Socket Mode Slack sends everything over the websocket; a request URL would only mislead.
  const url = socketMode || !baseUrl ? undefined : `${baseUrl}${SLACK_EVENTS_PATH}`;
  const withUrl = <K extends string>(key: K) => (url ? ({ [key]: url } as Record<K, string>) : {});

  return manifestSchema.parse({
    display_information: {
      name: 'Koers',
      description: t('slackManifest.description'),
      long_description: t('slackManifest.longDescription'),
      background_color: '#1f4e5f',
    },
    features: {
      app_home: {
        home_tab_enabled: true,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: 'koers', always_online: true },
      slash_commands: [
        {
          command: '/koers',
          ...withUrl('url'),
          description: t('slackManifest.commandDescription'),
          usage_hint: usageHint(commands, t),
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...botScopes] } },
    settings: {
      event_subscriptions: {
        ...withUrl('request_url'),
        bot_events: ['app_home_opened', 'message.im'],
      },
      interactivity: { is_enabled: true, ...withUrl('request_url') },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  });
}
