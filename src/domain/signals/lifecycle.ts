/**
 * How a student's signals follow the rules' results: the one place that decides when a signal
 * opens, stays, or resolves by itself (PRODUCT.md section 4).
 *
 * - A kind opens once: while a signal of that kind is unresolved (*open* or *gezien*), a rule that
 *   still fires only refreshes its evidence.
 * - It resolves by itself when its rule comes back *clear*, and records why in words.
 * - A rule that lacks data changes nothing: not knowing is no all-clear. A kind the school or team
 *   switched off resolves, saying so: nobody asks for it any more, so it would never clear.
 * - A signal a person resolved by hand is not opened again for the same situation (the same
 *   goal, request or run of weeks, however much longer it has lasted); a new situation (other
 *   scores, another request, another goal) opens a new signal.
 */
import { isDeepStrictEqual } from 'node:util';
import type { signalStatuses } from '../enums.ts';
import type { RuleResult, Signal, SignalKind } from './outcome.ts';
import { type Evidence, type Phrase, phrase } from './phrase.ts';

export type SignalStatus = (typeof signalStatuses)[number];

/** A signal as it opens: nobody has said they saw it yet. */
export const NEW = 'open' as const satisfies SignalStatus;
/** Acknowledged (`signalen gezien`): someone saw it, and it still asks for a conversation. */
export const SEEN = 'gezien' as const satisfies SignalStatus;
/** The status a signal has once nothing more is asked; every other status still asks for a conversation. */
export const RESOLVED = 'opgelost' as const satisfies SignalStatus;

export function isResolved(status: SignalStatus): boolean {
  return status === RESOLVED;
}

/** Only a new signal can be marked seen: a seen one already is, a resolved one asks nothing more. */
export function mayAcknowledge(status: SignalStatus): boolean {
  return status === NEW;
}

export type UnresolvedSignal = { id: number; kind: SignalKind; evidence: Evidence };
export type HandResolved = { kind: SignalKind; evidence: Evidence };

export type SignalChange =
  | { change: 'open'; signal: Signal }
  | { change: 'refresh'; id: number; evidence: Evidence }
  | { change: 'resolve'; id: number; why: Phrase };

/**
 * Evidence compared by what it says, not by how it was written down: PostgreSQL's jsonb gives
 * an object's keys back in its own order.
 */
const sameEvidence = (a: Evidence, b: Evidence) => isDeepStrictEqual(a, b);

/**
 * The situation evidence describes, without the counts that grow by themselves (days overdue,
 * weeks without a reflection): a goal three weeks overdue is the same goal it was yesterday.
 */
function situation(evidence: Evidence) {
  return evidence.facts.map((fact) => ({
    key: fact.key,
    params: Object.fromEntries(Object.entries(fact.params).filter(([, value]) => !('count' in value))),
  }));
}

/** Why a signal of this kind resolved by itself, in words for its history. */
export function clearedBecause(kind: SignalKind): Phrase {
  return phrase(`signals.cleared.${kind}`);
}

/**
 * The changes that bring a student's signals in line with the results. `handResolved` gives, per
 * kind, the evidence of the latest signal a person resolved; asked only when a rule fires with no
 * signal of its kind open, which is rare, so a sweep need not read it for every student.
 */
export function signalChanges(
  results: readonly RuleResult[],
  unresolved: readonly UnresolvedSignal[],
  handResolved: () => readonly HandResolved[],
): SignalChange[] {
  const changes: SignalChange[] = [];
  for (const result of results) {
    const current = unresolved.find((signal) => signal.kind === result.kind);
    if (result.outcome === 'fired') {
      if (current) {
        if (!sameEvidence(current.evidence, result.signal.evidence))
          changes.push({ change: 'refresh', id: current.id, evidence: result.signal.evidence });
        continue;
      }
      const closedByHand = handResolved().find((signal) => signal.kind === result.kind);
      if (
        closedByHand &&
        isDeepStrictEqual(situation(closedByHand.evidence), situation(result.signal.evidence))
      )
        continue;
      changes.push({ change: 'open', signal: result.signal });
    } else if (result.outcome === 'clear' && current) {
      changes.push({ change: 'resolve', id: current.id, why: clearedBecause(result.kind) });
    } else if (result.outcome === 'off' && current) {
      // The school or team no longer asks for this kind: an open one would never clear.
      changes.push({ change: 'resolve', id: current.id, why: phrase('signals.cleared.off') });
    }
  }
  return changes;
}
