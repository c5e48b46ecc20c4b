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
import type { Actor } from '../../domain/actor.ts';
import type { Locale } from '../../domain/enums.ts';
import type { Command } from '../../engine/command.ts';
import type { PlatformContext } from '../../engine/context.ts';
import { openForm, submitForm } from '../../engine/forms.ts';
import { refusalReply } from '../../engine/replies.ts';
import { route } from '../../engine/router.ts';
import { translator } from '../../i18n/translate.ts';
import { errorId, log, loggableError } from '../../log.ts';
import { type AdaptiveCard, CARD_VERB, renderCards, renderFormCard } from '../../render/adaptive-card.ts';
import type { Block, Reply } from '../../reply/reply.ts';
import type { Store } from '../../store/database.ts';
import {
  personalConversation,
  removeTeamConversations,
  removeTeamsConversation,
  type SavedTeamsConversation,
  saveTeamsConversation,
} from '../../store/teams-conversations.ts';
import { cardActivity } from './card-activity.ts';
import { koersLocale, teamsPerson, tenantOf } from './identity.ts';
import { withMentionIds } from './mentions.ts';
import { typedText } from './typed-text.ts';

type Deps = {
  store: Store;
  commands: readonly Command[];
  /** Only this tenant's users are served, when set (`TEAMS_TENANT_ID`). */
  tenantId: string | undefined;
  /** Sends cards to a stored conversation (the adapter's proactive path); false if it is gone. */
  sendTo: (conversation: SavedTeamsConversation, cards: AdaptiveCard[]) => Promise<boolean>;
};

type Asker = { actor: Actor; platform: PlatformContext; tenantId: string; locale?: Locale };
type Form = Extract<Block, { type: 'form' }>;

const isReply = (value: Asker | Reply): value is Reply => 'blocks' in value;

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

/** The form again, with what was typed kept and each error on its field; a general error above it. */
function withErrors(
  reply: Reply,
  form: Form,
  values: Record<string, string | undefined>,
  errors: Record<string, string>,
) {
  const inputs = form.inputs.map((input) => ({
    ...input,
    ...(values[input.name] !== undefined ? { value: values[input.name] } : {}),
    ...(errors[input.name] ? { error: errors[input.name] } : {}),
  }));
  const general = Object.entries(errors)
    .filter(([name]) => !form.inputs.some((input) => input.name === name))
    .map(([, message]) => ({ type: 'text' as const, tone: 'error' as const, text: message }));
  const shown: Form = { ...form, inputs };
  return renderFormCard({ ...reply, blocks: [...general, shown] }, shown);
}

