import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestWord, editDistance } from '../src/domain/edit-distance.ts';

/** The textbook full-matrix recurrence: slow, but obviously right, to hold the fast one to. */
function referenceDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

// A small alphabet makes shared letters, repeats and transpositions common.
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 12 });
const limit = fc.integer({ min: 0, max: 6 });

describe('editDistance', () => {
  it('gives the known distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('sarna', 'sarina')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });

  it('counts a transposition as one edit, but never edits a transposed pair again', () => {
    expect(editDistance('visser', 'vsiser')).toBe(1);
    // Optimal string alignment is not a metric: ca → ac → abc is 1 + 1, yet ca → abc is 3.
    expect(editDistance('ca', 'ac')).toBe(1);
    expect(editDistance('ac', 'abc')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('stops at the limit and answers limit + 1', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 10)).toBe(3);
    expect(editDistance('abc', 'xyz', 0)).toBe(1);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('same', 'same', 0)).toBe(0);
  });

  it('treats a fractional limit as its floor and a negative one as zero', () => {
    expect(editDistance('kitten', 'sitting', 1.9)).toBe(2);
    expect(editDistance('ab', 'ba', -3)).toBe(1);
    expect(editDistance('kitten', 'sitting', Number.NaN)).toBe(3);
  });

  it('stays right when long strings follow short ones through its shared buffers', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('a'.repeat(300), 'b'.repeat(300))).toBe(300);
    expect(editDistance(`${'x'.repeat(200)}ab`, `${'x'.repeat(200)}ba`, 3)).toBe(1);
    expect(editDistance('a'.repeat(300), 'b'.repeat(300), 5)).toBe(6);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('agrees with the full-matrix recurrence', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(referenceDistance(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('with a limit, is the true distance capped at limit + 1', () => {
    fc.assert(
      fc.property(word, word, limit, (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(referenceDistance(a, b), max + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(word, word, fc.option(limit, { nil: undefined }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(editDistance(b, a, max));
      }),
    );
  });

  it('is 0 exactly for equal strings', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });

  it('lies between the length difference and the longer length', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const distance = editDistance(a, b);
        expect(distance).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(distance).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });

  it('keeps within twice the triangle bound, also when limited', () => {
    // Levenshtein is a metric, sits at or above this distance and at most doubles it.
    fc.assert(
      fc.property(word, word, word, limit, (a, b, c, max) => {
        const bound = 2 * (editDistance(a, b) + editDistance(b, c));
        expect(editDistance(a, c)).toBeLessThanOrEqual(bound);
        expect(editDistance(a, c, max)).toBeLessThanOrEqual(Math.min(bound, max + 1));
      }),
    );
  });
});

describe('closestWord', () => {
  const vocabulary = ['leerling', 'mentor', 'Groep', 'rooster'];

  it('finds the nearest word within the default distance, as the vocabulary spells it', () => {
    expect(closestWord('lerling', vocabulary)).toBe('leerling');
    expect(closestWord('LEERLIGN', vocabulary)).toBe('leerling');
    expect(closestWord('mnetro', vocabulary)).toBe('mentor');
    expect(closestWord('groep', vocabulary)).toBe('Groep');
  });

  it('allows two edits from five letters, one below', () => {
    expect(closestWord('mntr', ['mentor'])).toBeNull();
    expect(closestWord('grep', ['groep'])).toBe('groep');
    expect(closestWord('gr', ['groep'])).toBeNull();
    expect(closestWord('rostr', ['rooster'])).toBe('rooster');
    expect(closestWord('rstr', ['rooster'])).toBeNull();
    expect(closestWord('rostrs', ['roosters'])).toBe('roosters');
    expect(closestWord('rstrs', ['roosters'])).toBeNull();
  });

  it('takes an explicit maximum', () => {
    expect(closestWord('lerling', vocabulary, 0)).toBeNull();
    expect(closestWord('Mentor', vocabulary, 0)).toBe('mentor');
    expect(closestWord('mntr', ['mentor'], 2)).toBe('mentor');
  });

  it('prefers the closest word, and the earliest of equally close ones', () => {
    expect(closestWord('bat', ['cat', 'hat'])).toBe('cat');
    expect(closestWord('hat', ['cat', 'hat'])).toBe('hat');
    expect(closestWord('mentors', ['mentoren', 'mentor'])).toBe('mentor');
  });

  it('answers null for an empty vocabulary or nothing near', () => {
    expect(closestWord('mentor', [])).toBeNull();
    expect(closestWord('xyzzy', vocabulary)).toBeNull();
  });

  it('returns an entry within the maximum, and none closer earlier', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), fc.integer({ min: 0, max: 3 }), (w, words, max) => {
        const found = closestWord(w, words, max);
        const distances = words.map((v) => editDistance(w, v));
        const best = Math.min(...distances);
        if (found === null) {
          expect(best > max).toBe(true);
        } else {
          expect(words.indexOf(found)).toBe(distances.indexOf(best));
          expect(best).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});
