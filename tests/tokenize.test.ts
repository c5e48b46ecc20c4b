import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Token, tokenize, tokenText } from '../src/engine/tokenize.ts';

const word = (text: string): Token => ({ kind: 'word', text, quoted: false });
const quoted = (text: string): Token => ({ kind: 'word', text, quoted: true });
const option = (name: string, text = `--${name}`): Token => ({ kind: 'option', name, text });
const date = (text: string, day: number, month: number, year?: number): Token => ({
  kind: 'date',
  text,
  date: year === undefined ? { kind: 'calendar', day, month } : { kind: 'calendar', day, month, year },
});
const relative = (text: string, days: number): Token => ({
  kind: 'date',
  text,
  date: { kind: 'relative', days },
});

describe('tokenize: words and whitespace', () => {
  it('returns nothing for empty or blank input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('   \t\n\u00a0 ')).toEqual([]);
  });

  it('splits on any whitespace, including non-breaking and ideographic spaces', () => {
    expect(tokenize('leerling\u00a0Sarina\tel\u3000Amrani\n')).toEqual([
      word('leerling'),
      word('Sarina'),
      word('el'),
      word('Amrani'),
    ]);
  });

  it('keeps case, accents and punctuation exactly', () => {
    expect(tokenize('Zoë  ÉÉN  Çelik,')).toEqual([word('Zoë'), word('ÉÉN'), word('Çelik,')]);
  });

  it('keeps apostrophes inside words and Dutch elisions at the start of a word', () => {
    expect(tokenize("d'Ancona Jan's")).toEqual([word("d'Ancona"), word("Jan's")]);
    expect(tokenize("naar 's-Hertogenbosch en 't Zandt")).toEqual([
      word('naar'),
      word("'s-Hertogenbosch"),
      word('en'),
      word("'t"),
      word('Zandt'),
    ]);
    expect(tokenize('’s ochtends')).toEqual([word('’s'), word('ochtends')]);
  });

  it('keeps control characters and lone surrogates as word text', () => {
    expect(tokenize('a\u0000b \ud800')).toEqual([word('a\u0000b'), word('\ud800')]);
  });
});

describe('tokenize: quotes', () => {
  it.each([
    ['"Elke week Franse woordjes"'],
    ["'Elke week Franse woordjes'"],
    ['“Elke week Franse woordjes”'],
    ['‘Elke week Franse woordjes’'],
    ['„Elke week Franse woordjes”'],
  ])('groups %s into one quoted word', (input) => {
    expect(tokenize(`doel ${input} --vak`)).toEqual([
      word('doel'),
      quoted('Elke week Franse woordjes'),
      option('vak'),
    ]);
  });

  it('keeps inner whitespace as typed', () => {
    expect(tokenize('"  twee  spaties "')).toEqual([quoted('  twee  spaties ')]);
  });

  it('runs an unclosed quote to the end of the input, without trailing whitespace', () => {
    expect(tokenize('doel "Elke week   Franse woordjes  ')).toEqual([
      word('doel'),
      quoted('Elke week   Franse woordjes'),
    ]);
  });

  it('drops empty quotes, since a token always has text', () => {
    expect(tokenize('a "" b "')).toEqual([word('a'), word('b')]);
  });

  it('only closes at a quote followed by whitespace when one exists', () => {
    expect(tokenize("'Jan's boek' nu")).toEqual([quoted("Jan's boek"), word('nu')]);
    expect(tokenize('‘Jan’s boek’')).toEqual([quoted('Jan’s boek')]);
  });

  it('falls back to the first closing quote, and reads what follows as a new token', () => {
    expect(tokenize('"Franse woordjes",')).toEqual([quoted('Franse woordjes'), word(',')]);
  });

  it('only opens a quote at the start of a token', () => {
    expect(tokenize('foo"bar baz"')).toEqual([word('foo"bar'), word('baz"')]);
  });

  it('never turns quoted text into an option, mention or date', () => {
    expect(tokenize('"--vak" "<@U0123ABC>" "15-12" "vandaag" "15 december"')).toEqual([
      quoted('--vak'),
      quoted('<@U0123ABC>'),
      quoted('15-12'),
      quoted('vandaag'),
      quoted('15 december'),
    ]);
  });

  it('does not join a quoted word into a date', () => {
    expect(tokenize('15 "december"')).toEqual([word('15'), quoted('december')]);
  });
});

