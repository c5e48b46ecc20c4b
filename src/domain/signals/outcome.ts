/**
 * What a rule can conclude about one student. "Not enough data" is its own answer, not a quiet
 * "clear": a rule that cannot judge says so (PRODUCT.md section 4), and the caller decides what
 * that means for a signal that is already open.
 */
import type { signalKinds, signalSeverities } from '../enums.ts';
import { type Evidence, type Phrase, phrase } from './phrase.ts';

export type SignalKind = (typeof signalKinds)[number];
export type SignalSeverity = (typeof signalSeverities)[number];

/** A rule's own conclusion; the registry adds the kind and its severity. */
export type RuleOutcome =
  | { outcome: 'fired'; evidence: Evidence }
  | { outcome: 'clear' }
  | { outcome: 'notEnoughData'; missing: Phrase };

export type Signal = { kind: SignalKind; severity: SignalSeverity; evidence: Evidence };

/**
 * One result per kind for one student. `off`: the school or team switched the kind off, which
 * is not the same as its condition clearing.
 */
export type RuleResult =
  | { kind: SignalKind; outcome: 'fired'; signal: Signal }
  | { kind: SignalKind; outcome: 'clear' }
  | { kind: SignalKind; outcome: 'notEnoughData'; missing: Phrase }
  | { kind: SignalKind; outcome: 'off' };

export const clear: RuleOutcome = { outcome: 'clear' };

export function fired(facts: readonly Phrase[], nextStep: Phrase): RuleOutcome {
  return { outcome: 'fired', evidence: { facts: [...facts], nextStep } };
}

/** Fewer reflections than the rule's window. */
export function tooFewReflections(have: number, need: number): RuleOutcome {
  return {
    outcome: 'notEnoughData',
    missing: phrase('signals.evidence.notEnough.reflections', {
      have: { count: have },
      need: { count: need },
    }),
  };
}

/** Fewer prompted weeks (whose answer time has passed) than the rule's window. */
export function tooFewPromptedWeeks(have: number, need: number): RuleOutcome {
  return {
    outcome: 'notEnoughData',
    missing: phrase('signals.evidence.notEnough.promptedWeeks', {
      have: { count: have },
      need: { count: need },
    }),
  };
}
