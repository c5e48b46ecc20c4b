/**
 * Every action's usage line, in both languages, against its zod schema: an option or word shown
 * in brackets may be left out, one shown without brackets may not, and what the line shows as
 * enough is enough for the schema. The lines are read as a person reads them.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { locales } from '../src/domain/enums.ts';
import { argumentDoc } from '../src/engine/arguments.ts';
import type { Action, Command } from '../src/engine/command.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { translate } from '../src/i18n/translate.ts';

/**
 * Required by the handler the first time only: a reflection's scales and challenge may be left
 * out of a correction later that week, which the usage line says in words.
 */
const requiredTheFirstTime = new Set([
  'reflectie.invullen.welbevinden',
  'reflectie.invullen.motivatie',
  'reflectie.invullen.grip',
  'reflectie.invullen.uitdaging',
]);

type Shown = { required: boolean; alternatives?: string[] };

/** Cuts the line into its top-level parts; `[…]` is optional, `(a | b)` is one of. */
function parts(line: string): { text: string; optional: boolean }[] {
  const found: { text: string; optional: boolean }[] = [];
  let depth = 0;
  let current = '';
  let optional = false;
  let inQuotes = false;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    if (!inQuotes && (char === '[' || char === '(')) {
      if (depth === 0) {
        if (current.trim()) found.push({ text: current, optional: false });
        current = '';
        optional = char === '[';
      }
      depth++;
      current += char;
      continue;
    }
    if (!inQuotes && (char === ']' || char === ')')) {
      depth--;
      current += char;
      if (depth === 0) {
        found.push({ text: current, optional });
        current = '';
      }
      continue;
    }
    current += char;
  }
  if (current.trim()) found.push({ text: current, optional: false });
  return found;
}

const spellings = (action: Action, key: string) => [key, ...(action.options?.[key]?.aliases ?? [])];

function optionShown(line: string, action: Action, key: string): Shown | undefined {
  for (const part of parts(line)) {
    const options = [...part.text.matchAll(/--([a-z-]+)/g)].map((m) => m[1]);
    if (!options.some((o) => o !== undefined && spellings(action, key).includes(o))) continue;
    const alternatives = part.text.startsWith('(') ? options.filter((o) => o !== undefined) : undefined;
    return { required: !part.optional, ...(alternatives ? { alternatives } : {}) };
  }
  return undefined;
}

/** `<naam>`, `[naam]`, or the values themselves (`nl|en`) when there are only a few. */
function positionalShown(line: string, name: string, schema: z.ZodType | undefined): Shown | undefined {
  for (const part of parts(line)) {
    if (part.text.includes(`<${name}>`)) return { required: !part.optional };
    if (part.optional && new RegExp(`\\[${name}\\]`).test(part.text)) return { required: false };
  }
  const values = line.split(' ').find((word) => /^[a-z]+(\|[a-z]+)+$/.test(word));
  if (values?.split('|').every((value) => schema?.safeParse(value).success)) return { required: true };
  return undefined;
}

/** A value the argument's schema accepts, from what it says it expects. */
function sample(schema: z.ZodType | undefined): string {
  const doc = schema ? argumentDoc(schema) : undefined;
  switch (doc?.expected) {
    case 'args.date':
      return '15-12';
    case 'args.integer':
      return String(doc.params?.min ?? 1);
    case 'args.id':
      return '12';
    case 'args.clock':
      return '14:00';
    case 'args.weekday':
      return 'maandag';
    case 'args.yesNo':
      return 'ja';
    case 'args.choice': {
      const { choicesOf } = doc as { choicesOf?: { values: readonly (string | number)[] } };
      return String(choicesOf?.values[0] ?? String(doc.params?.choices ?? '').split(', ')[0]);
    }
    case 'settings.pauseExpected':
      return '15-12';
    default:
      return 'sarina';
  }
}

type Case = { where: string; command: Command; action: Action; line: string; locale: string };

const cases: Case[] = (await loadCommands()).flatMap((command) =>
  command.actions.flatMap((action) =>
    locales.map((locale) => ({
      where: `${command.name} ${action.name} (${locale})`,
      command,
      action,
      line: translate(locale, `commands.${command.name}.${action.name}.usage`),
      locale,
    })),
  ),
);

const shapeOf = (action: Action) => (action.args as z.ZodObject).shape as Record<string, z.ZodType>;
const isOptional = (schema: z.ZodType | undefined) => schema?.safeParse(undefined).success ?? true;

describe('usage lines match the zod rules', () => {
  it.each(cases.map((c) => [c.where, c] as const))('%s', (_where, { command, action, line, locale }) => {
    const shape = shapeOf(action);
    const problems: string[] = [];
    const minimal: Record<string, string | true | string[]> = {};
    for (const [key, spec] of Object.entries(action.options ?? {})) {
      const shown = optionShown(line, action, key);
      if (!shown) {
        problems.push(`--${key} is not shown`);
        continue;
      }
      const exempt = requiredTheFirstTime.has(`${command.name}.${action.name}.${key}`);
      if (!shown.required && !isOptional(shape[key]))
        problems.push(`--${key} is shown optional but required`);
      if (shown.required && !shown.alternatives && isOptional(shape[key]) && !exempt)
        problems.push(`--${key} is shown required but optional`);
      const first = shown.alternatives?.[0];
      const chosen = !shown.alternatives || (first !== undefined && spellings(action, key).includes(first));
      if (shown.required && chosen) {
        const value = spec.flag ? true : sample(shape[key]);
        minimal[key] = spec.repeat && value !== true ? [value] : value;
      }
    }
    for (const { key } of action.positionals ?? []) {
      const name = translate(locale as 'nl', `args.names.${key}`);
      const shown = positionalShown(line, name, shape[key]);
      if (!shown) {
        problems.push(`<${name}> is not shown`);
        continue;
      }
      if (!shown.required && !isOptional(shape[key]))
        problems.push(`<${name}> is shown optional but required`);
      if (shown.required && isOptional(shape[key])) problems.push(`<${name}> is shown required but optional`);
      if (shown.required) minimal[key] = shape[key]?.safeParse('nl').success ? 'nl' : sample(shape[key]);
    }
    // What the line shows as enough must be enough: an object rule (one of two options) included.
    const parsed = action.args.safeParse(minimal);
    const exempted = Object.keys(action.options ?? {}).some((key) =>
      requiredTheFirstTime.has(`${command.name}.${action.name}.${key}`),
    );
    if (!parsed.success && !exempted)
      problems.push(`the required parts alone do not parse: ${parsed.error.issues[0]?.path.join('.')}`);
    expect(problems).toEqual([]);
  });
});
