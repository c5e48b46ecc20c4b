/** Evidence and next steps read in Dutch and English, from the same data. */
import { describe, expect, it } from 'vitest';
import { locales, signalKinds } from '../../src/domain/enums.ts';
import { evidenceSchema } from '../../src/domain/signals/phrase.ts';
import { evidenceText, phraseText } from '../../src/domain/signals/phrase-text.ts';
import { evaluateStudent } from '../../src/domain/signals/rules.ts';
import { resolveThresholds } from '../../src/domain/signals/thresholds.ts';
import { formatter } from '../../src/i18n/format.ts';
import { translator } from '../../src/i18n/translate.ts';
import { calendar, reflection, scoresInWeeks, student, TODAY, weeks2026 } from './fixtures.ts';

/** A student for whom every kind fires. */
function everySignal() {
  const reflections = [
    ...scoresInWeeks('welbevinden', [4, 4, 4, 4, 4], weeks2026(36, 40)).map((r) => ({ ...r, motivatie: 5 })),
    ...['2026-W41', '2026-W42', '2026-W44'].map((week) =>
      reflection(week, {
        welbevinden: 2,
        motivatie: 2,
        uitdaging: 'te-makkelijk',
        wantsTalk: week === '2026-W44',
      }),
    ),
  ];
  const leerpijn = reflections.map((r) => ({ ...r, uitdaging: 'te-moeilijk' as const }));
  const facts = student({
    knownSince: '2026-08-24',
    reflections,
    goals: [{ id: 3, status: 'open', targetDate: '2026-11-01' }],
    arrangements: [{ id: 4, status: 'lopend', nextEvaluationDate: '2026-11-22', evaluationDates: [] }],
    enrolments: [{ subject: 'frans', level: 'vwo', resultGrade: 5.2, resultWord: null, status: 'bezig' }],
    conversations: [{ kind: 'coachgesprek', date: '2026-09-01' }],
  });
  const thresholds = resolveThresholds([{ 'geen-gesprek': { enabled: true } }]);
  const cal = calendar(weeks2026(36, 47, [43]));
  return [
    ...evaluateStudent(facts, cal, thresholds, TODAY),
    ...evaluateStudent({ ...facts, reflections: leerpijn }, cal, thresholds, TODAY, ['te-veel-leerpijn']),
  ];
}

describe('the words of a signal', () => {
  const results = everySignal();
  const signals = results.flatMap((r) => (r.outcome === 'fired' ? [r.signal] : []));

  it('exist for every kind (the fixture fires them all)', () => {
    expect(new Set(signals.map((s) => s.kind))).toEqual(new Set(signalKinds));
  });

  it('are data only: keys and typed numbers, dates and codes, which the stored form reads back', () => {
    for (const signal of signals) expect(evidenceSchema.parse(signal.evidence)).toEqual(signal.evidence);
  });

  it.each(locales)('read in %s with every placeholder filled and every key known', (locale) => {
    const t = translator(locale);
    const format = formatter(locale, 'Europe/Amsterdam');
    for (const signal of signals) {
      const texts = [
        evidenceText(signal.evidence, t, format),
        phraseText(signal.evidence.nextStep, t, format),
      ];
      for (const text of texts) {
        expect(text).not.toMatch(/\{\w+\}|signals\./);
        expect(text).not.toMatch(/risico|risk|score/i);
      }
    }
  });

  it('say what happened in plain Dutch and English', () => {
    const nl = translator('nl');
    const en = translator('en');
    const nlFormat = formatter('nl', 'Europe/Amsterdam');
    const enFormat = formatter('en', 'Europe/Amsterdam');
    const text = (kind: string, locale: 'nl' | 'en') => {
      const signal = signals.find((s) => s.kind === kind);
      if (!signal) throw new Error(kind);
      return locale === 'nl'
        ? evidenceText(signal.evidence, nl, nlFormat)
        : evidenceText(signal.evidence, en, enFormat);
    };
    expect(text('welbevinden-daalt', 'nl')).toBe(
      'welbevinden gemiddeld 4 → 2: de laatste 3 reflecties tegenover de 5 daarvoor; welbevinden 3 van de laatste 3 keer 2 of lager (2 → 2 → 2)',
    );
    expect(text('cijfer-op-hoger-niveau', 'nl')).toBe('5,2 voor Frans op vwo-niveau');
    expect(text('cijfer-op-hoger-niveau', 'en')).toBe('5.2 for French at vwo level');
    expect(text('te-weinig-uitdaging', 'nl')).toBe('‘te makkelijk’ in 3 van de laatste 4 reflecties');
    expect(text('reflecties-gemist', 'nl')).toBe(
      '3 weken op rij geen reflectie, terwijl erom gevraagd is (sinds week 45)',
    );
    expect(text('evaluatie-verlopen', 'nl')).toBe(
      'evaluatie van arrangement #4 stond gepland op 22 nov 2026, 1 dag geleden',
    );
    expect(text('evaluatie-verlopen', 'en')).toBe(
      'evaluation of arrangement #4 was planned for 22 Nov 2026, 1 day ago',
    );
    expect(text('gespreksverzoek', 'en')).toBe('asked on 30 Oct 2026 for a conversation with their mentor');
  });
});

describe('the stored form of evidence', () => {
  it('has no room for free text: a label must be a code of its vocabulary', () => {
    const fact = (value: string) => ({
      key: 'signals.evidence.cijferOpHogerNiveau',
      params: { subject: { label: 'subject', value } },
    });
    const stored = (value: string) =>
      evidenceSchema.safeParse({
        facts: [fact(value)],
        nextStep: { key: 'signals.next.geenGesprek', params: {} },
      });
    expect(stored('frans').success).toBe(true);
    expect(stored('Ik wil graag even praten over thuis.').success).toBe(false);
    expect(
      evidenceSchema.safeParse({
        facts: [{ key: 'signals.evidence.gespreksverzoek', params: { text: { text: 'iets' } } }],
        nextStep: { key: 'signals.next.gespreksverzoek', params: {} },
      }).success,
    ).toBe(false);
  });
});