export function registerTeamsListeners(app: Application<TurnState>, deps: Deps): void {
  const { store, commands } = deps;

  /** The Koers person, or the reply that says why this Teams account gets nothing. */
  async function asker(context: TurnContext): Promise<Asker | Reply> {
    const fallback = koersLocale(context.activity.locale) ?? 'nl';
    const tenantId = tenantOf(context);
    if (!tenantId || (deps.tenantId && tenantId !== deps.tenantId))
      return refusalReply(fallback, 'teams.otherTenant');
    const who = await teamsPerson(store, context, tenantId);
    if (!who.actor) return refusalReply(who.teamsLocale ?? 'nl', 'teams.unlinked');
    return {
      actor: who.actor,
      tenantId,
      platform: { platform: 'teams', workspaceId: tenantId },
      ...(who.actor.locale === null && who.teamsLocale ? { locale: who.teamsLocale } : {}),
    };
  }
  const request = (who: Asker) => ({
    store,
    actor: who.actor,
    platform: who.platform,
    channel: 'teams' as const,
    ...(who.locale ? { locale: who.locale } : {}),
  });
  const ask = (who: Asker, text: string) => route(commands, { ...request(who), text });

  /**
   * Delivers cards where they may be read: here in a personal chat (or where `shownHere` allows
   * it); otherwise in the asker's personal chat, and the channel is told so. Returns what the
   * channel was told, if anything.
   */
  async function deliverCards(
    context: TurnContext,
    cards: AdaptiveCard[],
    locale: Locale,
    who: Asker | undefined,
    shownHere: boolean,
  ): Promise<string | undefined> {
    if (inPersonalChat(context) || shownHere) {
      for (const card of cards) await context.sendActivity(cardActivity(card));
      return undefined;
    }
    const t = translator(locale);
    const objectId = context.activity.from.aadObjectId;
    const personal = who && objectId ? personalConversation(store, who.tenantId, objectId) : undefined;
    if (!personal || !(await deps.sendTo(personal, cards))) return t('teams.askPersonally');
    return t('teams.answeredPersonally');
  }

  /** A Reply: only a staff member's visible one (a summary) may be shown in a shared conversation. */
  const deliver = (context: TurnContext, reply: Reply, who: Asker | undefined) =>
    deliverCards(
      context,
      renderCards(reply),
      reply.locale,
      who,
      reply.visibility === 'visible' && who?.actor.kind === 'staff',
    );

  /** A failure still gets an answer, with an id for the log; the log gets no texts. */
  async function answering<T>(
    context: TurnContext,
    work: () => Promise<T>,
    onError: (text: string) => T | Promise<T>,
  ) {
    try {
      return await work();
    } catch (error) {
      const id = errorId();
      log.error('teams.failed', { id, error: loggableError(error) });
      const text = translator(koersLocale(context.activity.locale) ?? 'nl')('error.unexpected', { id });
      return await onError(text);
    }
  }

  // Installation first: these must not reach the message route. An upgrade is not a new install.
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = String((context.activity as { action?: unknown }).action ?? '');
    if (action === 'remove') forget(context);
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
    if (membersRemoved?.some((member) => member.id === recipient.id)) forget(context);
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
    const isNew = saveTeamsConversation(store, {
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
    await answering(
      context,
      async () => {
        const who = await asker(context);
        await deliver(context, isReply(who) ? who : await ask(who, 'help'), isReply(who) ? undefined : who);
      },
      async () => {},
    );
  }

  function forget(context: TurnContext) {
    const tenantId = tenantOf(context);
    if (!tenantId) return;
    const team = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (context.activity.conversation.conversationType === 'channel' && typeof team === 'string')
      removeTeamConversations(store, tenantId, team);
    removeTeamsConversation(store, tenantId, context.activity.conversation.id);
    log.info('teams.uninstalled', { tenant: tenantId });
  }

  function forgetTeam(context: TurnContext) {
    const tenantId = tenantOf(context);
    const team = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (tenantId && typeof team === 'string') removeTeamConversations(store, tenantId, team);
  }

  app.activity(ActivityTypes.Message, async (context) => {
    const { activity } = context;
    // Reading the text is inside `answering` too: a failure outside it reached botbuilder's
    // onTurnError, and the person got no answer at all.
    await answering(
      context,
      async () => {
        // A card's Action.Submit (from a client without Action.Execute) carries a value and no text.
        const text = typedText(activity.text ?? '');
        if (!text || !addressedToKoers(activity)) return;
        const who = await asker(context);
        const reply = isReply(who) ? who : await ask(who, await withMentionIds(context, text));
        const told = await deliver(context, reply, isReply(who) ? undefined : who);
        if (told) await context.sendActivity(told);
      },
      async (text) => {
        await context.sendActivity(text);
      },
    );
  });

  // A button that runs a command line: the answer comes as a new message; the card stays as it was.
  app.adaptiveCards.actionExecute(CARD_VERB.run, async (context, _state, data) =>
    answering(
      context,
      async () => {
        const who = await asker(context);
        const reply = isReply(who) ? who : await ask(who, strings(data).text ?? '');
        const told = await deliver(context, reply, isReply(who) ? undefined : who);
        return told ?? translator(reply.locale)('teams.answered');
      },
      (text) => text,
    ),
  );

  // A button that opens a form: the form comes as a new card, where it may be read.
  app.adaptiveCards.actionExecute(CARD_VERB.formOpen, async (context, _state, data) =>
    answering(
      context,
      async () => {
        const who = await asker(context);
        if (isReply(who)) return firstText(who);
        const { formId } = strings(data);
        const prefill = strings((data as { payload?: unknown }).payload);
        const reply = await openForm(commands, { ...request(who), formId: formId ?? '', prefill });
        const form = reply.blocks.find((block): block is Form => block.type === 'form');
        if (!form) return firstText(reply);
        const told = await deliverCards(context, [renderFormCard(reply, form)], reply.locale, who, false);
        return told ?? translator(reply.locale)('teams.formOpened');
      },
      (text) => text,
    ),
  );

  // A submitted form replaces its own card: with the result, or with the errors and what was typed.
  app.adaptiveCards.actionExecute(CARD_VERB.formSubmit, async (context, _state, data) =>
    answering(
      context,
      async (): Promise<AdaptiveCard | string> => {
        const who = await asker(context);
        if (isReply(who)) return firstText(who);
        const { formId = '', ...values } = strings(data);
        const payload = strings((data as { payload?: unknown }).payload);
        const submission = await submitForm(commands, { ...request(who), formId, payload, values });
        if (submission.kind !== 'done') {
          // Field errors, or refused by the handler (a status changed meanwhile, no access): said
          // in the form too.
          const { errors } = submission;
          const opened = await openForm(commands, { ...request(who), formId, prefill: payload });
          const form = opened.blocks.find((block): block is Form => block.type === 'form');
          return form ? withErrors(opened, form, values, errors) : firstText(opened);
        }
        const { reply } = submission;
        const [first, ...rest] = renderCards(reply);
        for (const card of rest) await context.sendActivity(cardActivity(card));
        return first ?? translator(reply.locale)('teams.answered');
      },
      (text) => text,
    ),
  );

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

/** A short answer for a card action: the first text of a Reply (a refusal, an explanation). */
function firstText(reply: Reply): string {
  const text = reply.blocks.find((block) => block.type === 'text');
  return text?.type === 'text' ? text.text : translator(reply.locale)('teams.answered');
}
