/**
 * Every closed vocabulary of the domain, defined once.
 *
 * The drizzle schema turns these into CHECK constraints, zod turns them into validators
 * (`z.enum(regions)`), and every value has a label under `enum.<name>.<value>` in both locale
 * files (a test holds the three together). Stored values are stable codes; what a user reads
 * comes from the locale files.
 */

export const regions = ['noord', 'midden', 'zuid'] as const;

export const locales = ['nl', 'en'] as const;

export const staffRoles = ['mentor', 'docent', 'zorgcoordinator', 'teamleider', 'beheerder'] as const;

/** po: primary school (leerjaar is the groep 1–8); the rest are the vo streams. */
export const onderwijssoorten = ['po', 'vmbo-b', 'vmbo-k', 'vmbo-gl', 'vmbo-tl', 'havo', 'vwo'] as const;

/** Subjects of Dutch secondary education, as stored on enrolments, goals and teaching assignments. */
export const subjects = [
  'nederlands',
  'engels',
  'frans',
  'duits',
  'spaans',
  'wiskunde',
  'wiskunde-a',
  'wiskunde-b',
  'natuurkunde',
  'scheikunde',
  'biologie',
  'nask',
  'aardrijkskunde',
  'geschiedenis',
  'economie',
  'maatschappijleer',
  'kunst',
  'lichamelijke-opvoeding',
  'informatica',
  'techniek',
] as const;

export const enrolmentStatuses = ['bezig', 'afgerond', 'gestopt'] as const;

/** Diploma part A's status column, derived from an enrolment (`part-a-status.ts`). */
export const partAStatuses = ['behaald', 'loopt', 'gepland', 'gestopt'] as const;

/** A result is a grade from 1.0 to 10.0, or one of these words. */
export const resultWords = ['voldoende', 'goed'] as const;

export const goalCategories = [
  'vak',
  'leerstrategie',
  'executieve-functie',
  'sociaal-emotioneel',
  'talent',
] as const;

export const goalOrigins = [
  'coachgesprek',
  'driehoeksgesprek',
  'ambitiegesprek',
  'reflectie',
  'eigen',
] as const;

export const goalStatuses = ['open', 'behaald', 'bijgesteld', 'gestopt'] as const;

export const goalProgress = ['nog-niet', 'een-beetje', 'goed-op-weg', 'behaald'] as const;

export const arrangementStrategies = [
  'versnellen',
  'vertragen',
  'verrijken',
  'verbreden',
  'intensiveren',
  'compacten',
] as const;

export const arrangementForms = [
  'in-de-klas',
  'plusklas',
  'vak-op-hoger-niveau',
  'extra-ondersteuning-opp',
  'onderwijszorgarrangement',
  'talentprogramma',
  'topsportprogramma',
] as const;

/** The pyramid: 1 in the class, 2 outside the class within the school, 3 above school part-time, 4 full-time. */
export const supportLevels = [1, 2, 3, 4] as const;

export const arrangementStatuses = ['voorgesteld', 'toegewezen', 'lopend', 'afgerond'] as const;

export const evaluationDecisions = ['verlengen', 'aanpassen', 'afsluiten'] as const;

export const goalsMetAnswers = ['ja', 'deels', 'nee'] as const;

export const conversationKinds = [
  'coachgesprek',
  'driehoeksgesprek',
  'ambitiegesprek',
  'evaluatiegesprek',
  'oudergesprek',
] as const;

export const participantKinds = ['leerling', 'ouder', 'medewerker'] as const;

export const activityKinds = [
  'stage',
  'project',
  'vrijwilligerswerk',
  'talentprogramma',
  'keuzemodule',
] as const;

export const challengeAnswers = ['te-makkelijk', 'precies-goed', 'te-moeilijk'] as const;

/** The 14 learning strategies of Dijkstra. */
export const learningStrategies = [
  'overzien',
  'jezelf-kennen',
  'vooruitkijken',
  'bijhouden',
  'terugkijken',
  'herhalen',
  'verdiepen',
  'structureren',
  'jezelf-organiseren',
  'omgeving-organiseren',
  'anderen-organiseren',
  'jezelf-vertrouwen',
  'het-nut-zien',
  'jezelf-motiveren',
] as const;

export const signalKinds = [
  'gespreksverzoek',
  'welbevinden-daalt',
  'motivatie-daalt',
  'reflecties-gemist',
  'te-weinig-uitdaging',
  'te-veel-leerpijn',
  'doel-verlopen',
  'evaluatie-verlopen',
  'cijfer-op-hoger-niveau',
  'geen-gesprek',
] as const;

export const signalSeverities = ['urgent', 'let-op', 'info'] as const;

export const signalStatuses = ['open', 'gezien', 'opgelost'] as const;

/** The outcome indicators a team may choose (at most five) for its summary. */
export const indicators = [
  'welbevinden-hoog',
  'motivatie-hoog',
  'grip-hoog',
  'uitdaging-precies-goed',
  'responspercentage',
  'doelen-behaald',
  'evaluaties-op-tijd',
] as const;

export const platforms = ['slack', 'teams', 'local'] as const;

export const subscriptionScopes = ['school', 'team', 'group'] as const;

export const personKinds = ['staff', 'student'] as const;

/** Where a Teams app is installed: a person's chat with Koers, a team, or a group chat. */
export const teamsScopes = ['personal', 'team', 'groupChat'] as const;

export const outboxStatuses = ['queued', 'sending', 'sent', 'dead'] as const;

export const auditActorKinds = ['staff', 'student', 'system'] as const;

/** `refused`: an attempt Koers turned down (a command outside one's role, a student out of reach). */
export const auditActions = ['read', 'create', 'update', 'delete', 'export', 'erase', 'refused'] as const;

/** Where a request came from: a chat platform, the terminal, or a scheduled job. */
export const channels = ['slack', 'teams', 'local', 'cli', 'job'] as const;

/**
 * The vocabularies that have user-facing labels in the locale files, by the name used in the
 * locale key `enum.<name>.<value>`.
 */
export const labelledEnums = {
  region: regions,
  role: staffRoles,
  onderwijssoort: onderwijssoorten,
  subject: subjects,
  enrolmentStatus: enrolmentStatuses,
  partAStatus: partAStatuses,
  resultWord: resultWords,
  goalCategory: goalCategories,
  goalOrigin: goalOrigins,
  goalStatus: goalStatuses,
  goalProgress,
  strategy: arrangementStrategies,
  form: arrangementForms,
  arrangementStatus: arrangementStatuses,
  decision: evaluationDecisions,
  goalsMet: goalsMetAnswers,
  conversationKind: conversationKinds,
  activityKind: activityKinds,
  challenge: challengeAnswers,
  learningStrategy: learningStrategies,
  signalKind: signalKinds,
  severity: signalSeverities,
  signalStatus: signalStatuses,
  indicator: indicators,
} as const;

export type Region = (typeof regions)[number];
export type Locale = (typeof locales)[number];
export type StaffRole = (typeof staffRoles)[number];
export type Onderwijssoort = (typeof onderwijssoorten)[number];
export type Subject = (typeof subjects)[number];
export type Platform = (typeof platforms)[number];
export type Channel = (typeof channels)[number];
