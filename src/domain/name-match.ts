/**
 * Finding a student from what a mentor types (`leerling sarina`), forgivingly: case and accents
 * ignored, first, preferred or last name, with or without the tussenvoegsel, a prefix, a small typo,
 * or an e-mail address. Callers show every id of the returned tier as a list to choose from, so this
 * module never picks one student among several.
 *
 * Typo tolerance scales with the shorter of the query and the name it is compared with, spaces
 * not counted: below 4 letters no typos at all, from 4 letters one edit, from 8 letters two. Dutch
 * first names are often four letters (`Dann` is meant as Daan, `Kely` as Kelly), so they get one;
 * three-letter queries (`jan`, `sam`) are too close to too many names to forgive anything.
 * Namesakes stay apart in two ways: a better tier wins outright (typing `sara` never lists Saar),
 * and among typos only the closest count (one edit beats two). A typo match is only ever
 * offered: commands that change data let the asker choose (src/engine/student-finder.ts).
 *
 * An e-mail address is an exact key, not a name: it matches only the student with that address
 * (case-insensitive), never a neighbouring one (a sibling's address is often one edit away).
 *
 * The roster arrives fresh from the database for every message, so nothing is cached between calls;
 * instead each name form is only built once a cheap test on its first word or its length says it
 * could match, and an address is only normalised when its raw text could.
 */
import { editDistance } from './edit-distance.ts';

export type NameCandidate = {
  id: number;
  firstName: string;
  preferredName: string | null;
  lastNamePrefix: string | null;
  lastName: string;
  email: string;
};

export type NameMatch = { tier: 'exact' | 'prefix' | 'typo'; ids: number[] };

const MIN_PREFIX_LETTERS = 2;
const MIN_ONE_TYPO_LETTERS = 4;
const MIN_TWO_TYPO_LETTERS = 8;

// Compiled once: matchName normalises every roster name on every call.
const PRINTABLE_ASCII = /^[ -~]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;
const COMBINING_MARKS = /\p{M}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

const NOT_PLAIN = 0;
const LOWER_WORD = 1;
const MIXED_WORD = 2;

/** Whether text is one ASCII word, and whether it is already lowercase; a loop beats a regex here. */
function plainWordCase(text: string): number {
  if (text.length === 0) return NOT_PLAIN;
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) upper = true;
    else if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) return NOT_PLAIN;
  }
  return upper ? MIXED_WORD : LOWER_WORD;
}

/**
 * Lowercase, accents removed (NFD + strip combining marks), punctuation/hyphens/apostrophes → space,
 * whitespace collapsed, trimmed. `Zoë` → `zoe`, `El-Amrani` → `el amrani`, `d'Ancona` → `d ancona`.
 */
export function normalizeName(text: string): string {
  // Fast paths give the same result as the general one for ASCII, which is most roster names.
  const plain = plainWordCase(text);
  if (plain === LOWER_WORD) return text;
  if (plain === MIXED_WORD) return text.toLowerCase();
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase().replace(ASCII_SEPARATORS, ' ').trim();
  // Lowercasing can itself produce combining marks (`İ` → `i̇`), so it comes before the stripping.
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSED, (letter) => UNDECOMPOSED_BASE[letter] ?? letter)
    .replace(SEPARATORS, ' ')
    .trim();
}

/**
 * Letters that carry their mark inside and do not decompose, but that people type without it:
 * Yılmaz as yilmaz, Søren as soren.
 */
const UNDECOMPOSED_BASE: Record<string, string> = {
  ı: 'i',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};
const UNDECOMPOSED = /[ıøłđßæœþ]/g;

const EXACT = 0;
const PREFIX = 1;
/** A typo match one edit away; TYPO + 1 is two edits away, so the closer one ranks better. */
const TYPO = 2;
const WORST_TYPO = 3;
const NONE = 4;
const TIER_NAMES = ['exact', 'prefix', 'typo', 'typo'] as const;

type Query = {
  text: string;
  words: readonly string[];
  firstWord: string;
  letters: number;
  /** The most typos any name could allow this query; bounds the length test. */
  maxTypos: number;
};

