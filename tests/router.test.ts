/**
 * The router: whatever is typed, a localized `Reply` comes back — never an exception — and a
 * mistake says which argument, what was expected, and gives an example.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { loadCommands } from '../src/engine/registry.ts';
import { reply } from '../src/reply/reply.ts';
import { askAs, errorsOf, freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';
const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const personas = [
  jansen,
  sarina,
  'z.bos@koersmeer.example',
  't.smit@koersmeer.example',
  'beheer@koersmeer.example',
];

const textsOf = (r: Awaited<ReturnType<typeof askAs>>) =>
  r.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));

describe('the router never throws', () => {
  it('returns a valid Reply for any text from anyone', async () => {
    const store = await freshDemoStore();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...personas),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        async (email, text) => {
          const answer = await askAs(store, email, text);
          expect(() => reply.parse(answer)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns a valid Reply for every command word with arbitrary arguments and options', async () => {
    const store = await freshDemoStore();
    const commands = await loadCommands();
    const words = commands.flatMap((c) => [c.name, ...c.aliases, ...c.actions.flatMap((a) => a.words ?? [])]);
    const options = commands.flatMap((c) =>
      c.actions.flatMap((a) => Object.keys(a.options ?? {}).map((o) => `--${o}`)),
    );
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(...options),
      fc.constantFrom(
        'sarina',
        'visser',
        '"een titel"',
        '15 december',
        '32-13',
        '#2',
        '2',
        '<@U123>',
        '<at>Daan</at>',
        '"',
        '--',
      ),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...personas),
        fc.constantFrom(...words),
        fc.array(piece, { maxLength: 8 }),
        async (email, first, rest) => {
          const answer = await askAs(store, email, [first, ...rest].join(' '));
          expect(() => reply.parse(answer)).not.toThrow();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('shows an unexpected failure as an error id, the same id as in the log, without the arguments', async () => {
    const store = await freshDemoStore();
    await arrangeIn(store, 'drop table reflection_goal_progress');
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const answer = await askAs(store, jansen, 'leerling sarina');
      const [message] = errorsOf(answer);
      const id = message?.match(/: ([0-9a-f]{8})$/)?.[1];
      expect(id).toBeDefined();
      const logged = written.map((line) => JSON.parse(line)).find((entry) => entry.id === id);
      expect(logged).toMatchObject({
        level: 'error',
        event: 'command.failed',
        command: 'leerling',
        channel: 'cli',
      });
      expect(JSON.stringify(logged)).not.toContain('sarina');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('unknown words', () => {
  it('suggest the closest command and its help line', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, jansen, 'leerlig sarina');
    expect(textsOf(answer)).toEqual([
      "Onbekend commando 'leerlig'.",
      'Bedoel je leerling?',
      'leerling: De kaart van een leerling: groep, niveaus, doelen, arrangementen, welbevinden',
      'Typ help voor alles wat je kunt.',
    ]);
  });

  it('in English for an English reader', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, jansen, 'studnet sarina', { locale: 'en' });
    expect(textsOf(answer).slice(0, 2)).toEqual(["Unknown command 'studnet'.", 'Did you mean leerling?']);
  });

  it('suggest the closest option', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(
      store,
      jansen,
      'doel nieuw sarina el amrani "Woordjes leren" --categorie vak --tott 15-12',
    );
    expect(textsOf(answer)).toEqual([
      'Onbekende optie --tott. Bedoel je --tot?',
      expect.stringMatching(/^Gebruik: doel nieuw/),
      expect.stringMatching(/^Voorbeeld: doel nieuw Sarina/),
    ]);
  });

  it('an empty line or only /koers shows help', async () => {
    const store = await freshDemoStore();
    for (const text of ['', '   ', '/koers']) {
      const answer = await askAs(store, jansen, text);
      expect(answer.blocks[0]).toEqual({ type: 'header', text: 'Wat je met Koers kunt' });
    }
  });
});

describe('wrong or missing arguments', () => {
  it('name the missing argument, what is expected and an example', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, jansen, 'leerling');
    expect(textsOf(answer)).toEqual([
      '<naam> ontbreekt: verwacht de naam van een leerling (voornaam, achternaam of e-mailadres).',
      'Gebruik: leerling <naam>',
      'Voorbeeld: leerling Sarina',
    ]);
  });

  it('name a wrong date and show the forms that work, in English too', async () => {
    const store = await freshDemoStore();
    const nl = await askAs(
      store,
      jansen,
      'doel nieuw sarina el amrani "Woordjes leren" --categorie vak --tot 32-13',
    );
    expect(textsOf(nl)[0]).toBe(
      "--tot: '32-13' is niet goed; verwacht een datum, zoals 15-12, 15 december, 2026-12-15, morgen, volgende week of over 3 weken.",
    );
    const en = await askAs(store, jansen, 'goal new sarina "Learn words" --category vak --until 32-13', {
      locale: 'en',
    });
    expect(textsOf(en)[0]).toBe(
      "--until: '32-13' is not right; expected a date, such as 15-12, 15 December, 2026-12-15, tomorrow, next week or in 3 weeks.",
    );
    expect(textsOf(en)[2]).toMatch(/^Example: goal new Sarina/);
  });

  it('list the choices of a vocabulary', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, jansen, 'gesprek sarina el amrani --soort praatje');
    expect(textsOf(answer)[0]).toBe(
      "--soort: 'praatje' is niet goed; verwacht een van: coachgesprek, driehoeksgesprek, ambitiegesprek, evaluatiegesprek, oudergesprek.",
    );
  });

  it('say a goal needs a category or a subject', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, jansen, 'doel nieuw sarina el amrani "Woordjes leren"');
    expect(textsOf(answer)[0]).toMatch(/^--categorie ontbreekt: verwacht een van: vak, leerstrategie/);
  });

  it('say a text is too long, with the limit', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(
      store,
      jansen,
      `doel nieuw sarina el amrani "${'x'.repeat(201)}" --categorie vak`,
    );
    expect(textsOf(answer)[0]).toMatch(/verwacht een tekst van hoogstens 200 tekens\.$/);
  });
});

describe('dates as people type them', () => {
  it.each(['15 december', '15-12', '15/12', '2026-12-15', '15 dec'])(
    '--tot %s is 15 December 2026',
    async (date) => {
      const store = await freshDemoStore();
      const answer = await askAs(
        store,
        jansen,
        `doel nieuw sarina el amrani "Woordjes leren" --vak frans --tot ${date}`,
      );
      expect(errorsOf(answer)).toEqual([]);
      expect(
        await rows(store, "select target_date, category, subject from goals where title = 'Woordjes leren'"),
      ).toEqual([{ target_date: '2026-12-15', category: 'vak', subject: 'frans' }]);
    },
  );

  it('a day and month that have passed this year mean next year', async () => {
    const store = await freshDemoStore();
    await askAs(store, jansen, 'doel nieuw sarina el amrani "Woordjes leren" --vak frans --tot 15-9');
    expect(await rows(store, "select target_date from goals where title = 'Woordjes leren'")).toEqual([
      { target_date: '2027-09-15' },
    ]);
  });
});

describe('English aliases', () => {
  it('run the same commands with English words and options', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(
      store,
      jansen,
      'goal new sarina el amrani "Read a French book" --category talent --until 1 February',
      { locale: 'en' },
    );
    expect(textsOf(answer)[0]).toMatch(/^Goal #\d+ added for Sarina El Amrani, to reach by 1 Feb 2027\.$/);
    expect(
      await rows(store, "select category, target_date, origin from goals where title = 'Read a French book'"),
    ).toEqual([{ category: 'talent', target_date: '2027-02-01', origin: 'coachgesprek' }]);
  });
});