describe('tokenize: options', () => {
  it('reads -- followed by a letter as an option, lowercasing the name', () => {
    expect(tokenize('--vak frans --Doel-Gehaald')).toEqual([
      option('vak'),
      word('frans'),
      option('doel-gehaald', '--Doel-Gehaald'),
    ]);
  });

  it('keeps accents in option names', () => {
    expect(tokenize('--Categorië')).toEqual([option('categorië', '--Categorië')]);
  });

  it('splits --name=value into the option and the value tokens', () => {
    expect(tokenize('--tot=15-12')).toEqual([option('tot'), date('15-12', 15, 12)]);
    expect(tokenize('--tot=15 december --vak=frans')).toEqual([
      option('tot'),
      date('15 december', 15, 12),
      option('vak'),
      word('frans'),
    ]);
    expect(tokenize('--doel="Franse woordjes" x')).toEqual([
      option('doel'),
      quoted('Franse woordjes'),
      word('x'),
    ]);
    expect(tokenize('--tot=')).toEqual([option('tot')]);
  });

  it('leaves -- alone, --5, --- and a single dash as words', () => {
    expect(tokenize('-- --5 ---vak -v')).toEqual([word('--'), word('--5'), word('---vak'), word('-v')]);
  });

  it('accepts the en and em dashes that smart punctuation makes of --', () => {
    expect(tokenize('—vak frans –soort coachgesprek')).toEqual([
      option('vak', '—vak'),
      word('frans'),
      option('soort', '–soort'),
      word('coachgesprek'),
    ]);
  });
});

describe('tokenize: mentions', () => {
  it('reads Slack mentions, with or without a label, for U and W ids', () => {
    expect(tokenize('leerling <@U0123ABC>')).toEqual([
      word('leerling'),
      { kind: 'mention', text: '<@U0123ABC>', userId: 'U0123ABC' },
    ]);
    expect(tokenize('<@W9ZZ|sarina el amrani>')).toEqual([
      { kind: 'mention', text: '<@W9ZZ|sarina el amrani>', userId: 'W9ZZ', label: 'sarina el amrani' },
    ]);
  });

  it('reads a Teams mention with spaces as one token', () => {
    expect(tokenize('leerling <at>Sarina El Amrani</at> --vak frans')).toEqual([
      word('leerling'),
      { kind: 'mention', text: '<at>Sarina El Amrani</at>', label: 'Sarina El Amrani' },
      option('vak'),
      word('frans'),
    ]);
    expect(tokenize('<at id="0">Sarina</at>')).toEqual([
      { kind: 'mention', text: '<at id="0">Sarina</at>', label: 'Sarina' },
    ]);
  });

  it('separates adjacent mentions and trailing punctuation', () => {
    expect(tokenize('<@U1><@U2>, <at>A</at>.')).toEqual([
      { kind: 'mention', text: '<@U1>', userId: 'U1' },
      { kind: 'mention', text: '<@U2>', userId: 'U2' },
      word(','),
      { kind: 'mention', text: '<at>A</at>', label: 'A' },
      word('.'),
    ]);
  });

  it('leaves look-alikes as words', () => {
    expect(tokenize('<@u123> <@X123> <@U123 <at>Sarina')).toEqual([
      word('<@u123>'),
      word('<@X123>'),
      word('<@U123'),
      word('<at>Sarina'),
    ]);
  });
});

