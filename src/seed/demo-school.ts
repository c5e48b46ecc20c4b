/**
 * Koersmeer College: the people and stories of PRODUCT.md section 6, as data. The generator in
 * `school-builder.ts` fills the groups around them; the stories below override what it would
 * otherwise draw, relative to the seed's "now".
 */
import type { ArrangementPlan, GroupSpec, ReflectionPlan, StaffSpec, StudentPlan } from './plans.ts';

export const demoSchool = {
  name: 'Koersmeer College',
  region: 'midden',
  emailDomain: 'koersmeer.example',
  studentEmailDomain: 'leerling.koersmeer.example',
  /** The local playground's workspace; every demo person is linked there. */
  workspace: 'koersmeer',
} as const;

export const demoTeam = 'Bovenbouw';

export const demoGroups: Omit<GroupSpec, 'team'>[] = [
  { name: '3H', leerjaar: 3, onderwijssoort: 'havo' },
  { name: '3T', leerjaar: 3, onderwijssoort: 'vmbo-tl' },
  { name: '4V', leerjaar: 4, onderwijssoort: 'vwo' },
];

export const demoStaff: StaffSpec[] = [
  {
    name: 'Mirjam Jansen',
    email: 'm.jansen@koersmeer.example',
    roles: ['mentor', 'docent'],
    mentorOf: '3H',
    teaches: [
      { group: '3H', subject: 'nederlands' },
      { group: '3T', subject: 'nederlands' },
    ],
  },
  {
    name: 'Pieter de Vries',
    email: 'p.devries@koersmeer.example',
    roles: ['mentor', 'docent'],
    mentorOf: '4V',
    teaches: [
      { group: '3H', subject: 'frans' },
      { group: '4V', subject: 'frans' },
    ],
  },
  {
    name: 'Fatima Yilmaz',
    email: 'f.yilmaz@koersmeer.example',
    roles: ['mentor', 'docent'],
    mentorOf: '3T',
    teaches: [
      { group: '3T', subject: 'engels' },
      // Not 3H: a teacher of another group must be refused Sarina (issue 3's acceptance).
    ],
  },
  { name: 'Zoë Bos', email: 'z.bos@koersmeer.example', roles: ['zorgcoordinator'] },
  { name: 'Tom Smit', email: 't.smit@koersmeer.example', roles: ['teamleider'], leads: demoTeam },
  { name: 'Beheer', email: 'beheer@koersmeer.example', roles: ['beheerder'] },
  {
    name: 'Ahmed Benali',
    email: 'a.benali@koersmeer.example',
    roles: ['docent'],
    teaches: [
      { group: '3H', subject: 'wiskunde' },
      { group: '3T', subject: 'wiskunde' },
      { group: '4V', subject: 'wiskunde-b' },
    ],
  },
  {
    name: 'Ingrid van Leeuwen',
    email: 'i.vanleeuwen@koersmeer.example',
    roles: ['docent'],
    teaches: [
      { group: '3H', subject: 'geschiedenis' },
      { group: '3T', subject: 'geschiedenis' },
      { group: '4V', subject: 'geschiedenis' },
    ],
  },
  {
    name: 'Ruud Hoekstra',
    email: 'r.hoekstra@koersmeer.example',
    roles: ['docent'],
    teaches: [
      { group: '3H', subject: 'biologie' },
      { group: '3T', subject: 'nask' },
      { group: '4V', subject: 'biologie' },
    ],
  },
  {
    name: 'Sanne Kok',
    email: 's.kok@koersmeer.example',
    roles: ['docent'],
    teaches: [
      { group: '4V', subject: 'nederlands' },
      { group: '4V', subject: 'engels' },
      { group: '3H', subject: 'engels' },
    ],
  },
];

/** Week 0 is the most recent prompted week. */
const daanWellbeing = [4, 4, 3, 3, 2, 2];

const daanReflections: ReflectionPlan = (week) => {
  if (week < 2) return 'missed';
  // weeks 7…2 (oldest first) carry 4,4,3,3,2,2; before that he was doing fine.
  const wellbeing = week <= 7 ? daanWellbeing[7 - week] : 4;
  return { welbevinden: wellbeing, motivatie: Math.max(2, (wellbeing ?? 4) - (week <= 3 ? 1 : 0)) };
};

const noorReflections: ReflectionPlan = (week) =>
  week <= 3 ? { uitdaging: 'te-makkelijk', motivatie: 3 } : { uitdaging: 'precies-goed' };

const yaraReflections: ReflectionPlan = (week) =>
  week === 0
    ? {
        welbevinden: 2,
        wantsTalk: true,
        wentWell: 'Mijn presentatie bij geschiedenis.',
        nextStep: 'Ik wil graag even praten over thuis.',
      }
    : { wantsTalk: false };

