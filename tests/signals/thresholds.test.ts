import { describe, expect, it } from 'vitest';
import { signalKinds } from '../../src/domain/enums.ts';
import {
  checkThresholds,
  defaultThresholds,
  overridesFromRows,
  resolveThresholds,
  thresholdOverridesSchema,
  thresholdsSchema,
} from '../../src/domain/signals/thresholds.ts';

describe('the default thresholds', () => {
  it('are those of PRODUCT.md section 4, for every kind', () => {
    expect(thresholdsSchema.parse(defaultThresholds)).toEqual(defaultThresholds);
    expect(Object.keys(defaultThresholds)).toEqual([...signalKinds]);
    expect(defaultThresholds['welbevinden-daalt']).toEqual({
      enabled: true,
      recent: 3,
      baseline: 5,
      drop: 1,
      lowAtMost: 2,
      lowCount: 2,
    });
    expect(defaultThresholds['motivatie-daalt']).toEqual(defaultThresholds['welbevinden-daalt']);
    expect(defaultThresholds['reflecties-gemist']).toEqual({ enabled: true, weeksInRow: 2 });
    expect(defaultThresholds['te-weinig-uitdaging']).toEqual({ enabled: true, count: 3, outOf: 4 });
    expect(defaultThresholds['te-veel-leerpijn']).toEqual({ enabled: true, count: 3, outOf: 4 });
    expect(defaultThresholds['cijfer-op-hoger-niveau']).toEqual({ enabled: true, below: 5.5 });
    expect(defaultThresholds['geen-gesprek']).toEqual({ enabled: false, weeks: 8 });
  });
});

describe('overrides', () => {
  it('are the defaults when nobody changed anything', () => {
    expect(resolveThresholds([])).toEqual(defaultThresholds);
    expect(resolveThresholds([{}, {}])).toEqual(defaultThresholds);
  });

  it('merge field by field: school over the defaults, team over the school', () => {
    const school = { 'welbevinden-daalt': { drop: 1.5, recent: 4 }, 'geen-gesprek': { enabled: true } };
    const team = { 'welbevinden-daalt': { drop: 0.5 }, 'te-weinig-uitdaging': { enabled: false } };
    const resolved = resolveThresholds([school, team]);
    expect(resolved['welbevinden-daalt']).toEqual({
      enabled: true,
      recent: 4,
      baseline: 5,
      drop: 0.5,
      lowAtMost: 2,
      lowCount: 2,
    });
    expect(resolved['geen-gesprek']).toEqual({ enabled: true, weeks: 8 });
    expect(resolved['te-weinig-uitdaging']).toEqual({ enabled: false, count: 3, outOf: 4 });
    expect(resolved['motivatie-daalt']).toEqual(defaultThresholds['motivatie-daalt']);
    expect(checkThresholds([school, team]).success).toBe(true);
  });

  it('never change the defaults themselves', () => {
    resolveThresholds([{ 'reflecties-gemist': { weeksInRow: 5 } }]);
    expect(defaultThresholds['reflecties-gemist'].weeksInRow).toBe(2);
  });

  it.each([
    { name: 'an unknown kind', input: { 'risico-score': { enabled: true } } },
    { name: 'an unknown field', input: { 'reflecties-gemist': { weeks: 3 } } },
    { name: 'a window of 0', input: { 'reflecties-gemist': { weeksInRow: 0 } } },
    { name: 'a window that is not a whole number', input: { 'te-veel-leerpijn': { outOf: 3.5 } } },
    { name: 'a drop of 0', input: { 'welbevinden-daalt': { drop: 0 } } },
    { name: 'a grade above 10', input: { 'cijfer-op-hoger-niveau': { below: 11 } } },
    { name: 'on/off as a string', input: { 'doel-verlopen': { enabled: 'nee' } } },
  ])('reject $name', ({ input }) => {
    expect(thresholdOverridesSchema.safeParse(input).success).toBe(false);
  });

  it('are checked as a combination after merging', () => {
    const school = { 'te-veel-leerpijn': { count: 4 } };
    const team = { 'te-veel-leerpijn': { outOf: 3 }, 'reflecties-gemist': { weeksInRow: 3 } };
    expect(checkThresholds([school]).success).toBe(true);
    const checked = checkThresholds([school, team]);
    expect(checked.success).toBe(false);
    expect(checked.error?.issues.map((i) => i.path.join('.'))).toEqual(['te-veel-leerpijn']);
    expect(checkThresholds([{ 'welbevinden-daalt': { lowCount: 4 } }]).success).toBe(false);
  });

  it('fall back to the broader layers for a kind whose merged numbers do not hold, and only that kind', () => {
    const school = { 'te-veel-leerpijn': { count: 4 } };
    const team = { 'te-veel-leerpijn': { outOf: 3 }, 'reflecties-gemist': { weeksInRow: 3 } };
    const resolved = resolveThresholds([school, team]);
    expect(resolved['te-veel-leerpijn']).toEqual({ enabled: true, count: 4, outOf: 4 });
    expect(resolved['reflecties-gemist']).toEqual({ enabled: true, weeksInRow: 3 });
  });

  it('come from signal_thresholds rows: on/off in a column, the numbers in params', () => {
    expect(
      overridesFromRows([
        { kind: 'geen-gesprek', enabled: true, params: { weeks: 6 } },
        { kind: 'doel-verlopen', enabled: false, params: {} },
      ]),
    ).toEqual({ 'geen-gesprek': { enabled: true, weeks: 6 }, 'doel-verlopen': { enabled: false } });
    expect(() => overridesFromRows([{ kind: 'geen-gesprek', enabled: true, params: { days: 6 } }])).toThrow();
  });
});