function letterCount(text: string): number {
  let spaces = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) spaces++;
  return text.length - spaces;
}

function typosAllowed(letters: number): number {
  if (letters >= MIN_TWO_TYPO_LETTERS) return 2;
  if (letters >= MIN_ONE_TYPO_LETTERS) return 1;
  return 0;
}

/**
 * Each query word starts the name word in the same position, counting from the name's first word
 * (`d viss` → `daan visser`). Later name words are reached through the forms that start with them
 * (`amrani`, `el amrani`), so a query never matches from the middle of a name.
 */
function wordsArePrefixes(queryWords: readonly string[], name: string): boolean {
  let position = 0;
  for (let i = 0; i < queryWords.length; i++) {
    const word = queryWords[i] ?? '';
    if (!name.startsWith(word, position)) return false;
    if (i === queryWords.length - 1) return true;
    const space = name.indexOf(' ', position + word.length);
    if (space === -1) return false;
    position = space + 1;
  }
  return true;
}

function joinParts(a: string, b: string, c: string): string {
  let joined = a;
  if (b !== '') joined = joined === '' ? b : `${joined} ${b}`;
  if (c !== '') joined = joined === '' ? c : `${joined} ${c}`;
  return joined;
}

/** The length of parts of these lengths joined by single spaces, empty parts left out. */
function joinedLength(a: number, b: number, c = 0): number {
  const parts = (a === 0 ? 0 : 1) + (b === 0 ? 0 : 1) + (c === 0 ? 0 : 1);
  return parts === 0 ? 0 : a + b + c + parts - 1;
}

/** Whether a name of this length (spaces included, so never fewer letters) could be a typo away. */
function isTypoLength(query: Query, length: number): boolean {
  return Math.abs(length - query.text.length) <= typosAllowed(Math.min(query.letters, length));
}

/**
 * The tier of one name form, the normalised parts `a b c` joined (empty parts left out), looking no
 * further than `worstUseful`. The joined string is only built when it could match.
 */
function formTier(query: Query, worstUseful: number, a: string, b = '', c = ''): number {
  const head = a !== '' ? a : b !== '' ? b : c;
  if (head === '') return NONE;
  // Any exact or prefix match starts with the query's first word, which must then start the head.
  const mayStartAlike = head.startsWith(query.firstWord);
  const length = joinedLength(a.length, b.length, c.length);
  const mayBeTypo = worstUseful >= TYPO && isTypoLength(query, length);
  if (!mayStartAlike && !mayBeTypo) return NONE;
  if (worstUseful === EXACT && length !== query.text.length) return NONE;

  const name = joinParts(a, b, c);
  if (mayStartAlike) {
    if (name === query.text) return EXACT;
    const prefixUseful = worstUseful >= PREFIX && query.letters >= MIN_PREFIX_LETTERS;
    if (prefixUseful && wordsArePrefixes(query.words, name)) return PREFIX;
  }
  if (mayBeTypo) {
    // No more edits than the worst tier still useful: two edits are no news once one has matched.
    const allowed = Math.min(
      typosAllowed(Math.min(query.letters, letterCount(name))),
      worstUseful - TYPO + 1,
    );
    if (allowed > 0) {
      const distance = editDistance(query.text, name, allowed);
      if (distance <= allowed) return TYPO + Math.max(distance, 1) - 1;
    }
  }
  return NONE;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * The length normalizeName would give text[0, end), worked out on the raw text without building
 * anything, or -1 when the text is not all ASCII (then only normalising tells). Counting
 * stops just past `stopAbove`, which is all a typo test needs to know.
 */
function asciiNormalizedLength(text: string, end: number, stopAbove = Number.POSITIVE_INFINITY): number {
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return -1;
    if (isAsciiAlphanumeric(code)) {
      if (pendingSpace && length > 0) length++;
      pendingSpace = false;
      if (++length > stopAbove) return length;
    } else {
      pendingSpace = true;
    }
  }
  return length;
}

