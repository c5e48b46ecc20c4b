/**
 * What Koers answers in Slack: `/koers`, its buttons, its modals, direct messages, the App Home.
 * Every listener acknowledges first (Slack's three seconds) and works after; a modal submission
 * is the exception, because its field errors travel in the acknowledgement.
 */
import type { App, BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { Command } from '../../engine/command.ts';
import { refusalReply } from '../../engine/replies.ts';
import { type Answer, type Asking, firstText, type Identity, turns } from '../../engine/turn.ts';
import { translator } from '../../i18n/translate.ts';
import { log, loggableError } from '../../log.ts';
import {
  actionIdOf,
  FORM_OPEN_ACTION,
  modalErrors,
  renderHome,
  renderMessages,
  renderModal,
} from '../../render/block-kit.ts';
import { FORM_ACTION, RUN_ACTION } from '../../reply/buttons.ts';
import type { Reply } from '../../reply/reply.ts';
import type { Store } from '../../store/database.ts';
import { afterPendingAcks } from './after-acks.ts';
import { requestKey, retryGuard } from './retry-guard.ts';
import type { SlackAsker } from './slack-person.ts';
import { viewValues } from './view-values.ts';
import { fromSchool, teamsOf } from './workspace.ts';

type Deps = {
  store: Store;
  commands: readonly Command[];
  identify: (asker: SlackAsker) => Promise<Identity>;
  /** The school's workspace, as the bot token's `auth.test` tells it. */
  schoolTeam: (client: webApi.WebClient) => Promise<string | undefined>;
};

/** A response_url takes five answers; a Reply longer than that is cut, with the rest a command away. */
const MAX_RESPONSES = 5;

/** A button's value or a modal's metadata: our own JSON of strings, but it comes back over the wire. */
function parse(value: string | undefined): Record<string, string> {
  const parsed = parseJson(value);
  if (!parsed || typeof parsed !== 'object') return {};
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function parseJson(value: string | undefined): unknown {
  try {
    return JSON.parse(value ?? 'null');
  } catch {
    return undefined;
  }
}

/** The button Block Kit puts in a message for a form it cannot show there: `{ formId, payload }`. */
function formInMessage(value: string | undefined): Record<string, string> {
  const { formId, payload } = (parseJson(value) ?? {}) as { formId?: unknown; payload?: unknown };
  const prefill = payload && typeof payload === 'object' ? (payload as Record<string, string>) : {};
  return typeof formId === 'string' ? { ...prefill, form: formId } : prefill;
}

/**
 * Slack shows an error only under an input of the modal: an error for an input the modal does not
 * have, and a general one, go to its first input.
 */
function errorsOnInputs(
  view: { blocks: { type: string; block_id?: string }[] },
  fields: Record<string, string>,
  general: string[],
) {
  const inputs = view.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id as string);
  const onInputs: Record<string, string> = {};
  const errors = [...Object.entries(fields), ...general.map((message) => ['', message] as const)];
  for (const [key, message] of errors) {
    const target = inputs.includes(key) ? key : inputs[0];
    if (target && message) onInputs[target] = onInputs[target] ? `${onInputs[target]} ${message}` : message;
  }
  return onInputs;
}

/** A Reply Slack can show in the channel it was asked in, or to the asker alone. */
export const responseType = (answer: Answer): 'in_channel' | 'ephemeral' =>
  answer.audience === 'conversation' ? 'in_channel' : 'ephemeral';

export function registerSlackListeners(app: App, { store, commands, identify, schoolTeam }: Deps): void {
  const guard = retryGuard(store);
  const turn = turns({ store, commands });
  const asking = (client: webApi.WebClient, userId: string, channelId?: string): Asking => ({
    channel: 'slack',
    ...(channelId ? { conversation: conversationOf(channelId) } : {}),
    identify: () => identify({ client, userId }),
  });

  app.use(async ({ body, context, next, ...rest }) => {
    // A retried or replayed request was already handled (or is being handled): acknowledge it and do nothing.
    const bodyHash = typeof context.bodyHash === 'string' ? context.bodyHash : undefined;
    const key = requestKey(body as Parameters<typeof requestKey>[0], bodyHash);
    if (key && !(await guard.firstTime(key))) {
      const ack = (rest as { ack?: () => Promise<void> }).ack;
      await ack?.();
      return;
    }
    await next();
  });

  app.use(async ({ body, client, next, ...rest }) => {
    // Before anybody is identified or anything looked up, for every kind of request: a signed
    // request from another workspace gets a refusal where it has its own reply channel (a
    // command's or button's response_url, a modal's acknowledgement) and nothing at all otherwise
    // (events), so nothing is posted into a workspace that is not the school's.
    const teams = teamsOf(body);
    if (fromSchool(teams, await schoolTeam(client))) return next();
    log.info('slack.otherWorkspace', { teams: teams.join(',') });
    const { ack, respond } = rest as {
      ack?: (response?: unknown) => Promise<void>;
      respond?: RespondFn;
    };
    const refusal = refusalReply('nl', 'slack.otherWorkspace');
    const { type, view } = body as { type?: string; view?: Parameters<typeof errorsOnInputs>[0] };
    if (type === 'view_submission' && view)
      return ack?.(modalErrors(errorsOnInputs(view, {}, [firstText(refusal)])));
    await ack?.();
    if (respond)
      await respondWith(respond, { reply: refusal, audience: 'asker' }).catch((error) =>
        log.error('slack.undelivered', { error: loggableError(error) }),
      );
  });

  app.command('/koers', async ({ command, ack, respond, client }) => {
    await ack();
    await afterPendingAcks();
    await turn.command(asking(client, command.user_id, command.channel_id), command.text, (answer) =>
      respondWith(respond, answer),
    );
  });

  app.action<BlockAction>(/^koers\./, async ({ action, body, ack, respond, client }) => {
    await ack();
    if (action.type !== 'button') return;
    await afterPendingAcks();
    const kind = actionIdOf(action.action_id);
    const who = asking(client, body.user.id, body.channel?.id);
    const deliver = (answer: Answer) => respondWith(respond, answer, { replaceOriginal: false });
    const payload = parse(action.value);
    if (kind === RUN_ACTION) return turn.command(who, payload.text ?? '', deliver);
    if (kind !== FORM_ACTION && kind !== FORM_OPEN_ACTION) return;
    // A form button in a Reply carries its prefill and `form`; a form shown in a message carries both whole.
    const { form: formId, ...prefill } = kind === FORM_ACTION ? payload : formInMessage(action.value);
    await turn.openForm(who, { formId: formId ?? '', prefill }, async (opened) => {
      if (opened.kind === 'answer') return deliver(opened.answer);
      const t = translator(opened.reply.locale);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: renderModal(opened.reply, opened.form, { submit: t('forms.save'), close: t('slack.close') }),
      });
    });
  });

  app.view(/^[a-z0-9-]+\.[a-z0-9-]+$/, async ({ ack, body, view, client }) => {
    const submitted = {
      formId: view.callback_id,
      payload: parse(view.private_metadata),
      values: viewValues(view.state),
    };
    await turn.submitForm(asking(client, body.user.id), submitted, async (outcome) => {
      // The errors travel in the acknowledgement; Slack cannot show an error outside an input,
      // so a general one goes to the first.
      if (outcome.kind === 'refused')
        return ack(modalErrors(errorsOnInputs(view, outcome.fields, outcome.general)));
      await ack({ response_action: 'clear' });
      // The modal is closed: the answer goes to the person's direct messages with Koers.
      const dm = await client.conversations.open({ users: body.user.id });
      if (dm.channel?.id) await postMessages(client, dm.channel.id, outcome.reply);
    });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await turn.home(asking(client, event.user), async ({ reply }) => {
      await client.views.publish({
        user_id: event.user,
        view: renderHome(reply, translator(reply.locale)('slack.homeShortened')),
      });
    });
  });

  app.message(async ({ message, client }) => {
    // Typed to Koers in its Messages tab: the same commands as `/koers`.
    if (message.channel_type !== 'im' || message.subtype !== undefined || 'bot_id' in message) return;
    await turn.command(asking(client, message.user, message.channel), message.text ?? '', ({ reply }) =>
      postMessages(client, message.channel, reply),
    );
  });
}

