import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../src/domain/edit-distance.ts';
import { matchName, type NameCandidate, type NameMatch, normalizeName } from '../src/domain/name-match.ts';

function student(
  id: number,
  firstName: string,
  lastNamePrefix: string | null,
  lastName: string,
  preferredName: string | null = null,
): NameCandidate {
  const local = `${firstName}.${lastNamePrefix ?? ''}${lastName}`.replaceAll(' ', '');
  const email = `${normalizeName(local).replaceAll(' ', '.')}@leerling.koersmeer.example`;
  return { id, firstName, preferredName, lastNamePrefix, lastName, email };
}

const roster: NameCandidate[] = [
  student(1, 'Sarina', 'El', 'Amrani'),
  student(2, 'Daan', null, 'Visser'),
  student(9, 'Gijs', null, 'Visser'),
  student(21, 'Milan', null, 'Visser'),
  student(29, 'Emre', null, 'Visser'),
  student(57, 'Sara', 'ter', 'Horst'),
  student(62, 'Chanel', null, 'Amrani'),
  student(64, 'Sven', null, 'Amrani'),
  student(70, 'Owen', null, 'Visser'),
  student(80, 'Zoë', 'de', 'Boer'),
  student(81, 'Zoe', null, 'Bakker'),
  student(82, 'Johannes', null, 'Jansen', 'Hans'),
];
const vissers = [2, 9, 21, 29, 70];
const none: NameMatch = { tier: 'typo', ids: [] };

