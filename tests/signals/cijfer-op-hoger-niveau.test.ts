import { describe, expect, it } from 'vitest';
import type { Onderwijssoort } from '../../src/domain/enums.ts';
import type { EnrolmentFacts } from '../../src/domain/signals/student-facts.ts';
import { factsOf, resultOf, student } from './fixtures.ts';

const enrolment = (facts: Partial<EnrolmentFacts>): EnrolmentFacts => ({
  subject: 'frans',
  level: 'vwo',
  resultGrade: 5.2,
  resultWord: null,
  status: 'bezig',
  ...facts,
});

describe('cijfer op hoger niveau', () => {
  it.each<{ name: string; own?: Onderwijssoort; e: EnrolmentFacts; below?: number; expected: string }>([
    { name: 'a 5,2 for French at vwo, student at havo (Sarina)', e: enrolment({}), expected: 'fired' },
    { name: 'a 5,4 (just below 5,5)', e: enrolment({ resultGrade: 5.4 }), expected: 'fired' },
    { name: 'a 5,5 (at: not below)', e: enrolment({ resultGrade: 5.5 }), expected: 'clear' },
    { name: 'a 5,6 (just above)', e: enrolment({ resultGrade: 5.6 }), expected: 'clear' },
    { name: 'a low grade at the own level', e: enrolment({ level: 'havo' }), expected: 'clear' },
    { name: 'a low grade at a lower level', e: enrolment({ level: 'vmbo-tl' }), expected: 'clear' },
    {
      name: 'vmbo-tl is not above vmbo-gl',
      own: 'vmbo-gl',
      e: enrolment({ level: 'vmbo-tl' }),
      expected: 'clear',
    },
    {
      name: 'havo is above vmbo-tl (Kelly’s Dutch)',
      own: 'vmbo-tl',
      e: enrolment({ level: 'havo', resultGrade: 5 }),
      expected: 'fired',
    },
    {
      name: 'a word result',
      e: enrolment({ resultGrade: null, resultWord: 'voldoende' }),
      expected: 'clear',
    },
    { name: 'no result yet', e: enrolment({ resultGrade: null }), expected: 'clear' },
    { name: 'a finished subject', e: enrolment({ status: 'afgerond' }), expected: 'clear' },
    { name: 'a stopped subject', e: enrolment({ status: 'gestopt' }), expected: 'clear' },
    {
      name: 'a 5,8 when the school draws the line at 6',
      e: enrolment({ resultGrade: 5.8 }),
      below: 6,
      expected: 'fired',
    },
  ])('$name: $expected', ({ own, e, below, expected }) => {
    const result = resultOf('cijfer-op-hoger-niveau', {
      facts: student({ onderwijssoort: own ?? 'havo', enrolments: [e] }),
      ...(below ? { overrides: { 'cijfer-op-hoger-niveau': { below } } } : {}),
    });
    expect(result.outcome).toBe(expected);
  });

  it('names the grade, the subject and the level', () => {
    const result = resultOf('cijfer-op-hoger-niveau', {
      facts: student({ enrolments: [enrolment({}), enrolment({ subject: 'nederlands', resultGrade: 7.4 })] }),
    });
    expect(factsOf(result)).toEqual([
      'signals.evidence.cijferOpHogerNiveau {"grade":{"grade":5.2},"subject":{"label":"subject","value":"frans"},"level":{"label":"onderwijssoort","value":"vwo"}}',
    ]);
  });

  it('is off when switched off', () => {
    const result = resultOf('cijfer-op-hoger-niveau', {
      facts: student({ enrolments: [enrolment({})] }),
      overrides: { 'cijfer-op-hoger-niveau': { enabled: false } },
    });
    expect(result.outcome).toBe('off');
  });
});