const milanArrangement: ArrangementPlan = (now) => ({
  strategy: 'intensiveren',
  form: 'extra-ondersteuning-opp',
  description: 'Extra begeleiding bij lezen en plannen volgens het OPP, twee uur per week.',
  supportLevel: 2,
  startWeeksAgo: 15,
  evaluationIntervalWeeks: 6,
  nextEvaluation: now.minus({ weeks: 3 }),
  status: 'lopend',
  evaluations: [
    {
      weeksAgo: 9,
      goalsMet: 'deels',
      decision: 'verlengen',
      note: 'Leesvaardigheid groeit; planning nog lastig.',
    },
  ],
  goal: { title: 'Ik plan mijn huiswerk elke maandag in mijn agenda', category: 'executieve-functie' },
});

const noorArrangement: ArrangementPlan = (now) => ({
  strategy: 'verrijken',
  form: 'plusklas',
  description: 'Plusklas op dinsdagmiddag: onderzoeksproject naar keuze.',
  supportLevel: 2,
  startWeeksAgo: 10,
  evaluationIntervalWeeks: 8,
  nextEvaluation: now.plus({ weeks: 2 }),
  status: 'lopend',
  evaluations: [],
  goal: { title: 'Ik rond mijn onderzoeksproject in de plusklas af', category: 'talent' },
});

const lucasArrangement: ArrangementPlan = (now) => ({
  strategy: 'versnellen',
  form: 'vak-op-hoger-niveau',
  description: 'Wiskunde B een jaar eerder afgerond; vrijgekomen uren voor een verdiepingsmodule.',
  supportLevel: 1,
  startWeeksAgo: 60,
  evaluationIntervalWeeks: 12,
  nextEvaluation: undefined,
  plannedEnd: now.minus({ weeks: 20 }),
  status: 'afgerond',
  evaluations: [
    { weeksAgo: 20, goalsMet: 'ja', decision: 'afsluiten', note: 'Wiskunde B afgerond met een 7,8.' },
  ],
  goal: {
    title: 'Ik rond wiskunde B een jaar eerder af',
    category: 'vak',
    subject: 'wiskunde-b',
    achieved: true,
  },
});

export const demoStudents: StudentPlan[] = [
  {
    firstName: 'Sarina',
    lastNamePrefix: 'El',
    lastName: 'Amrani',
    group: '3H',
    email: 'sarina.elamrani@leerling.koersmeer.example',
    higherLevel: [
      { subject: 'frans', level: 'vwo', grade: 5.2 },
      { subject: 'nederlands', level: 'vwo', grade: 7.4 },
    ],
    activities: [
      { kind: 'project', title: 'Lid van de leerlingenraad', competences: ['Voorzitten', 'Luisteren'] },
    ],
  },
  {
    firstName: 'Daan',
    lastName: 'Visser',
    group: '3H',
    email: 'daan.visser@leerling.koersmeer.example',
    reflections: daanReflections,
  },
  {
    firstName: 'Noor',
    lastName: 'Hendriks',
    group: '3H',
    email: 'noor.hendriks@leerling.koersmeer.example',
    reflections: noorReflections,
    arrangements: [noorArrangement],
  },
  {
    firstName: 'Kelly',
    lastName: 'Mulder',
    group: '3T',
    email: 'kelly.mulder@leerling.koersmeer.example',
    higherLevel: [{ subject: 'nederlands', level: 'havo', grade: 7.1 }],
    activities: [
      {
        kind: 'stage',
        title: 'Stage bij woonzorgcentrum De Linde (80 uur)',
        competences: ['Ouderen begeleiden', 'Communiceren'],
      },
      { kind: 'project', title: 'Lid van de schoolband', competences: ['Samenwerken', 'Presenteren'] },
    ],
  },
  {
    firstName: 'Milan',
    lastName: 'Peters',
    group: '3T',
    email: 'milan.peters@leerling.koersmeer.example',
    arrangements: [milanArrangement],
  },
  {
    firstName: 'Lucas',
    lastName: 'Bakker',
    group: '4V',
    email: 'lucas.bakker@leerling.koersmeer.example',
    completedEarly: [{ subject: 'wiskunde-b', level: 'vwo', grade: 7.8, yearsAgo: 1 }],
    arrangements: [lucasArrangement],
  },
  {
    firstName: 'Yara',
    lastName: 'Wijaya',
    group: '4V',
    email: 'yara.wijaya@leerling.koersmeer.example',
    reflections: yaraReflections,
  },
];

/** The indicators team Bovenbouw chose, with its *schoolambitie*. */
/**
 * The people of PRODUCT.md section 6, in its order: the personas the playground offers first.
 * The other demo staff and the drawn students fill the school around them.
 */
export const demoPersonas: readonly string[] = [
  'm.jansen@koersmeer.example',
  'p.devries@koersmeer.example',
  'f.yilmaz@koersmeer.example',
  'z.bos@koersmeer.example',
  't.smit@koersmeer.example',
  'beheer@koersmeer.example',
  ...demoStudents.map((person) => person.email),
];

export const demoIndicators = [
  { indicator: 'welbevinden-hoog', target: 0.75 },
  { indicator: 'uitdaging-precies-goed', target: 0.6 },
  { indicator: 'responspercentage', target: 0.9 },
] as const;

/** The staff channel of team Bovenbouw in the local playground. */
export const demoStaffChannel = 'teamkamer-bovenbouw';

export const studentsPerGroup = 25;
