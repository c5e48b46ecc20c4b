/** An Adaptive Card as the message activity Teams shows it in. */
import { type Activity, CardFactory, MessageFactory } from 'botbuilder';
import type { AdaptiveCard } from '../../render/adaptive-card.ts';

export const cardActivity = (card: AdaptiveCard): Partial<Activity> =>
  MessageFactory.attachment(CardFactory.adaptiveCard(card));
