/**
 * *Gespreksverzoek*: the student ticked "Ik wil graag met mijn mentor praten". The request stands
 * until a conversation is logged on or after the day it was made; a later reflection without the
 * tick does not withdraw it, because the request was for a talk, not for a mood.
 */
import { clear, fired } from './outcome.ts';
import { phrase } from './phrase.ts';
import type { SignalRule } from './rule.ts';

export const gespreksverzoek: SignalRule<'gespreksverzoek'> = {
  kind: 'gespreksverzoek',
  severity: 'urgent',
  drivenBy: 'events',
  evaluate: ({ facts }) => {
    const request = facts.reflections.findLast((r) => r.wantsTalk);
    if (!request) return clear;
    const talkedSince = facts.conversations.some((c) => c.date >= request.submittedOn);
    if (talkedSince) return clear;
    return fired(
      [phrase('signals.evidence.gespreksverzoek', { date: { date: request.submittedOn } })],
      phrase('signals.next.gespreksverzoek'),
    );
  },
};
