/**
 * The words a roster file may use for Koers's closed vocabularies: the codes of
 * src/domain/enums.ts, their Dutch and English labels from the locale files, and the
 * abbreviations Dutch school systems export (`wiA`, `ne`, `mavo`, `kader`). Case, accents,
 * spaces, dashes and underscores do not matter: `Wiskunde A`, `wiskunde-a` and `WISKUNDE_A` are one.
 */
import {
  enrolmentStatuses,
  locales,
  type Onderwijssoort,
  onderwijssoorten,
  resultWords,
  type StaffRole,
  type Subject,
  staffRoles,
  subjects,
} from '../domain/enums.ts';
import { translate } from '../i18n/translate.ts';

/** `Zorgcoördinator`, `wiskunde_a`, ` havo ` → `zorgcoordinator`, `wiskunde-a`, `havo`. */
export function wordKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s_\-./]+/g, '-');
}

/** Each code by itself, its label in every language, and the extra words given. */
function vocabulary<T extends string>(
  codes: readonly T[],
  labelFamily: string,
  extra: Record<string, T>,
): ReadonlyMap<string, T> {
  const words = new Map<string, T>();
  for (const code of codes) {
    words.set(wordKey(code), code);
    for (const locale of locales) words.set(wordKey(translate(locale, `enum.${labelFamily}.${code}`)), code);
  }
  for (const [word, code] of Object.entries(extra)) words.set(wordKey(word), code);
  return words;
}

const subjectWords = vocabulary<Subject>(subjects, 'subject', {
  ne: 'nederlands',
  ned: 'nederlands',
  netl: 'nederlands',
  en: 'engels',
  eng: 'engels',
  entl: 'engels',
  fa: 'frans',
  fr: 'frans',
  fatl: 'frans',
  du: 'duits',
  dutl: 'duits',
  sp: 'spaans',
  sptl: 'spaans',
  wi: 'wiskunde',
  wis: 'wiskunde',
  maths: 'wiskunde',
  math: 'wiskunde',
  wa: 'wiskunde-a',
  wia: 'wiskunde-a',
  wisa: 'wiskunde-a',
  wb: 'wiskunde-b',
  wib: 'wiskunde-b',
  wisb: 'wiskunde-b',
  na: 'natuurkunde',
  sk: 'scheikunde',
  bi: 'biologie',
  bio: 'biologie',
  ak: 'aardrijkskunde',
  gs: 'geschiedenis',
  ges: 'geschiedenis',
  ec: 'economie',
  eco: 'economie',
  ma: 'maatschappijleer',
  ckv: 'kunst',
  ku: 'kunst',
  lo: 'lichamelijke-opvoeding',
  pe: 'lichamelijke-opvoeding',
  in: 'informatica',
  inf: 'informatica',
  te: 'techniek',
});

const levelWords = vocabulary<Onderwijssoort>(onderwijssoorten, 'onderwijssoort', {
  primair: 'po',
  basisonderwijs: 'po',
  'vmbo-bb': 'vmbo-b',
  bb: 'vmbo-b',
  basis: 'vmbo-b',
  'vmbo-kb': 'vmbo-k',
  kb: 'vmbo-k',
  kader: 'vmbo-k',
  gl: 'vmbo-gl',
  tl: 'vmbo-tl',
  'vmbo-t': 'vmbo-tl',
  mavo: 'vmbo-tl',
  atheneum: 'vwo',
  gymnasium: 'vwo',
});

const roleWords = vocabulary<StaffRole>(staffRoles, 'role', {
  coach: 'mentor',
  leraar: 'docent',
  teacher: 'docent',
  'intern-begeleider': 'zorgcoordinator',
  ib: 'zorgcoordinator',
  zorg: 'zorgcoordinator',
  afdelingsleider: 'teamleider',
  'team-leader': 'teamleider',
  admin: 'beheerder',
  administrator: 'beheerder',
});

const resultWordWords = vocabulary(resultWords, 'resultWord', {
  v: 'voldoende',
  g: 'goed',
  sufficient: 'voldoende',
});

const statusWords = vocabulary(enrolmentStatuses, 'enrolmentStatus', {
  loopt: 'bezig',
  'in-progress': 'bezig',
  ongoing: 'bezig',
  behaald: 'afgerond',
  done: 'afgerond',
  dropped: 'gestopt',
});

export const subjectOf = (word: string) => subjectWords.get(wordKey(word));
export const levelOf = (word: string) => levelWords.get(wordKey(word));
export const roleOf = (word: string) => roleWords.get(wordKey(word));
export const resultWordOf = (word: string) => resultWordWords.get(wordKey(word));
export const enrolmentStatusOf = (word: string) => statusWords.get(wordKey(word));

/** A list in one cell: `mentor, docent` or `mentor | docent` (a line break also separates; empty parts are left out). */
export function listIn(cell: string): string[] {
  return cell
    .split(/[,;|\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