describe('tokenize: dates', () => {
  it('turns single words that are dates into date tokens, keeping the text as typed', () => {
    expect(tokenize('2026-12-15 15-12 15/12/2026 5-1 15-12-26 Vandaag morgen')).toEqual([
      date('2026-12-15', 15, 12, 2026),
      date('15-12', 15, 12),
      date('15/12/2026', 15, 12, 2026),
      date('5-1', 5, 1),
      date('15-12-26', 15, 12, 2026),
      relative('Vandaag', 0),
      relative('morgen', 1),
    ]);
  });

  it('joins a day and a month name, and an optional year, into one date', () => {
    expect(tokenize('tot 15 december 2026 of 3 Mrt. daarna')).toEqual([
      word('tot'),
      date('15 december 2026', 15, 12, 2026),
      word('of'),
      date('3 Mrt.', 3, 3),
      word('daarna'),
    ]);
  });

  it('joins English order, with a comma before the year', () => {
    expect(tokenize('due december 15, 2026 or May 5')).toEqual([
      word('due'),
      date('december 15, 2026', 15, 12, 2026),
      word('or'),
      date('May 5', 5, 5),
    ]);
  });

  it('joins the words with a single space whatever whitespace was typed', () => {
    expect(tokenize('15\u00a0\t december')).toEqual([date('15 december', 15, 12)]);
  });

  it('does not take a following number that is not a four-digit year', () => {
    expect(tokenize('15 dec 12')).toEqual([date('15 dec', 15, 12), word('12')]);
  });

  it('leaves a month name or a number on its own as a word', () => {
    expect(tokenize('december groep 3 12')).toEqual([word('december'), word('groep'), word('3'), word('12')]);
  });

  it('leaves impossible dates as words', () => {
    expect(tokenize('31-04 29-02-2027 32 december of 31 april')).toEqual([
      word('31-04'),
      word('29-02-2027'),
      word('32'),
      word('december'),
      word('of'),
      word('31'),
      word('april'),
    ]);
  });

  it('does not join across an option or mention', () => {
    expect(tokenize('15 --maand december')).toEqual([word('15'), option('maand'), word('december')]);
  });
});

describe('tokenize: whole commands', () => {
  it('reads a new goal with an unquoted name, a quoted goal and options', () => {
    expect(
      tokenize('doel nieuw sarina el amrani "Elke week Franse woordjes" --tot 15 december --vak frans'),
    ).toEqual([
      word('doel'),
      word('nieuw'),
      word('sarina'),
      word('el'),
      word('amrani'),
      quoted('Elke week Franse woordjes'),
      option('tot'),
      date('15 december', 15, 12),
      option('vak'),
      word('frans'),
    ]);
  });

  it('reads a conversation with a quoted name and an ISO date', () => {
    expect(tokenize('gesprek "Sarina El Amrani" --soort coachgesprek --datum 2026-11-20')).toEqual([
      word('gesprek'),
      quoted('Sarina El Amrani'),
      option('soort'),
      word('coachgesprek'),
      option('datum'),
      date('2026-11-20', 20, 11, 2026),
    ]);
  });
});

describe('tokenText', () => {
  it('gives the text as typed, without quotes', () => {
    expect(tokenize('"Franse woordjes" --Vak <@U1|s> 15 Dec.').map(tokenText)).toEqual([
      'Franse woordjes',
      '--Vak',
      '<@U1|s>',
      '15 Dec.',
    ]);
  });
});

describe('tokenize: properties', () => {
  const hasText = (tokens: Token[]) => tokens.every((token) => tokenText(token).length > 0);

  it('never throws and never yields an empty token, for any string', () => {
    for (const unit of ['grapheme', 'binary', 'grapheme-composite'] as const) {
      fc.assert(
        fc.property(fc.string({ unit }), (input) => {
          expect(hasText(tokenize(input))).toBe(true);
        }),
      );
    }
  });

  it('never throws and never yields an empty token, for strings built from tricky pieces', () => {
    const piece = fc.constantFrom(
      ' ',
      '\u00a0',
      '"',
      "'",
      '“',
      '”',
      '‘',
      '’',
      '„',
      '--',
      '—',
      '=',
      '<@U1>',
      '<@',
      '<at>',
      '</at>',
      '|',
      '>',
      '15',
      '-',
      '/',
      'dec',
      ',',
      '.',
      '2026',
      's',
      'a',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        expect(hasText(tokenize(pieces.join('')))).toBe(true);
      }),
    );
  });

  it('gives back every word of plain letters and single spaces, in order', () => {
    const letters = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzëéïÀÇ'.split('')),
      minLength: 1,
    });
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 10 }), (words) => {
        const tokens = tokenize(words.join(' '));
        expect(tokens.map(tokenText)).toEqual(words);
        expect(tokens.every((token) => token.kind === 'word' && !token.quoted)).toBe(true);
      }),
    );
  });
});
