/**
 * What Koers answers in Teams: text typed to the bot (a personal chat, or an @mention in a channel
 * or group chat), the `Action.Execute` buttons of its cards, and the installation events that give
 * Koers a place to speak first.
 *
 * A channel is read by the whole team, and Teams has no private answers there: only a staff
 * member's visible Reply (a summary) goes to the channel; everything else goes to the asker's
 * personal chat with Koers, and the channel hears only where the answer went.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { type Activity, ActivityTypes, TurnContext } from 'botbuilder';
import type { Locale } from '../../domain/enums.ts';
import type { Command } from '../../engine/command.ts';
import {
  type Answer,
  type Asking,
  type Audience,
  firstText,
  type Identity,
  type Submitted,
  turns,
} from '../../engine/turn.ts';
import { translator } from '../../i18n/translate.ts';
import { log } from '../../log.ts';
import { type AdaptiveCard, CARD_VERB, renderCards, renderFormCard } from '../../render/adaptive-card.ts';
import type { Store } from '../../store/database.ts';
import {
  personalConversation,
  removeTeamConversations,
  removeTeamsConversation,
  type SavedTeamsConversation,
  saveTeamsConversation,
  teamsConversation,
} from '../../store/teams-conversations.ts';
import { cardActivity } from './card-activity.ts';
import { koersLocale, tenantOf } from './identity.ts';
import { withMentionIds } from './mentions.ts';
import { typedText } from './typed-text.ts';

type Deps = {
  store: Store;
  commands: readonly Command[];
  /** Only this tenant's users are served, when set (`TEAMS_TENANT_ID`). */
  tenantId: string | undefined;
  identify: (context: TurnContext) => Promise<Identity>;
  /** Sends cards to a stored conversation (the adapter's proactive path); false if it is gone. */
  sendTo: (conversation: SavedTeamsConversation, cards: AdaptiveCard[]) => Promise<boolean>;
};