/** Through a command's or button's response_url: as many messages as the Reply needs, up to its five. */
async function respondWith(respond: RespondFn, answer: Answer, options: { replaceOriginal?: boolean } = {}) {
  for (const message of withinResponses(answer.reply))
    await respond({
      response_type: responseType(answer),
      ...(options.replaceOriginal === false ? { replace_original: false } : {}),
      ...message,
    });
}

async function postMessages(client: webApi.WebClient, channel: string, reply: Reply) {
  for (const message of withinResponses(reply)) await client.chat.postMessage({ channel, ...message });
}

/**
 * A response_url takes five answers: a Reply that needs more keeps its first four messages and
 * says in the fifth that the rest was left out, rather than stopping silently.
 */
export function withinResponses(reply: Reply) {
  const messages = renderMessages(reply);
  if (messages.length <= MAX_RESPONSES) return messages;
  const note = translator(reply.locale)('slack.answerCut', {
    shown: MAX_RESPONSES - 1,
    total: messages.length,
  });
  return [
    ...messages.slice(0, MAX_RESPONSES - 1),
    {
      text: note,
      blocks: [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: note }] }],
    },
  ];
}

/** Slack's direct-message channels have ids starting with D; every other conversation is shared. */
const conversationOf = (channelId: string) => ({ id: channelId, shared: !channelId.startsWith('D') });
