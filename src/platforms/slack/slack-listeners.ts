/**
 * What Koers answers in Slack: `/koers`, its buttons, its modals, direct messages, the App Home.
 * Every listener acknowledges first (Slack's three seconds) and works after; a modal submission
 * is the exception, because its field errors travel in the acknowledgement.
 */
import type { App, BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { Actor } from '../../domain/actor.ts';
import type { Locale } from '../../domain/enums.ts';
import type { Command } from '../../engine/command.ts';
import type { PlatformContext } from '../../engine/context.ts';
import { openForm, submitForm } from '../../engine/forms.ts';
import { refusalReply, unexpectedErrorReply } from '../../engine/replies.ts';
import { route } from '../../engine/router.ts';
import { translator } from '../../i18n/translate.ts';
import { errorId, log, loggableError } from '../../log.ts';
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
import { homeView } from '../../views/home.ts';
import { slackIdentity } from './identity.ts';
import { requestKey, retryGuard } from './retry-guard.ts';
import { viewValues } from './view-values.ts';
import { fromSchool, schoolWorkspace, teamsOf } from './workspace.ts';

type Deps = { store: Store; commands: readonly Command[] };

/** A response_url takes five answers; a Reply longer than that is cut, with the rest a command away. */
const MAX_RESPONSES = 5;

/** What every request to the engine needs from Slack: who, where, in which language. */
type Asker = { actor: Actor; platform: PlatformContext; locale?: Locale };

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

/** Slack refuses errors for blocks a modal does not have: those go to its first input. */
function errorsOnInputs(
  view: { blocks: { type: string; block_id?: string }[] },
  errors: Record<string, string>,
) {
  const inputs = view.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id as string);
  const onInputs: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const target = inputs.includes(key) ? key : inputs[0];
    if (target) onInputs[target] = onInputs[target] ? `${onInputs[target]} ${message}` : message;
  }
  return onInputs;
}

/** Only staff can show a reply to a channel; a student's answers stay theirs. */
export function responseType(reply: Reply, actor: Actor | undefined): 'in_channel' | 'ephemeral' {
  return reply.visibility === 'visible' && actor?.kind === 'staff' ? 'in_channel' : 'ephemeral';
}

