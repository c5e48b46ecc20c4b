/**
 * The words Koers uses (issue 11, section 4): sentences start with a capital, praise goes to the
 * student and not to the mentor who records it, and an English reader is shown English words for
 * the vocabularies, each of which Koers accepts back as input.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { labelledEnums, locales } from '../src/domain/enums.ts';
import { arg, argumentDoc } from '../src/engine/arguments.ts';
import type { Action, Command } from '../src/engine/command.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { type EnumName, typedWord } from '../src/i18n/enum-words.ts';
import { catalog, type Messages, translate } from '../src/i18n/translate.ts';
import type { Reply } from '../src/reply/reply.ts';
import type { Store } from '../src/store/store.ts';
import { askAs, errorsOf, freshDemoStore, visibleText } from './support/demo.ts';
import { rows } from './support/store-sql.ts';

const jansen = 'm.jansen@koersmeer.example';
const daan = 'daan.visser@leerling.koersmeer.example';
const sarina = 'sarina.elamrani@leerling.koersmeer.example';

/** Every message as [key, text]; each form of a plural is a message of its own. */
function messages(tree: Messages, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : messages(value, `${prefix}${key}.`),
  );
}

const textsOf = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === 'text' || b.type === 'header' ? [b.text] : []));

describe('sentences start with a capital', () => {
  /*
   * The rule. A locale string is a sentence when it ends as one (`.`, `!`, `?`, or `:` before a
   * list) or when it is shown on a line of its own (a command's summary in `help <command>`); a
   * text without letters (`?`) is no sentence.
   * Texts without that ending are fragments that another sentence or a label carries ("verwacht
   * {expected}", "tot {date}", a column name, commander's option help) and keep their small letter.
   * A sentence may start with:
   * - a capital, a digit, or a sign that is no word (`'{value}'`, `…`, `#`, `▲`, `<naam>`);
   * - a command word or option (`leerling …`, `help`, `--tot`), which the reader types as shown;
   * - a placeholder never filled with a lowercase word: a name, a number, a date, a path, an
   *   option. A placeholder filled with a vocabulary label (`{kind}` → "coachgesprek") may not
   *   start a sentence, since the label is lowercase.
   */
  const shownAlone = [/^commands\.[^.]+\.summary$/, /^help\.narrow\./];
  const leadingPlaceholders = new Set([
    'name',
    'count',
    'date',
    'path',
    'argument',
    'variable',
    'id',
    'total',
    // A staff member's name: who escalated (`by`), to whom (`to`).
    'by',
    'to',
  ]);
  /** Shown only after another text and a colon: "Arrangementen: nog geen arrangementen." */
  const continuations = new Set(['pathway.noArrangements']);

  async function commandWords(): Promise<Set<string>> {
    const commands: readonly Command[] = await loadCommands();
    return new Set(commands.flatMap((c) => [c.name, ...c.aliases, 'koers']));
  }

  function startsWell(key: string, text: string, words: Set<string>): boolean {
    if (/^[\p{Lu}\d'‘"…#▲<(-]/u.test(text)) return true;
    const placeholder = /^\{(\w+)\}/.exec(text)?.[1];
    if (placeholder) return leadingPlaceholders.has(placeholder);
    if (continuations.has(key)) return true;
    return words.has(text.split(/[\s:]/)[0] ?? '');
  }

  it.each(locales)('in every sentence of %s', async (locale) => {
    const words = await commandWords();
    const isSentence = (key: string, text: string) =>
      (/\p{L}/u.test(text) && /[.!?:]$/.test(text.trim())) || shownAlone.some((pattern) => pattern.test(key));
    const lowercase = messages(catalog(locale))
      .filter(([key]) => !key.startsWith('enum.'))
      .filter(([key, text]) => isSentence(key, text) && !startsWell(key, text, words))
      .map(([key, text]) => `${key}: ${text}`);
    expect(lowercase).toEqual([]);
  });

  it.each(locales)('in what a mentor reads in %s', async (locale) => {
    const store = await freshDemoStore();
    const help = await askAs(store, jansen, 'help gesprek', { locale });
    const logged = await askAs(
      store,
      jansen,
      `gesprek ${daan} --soort coachgesprek --samenvatting "Over slapen"`,
      {
        locale,
      },
    );
    expect(errorsOf(logged)).toEqual([]);
    // The header is the command's name, typed as shown; every sentence under it starts with a capital.
    const sentences = [...textsOf(help).slice(1, 2), ...textsOf(logged)];
    expect(sentences.filter((text) => !/^[\p{Lu}\d✓]/u.test(text))).toEqual([]);
  });
});

describe('praise', () => {
  const praise = /goed gedaan|well done|\b(knap|super|top|great)!|gefeliciteerd|congratulations|great job/i;

  it('lives only in what Koers says to a student', () => {
    const praising = locales.flatMap((locale) =>
      messages(catalog(locale)).flatMap(([key, text]) => (praise.test(text) ? [key] : [])),
    );
    // goal.achieved is the student's own "doel behaald"; a new praising text needs a test below.
    expect([...new Set(praising)]).toEqual(['goal.achieved']);
  });

  const openGoalOf = async (store: Store, email: string) =>
    (
      await rows<{ id: number }>(
        store,
        `select g.id from goals g join students s on s.id = g.student_id
       where s.email = ? and g.status = 'open' order by g.id limit 1`,
        [email],
      )
    )[0]?.id ?? 0;

  it.each(locales)('is not given to the mentor who records a goal as achieved (%s)', async (locale) => {
    const store = await freshDemoStore();
    const id = await openGoalOf(store, daan);
    const answer = await askAs(store, jansen, `doel behaald ${id}`, { locale });
    expect(errorsOf(answer)).toEqual([]);
    expect(visibleText(answer)).not.toMatch(praise);
    // The mentor is told whose goal it was.
    expect(visibleText(answer)).toContain('Daan Visser');
  });

  it.each(locales)('is given to the student who reached her goal (%s)', async (locale) => {
    const store = await freshDemoStore();
    const answer = await askAs(store, sarina, `doel behaald ${await openGoalOf(store, sarina)}`, { locale });
    expect(errorsOf(answer)).toEqual([]);
    expect(visibleText(answer)).toMatch(praise);
  });
});

describe('English words for the vocabularies', () => {
  const enumNames = Object.keys(labelledEnums) as EnumName[];
  const words = (locale: 'nl' | 'en', name: EnumName) =>
    labelledEnums[name].map((value) => typedWord(translate(locale, `enum.${name}.${value}`)));

  /** The names Dutch schooling keeps in English too (havo, vwo) and words both languages share. */
  const sameInBothLanguages = new Set([
    'mentor',
    'vmbo-b',
    'vmbo-k',
    'vmbo-gl',
    'vmbo-tl',
    'havo',
    'vwo',
    'talent',
    'open',
    'project',
    'urgent',
    'info',
  ]);

  /** Dutch words of the vocabularies that English has another word for: codes and Dutch labels. */
  const dutchOnly = (() => {
    const english = new Set(
      enumNames.flatMap((name) => words('en', name).flatMap((word) => [word, ...word.split('-')])),
    );
    const dutch = enumNames.flatMap((name) => [...labelledEnums[name].map(String), ...words('nl', name)]);
    return new Set(dutch.filter((word) => !english.has(word) && !/^\d+$/.test(word)));
  })();

  it('are English where English has a word', () => {
    const untranslated = enumNames.flatMap((name) =>
      labelledEnums[name].flatMap((value) => {
        const en = translate('en', `enum.${name}.${value}`);
        const same = typedWord(en) === typedWord(translate('nl', `enum.${name}.${value}`));
        return same && !sameInBothLanguages.has(typedWord(en)) ? [`enum.${name}.${value}: ${en}`] : [];
      }),
    );
    expect(untranslated).toEqual([]);
  });

  it('are not mixed with Dutch values in any English text', () => {
    const mixed = messages(catalog('en'))
      .filter(([key]) => !key.startsWith('enum.'))
      .flatMap(([key, text]) => {
        const dutch = (text.match(/[\p{L}][\p{L}-]*/gu) ?? []).filter((word) => dutchOnly.has(word));
        return dutch.length > 0 ? [`${key}: ${dutch.join(', ')}`] : [];
      });
    expect(mixed).toEqual([]);
  });

  it.each(enumNames)('are each accepted back as input: %s', (name) => {
    const parser = arg.choice(name, labelledEnums[name]);
    const refused = labelledEnums[name].flatMap((value) =>
      locales.flatMap((locale) => {
        const label = translate(locale, `enum.${name}.${value}`);
        const first = label.split(/\s+/)[0] ?? label;
        // The label as shown, as one typed word, and its first word where that names only this value.
        const shown = [label, typedWord(label), ...(isOwnFirstWord(name, first) ? [first] : [])];
        return shown
          .filter((word) => parser.safeParse(word).data !== value)
          .map((word) => `${word} → ${value}`);
      }),
    );
    expect(refused).toEqual([]);
  });

  /** A first word of four letters or more that no other value's label in either language starts with. */
  function isOwnFirstWord(name: EnumName, word: string): boolean {
    const firsts = labelledEnums[name].flatMap((value) =>
      locales.flatMap((locale) => {
        const label = translate(locale, `enum.${name}.${value}`);
        return label.includes(' ') ? [typedWord(label.split(/\s+/)[0] ?? '')] : [];
      }),
    );
    const wholeLabels = locales.flatMap((locale) => words(locale, name));
    const typed = typedWord(word);
    return (
      typed.length >= 4 &&
      firsts.filter((first) => first === typed).length === 1 &&
      !wholeLabels.includes(typed)
    );
  }

  it('in usage lines and examples are the words the option accepts', async () => {
    const commands = await loadCommands();
    const refused: string[] = [];
    for (const command of commands)
      for (const action of command.actions)
        for (const part of ['usage', 'example'])
          for (const [, option, given] of translate(
            'en',
            `commands.${command.name}.${action.name}.${part}`,
          ).matchAll(/--([a-z-]+) ([^\s[\]()<>"…]+)/g)) {
            const schema = optionSchema(action, option ?? '');
            // Only a vocabulary's words; dates and ranges (`1-4`) have tests of their own.
            if (!schema || !argumentDoc(schema)?.choicesOf) continue;
            for (const word of (given ?? '').split('|'))
              if (!schema.safeParse(word).success) refused.push(`${command.name} --${option} ${word}`);
          }
    expect(refused).toEqual([]);
  });

  function optionSchema(action: Action, spelled: string): z.ZodType | undefined {
    const key = Object.entries(action.options ?? {}).find(
      ([name, spec]) => name === spelled || spec.aliases?.includes(spelled),
    )?.[0];
    const shape = (action.args as unknown as { shape?: Record<string, z.ZodType> }).shape;
    return key ? shape?.[key] : undefined;
  }

  it('are what an English refusal lists, and what it lists is accepted', async () => {
    const store = await freshDemoStore();
    const answer = await askAs(store, jansen, `conversation ${daan} --kind chat --summary "About sleep"`, {
      locale: 'en',
    });
    const listed = /one of: ([^.]+)\./.exec(errorsOf(answer)[0] ?? '')?.[1]?.split(', ') ?? [];
    expect(listed).toEqual([
      'coaching-conversation',
      'student-parent-mentor-meeting',
      'ambition-conversation',
      'evaluation-meeting',
      'parent-meeting',
    ]);
  });

  it.each([
    ['coaching', 'coachgesprek'],
    ['coaching-conversation', 'coachgesprek'],
    ['"coaching conversation"', 'coachgesprek'],
    ['parent', 'oudergesprek'],
  ])('let an English mentor type --kind %s', async (kind, stored) => {
    const store = await freshDemoStore();
    const answer = await askAs(store, jansen, `conversation ${daan} --kind ${kind} --summary "Words"`, {
      locale: 'en',
    });
    expect(errorsOf(answer)).toEqual([]);
    expect(
      await rows(store, "select kind from conversations where summary = 'Words' order by id desc limit 1"),
    ).toEqual([{ kind: stored }]);
  });
});