describe('normalizeName', () => {
  it('lowercases, strips accents and turns punctuation into single spaces', () => {
    expect(normalizeName('Zoë')).toBe('zoe');
    expect(normalizeName('El-Amrani')).toBe('el amrani');
    expect(normalizeName("d'Ancona")).toBe('d ancona');
    expect(normalizeName('  van   der\tBerg ')).toBe('van der berg');
    expect(normalizeName('SARÍNA')).toBe('sarina');
    expect(normalizeName('sarina.elamrani@leerling.koersmeer.example')).toBe(
      'sarina elamrani leerling koersmeer example',
    );
    expect(normalizeName('Çelik-Öztürk')).toBe('celik ozturk');
    expect(normalizeName('İlayda')).toBe('ilayda');
    expect(normalizeName('...')).toBe('');
  });

  it('is idempotent', () => {
    for (const unit of ['binary', 'grapheme'] as const) {
      fc.assert(
        fc.property(fc.string({ unit }), (text) => {
          const once = normalizeName(text);
          expect(normalizeName(once)).toBe(once);
        }),
        { numRuns: 1000 },
      );
    }
  });

  it('leaves only letters and digits in words joined by single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(normalizeName(text)).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('matchName on a school roster', () => {
  it.each([
    ['sarina', [1]],
    ['SARÍNA', [1]],
    ['el amrani', [1]],
    ['El-Amrani', [1]],
    ['amrani', [1, 62, 64]],
    ['visser', vissers],
    ['zoe', [80, 81]],
    ['Zoë', [80, 81]],
    ['hans', [82]],
    ['hans jansen', [82]],
    ['johannes jansen', [82]],
    ['sarina el amrani', [1]],
    ['sarina amrani', [1]],
    ['daan visser', [2]],
    ['sara', [57]],
    ['sara ter horst', [57]],
    ['sarina.elamrani@leerling.koersmeer.example', [1]],
    ['sarina.elamrani', [1]],
    ['@sarina.elamrani', [1]],
    ['@Sarina El Amrani', [1]],
  ])('%s matches exactly %j', (query, ids) => {
    expect(matchName(query, roster)).toEqual({ tier: 'exact', ids });
  });

  it.each([
    ['sar', [1, 57]],
    ['sar el', [1]],
    ['d viss', [2]],
    ['viss', vissers],
    ['amr', [1, 62, 64]],
    ['el amr', [1]],
    ['ter h', [57]],
    ['zo', [80, 81]],
    ['sarina.el', [1]],
  ])('%s matches by prefix %j', (query, ids) => {
    expect(matchName(query, roster)).toEqual({ tier: 'prefix', ids });
  });

  it.each([
    // One edit from Sarina and one from Sara: both are offered, neither is chosen.
    ['sarna', [1, 57]],
    ['sarnia', [1]],
    ['saar', [57]],
    ['dann', [2]],
    ['vissr', vissers],
    ['amrany', [1, 62, 64]],
    ['johanes jansn', [82]],
    ['elamrani', [1]],
  ])('%s matches by a typo %j', (query, ids) => {
    expect(matchName(query, roster)).toEqual({ tier: 'typo', ids });
  });

  it.each([['sam'], ['vizzer'], ['xyzzy'], [''], ['   '], ['?!'], ['leerling']])(
    '%j matches nobody',
    (query) => {
      expect(matchName(query, roster)).toEqual(none);
    },
  );

  it('never lets a three-letter query match by typo', () => {
    const jas = [student(5, 'Jas', null, 'Mulder')];
    expect(matchName('jan', jas)).toEqual(none);
    expect(matchName('jas', jas)).toEqual({ tier: 'exact', ids: [5] });
  });

  it('forgives one letter in four-letter names, and prefers one edit over two', () => {
    const short = [student(3, 'Kelly', null, 'Mulder'), student(4, 'Yara', null, 'Wijaya')];
    expect(matchName('Kely', short)).toEqual({ tier: 'typo', ids: [3] });
    expect(matchName('Yarra', short)).toEqual({ tier: 'typo', ids: [4] });
    const namesakes = [student(5, 'Johannes', null, 'Jansen'), student(6, 'Johanna', null, 'Jansen')];
    // `johanes jansen` is one edit from Johannes and two from Johanna: only the closer is offered.
    expect(matchName('johanes jansen', namesakes)).toEqual({ tier: 'typo', ids: [5] });
  });

  it('matches an e-mail address only exactly, whatever its case', () => {
    const siblings = [student(7, 'Noor', null, 'Hendriks'), student(8, 'Kian', 'de', 'Jong')];
    expect(matchName('noah.hendriks@leerling.koersmeer.example', siblings)).toEqual(none);
    expect(matchName('kian.dejong2@leerling.koersmeer.example', siblings)).toEqual(none);
    // An address cut short is still an address, not a way of typing her name.
    expect(matchName('noor.hendriks@', siblings)).toEqual(none);
    expect(matchName('@Noor Hendriks', siblings)).toEqual({ tier: 'exact', ids: [7] });
    expect(matchName('Noor.Hendriks@Leerling.Koersmeer.Example', siblings)).toEqual({
      tier: 'exact',
      ids: [7],
    });
  });

  it('finds nobody in an empty roster', () => {
    expect(matchName('sarina', [])).toEqual(none);
  });
});

// The rules written out the slow, obvious way, to hold the fast filtering in matchName to.
function referenceMatch(query: string, candidates: readonly NameCandidate[]): NameMatch {
  if (query.trim().indexOf('@') > 0) {
    const ids = candidates
      .filter((c) => c.email.toLowerCase() === query.trim().toLowerCase())
      .map((c) => c.id);
    return ids.length === 0 ? none : { tier: 'exact', ids };
  }
  const text = normalizeName(query);
  if (text === '') return none;
  const letters = (name: string) => name.replaceAll(' ', '').length;
  const typos = (count: number) => (count >= 8 ? 2 : count >= 4 ? 1 : 0);
  const queryWords = text.split(' ');
  // 0 exact, 1 prefix, 2 one edit, 3 two edits, 4 nothing.
  const tierOf = (candidate: NameCandidate): number => {
    const names = formsOf(candidate);
    if (names.includes(text)) return 0;
    const isPrefix = (name: string) => {
      const words = name.split(' ');
      return queryWords.length <= words.length && queryWords.every((word, i) => words[i]?.startsWith(word));
    };
    if (letters(text) >= 2 && names.some(isPrefix)) return 1;
    const distances = names
      .filter((name) => typos(Math.min(letters(text), letters(name))) >= editDistance(text, name))
      .map((name) => editDistance(text, name));
    return distances.length === 0 ? 4 : 1 + Math.min(...distances);
  };
  const tiers = candidates.map(tierOf);
  const best = Math.min(4, ...tiers);
  if (best === 4) return none;
  const ids = candidates.filter((_, i) => tiers[i] === best).map((c) => c.id);
  return { tier: (['exact', 'prefix', 'typo', 'typo'] as const)[best] ?? 'typo', ids };
}

function formsOf(candidate: NameCandidate): string[] {
  const first = normalizeName(candidate.firstName);
  const preferred = normalizeName(candidate.preferredName ?? '');
  const prefix = normalizeName(candidate.lastNamePrefix ?? '');
  const last = normalizeName(candidate.lastName);
  const join = (...parts: string[]) => parts.filter((part) => part !== '').join(' ');
  const forms = [
    first,
    preferred,
    last,
    join(prefix, last),
    join(first, prefix, last),
    join(first, last),
    join(preferred, prefix, last),
    join(preferred, last),
    normalizeName(candidate.email.split('@')[0] ?? ''),
    normalizeName(candidate.email),
  ];
  return forms.filter((form) => form !== '');
}

// Names are mostly Dutch, with enough accents, punctuation and odd casing to reach every path.
const namePool = [
  'Sarina',
  'Sara',
  'Daan',
  'Visser',
  'Amrani',
  'Zoë',
  'Zoe',
  'El',
  'de',
  'van der',
  "d'Ancona",
  'Çelik',
  'Jan-Willem',
  'Johannes',
  'Hans',
  'Bakker',
  'Mila',
  'Milan',
  'Emre',
  'ter',
];
const nameChar = fc.constantFrom(..."aeiorsnvdlmAEZëéç -'.".split(''));
// Starting with a letter keeps every generated name findable by its full name.
const namePart = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...namePool) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...'aeosZéë'.split('')), fc.string({ unit: nameChar, maxLength: 8 }))
      .map(([letter, rest]) => letter + rest),
  },
);
const candidateArb = (id: number) =>
  fc
    .record({
      firstName: namePart,
      preferredName: fc.option(namePart, { nil: null }),
      lastNamePrefix: fc.option(fc.constantFrom('El', 'de', 'van der', 'ter', "'t", 'Van'), { nil: null }),
      lastName: namePart,
      domain: fc.constantFrom('leerling.koersmeer.example', 'school.example', ''),
    })
    .map(({ domain, ...names }) => {
      const local = normalizeName(`${names.firstName} ${names.lastName}`).replaceAll(' ', '.');
      return { id, ...names, email: domain === '' ? local : `${local}@${domain}` };
    });
