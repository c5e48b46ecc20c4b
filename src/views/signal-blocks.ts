/**
 * Open signals as blocks, for the pathway card and `signalen`: each signal its line, then the
 * buttons its reader may use (seen, resolved with a reason, to the care coordinator). One view,
 * so the card and the list never offer a reader different things about the same signal.
 */
import { may, type Relationship } from '../domain/access.ts';
import { mayAcknowledge } from '../domain/signals/lifecycle.ts';
import type { CommandContext } from '../engine/context.ts';
import { formButton, runButton } from '../reply/buttons.ts';
import type { BlockInput, Button } from '../reply/reply.ts';
import { type ShownSignal, signalLine } from './lines.ts';

export function signalButtons(
  { t }: CommandContext,
  signal: ShownSignal,
  held: readonly Relationship[],
): Button[] {
  // Seen is for anyone in scope who may weigh it; resolving and escalating stay the mentor's.
  const acknowledge =
    mayAcknowledge(signal.status) && may(held, 'acknowledgeSignals')
      ? [runButton(t('card.acknowledgeSignal'), `signalen gezien ${signal.id}`)]
      : [];
  if (!may(held, 'actOnSignals')) return acknowledge;
  return [
    ...acknowledge,
    // A reason is required, so resolving opens a form rather than acting at once.
    formButton(t('signals.resolveButton'), 'signalen.opgelost', { nummer: String(signal.id) }),
    ...(signal.escalatedToId === null
      ? [runButton(t('signals.escalateButton'), `signalen escaleer ${signal.id}`)]
      : []),
  ];
}

export type SignalEntry = {
  signal: ShownSignal;
  held: readonly Relationship[];
  /** Whose signal it is, when the list holds several students. */
  student?: string;
  /** A heading above this entry: the first of its severity, or the card's section. */
  title?: string;
};

export function signalBlocks(context: CommandContext, entries: readonly SignalEntry[]): BlockInput[] {
  return entries.flatMap(({ signal, held, student, title }) => {
    const buttons = signalButtons(context, signal, held);
    return [
      {
        type: 'list' as const,
        ...(title ? { title } : {}),
        items: [signalLine(context, signal, held, student)],
      },
      ...(buttons.length > 0 ? [{ type: 'actions' as const, buttons }] : []),
    ];
  });
}
