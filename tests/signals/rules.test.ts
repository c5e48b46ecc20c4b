/** The registry: every kind evaluated at once, as the store and the daily sweep will call it. */
import { describe, expect, it } from 'vitest';
import { signalKinds } from '../../src/domain/enums.ts';
import {
  evaluateStudent,
  reflectionsNeeded,
  signalRules,
  timeDrivenKinds,
} from '../../src/domain/signals/rules.ts';
import { defaultThresholds, resolveThresholds } from '../../src/domain/signals/thresholds.ts';
import { calendar, reflection, scoresInWeeks, student, TODAY, weeks2026 } from './fixtures.ts';

describe('evaluating a student', () => {
  it('gives one result per kind, in the order of the vocabulary', () => {
    const results = evaluateStudent(student(), calendar(), defaultThresholds, TODAY);
    expect(results.map((r) => r.kind)).toEqual([...signalKinds]);
    expect(Object.fromEntries(results.map((r) => [r.kind, r.outcome]))).toEqual({
      gespreksverzoek: 'clear',
      'welbevinden-daalt': 'notEnoughData',
      'motivatie-daalt': 'notEnoughData',
      'reflecties-gemist': 'notEnoughData',
      'te-weinig-uitdaging': 'notEnoughData',
      'te-veel-leerpijn': 'notEnoughData',
      'doel-verlopen': 'clear',
      'evaluatie-verlopen': 'clear',
      'cijfer-op-hoger-niveau': 'clear',
      'geen-gesprek': 'off',
    });
  });

  it('puts reflections in week order whatever order they come in', () => {
    const ordered = scoresInWeeks('welbevinden', [4, 4, 4, 4, 4, 3, 2, 2]);
    const shuffled = [
      ordered[5],
      ordered[0],
      ordered[7],
      ordered[2],
      ordered[1],
      ordered[6],
      ordered[4],
      ordered[3],
    ].flatMap((r) => (r ? [r] : []));
    const evaluate = (reflections: typeof ordered) =>
      evaluateStudent(student({ reflections }), calendar(weeks2026(40, 47)), defaultThresholds, TODAY);
    expect(evaluate(shuffled)).toEqual(evaluate(ordered));
  });

  it('evaluates only the kinds asked for', () => {
    const results = evaluateStudent(student(), calendar(), defaultThresholds, TODAY, timeDrivenKinds);
    expect(results.map((r) => r.kind)).toEqual([...timeDrivenKinds]);
  });

  it('takes each kind’s severity from its rule: urgent, let op or info', () => {
    const severities = Object.fromEntries(signalKinds.map((kind) => [kind, signalRules[kind].severity]));
    expect(severities).toEqual({
      gespreksverzoek: 'urgent',
      'welbevinden-daalt': 'let-op',
      'motivatie-daalt': 'let-op',
      'reflecties-gemist': 'let-op',
      'te-weinig-uitdaging': 'let-op',
      'te-veel-leerpijn': 'let-op',
      'doel-verlopen': 'info',
      'evaluatie-verlopen': 'let-op',
      'cijfer-op-hoger-niveau': 'let-op',
      'geen-gesprek': 'info',
    });
  });

  it('opens several signals for one student, each with its own evidence (Daan and Yara at once)', () => {
    const reflections = [
      ...scoresInWeeks('welbevinden', [4, 4, 4, 4, 3, 3, 2], weeks2026(37, 43)),
      reflection('2026-W44', { welbevinden: 2, wantsTalk: true }),
    ];
    const fired = evaluateStudent(
      student({ reflections }),
      calendar(weeks2026(37, 47)),
      defaultThresholds,
      TODAY,
    )
      .filter((r) => r.outcome === 'fired')
      .map((r) => r.kind);
    expect(fired).toEqual(['gespreksverzoek', 'welbevinden-daalt', 'reflecties-gemist']);
  });
});

describe('what drives each rule', () => {
  it('names the rules the daily sweep must run: dates passing and silence', () => {
    expect(timeDrivenKinds).toEqual([
      'reflecties-gemist',
      'doel-verlopen',
      'evaluatie-verlopen',
      'geen-gesprek',
    ]);
  });

  it('says how many recent reflections the rules read', () => {
    expect(reflectionsNeeded(defaultThresholds)).toBe(8);
    expect(
      reflectionsNeeded(
        resolveThresholds([
          { 'motivatie-daalt': { recent: 4, baseline: 6 }, 'te-veel-leerpijn': { outOf: 9 } },
        ]),
      ),
    ).toBe(10);
    const off = resolveThresholds([
      { 'welbevinden-daalt': { enabled: false }, 'motivatie-daalt': { enabled: false } },
    ]);
    expect(reflectionsNeeded(off)).toBe(4);
  });
});