const rosterArb = fc
  .integer({ min: 0, max: 12 })
  .chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => candidateArb(i + 1))));

/** A query a mentor might type for someone on the roster: a name, cut short or mistyped. */
function queryArb(candidates: readonly NameCandidate[]) {
  const forms = candidates.flatMap(formsOf);
  const anyString = fc.string({ unit: nameChar, maxLength: 14 });
  if (forms.length === 0) return anyString;
  const mistype = (form: string, at: number, letter: string, kind: number) => {
    const i = at % (form.length + 1);
    if (kind === 0) return form.slice(0, i) + form.slice(i + 1);
    if (kind === 1) return form.slice(0, i) + letter + form.slice(i);
    if (kind === 2) return form.slice(0, i) + letter + form.slice(i + 1);
    if (kind === 3)
      return form.slice(0, i) + form.slice(i + 1, i + 2) + form.slice(i, i + 1) + form.slice(i + 2);
    return form.slice(0, i);
  };
  const edited = fc
    .tuple(
      fc.constantFrom(...forms),
      fc.array(fc.tuple(fc.nat(), nameChar, fc.integer({ min: 0, max: 4 })), { maxLength: 3 }),
    )
    .map(([form, edits]) =>
      edits.reduce((text, [at, letter, kind]) => mistype(text, at, letter, kind), form),
    );
  return fc.oneof({ weight: 5, arbitrary: edited }, { weight: 1, arbitrary: anyString });
}

describe('matchName, properties', () => {
  it('follows the written-out rules on any roster and any query near it', () => {
    fc.assert(
      fc.property(
        rosterArb.chain((candidates) => fc.tuple(fc.constant(candidates), queryArb(candidates))),
        ([candidates, query]) => {
          expect(matchName(query, candidates)).toEqual(referenceMatch(query, candidates));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds every student by their own full name and address', () => {
    fc.assert(
      fc.property(rosterArb, (candidates) => {
        for (const candidate of candidates) {
          const { firstName, lastNamePrefix, lastName, email, id } = candidate;
          const fullName = [firstName, lastNamePrefix, lastName].filter((part) => part !== null).join(' ');
          for (const query of [fullName, email]) {
            const match = matchName(query, candidates);
            expect(match.tier).toBe('exact');
            expect(match.ids).toContain(id);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and answers only ids from the roster, in roster order', () => {
    const ids = roster.map((candidate) => candidate.id);
    for (const unit of ['binary', 'grapheme'] as const) {
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 40 }), (query) => {
          const match = matchName(query, roster);
          expect(['exact', 'prefix', 'typo']).toContain(match.tier);
          expect(match.ids).toEqual(ids.filter((id) => match.ids.includes(id)));
          if (normalizeName(query) === '') expect(match).toEqual(none);
        }),
        { numRuns: 1000 },
      );
    }
  });

  it('keeps up with a large school', () => {
    const firstNames = [
      'Sarina',
      'Daan',
      'Gijs',
      'Milan',
      'Emre',
      'Sara',
      'Chanel',
      'Zoë',
      'Johannes',
      'Fleur',
    ];
    const families: [string | null, string][] = [
      [null, 'Visser'],
      ['El', 'Amrani'],
      ['de', 'Vries'],
      ['van der', 'Berg'],
      ['ter', 'Horst'],
      [null, 'Jansen'],
      [null, 'Bakker'],
    ];
    const school = Array.from({ length: 2000 }, (_, i) => {
      const [prefix, last] = families[(i * 7 + Math.floor(i / 10)) % families.length] ?? [null, 'Visser'];
      return student(
        i + 1,
        `${firstNames[i % firstNames.length]}${i % 3 === 0 ? '' : 'a'}`,
        prefix,
        `${last}${i}`,
      );
    });
    const queries = [
      'sarina',
      'visser',
      'sarna',
      'vissr',
      'd viss',
      'el amrani',
      'xyzzy',
      'johannes de vries',
    ];
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < 100; i++) found += matchName(queries[i % queries.length] ?? '', school).ids.length;
    // A sanity bound only: a quadratic slip or a regex compiled per name blows far past it.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found).toBeGreaterThan(0);
  });
});
