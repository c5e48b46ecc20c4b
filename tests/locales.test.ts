import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configVariables } from '../src/config.ts';
import {
  auditActions,
  auditActorKinds,
  labelledEnums,
  locales,
  signalKinds,
  signalSeverities,
  staffRoles,
} from '../src/domain/enums.ts';
import { formLabelKeys } from '../src/engine/forms.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { catalog, type Messages, translate } from '../src/i18n/translate.ts';
import { projectRoot } from '../src/paths.ts';
import { clockSteps } from '../src/platforms/local/playground.ts';

function keys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => {
    // A plural is one message, whatever forms it has.
    const isPlural = typeof value === 'object' && 'other' in value;
    return typeof value === 'string' || isPlural ? [prefix + key] : keys(value, `${prefix}${key}.`);
  });
}

describe('the locale files', () => {
  it('have the same keys in Dutch and English', () => {
    expect(keys(catalog('en')).sort()).toEqual(keys(catalog('nl')).sort());
  });

  it.each(locales)('label every value of every vocabulary in %s', (locale) => {
    const missing = Object.entries(labelledEnums).flatMap(([name, values]) =>
      values.map((value) => `enum.${name}.${value}`).filter((key) => translate(locale, key) === key),
    );
    expect(missing).toEqual([]);
  });

  it('have no labels for values the vocabularies do not have', () => {
    const labelled = keys(catalog('nl')).filter((key) => key.startsWith('enum.'));
    const known = Object.entries(labelledEnums).flatMap(([name, values]) =>
      values.map((v) => `enum.${name}.${v}`),
    );
    expect(labelled.filter((key) => !known.includes(key))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = keys(catalog('nl')).filter((key) => {
      const nl = translate('nl', key, { count: 2 });
      const en = translate('en', key, { count: 2 });
      return JSON.stringify(placeholders(nl)) !== JSON.stringify(placeholders(en));
    });
    expect(differing).toEqual([]);
  });
});

describe('translate', () => {
  it('fills placeholders and chooses plural forms', () => {
    expect(translate('nl', 'db.migrated', { count: 1 })).toBe('1 migratie toegepast.');
    expect(translate('nl', 'db.migrated', { count: 3 })).toBe('3 migraties toegepast.');
    expect(translate('en', 'db.migrated', { count: 3 })).toBe('Applied 3 migrations.');
  });

  it('returns an unknown key as it is, so a missing text is visible', () => {
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Keys that code builds from a value (`enum.subject.${subject}`) cannot be found as literals;
 * each family is checked against the list its values come from instead.
 */
async function builtKeys(): Promise<Map<string, string[]>> {
  const commands = await loadCommands();
  return new Map<string, string[]>([
    [
      'commands.',
      commands.flatMap((c) => [
        `commands.${c.name}.summary`,
        ...c.actions.flatMap((a) => [
          `commands.${c.name}.${a.name}.usage`,
          `commands.${c.name}.${a.name}.example`,
        ]),
      ]),
    ],
    [
      'args.names.',
      [
        ...new Set(
          commands.flatMap((c) =>
            c.actions.flatMap((a) => (a.positionals ?? []).map((p) => `args.names.${p.key}`)),
          ),
        ),
      ],
    ],
    ['args.weekdays.', [1, 2, 3, 4, 5, 6, 7].map((d) => `args.weekdays.${d}`)],
    ['audit.actor.', auditActorKinds.map((k) => `audit.actor.${k}`)],
    ['audit.action.', auditActions.map((a) => `audit.action.${a}`)],
    ['settings.languages.', locales.map((l) => `settings.languages.${l}`)],
    // Why a signal cleared is stored as a phrase key per kind (src/domain/signals/lifecycle.ts).
    ['signals.cleared.', [...signalKinds.map((k) => `signals.cleared.${k}`), 'signals.cleared.off']],
    ['signals.heading.', signalSeverities.map((s) => `signals.heading.${s}`)],
    ['config.expected.', configVariables.map((v) => `config.expected.${v}`)],
    ['playground.clock.step.', clockSteps.map((s) => `playground.clock.step.${s}`)],
    ['playground.picker.role.', staffRoles.map((r) => `playground.picker.role.${r}`)],
    [
      'cli.help.',
      ['Usage', 'Arguments', 'Options', 'Commands', 'GlobalOptions', 'optionsWord', 'commandWord'].map(
        (w) => `cli.help.${w}`,
      ),
    ],
    // A form's labels are drawn from its arguments' names (src/engine/forms.ts): each its own family.
    ...formLabelKeys(commands).map((key): [string, string[]] => [key, [key]]),
    [
      'enum.',
      Object.entries(labelledEnums).flatMap(([name, values]) => values.map((v) => `enum.${name}.${v}`)),
    ],
  ]);
}

describe('every locale key', () => {
  it('is used: literally in the code, or as a member of a family the code builds from a list', async () => {
    const code = ['src', 'commands', 'bin']
      .flatMap((folder) => sourceFiles(join(projectRoot, folder)))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const families = await builtKeys();
    const unused = keys(catalog('nl')).filter((key) => {
      const family = [...families.keys()].find((prefix) => key.startsWith(prefix));
      if (family) return !families.get(family)?.includes(key);
      return !code.includes(`'${key}'`) && !code.includes(`"${key}"`) && !code.includes(`\`${key}\``);
    });
    expect(unused).toEqual([]);
  });

  it('exists for every member of every family the code builds', async () => {
    const defined = new Set(keys(catalog('nl')));
    const missing = [...(await builtKeys()).values()].flat().filter((key) => !defined.has(key));
    expect(missing).toEqual([]);
  });
});