/** Strings of a card's data, keyed by name; Teams sends inputs as strings, our payloads as objects. */
function strings(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** In a channel or group chat Koers answers only when it is mentioned; in a personal chat always. */
function addressedToKoers(activity: Activity): boolean {
  if (activity.conversation?.conversationType === 'personal') return true;
  return TurnContext.getMentions(activity).some(
    (mention) => mention.mentioned?.id === activity.recipient?.id,
  );
}

// Only what Teams calls a personal chat is private; anything unnamed is treated as shared.
const inPersonalChat = (context: TurnContext) =>
  context.activity.conversation?.conversationType === 'personal';

/** A refused form again, with what was typed and each error on its field; general errors above it. */
function formAgain(submitted: Extract<Submitted, { kind: 'refused' }>): AdaptiveCard | string {
  if (!submitted.again) return submitted.general.join(' ');
  const { reply, form } = submitted.again;
  const general = submitted.general.map((text) => ({ type: 'text' as const, tone: 'error' as const, text }));
  return renderFormCard({ ...reply, blocks: [...general, form] }, form);
}

export function registerTeamsListeners(app: Application<TurnState>, deps: Deps): void {
  const { store, commands } = deps;

  const turn = turns({ store, commands });

  const asking = (context: TurnContext): Asking => {
    const platformLocale = koersLocale(context.activity.locale);
    const { conversation } = context.activity;
    return {
      channel: 'teams',
      ...(platformLocale ? { platformLocale } : {}),
      // Only what Teams calls a personal chat is private; anything unnamed is treated as shared.
      // A channel message's conversation id names its thread (`;messageid=…`): the channel is before it.
      ...(conversation?.id
        ? {
            conversation: {
              id: conversation.id.split(';')[0] ?? conversation.id,
              shared: conversation.conversationType !== 'personal',
            },
          }
        : {}),
      identify: () => deps.identify(context),
    };
  };

  /**
   * Delivers cards where they may be read: here in a personal chat (or for the whole
   * conversation); otherwise in the asker's personal chat, and the channel is told so. Returns
   * what the channel was told, if anything.
   */
  async function deliverCards(
    context: TurnContext,
    cards: AdaptiveCard[],
    locale: Locale,
    audience: Audience,
  ): Promise<string | undefined> {
    if (inPersonalChat(context) || audience === 'conversation') {
      for (const card of cards) await context.sendActivity(cardActivity(card));
      return undefined;
    }
    const t = translator(locale);
    const tenantId = tenantOf(context);
    const objectId = context.activity.from.aadObjectId;
    const personal = tenantId && objectId ? await personalConversation(store, tenantId, objectId) : undefined;
    if (!personal || !(await deps.sendTo(personal, cards))) return t('teams.askPersonally');
    return t('teams.answeredPersonally');
  }

  const deliver = (context: TurnContext, { reply, audience }: Answer) =>
    deliverCards(context, renderCards(reply), reply.locale, audience);

  /**
   * A command line, answered where it may be read; what the conversation was told about where
   * the answer went (if anything), in the answer's language.
   */
  async function command(context: TurnContext, text: string | (() => Promise<string>)) {
    let told: string | undefined;
    let locale: Locale = koersLocale(context.activity.locale) ?? 'nl';
    await turn.command(asking(context), text, async (answer) => {
      locale = answer.reply.locale;
      told = (await deliver(context, answer)) ?? told;
    });
    return { told, locale };
  }

  // Installation first: these must not reach the message route. An upgrade is not a new install.
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = String((context.activity as { action?: unknown }).action ?? '');
    if (action === 'remove') await forget(context);
    else if (action === 'add') await remember(context);
    else if (action === 'add-upgrade') await remember(context, { greet: false });
  });

  app.conversationUpdate('teamDeleted', async (context) => forgetTeam(context));
  app.conversationUpdate('teamHardDeleted', async (context) => forgetTeam(context));
  app.conversationUpdate('teamRestored', async (context) => remember(context, { greet: false }));
  app.conversationUpdate('membersAdded', async (context) => {
    const { membersAdded, recipient } = context.activity;
    if (membersAdded?.some((member) => member.id === recipient.id)) await remember(context);
  });
  app.conversationUpdate('membersRemoved', async (context) => {
    const { membersRemoved, recipient } = context.activity;
    if (membersRemoved?.some((member) => member.id === recipient.id)) await forget(context);
  });

  /** Teams tells an installation twice (conversationUpdate and installationUpdate): greeted once. */
  async function remember(context: TurnContext, options: { greet: boolean } = { greet: true }) {
    const tenantId = tenantOf(context);
    if (!tenantId || (deps.tenantId && tenantId !== deps.tenantId)) return;
    const { activity } = context;
    const scope =
      activity.conversation.conversationType === 'channel'
        ? 'team'
        : activity.conversation.conversationType === 'groupChat'
          ? 'groupChat'
          : 'personal';
    const userId = scope === 'personal' ? activity.from.aadObjectId : undefined;
    // A personal installation without the user's object id cannot be found again for a message.
    if (scope === 'personal' && !userId) return;
    const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    const isNew = await saveTeamsConversation(store, {
      tenantId,
      conversationId: activity.conversation.id,
      scope,
      userId: userId ?? null,
      teamId: typeof team === 'string' ? team : null,
      reference: storedReference(activity),
      installedAt: new Date().toISOString(),
    });
    log.info('teams.installed', { tenant: tenantId, scope });
    if (scope !== 'personal' || !isNew || !options.greet) return;
    // A first word in the personal chat: what this person may do, or why Koers does not know them.
    await command(context, async () => 'help');
  }

  /**
   * A channel Koers is spoken to in, kept so that Koers can post there later (a subscribed
   * summary): installation stores only the team's first channel. Its reference addresses the
   * channel itself, not the thread the message was in.
   */
  async function rememberChannel(context: TurnContext) {
    const { activity } = context;
    const tenantId = tenantOf(context);
    if (activity.conversation?.conversationType !== 'channel' || !tenantId) return;
    if (deps.tenantId && tenantId !== deps.tenantId) return;
    const channelId = activity.conversation.id.split(';')[0] ?? activity.conversation.id;
    if (await teamsConversation(store, tenantId, channelId)) return;
    const reference = storedReference(activity);
    const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    await saveTeamsConversation(store, {
      tenantId,
      conversationId: channelId,
      scope: 'team',
      userId: null,
      teamId: typeof team === 'string' ? team : null,
      reference: { ...reference, conversation: { ...(reference.conversation as object), id: channelId } },
      installedAt: new Date().toISOString(),
    });
    log.info('teams.channelRemembered', { tenant: tenantId });
  }

  async function forget(context: TurnContext) {
    const tenantId = tenantOf(context);
    if (!tenantId) return;
    const team = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (context.activity.conversation.conversationType === 'channel' && typeof team === 'string')
      await removeTeamConversations(store, tenantId, team);
    await removeTeamsConversation(store, tenantId, context.activity.conversation.id);
    log.info('teams.uninstalled', { tenant: tenantId });
  }

  async function forgetTeam(context: TurnContext) {
    const tenantId = tenantOf(context);
    const team = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (tenantId && typeof team === 'string') await removeTeamConversations(store, tenantId, team);
  }

  app.activity(ActivityTypes.Message, async (context) => {
    const { activity } = context;
    // A card's Action.Submit (from a client without Action.Execute) carries a value and no text.
    // Reading the text cannot fail outside the turn (a character reference beyond Unicode once
    // did, and the person got no answer): typedText never throws.
    const text = typedText(activity.text ?? '');
    if (!text || !addressedToKoers(activity)) return;
    await rememberChannel(context);
    const { told } = await command(context, () => withMentionIds(context, text));
    if (told) await context.sendActivity(told);
  });

  // A button that runs a command line: the answer comes as a new message; the card stays as it was.
  app.adaptiveCards.actionExecute(CARD_VERB.run, async (context, _state, data) => {
    const { told, locale } = await command(context, strings(data).text ?? '');
    return told ?? translator(locale)('teams.answered');
  });

  // A button that opens a form: the form comes as a new card, where it may be read; the button's
  // card gets one line (where the form went, or why there is none).
  app.adaptiveCards.actionExecute(CARD_VERB.formOpen, async (context, _state, data) => {
    const { formId = '' } = strings(data);
    const prefill = strings((data as { payload?: unknown }).payload);
    let line = '';
    await turn.openForm(asking(context), { formId, prefill }, async (opened) => {
      if (opened.kind === 'answer') {
        line = firstText(opened.answer.reply);
        return;
      }
      const { reply, form } = opened;
      const told = await deliverCards(context, [renderFormCard(reply, form)], reply.locale, 'asker');
      line = told ?? translator(reply.locale)('teams.formOpened');
    });
    return line;
  });

  // A submitted form replaces its own card: with the result, or with the errors and what was typed.
  app.adaptiveCards.actionExecute(CARD_VERB.formSubmit, async (context, _state, data) => {
    const { formId = '', ...values } = strings(data);
    const payload = strings((data as { payload?: unknown }).payload);
    let card: AdaptiveCard | string = '';
    await turn.submitForm(asking(context), { formId, payload, values, reopen: true }, async (outcome) => {
      if (outcome.kind === 'refused') {
        card = formAgain(outcome);
        return;
      }
      const [first, ...rest] = renderCards(outcome.reply);
      for (const more of rest) await context.sendActivity(cardActivity(more));
      card = first ?? translator(outcome.reply.locale)('teams.answered');
    });
    return card;
  });

  // Any other invoke (a button of an older Koers, a feature Koers does not offer): answered with
  // 200, so that Teams shows no error, and nothing is done.
  app.activity(ActivityTypes.Invoke, async (context) => {
    const isCardAction = context.activity.name === 'adaptiveCard/action';
    const locale = koersLocale(context.activity.locale) ?? 'nl';
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: {
        status: 200,
        body: isCardAction
          ? {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: translator(locale)('teams.unknownAction'),
            }
          : {},
      },
    });
  });
}

/**
 * What a conversation reference is kept as: ids and addresses, no names (a student's display name
 * has no business in a table erasure cannot reach), and not the install event's own id, since a
 * message Koers starts later is not a reply to that event.
 */
function storedReference(activity: Activity): Record<string, unknown> {
  const reference = TurnContext.getConversationReference(activity);
  const { id, tenantId, conversationType, isGroup } = reference.conversation ?? {};
  return {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    locale: reference.locale,
    bot: { id: reference.bot?.id },
    user: { id: reference.user?.id, aadObjectId: reference.user?.aadObjectId },
    conversation: { id, tenantId, conversationType, isGroup },
  };
}
