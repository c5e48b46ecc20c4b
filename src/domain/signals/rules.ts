/**
 * Every signal rule of PRODUCT.md section 4, and evaluating one student against all of them.
 * The store loads the facts and the calendar, the settings give the thresholds, and what comes
 * back is one result per kind, in the order of `signalKinds`; opening, keeping and resolving
 * signals from those results is the caller's.
 */
import { signalKinds } from '../enums.ts';
import { cijferOpHogerNiveau } from './cijfer-op-hoger-niveau.ts';
import { doelVerlopen } from './doel-verlopen.ts';
import { evaluatieVerlopen } from './evaluatie-verlopen.ts';
import { geenGesprek } from './geen-gesprek.ts';
import { gespreksverzoek } from './gespreksverzoek.ts';
import { motivatieDaalt } from './motivatie-daalt.ts';
import type { RuleResult, SignalKind } from './outcome.ts';
import { reflectiesGemist } from './reflecties-gemist.ts';
import { inWeekOrder } from './reflection-window.ts';
import type { SignalRule } from './rule.ts';
import type { SignalCalendar, StudentFacts } from './student-facts.ts';
import { teVeelLeerpijn } from './te-veel-leerpijn.ts';
import { teWeinigUitdaging } from './te-weinig-uitdaging.ts';
import type { Thresholds } from './thresholds.ts';
import { welbevindenDaalt } from './welbevinden-daalt.ts';

/** One rule per kind; the type makes a kind without a rule a compile error. */
export const signalRules: { readonly [K in SignalKind]: SignalRule<K> } = {
  gespreksverzoek,
  'welbevinden-daalt': welbevindenDaalt,
  'motivatie-daalt': motivatieDaalt,
  'reflecties-gemist': reflectiesGemist,
  'te-weinig-uitdaging': teWeinigUitdaging,
  'te-veel-leerpijn': teVeelLeerpijn,
  'doel-verlopen': doelVerlopen,
  'evaluatie-verlopen': evaluatieVerlopen,
  'cijfer-op-hoger-niveau': cijferOpHogerNiveau,
  'geen-gesprek': geenGesprek,
};

/** The kinds the daily sweep must evaluate: their answer changes as days pass. */
export const timeDrivenKinds: readonly SignalKind[] = signalKinds.filter(
  (kind) => signalRules[kind].drivenBy === 'time',
);

function evaluateKind<K extends SignalKind>(
  kind: K,
  facts: StudentFacts,
  calendar: SignalCalendar,
  thresholds: Thresholds,
  today: string,
): RuleResult {
  const rule: SignalRule<K> = signalRules[kind];
  const own = thresholds[kind];
  if (!own.enabled) return { kind, outcome: 'off' };
  const result = rule.evaluate({ facts, calendar, thresholds: own, today });
  if (result.outcome === 'fired')
    return { kind, outcome: 'fired', signal: { kind, severity: rule.severity, evidence: result.evidence } };
  return { kind, ...result };
}

/**
 * One student against every rule (or only `kinds`, e.g. `timeDrivenKinds` in the sweep).
 * Pure: the same facts, calendar, thresholds and day give the same results.
 */
export function evaluateStudent(
  facts: StudentFacts,
  calendar: SignalCalendar,
  thresholds: Thresholds,
  today: string,
  kinds: readonly SignalKind[] = signalKinds,
): RuleResult[] {
  const ordered = { ...facts, reflections: inWeekOrder(facts.reflections) };
  return kinds.map((kind) => evaluateKind(kind, ordered, calendar, thresholds, today));
}

/**
 * How many of a student's latest reflections the rules read, so that the sweep need not load
 * all of them. The talk request also needs the latest reflection with `wantsTalk`, wherever it is.
 */
export function reflectionsNeeded(thresholds: Thresholds): number {
  const score = (t: Thresholds['welbevinden-daalt']) => (t.enabled ? t.recent + t.baseline : 0);
  const answer = (t: Thresholds['te-weinig-uitdaging']) => (t.enabled ? t.outOf : 0);
  return Math.max(
    1, // reflecties gemist: the latest one
    score(thresholds['welbevinden-daalt']),
    score(thresholds['motivatie-daalt']),
    answer(thresholds['te-weinig-uitdaging']),
    answer(thresholds['te-veel-leerpijn']),
  );
}

/** What the rules of some kinds read of a student, so that a loader fetches nothing more. */
export type FactsNeeded = {
  /** How many of the latest reflections. */
  reflections: number;
  /** The latest reflection with a talk request, wherever it lies. */
  talkRequest: boolean;
  enrolments: boolean;
  conversations: boolean;
};

export function factsNeeded(thresholds: Thresholds, kinds: readonly SignalKind[]): FactsNeeded {
  const on = (kind: SignalKind) => kinds.includes(kind) && thresholds[kind].enabled;
  const score = (kind: 'welbevinden-daalt' | 'motivatie-daalt') =>
    on(kind) ? thresholds[kind].recent + thresholds[kind].baseline : 0;
  const answer = (kind: 'te-weinig-uitdaging' | 'te-veel-leerpijn') =>
    on(kind) ? thresholds[kind].outOf : 0;
  return {
    reflections: Math.max(
      on('reflecties-gemist') || on('gespreksverzoek') ? 1 : 0,
      score('welbevinden-daalt'),
      score('motivatie-daalt'),
      answer('te-weinig-uitdaging'),
      answer('te-veel-leerpijn'),
    ),
    talkRequest: on('gespreksverzoek'),
    enrolments: on('cijfer-op-hoger-niveau'),
    // A talk request is answered by a logged conversation; silence is counted since the last one.
    conversations: on('gespreksverzoek') || on('geen-gesprek'),
  };
}
