/**
 * What someone may see and do with one student's data: role plus relationship (PRODUCT.md
 * section 1). The store works out the relationships; this module is the policy, in one table.
 */
export const relationships = ['self', 'mentor', 'teaches', 'team', 'care', 'careEscalated'] as const;
export type Relationship = (typeof relationships)[number];

export const capabilities = [
  /** Group, levels, subjects, goals, arrangements: the pathway. */
  'seePathway',
  /** Wellbeing and motivation numbers, signals and their evidence, conversations had. */
  'seeWellbeing',
  /** What the student wrote in a reflection, and conversation summaries. */
  'seeReflectionTexts',
  'changeGoals',
  'manageArrangements',
  'logConversation',
  /** Acknowledge or resolve a signal: the conversation it asks for is the mentor's. */
  'actOnSignals',
] as const;
export type Capability = (typeof capabilities)[number];

/**
 * A subject teacher sees the pathway only; a team leader and a care coordinator also the
 * numbers behind signals, never what a student wrote, unless a signal was escalated to the
 * care coordinator.
 */
const policy: Record<Relationship, readonly Capability[]> = {
  self: ['seePathway', 'seeWellbeing', 'seeReflectionTexts', 'changeGoals'],
  mentor: [
    'seePathway',
    'seeWellbeing',
    'seeReflectionTexts',
    'changeGoals',
    'manageArrangements',
    'logConversation',
    'actOnSignals',
  ],
  teaches: ['seePathway'],
  team: ['seePathway', 'seeWellbeing'],
  care: ['seePathway', 'seeWellbeing', 'manageArrangements'],
  careEscalated: ['seePathway', 'seeWellbeing', 'seeReflectionTexts', 'manageArrangements', 'actOnSignals'],
};

/**
 * Capabilities that change a student's record. A command using one acts only on the student the
 * asker named exactly or chose from a list, never on a forgiving match (src/engine/student-finder.ts).
 */
const changing: ReadonlySet<Capability> = new Set([
  'changeGoals',
  'manageArrangements',
  'logConversation',
  'actOnSignals',
]);

export function changesData(capability: Capability): boolean {
  return changing.has(capability);
}

export function may(held: Iterable<Relationship>, capability: Capability): boolean {
  for (const relationship of held) if (policy[relationship].includes(capability)) return true;
  return false;
}