export function registerSlackListeners(app: App, { store, commands }: Deps): void {
  const identify = slackIdentity(store);
  const guard = retryGuard();
  const schoolTeam = schoolWorkspace();

  /** The Koers person, or the reply that says why this Slack account gets nothing. */
  async function asker(client: webApi.WebClient, userId: string): Promise<Asker | Reply> {
    // Every request naming another workspace was refused by the middleware below, before any
    // listener; identities are kept under the school's workspace.
    const team = await schoolTeam(client);
    if (!team) return refusalReply('nl', 'slack.otherWorkspace');
    const who = await identify(client, { teamId: team, userId });
    if (!who.actor) return refusalReply(who.slackLocale ?? 'nl', 'slack.unlinked');
    return {
      actor: who.actor,
      platform: { platform: 'slack', workspaceId: team },
      // The person's own Koers language wins; else the language they use Slack in.
      ...(who.actor.locale === null && who.slackLocale ? { locale: who.slackLocale } : {}),
    };
  }
  const isReply = (value: Asker | Reply): value is Reply => 'blocks' in value;
  const ask = (who: Asker, text: string) => route(commands, { store, ...who, text, channel: 'slack' });

  /** A failure after the acknowledgement still gets an answer, with an id for the log. */
  async function answering(work: () => Promise<void>, answer: (reply: Reply) => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      const id = errorId();
      log.error('slack.failed', { id, error: loggableError(error) });
      await answer(unexpectedErrorReply('nl', id)).catch(() => {});
    }
  }

  app.use(async ({ body, context, next, ...rest }) => {
    // A retried or replayed request was already handled (or is being handled): acknowledge it and do nothing.
    const bodyHash = typeof context.bodyHash === 'string' ? context.bodyHash : undefined;
    const key = requestKey(body as Parameters<typeof requestKey>[0], bodyHash);
    if (key && !guard.firstTime(key)) {
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
    if (type === 'view_submission' && view) {
      const text = refusal.blocks.map((b) => (b.type === 'text' ? b.text : '')).join(' ');
      return ack?.(modalErrors(errorsOnInputs(view, { '': text })));
    }
    await ack?.();
    await answering(
      async () => {
        for (const message of renderMessages(refusal).slice(0, MAX_RESPONSES))
          await respond?.({ response_type: 'ephemeral', replace_original: false, ...message });
      },
      async () => {},
    );
  });

  app.command('/koers', async ({ command, ack, respond, client }) => {
    await ack();
    const answer = async (reply: Reply, actor?: Actor) => {
      for (const message of renderMessages(reply).slice(0, MAX_RESPONSES))
        await respond({ response_type: responseType(reply, actor), ...message });
    };
    await answering(async () => {
      const who = await asker(client, command.user_id);
      if (isReply(who)) await answer(who);
      else await answer(await ask(who, command.text), who.actor);
    }, answer);
  });

  app.action<BlockAction>(/^koers\./, async ({ action, body, ack, respond, client }) => {
    await ack();
    const answer = async (reply: Reply) => {
      for (const message of renderMessages(reply).slice(0, MAX_RESPONSES))
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    };
    await answering(async () => {
      if (action.type !== 'button') return;
      const who = await asker(client, body.user.id);
      if (isReply(who)) return answer(who);
      const kind = actionIdOf(action.action_id);
      const payload = parse(action.value);
      if (kind === RUN_ACTION) return answer(await ask(who, payload.text ?? ''));
      if (kind !== FORM_ACTION && kind !== FORM_OPEN_ACTION) return;
      // A form button in a Reply carries its prefill and `form`; a form shown in a message carries both whole.
      const { form: formId, ...prefill } = kind === FORM_ACTION ? payload : formInMessage(action.value);
      const reply = await openForm(commands, {
        store,
        ...who,
        channel: 'slack',
        formId: formId ?? '',
        prefill,
      });
      const form = reply.blocks.find((block) => block.type === 'form');
      if (form?.type !== 'form') return answer(reply);
      const t = translator(reply.locale);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: renderModal(reply, form, { submit: t('forms.save'), close: t('slack.close') }),
      });
    }, answer);
  });

  app.view(/^[a-z0-9-]+\.[a-z0-9-]+$/, async ({ ack, body, view, client }) => {
    const fail = (errors: Record<string, string>) => ack(modalErrors(errorsOnInputs(view, errors)));
    try {
      const who = await asker(client, body.user.id);
      if (isReply(who))
        return await fail({ '': who.blocks.map((b) => (b.type === 'text' ? b.text : '')).join(' ') });
      const submission = await submitForm(commands, {
        store,
        ...who,
        channel: 'slack',
        formId: view.callback_id,
        payload: parse(view.private_metadata),
        values: viewValues(view.state),
      });
      // Field errors, or refused by the handler (a status changed meanwhile, no access): said in the form.
      if (submission.kind !== 'done') return await fail(submission.errors);
      await ack({ response_action: 'clear' });
      const dm = await client.conversations.open({ users: body.user.id });
      const channel = dm.channel?.id;
      if (channel)
        for (const message of renderMessages(submission.reply).slice(0, MAX_RESPONSES))
          await client.chat.postMessage({ channel, ...message });
    } catch (error) {
      const id = errorId();
      log.error('slack.failed', { id, error: loggableError(error) });
      await fail({ '': translator('nl')('error.unexpected', { id }) }).catch(() => {});
    }
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await answering(
      async () => {
        const who = await asker(client, event.user);
        const reply = isReply(who) ? who : await homeView(commands, { store, ...who, channel: 'slack' });
        await client.views.publish({
          user_id: event.user,
          view: renderHome(reply, translator(reply.locale)('slack.homeShortened')),
        });
      },
      async () => {},
    );
  });

  app.message(async ({ message, client }) => {
    // Typed to Koers in its Messages tab: the same commands as `/koers`.
    if (message.channel_type !== 'im' || message.subtype !== undefined || 'bot_id' in message) return;
    const answer = async (reply: Reply) => {
      for (const rendered of renderMessages(reply).slice(0, MAX_RESPONSES))
        await client.chat.postMessage({ channel: message.channel, ...rendered });
    };
    await answering(async () => {
      const who = await asker(client, message.user);
      await answer(isReply(who) ? who : await ask(who, message.text ?? ''));
    }, answer);
  });
}
