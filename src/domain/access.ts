/**
 * What someone may see and do with one student's data: role plus relationship (PRODUCT.md
 * section 1). The store works out the relationships; this module is the policy: which role may
 * hold which relationship, and which relationship grants which capability. Who may run an
 * action, what help and hints offer, and what a command shows all follow from these two tables.
 */
import { type Actor, type Audience, audiencesOf } from './actor.ts';
import type { SignalSeverity } from './signals/outcome.ts';

export const relationships = ['self', 'mentor', 'teaches', 'team', 'care', 'careEscalated'] as const;
export type Relationship = (typeof relationships)[number];

/** What a relationship lets one read. */
const readingCapabilities = [
  /** Group, levels, subjects, goals, arrangements: the pathway. */
  'seePathway',
  /** Wellbeing and motivation numbers, conversations had. */
  'seeWellbeing',
  /** That a student has a signal (*aandachtspunt*), of which kind, since when: never why. */
  'seeSignals',
  /** A signal's evidence in words, its next step, and why it was resolved. */
  'seeSignalEvidence',
  /** What the student wrote in a reflection, and conversation summaries. */
  'seeReflectionTexts',
] as const;

/**
 * What changes a student's record. A command using one acts only on the student the asker named
 * exactly or chose from a list, never on a forgiving match (src/engine/student-finder.ts).
 */
const changingCapabilities = [
  'changeGoals',
  'manageArrangements',
  'logConversation',
  /**
   * Mark a signal *gezien*: whoever in scope may weigh it says it has been read (issue 12), so a
   * team leader or the care coordinator can take it off the open pile without owning it.
   */
  'acknowledgeSignals',
  /** Resolve or escalate a signal: the conversation it asks for is the mentor's. */
  'actOnSignals',
  /** Pause a student's weekly prompt beyond what the student may set alone. */
  'pausePrompts',
] as const;

export const capabilities = [...readingCapabilities, ...changingCapabilities] as const;
export type Capability = (typeof capabilities)[number];

/**
 * A subject teacher sees the pathway and that a student has a signal of some kind, so they can
 * be mindful in class; a team leader and a care coordinator also the numbers behind signals,
 * never what a student wrote, unless a signal was escalated to the care coordinator. A student
 * sees their own answers, never signals about themselves: a signal asks the adults for a
 * conversation and must not read as a verdict on the student.
 */
const policy: Record<Relationship, readonly Capability[]> = {
  self: ['seePathway', 'seeWellbeing', 'seeReflectionTexts', 'changeGoals'],
  mentor: [
    'seePathway',
    'seeWellbeing',
    'seeSignals',
    'seeSignalEvidence',
    'seeReflectionTexts',
    'changeGoals',
    'manageArrangements',
    'logConversation',
    'acknowledgeSignals',
    'actOnSignals',
    'pausePrompts',
  ],
  // A teacher sees only a signal's kind: marking as read what one may not read would mean nothing.
  teaches: ['seePathway', 'seeSignals'],
  team: ['seePathway', 'seeWellbeing', 'seeSignals', 'seeSignalEvidence', 'acknowledgeSignals'],
  care: [
    'seePathway',
    'seeWellbeing',
    'seeSignals',
    'seeSignalEvidence',
    'manageArrangements',
    'acknowledgeSignals',
  ],
  careEscalated: [
    'seePathway',
    'seeWellbeing',
    'seeSignals',
    'seeSignalEvidence',
    'seeReflectionTexts',
    'manageArrangements',
    'acknowledgeSignals',
    'actOnSignals',
  ],
};

/**
 * The severities that bring a student into a care coordinator's scope (PRODUCT.md section 1,
 * issue 12): an *info* signal (a goal past its date) is the mentor's business, not care.
 */
export const careSeverities: readonly SignalSeverity[] = ['urgent', 'let-op'];

const changing: ReadonlySet<Capability> = new Set(changingCapabilities);

export function changesData(capability: Capability): boolean {
  return changing.has(capability);
}

export function may(held: Iterable<Relationship>, capability: Capability): boolean {
  for (const relationship of held) if (policy[relationship].includes(capability)) return true;
  return false;
}

/**
 * The relationships each role stands for. The data can link a person to a group in a way their
 * roles do not cover (a team leader listed as a group's teacher); the roles decide, so that
 * the command gate and the student's record give one answer.
 */
const roleRelationships: Record<Audience, readonly Relationship[]> = {
  leerling: ['self'],
  mentor: ['mentor'],
  docent: ['teaches'],
  teamleider: ['team'],
  zorgcoordinator: ['care', 'careEscalated'],
  beheerder: [],
};

const audiences = Object.keys(roleRelationships) as Audience[];

/** The relationships of `held` that the asker's roles stand for. */
export function heldByRoles(roles: readonly Audience[], held: readonly Relationship[]): Relationship[] {
  return held.filter((relationship) => roles.some((role) => roleRelationships[role].includes(relationship)));
}

/** Every role that can hold `capability` for some student: who may run an action that needs it. */
export function audiencesFor(capability: Capability): Audience[] {
  return audiences.filter((role) => may(roleRelationships[role], capability));
}

/** The staff roles of `audiencesFor`, for actions about another student rather than oneself. */
export function staffAudiencesFor(capability: Capability): Audience[] {
  return audiencesFor(capability).filter((role) => role !== 'leerling');
}

/** Whether the actor's roles can hold `capability` for any student at all. */
export function roleMay(actor: Actor, capability: Capability): boolean {
  return may(
    audiencesOf(actor).flatMap((role) => roleRelationships[role]),
    capability,
  );
}
