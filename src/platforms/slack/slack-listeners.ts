/**
 * What Koers answers in Slack: `/koers`, its buttons, its modals, direct messages, the App Home.
 * Every listener acknowledges first (Slack's three seconds) and works after.
 */
import type { App, BlockAction, webApi } from '@slack/bolt';
import type { Actor } from '../../domain/actor.ts';
import type { Locale } from '../../domain/enums.ts';
import type { Command } from '../../engine/command.ts';
import type { PlatformContext } from '../../engine/context.ts';
import { openForm, submitForm } from '../../engine/forms.ts';
import { route } from '../../engine/router.ts';
import { translator } from '../../i18n/translate.ts';
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
import { slackIdentity } from './identity.ts';
import { requestKey, retryGuard } from './retry-guard.ts';
import { viewValues } from './view-values.ts';

type Deps = { store: Store; commands: readonly Command[] };

/** What every request to the engine needs from Slack: who, where, in which language. */
type Asker = { actor: Actor; platform: PlatformContext; locale?: Locale };

function unlinkedReply(locale: Locale): Reply {
  return {
    visibility: 'ephemeral',
    locale,
    blocks: [{ type: 'text', tone: 'error', text: translator(locale)('slack.unlinked') }],
  };
}

/** A button's value or a modal's metadata: our own JSON of strings, but it comes back over the wire. */
const parse = (value: string | undefined): Record<string, string> => {
  const parsed = parseJson(value);
  if (!parsed || typeof parsed !== 'object') return {};
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
};

export function registerSlackListeners(app: App, { store, commands }: Deps): void {
  const identify = slackIdentity(store);
  const guard = retryGuard();

  /** The Koers person, or the reply that says this Slack account is not linked. */
  async function asker(client: webApi.WebClient, teamId: string, userId: string): Promise<Asker | Reply> {
    const who = await identify(client, { teamId, userId });
    if (!who.actor) return unlinkedReply(who.slackLocale ?? 'nl');
    return {
      actor: who.actor,
      platform: { platform: 'slack', workspaceId: teamId },
      // The person's own Koers language wins; else the language they use Slack in.
      ...(who.actor.locale === null && who.slackLocale ? { locale: who.slackLocale } : {}),
    };
  }
  const isReply = (value: Asker | Reply): value is Reply => 'blocks' in value;
  const ask = (who: Asker, text: string) => route(commands, { store, ...who, text, channel: 'slack' });

  // A retried request was already handled (or is being handled): acknowledge it and do nothing.
  app.use(async ({ body, next, ...rest }) => {
    const key = requestKey(body as Parameters<typeof requestKey>[0]);
    if (key && !guard.firstTime(key)) {
      const ack = (rest as { ack?: () => Promise<void> }).ack;
      await ack?.();
      return;
    }
    await next();
  });

  app.command('/koers', async ({ command, ack, respond, client }) => {
    await ack();
    const who = await asker(client, command.team_id, command.user_id);
    const reply = isReply(who) ? who : await ask(who, command.text);
    for (const message of renderMessages(reply))
      await respond({
        response_type: reply.visibility === 'visible' ? 'in_channel' : 'ephemeral',
        ...message,
      });
  });

  app.action<BlockAction>(/^koers\./, async ({ action, body, ack, respond, client }) => {
    await ack();
    if (action.type !== 'button') return;
    const who = await asker(client, body.user.team_id ?? body.team?.id ?? '', body.user.id);
    if (isReply(who)) {
      for (const message of renderMessages(who))
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    const kind = actionIdOf(action.action_id);
    const payload = parse(action.value);
    if (kind === RUN_ACTION) {
      const reply = await ask(who, payload.text ?? '');
      for (const message of renderMessages(reply))
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
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
    if (form?.type !== 'form') {
      for (const message of renderMessages(reply))
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    const t = translator(reply.locale);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: renderModal(reply, form, { submit: t('forms.save'), close: t('slack.close') }),
    });
  });

  app.view(/^[a-z]+\.[a-z]+$/, async ({ ack, body, view, client }) => {
    const who = await asker(client, body.user.team_id ?? body.team?.id ?? '', body.user.id);
    if (isReply(who)) {
      await ack(
        modalErrors({
          [firstInput(view)]: who.blocks.map((b) => (b.type === 'text' ? b.text : '')).join(' '),
        }),
      );
      return;
    }
    const submission = await submitForm(commands, {
      store,
      ...who,
      channel: 'slack',
      formId: view.callback_id,
      payload: parse(view.private_metadata),
      values: viewValues(view.state),
    });
    if (submission.kind === 'invalid') {
      const { '': general, ...fields } = submission.errors;
      await ack(modalErrors(general ? { ...fields, [firstInput(view)]: general } : fields));
      return;
    }
    const refusal = submission.reply.blocks.find((b) => b.type === 'text' && b.tone === 'error');
    if (refusal && refusal.type === 'text') {
      // Refused by the handler (a status changed meanwhile, no access): say so in the form.
      await ack(modalErrors({ [firstInput(view)]: refusal.text }));
      return;
    }
    await ack({ response_action: 'clear' });
    const dm = await client.conversations.open({ users: body.user.id });
    const channel = dm.channel?.id;
    if (channel)
      for (const message of renderMessages(submission.reply))
        await client.chat.postMessage({ channel, ...message });
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const who = await asker(client, teamId, event.user);
    const reply = isReply(who) ? who : await homeReply(who);
    await client.views.publish({
      user_id: event.user,
      view: renderHome(reply, translator(reply.locale)('slack.homeShortened')),
    });
  });

  app.message(async ({ message, body, client }) => {
    // Typed to Koers in its Messages tab: the same commands as `/koers`.
    if (message.channel_type !== 'im' || message.subtype !== undefined || 'bot_id' in message) return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const who = await asker(client, teamId, message.user);
    const reply = isReply(who) ? who : await ask(who, message.text ?? '');
    for (const rendered of renderMessages(reply))
      await client.chat.postMessage({ channel: message.channel, ...rendered });
  });

  /** A student's goals and prompt moment; a mentor's caseload, open signals first; help for others. */
  async function homeReply(who: Asker): Promise<Reply> {
    const { actor } = who;
    const lines =
      actor.kind === 'student'
        ? ['doelen', 'instellingen']
        : actor.roles.some((role) => role === 'mentor' || role === 'zorgcoordinator')
          ? ['mijn', 'help']
          : ['help'];
    const replies = await Promise.all(lines.map((line) => ask(who, line)));
    const [first] = replies;
    return {
      visibility: 'ephemeral',
      locale: first?.locale ?? 'nl',
      blocks: replies.flatMap((reply, i) => [
        ...(i > 0 ? [{ type: 'divider' as const }] : []),
        ...reply.blocks,
      ]),
    };
  }
}

/** The button Block Kit puts in a message for a form it cannot show there: `{ formId, payload }`. */
function formInMessage(value: string | undefined): Record<string, string> {
  const { formId, payload } = (parseJson(value) ?? {}) as { formId?: unknown; payload?: unknown };
  const prefill = payload && typeof payload === 'object' ? (payload as Record<string, string>) : {};
  return typeof formId === 'string' ? { ...prefill, form: formId } : prefill;
}

function parseJson(value: string | undefined): unknown {
  try {
    return JSON.parse(value ?? 'null');
  } catch {
    return undefined;
  }
}

function firstInput(view: { blocks: { type: string; block_id?: string }[] }): string {
  return view.blocks.find((block) => block.type === 'input')?.block_id ?? '';
}
