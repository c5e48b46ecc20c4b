/**
 * Arguments in the forms a teacher types: relative dates in Dutch and English, yes and no in
 * either language, and a leftover word answered with what the command takes.
 */
import { describe, expect, it } from 'vitest';
import { parseDateWords, resolveDateWords } from '../src/domain/calendar-words.ts';
import { arg } from '../src/engine/arguments.ts';
import { translate } from '../src/i18n/translate.ts';
import { askAs, errorsOf, freshDemoStore } from './support/demo.ts';

const today = '2026-11-23';
const resolved = (text: string) => {
  const words = parseDateWords(text);
  return words === null ? null : resolveDateWords(words, today, 'future');
};

describe('dates a week or more ahead', () => {
  it.each([
    ['volgende week', '2026-11-30'],
    ['Volgende  Week', '2026-11-30'],
    ['next week', '2026-11-30'],
    ['over 3 weken', '2026-12-14'],
    ['in 3 weeks', '2026-12-14'],
    ['over een week', '2026-11-30'],
    ['in two weeks', '2026-12-07'],
    ['over 10 dagen', '2026-12-03'],
    ['in 1 day', '2026-11-24'],
  ])('%s → %s', (text, date) => {
    expect(resolved(text)).toBe(date);
  });

  it.each(['over weken', 'over 3 maanden', 'in 3', 'volgende', 'over -3 weken', 'in 3 jaren'])(
    'does not guess at %s',
    (text) => {
      expect(parseDateWords(text)).toBeNull();
    },
  );

  it('sets a goal’s date typed as `over 3 weken`, and names the accepted forms for a wrong one', async () => {
    const store = await freshDemoStore();
    const jansen = 'm.jansen@koersmeer.example';
    const sarina = 'sarina.elamrani@leerling.koersmeer.example';
    const added = await askAs(
      store,
      jansen,
      `doel nieuw ${sarina} "Plannen" --categorie talent --tot over 3 weken`,
    );
    expect(errorsOf(added)).toEqual([]);
    expect(JSON.stringify(added.blocks)).toContain('14 dec 2026');
    const english = await askAs(
      store,
      jansen,
      `goal new ${sarina} "Plan" --category talent --until next week`,
      {
        locale: 'en',
      },
    );
    expect(JSON.stringify(english.blocks)).toContain('30 Nov 2026');
    const wrong = await askAs(store, jansen, `doel nieuw ${sarina} "Plannen" --categorie talent --tot gauw`);
    expect(errorsOf(wrong)).toEqual([
      translate('nl', 'router.badArgument', {
        argument: '--tot',
        value: 'gauw',
        expected: translate('nl', 'args.date'),
      }),
    ]);
    expect(translate('nl', 'args.date')).toContain('volgende week');
    expect(translate('en', 'args.date')).toContain('next week');
  });
});

describe('yes and no', () => {
  it.each([
    ['ja', true],
    ['Yes', true],
    ['nee', false],
    ['no', false],
    ['true', true],
  ])('%s → %s', (text, answer) => {
    expect(arg.yesNo().parse(text)).toBe(answer);
  });

  it('refuses anything else, saying yes or no is expected', async () => {
    expect(arg.yesNo().safeParse('misschien').success).toBe(false);
    const store = await freshDemoStore();
    const reply = await askAs(
      store,
      'sarina.elamrani@leerling.koersmeer.example',
      'reflectie invullen --praten misschien',
    );
    expect(errorsOf(reply)).toEqual([
      translate('nl', 'router.badArgument', {
        argument: '--praten',
        value: 'misschien',
        expected: translate('nl', 'args.yesNo'),
      }),
    ]);
  });

  it('takes `--praten nee` in a reflection', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(
      store,
      'sarina.elamrani@leerling.koersmeer.example',
      'reflectie invullen --welbevinden 4 --motivatie 3 --grip 4 --uitdaging precies-goed --praten nee',
    );
    expect(errorsOf(reply)).toEqual([]);
  });
});

describe('a word the command does not take', () => {
  it.each([
    ['mijn extra', 'extra', 'mijn', 'router.noWords'],
    ['doel behaald 12 extra', 'extra', 'doelen behaald', '<nummer>'],
    ['signalen gezien 3 4', '4', 'signalen gezien', '<nummer>'],
  ])('%s: says what it expected', async (line, words, command, expected) => {
    const store = await freshDemoStore();
    const reply = await askAs(store, 'm.jansen@koersmeer.example', line);
    expect(errorsOf(reply)).toEqual([
      translate('nl', 'router.unexpectedWords', {
        words,
        command,
        expected: expected.startsWith('<') ? expected : translate('nl', expected),
      }),
    ]);
  });

  it('still asks for quotes where a title with spaces ran on', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(
      store,
      'm.jansen@koersmeer.example',
      'doel nieuw sarina "Plannen" --categorie talent extra',
    );
    expect(errorsOf(reply)).toEqual([translate('nl', 'router.tooManyWords', { words: 'extra' })]);
  });
});
