/**
 * Reading what a person typed out of the HTML Teams sends: no text may make it throw, or hold the
 * server long, since a throw once left the person without any answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typedText } from '../src/platforms/teams/typed-text.ts';

/** Text built of the pieces the parser reacts to, so that fast-check reaches its branches often. */
const htmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom('<', '>', '&', ';', '#', '#x', '<at>', '</at>', '<p>', '&nbsp;', ' ', '\n'),
      fc.nat().map((n) => `&#${n};`),
      fc.bigInt({ min: 0n, max: 2n ** 80n }).map((n) => `&#x${n.toString(16)};`),
      fc.string(),
    ),
  )
  .map((parts) => parts.join(''));

describe('typedText', () => {
  it('never throws, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), htmlish), (text) => {
        expect(typeof typedText(text)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a reference beyond U+10FFFF, a surrogate or NUL as U+FFFD, as HTML does', () => {
    for (const reference of ['&#x110000;', '&#99999999;', '&#xD800;', '&#0;', `&#${'9'.repeat(400)};`])
      expect(typedText(`a ${reference} b`)).toBe('a \uFFFD b');
  });

  it('still reads valid references and entities, and keeps mentions', () => {
    expect(typedText('<p><at>Koers</at>&nbsp;leerling&#32;s&#x61;rina &#x1F600;&amp;</p>')).toBe(
      '<at>Koers</at> leerling sarina 😀&',
    );
  });

  it('reads a body-sized run of `<` without a `>` quickly', () => {
    const started = performance.now();
    typedText('<'.repeat(256 * 1024));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
