/**
 * zod schemas for the kinds of argument commands take. Each registers what it expects as a
 * locale key, so that a wrong or missing argument is explained in the user's language with the
 * same words everywhere ("een datum, zoals 15-12 of 15 december").
 */
import { z } from 'zod';
import { type DateWords, parseDateWords } from '../domain/calendar-words.ts';
import { choiceWords, type EnumName, typedWord, valuesByWord } from '../i18n/enum-words.ts';
import { catalog, type Params, type Translator } from '../i18n/translate.ts';

/**
 * How a form asks for an argument (src/engine/forms.ts); a vocabulary (`choicesOf`) is a select.
 * `text` is one line or several by its length; `lines` is a list, one value per line; a number
 * whose values have labels (`labels.<n>`) is a select of them. An argument without one (a
 * student's name, a number from a list) comes from the button that opens the form, never a field.
 */
export type InputHint =
  | { type: 'text'; maxLength: number }
  | { type: 'lines'; maxLength: number }
  | { type: 'date' }
  | { type: 'number'; min: number; max: number; labels?: string }
  | { type: 'checkbox' };

/** `choicesOf`: the `{choices}` are the vocabulary's words in the reader's language, filled in when shown. */
export type ArgumentDoc = {
  expected: string;
  params?: Params;
  choicesOf?: { enumName: EnumName; values: readonly (string | number)[] };
  input?: InputHint;
};

/** What each argument schema expects, looked up when its value fails. */
export const argumentDocs = z.registry<ArgumentDoc>();

/** The documentation of a schema, looking through `.optional()` and `.default()`. */
export function argumentDoc(schema: z.ZodType): ArgumentDoc | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const doc = argumentDocs.get(current);
    if (doc) return doc;
    const def = current._zod.def as { innerType?: z.ZodType; element?: z.ZodType };
    current = def.innerType ?? def.element;
  }
  return undefined;
}

/** What an argument expects, in the reader's words ("een van: coachgesprek, …", "one of: coaching-conversation, …"). */
export function expectedText(t: Translator, doc: ArgumentDoc): string {
  const { choicesOf } = doc;
  if (!choicesOf) return t(doc.expected, doc.params);
  const choices = choiceWords(t, choicesOf.enumName, choicesOf.values).join(', ');
  return t(doc.expected, { ...doc.params, choices });
}

const key = typedWord;

/** A word from a vocabulary: its code (`coachgesprek`) or a word its label shows, in either language. */
function choice<const Values extends readonly (string | number)[]>(enumName: EnumName, values: Values) {
  const byWord = valuesByWord<Values[number]>(enumName, values);
  return z
    .string()
    .transform((text, context) => {
      const found = byWord.get(key(text));
      if (found === undefined) {
        context.addIssue({ code: 'custom', message: 'choice' });
        return z.NEVER;
      }
      return found;
    })
    .register(argumentDocs, { expected: 'args.choice', choicesOf: { enumName, values } });
}

const weekdayWords = (() => {
  const words = new Map<string, number>();
  for (const locale of ['nl', 'en'] as const) {
    const days = (catalog(locale).args as { weekdays: Record<string, string> }).weekdays;
    for (const [day, names] of Object.entries(days))
      for (const name of names.split(',')) words.set(key(name), Number(day));
  }
  return words;
})();

const yesNoWords: ReadonlyMap<string, boolean> = new Map([
  ['ja', true],
  ['yes', true],
  ['true', true],
  ['nee', false],
  ['no', false],
  ['false', false],
]);

export const arg = {
  /** A student's name, email or platform mention; found forgivingly later. */
  student: () => z.string().trim().min(1).register(argumentDocs, { expected: 'args.student' }),
  text: (max: number) =>
    z
      .string()
      .trim()
      .min(1)
      .max(max)
      .register(argumentDocs, {
        expected: 'args.text',
        params: { max },
        input: { type: 'text', maxLength: max },
      }),
  /** The same argument given more than once (`--afspraak … --afspraak …`), at most `max` times; a form takes one per line. */
  list: <Item extends z.ZodType>(item: Item, max: number) => {
    const itemInput = argumentDoc(item)?.input;
    const itemMax = itemInput?.type === 'text' ? itemInput.maxLength : undefined;
    return z
      .array(item)
      .max(max)
      .register(argumentDocs, {
        expected: 'args.repeatMax',
        params: { max },
        ...(itemMax !== undefined ? { input: { type: 'lines' as const, maxLength: itemMax * max } } : {}),
      });
  },
  date: () =>
    z
      .string()
      .transform((text, context): DateWords => {
        const date = parseDateWords(text);
        if (date === null) {
          context.addIssue({ code: 'custom', message: 'date' });
          return z.NEVER;
        }
        return date;
      })
      .register(argumentDocs, { expected: 'args.date', input: { type: 'date' } }),
  /**
   * A whole number typed as digits. `labels`: each value has a label `<labels>.<n>` (a scale whose
   * ends have words), and a form offers the values to choose from.
   */
  integer: (min: number, max: number, labels?: string) =>
    z
      .string()
      .regex(/^\d{1,6}$/)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max))
      .register(argumentDocs, {
        expected: 'args.integer',
        params: { min, max },
        input: { type: 'number', min, max, ...(labels !== undefined ? { labels } : {}) },
      }),
  /** A goal or arrangement number as shown in lists: `12` or `#12`. */
  id: () =>
    z
      .string()
      .regex(/^#?\d{1,9}$/)
      .transform((text) => Number(text.replace('#', '')))
      .register(argumentDocs, { expected: 'args.id' }),
  /** A clock time `14:00`, `9.30` or `9`. */
  clock: () =>
    z
      .string()
      .transform((text, context) => {
        const match = text.trim().match(/^(\d{1,2})(?:[:.](\d{2}))?$/);
        const hours = Number(match?.[1]);
        const minutes = Number(match?.[2] ?? 0);
        if (!match || hours > 23 || minutes > 59) {
          context.addIssue({ code: 'custom', message: 'clock' });
          return z.NEVER;
        }
        return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
      })
      .register(argumentDocs, { expected: 'args.clock' }),
  /** A weekday by name in either language (`vrijdag`, `vr`, `friday`), as ISO number 1–7. */
  weekday: () =>
    z
      .string()
      .transform((text, context) => {
        const day = weekdayWords.get(key(text));
        if (day === undefined) {
          context.addIssue({ code: 'custom', message: 'weekday' });
          return z.NEVER;
        }
        return day;
      })
      .register(argumentDocs, { expected: 'args.weekday' }),
  /** Yes or no in either language; `true` and `false` are what a form's checkbox sends. */
  yesNo: () =>
    z
      .string()
      .transform((text, context) => {
        const answer = yesNoWords.get(key(text));
        if (answer === undefined) {
          context.addIssue({ code: 'custom', message: 'yesNo' });
          return z.NEVER;
        }
        return answer;
      })
      .register(argumentDocs, { expected: 'args.yesNo', input: { type: 'checkbox' } }),
  choice,
};
