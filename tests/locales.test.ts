import { describe, expect, it } from 'vitest';
import { labelledEnums, locales } from '../src/domain/enums.ts';
import { catalog, type Messages, translate } from '../src/i18n/translate.ts';

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