/** Whether normalizeName(text) could start with `word`, judged on the raw text; true when unsure. */
function mayStartWith(text: string, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = text.charCodeAt(i);
    if (Number.isNaN(code)) return false;
    // Accents, leading punctuation and the like need the real normalisation.
    if (code > 127 || (i === 0 && !isAsciiAlphanumeric(code))) return true;
    if (!isAsciiAlphanumeric(code)) return false;
    const lower = code >= 65 && code <= 90 ? code + 32 : code;
    if (lower !== word.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The tier of the address and of its local part, each normalised only when its raw text could
 * match: both start with the address's first word, and a typo needs a length close to the query's.
 */
function emailTier(query: Query, worstUseful: number, email: string): number {
  if (email === '') return NONE;
  const startsAlike = mayStartWith(email, query.firstWord);
  const typoUseful = worstUseful >= TYPO && query.maxTypos > 0;
  if (!startsAlike && !typoUseful) return NONE;

  const at = email.indexOf('@');
  const localEnd = at === -1 ? email.length : at;
  let localNear = false;
  let wholeNear = false;
  if (typoUseful) {
    const longest = query.text.length + query.maxTypos;
    const local = asciiNormalizedLength(email, localEnd, longest);
    // The whole address is longer still, so it only needs counting when the local part is short.
    const whole = local > longest ? local : asciiNormalizedLength(email, email.length, longest);
    localNear = local === -1 || isTypoLength(query, local);
    wholeNear = whole === -1 || isTypoLength(query, whole);
  }

  let best = NONE;
  if (startsAlike || localNear) best = formTier(query, worstUseful, normalizeName(email.slice(0, localEnd)));
  if (best === EXACT || !(startsAlike || wholeNear)) return best;
  return Math.min(best, formTier(query, Math.min(worstUseful, best - 1), normalizeName(email)));
}

/**
 * Whether any of the candidate's name forms (not the address) could match, judged on the raw
 * names: most of a roster fails this, and then none of its names needs normalising.
 */
function namesMayMatch(query: Query, worstUseful: number, candidate: NameCandidate): boolean {
  const { firstName, lastName } = candidate;
  const preferredName = candidate.preferredName ?? '';
  const lastNamePrefix = candidate.lastNamePrefix ?? '';
  const word = query.firstWord;
  if (mayStartWith(firstName, word) || mayStartWith(lastName, word)) return true;
  if (mayStartWith(preferredName, word) || mayStartWith(lastNamePrefix, word)) return true;
  if (worstUseful < TYPO || query.maxTypos === 0) return false;

  const first = asciiNormalizedLength(firstName, firstName.length);
  const last = asciiNormalizedLength(lastName, lastName.length);
  const preferred = asciiNormalizedLength(preferredName, preferredName.length);
  const prefix = asciiNormalizedLength(lastNamePrefix, lastNamePrefix.length);
  if (first === -1 || last === -1 || preferred === -1 || prefix === -1) return true;
  return (
    isTypoLength(query, first) ||
    isTypoLength(query, last) ||
    isTypoLength(query, preferred) ||
    isTypoLength(query, joinedLength(first, last)) ||
    isTypoLength(query, joinedLength(prefix, last)) ||
    isTypoLength(query, joinedLength(first, prefix, last)) ||
    isTypoLength(query, joinedLength(preferred, last)) ||
    isTypoLength(query, joinedLength(preferred, prefix, last))
  );
}

/** `best`, or the tier of the form `a b c` if that is better (and still useful). */
function better(query: Query, worstUseful: number, best: number, a: string, b = '', c = ''): number {
  if (best === EXACT) return EXACT;
  return Math.min(best, formTier(query, Math.min(worstUseful, best - 1), a, b, c));
}

/** The best tier among the candidate's name forms, looking no further than `worstUseful`. */
function nameFormsTier(query: Query, worstUseful: number, candidate: NameCandidate): number {
  const first = normalizeName(candidate.firstName);
  const last = normalizeName(candidate.lastName);
  const preferred = candidate.preferredName === null ? '' : normalizeName(candidate.preferredName);
  const prefix = candidate.lastNamePrefix === null ? '' : normalizeName(candidate.lastNamePrefix);

  // Forms whose prefix or preferred name is missing would only repeat another form.
  let best = better(query, worstUseful, NONE, first);
  best = better(query, worstUseful, best, last);
  best = better(query, worstUseful, best, first, last);
  if (prefix !== '') {
    best = better(query, worstUseful, best, prefix, last);
    best = better(query, worstUseful, best, first, prefix, last);
  }
  if (preferred !== '') {
    best = better(query, worstUseful, best, preferred);
    best = better(query, worstUseful, best, preferred, last);
    if (prefix !== '') best = better(query, worstUseful, best, preferred, prefix, last);
  }
  return best;
}

/** The best tier this candidate reaches, looking no further than `worstUseful`. */
function candidateTier(query: Query, worstUseful: number, candidate: NameCandidate): number {
  const best = namesMayMatch(query, worstUseful, candidate)
    ? nameFormsTier(query, worstUseful, candidate)
    : NONE;
  if (best === EXACT) return EXACT;
  return Math.min(best, emailTier(query, Math.min(worstUseful, best - 1), candidate.email));
}

/**
 * The best tier that has any match, and every candidate id in it (in candidate order). Empty ids
 * when nothing matches; the tier is then `typo`, as in "not even forgivingly".
 */
export function matchName(query: string, candidates: readonly NameCandidate[]): NameMatch {
  if (isEmailAddress(query)) return matchEmail(query, candidates);
  const text = normalizeName(query);
  if (text === '') return { tier: 'typo', ids: [] };
  const words = text.split(' ');
  const letters = letterCount(text);
  const prepared: Query = {
    text,
    words,
    firstWord: words[0] ?? '',
    letters,
    maxTypos: typosAllowed(letters),
  };

  let bestTier = NONE;
  let ids: number[] = [];
  for (const candidate of candidates) {
    // Once a better tier has a match, weaker ones for later candidates cannot count any more.
    const tier = candidateTier(prepared, Math.min(bestTier, WORST_TYPO), candidate);
    if (tier === NONE || tier > bestTier) continue;
    if (tier < bestTier) {
      bestTier = tier;
      ids = [];
    }
    ids.push(candidate.id);
  }
  return { tier: TIER_NAMES[bestTier] ?? 'typo', ids };
}

/**
 * Whether what was typed is meant as an e-mail address: an `@` after the first character
 * (`someone@…`, also cut short or mistyped). It is then matched exactly or not at all: its
 * letters are never read as a name (`salma.dijkstra@` is no way of naming Salma Dijkstra).
 * A leading `@` is how people write a name in chat (`@Sarina`), and stays a name.
 */
export function isEmailAddress(query: string): boolean {
  return query.trim().indexOf('@') > 0;
}

function matchEmail(query: string, candidates: readonly NameCandidate[]): NameMatch {
  const wanted = query.trim().toLowerCase();
  const ids = candidates.filter((candidate) => candidate.email.toLowerCase() === wanted).map((c) => c.id);
  return ids.length === 0 ? { tier: 'typo', ids: [] } : { tier: 'exact', ids };
}

/**
 * Whether the query is the candidate's full name (first or preferred name, with or without the
 * tussenvoegsel, and last name), case and accents aside: how a change names its student exactly.
 */
export function isFullName(query: string, candidate: NameCandidate): boolean {
  const text = normalizeName(query);
  const first = normalizeName(candidate.firstName);
  const preferred = candidate.preferredName === null ? '' : normalizeName(candidate.preferredName);
  const prefix = candidate.lastNamePrefix === null ? '' : normalizeName(candidate.lastNamePrefix);
  const last = normalizeName(candidate.lastName);
  const forms = [first, preferred]
    .filter((given) => given !== '')
    .flatMap((given) => [joinParts(given, '', last), joinParts(given, prefix, last)]);
  return forms.includes(text);
}
