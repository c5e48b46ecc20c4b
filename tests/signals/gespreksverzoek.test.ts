import { describe, expect, it } from 'vitest';
import type { ConversationFacts, ReflectionFacts } from '../../src/domain/signals/student-facts.ts';
import { reflection, resultOf, student } from './fixtures.ts';

const talk = (isoWeek: string): ReflectionFacts => reflection(isoWeek, { wantsTalk: true, welbevinden: 2 });
const coach = (date: string): ConversationFacts => ({ kind: 'coachgesprek', date });

describe('gespreksverzoek', () => {
  // The request of week 47 was made on Friday 20 November.
  it.each([
    {
      name: 'no request',
      reflections: [reflection('2026-W46'), reflection('2026-W47')],
      talks: [],
      expected: 'clear',
    },
    {
      name: 'a request, no conversation since',
      reflections: [reflection('2026-W46'), talk('2026-W47')],
      talks: [],
      expected: 'fired',
    },
    {
      name: 'a conversation the day before the request',
      reflections: [talk('2026-W47')],
      talks: [coach('2026-11-19')],
      expected: 'fired',
    },
    {
      name: 'a conversation on the day of the request',
      reflections: [talk('2026-W47')],
      talks: [coach('2026-11-20')],
      expected: 'clear',
    },
    {
      name: 'any kind of conversation answers it',
      reflections: [talk('2026-W47')],
      talks: [{ kind: 'oudergesprek', date: '2026-11-23' } as const],
      expected: 'clear',
    },
    {
      name: 'a later reflection without the tick does not withdraw it',
      reflections: [talk('2026-W46'), reflection('2026-W47')],
      talks: [],
      expected: 'fired',
    },
    {
      name: 'an answered request, then a new one',
      reflections: [talk('2026-W44'), reflection('2026-W45'), talk('2026-W47')],
      talks: [coach('2026-11-02')],
      expected: 'fired',
    },
    {
      name: 'no reflections at all: nothing to judge, nothing asked',
      reflections: [],
      talks: [],
      expected: 'clear',
    },
  ])('$name: $expected', ({ reflections, talks, expected }) => {
    const result = resultOf('gespreksverzoek', { facts: student({ reflections, conversations: talks }) });
    expect(result.outcome).toBe(expected);
  });

  it('is urgent and names the day of the latest request, never what the student wrote', () => {
    const result = resultOf('gespreksverzoek', {
      facts: student({ reflections: [talk('2026-W44'), talk('2026-W47')] }),
    });
    expect(result).toEqual({
      kind: 'gespreksverzoek',
      outcome: 'fired',
      signal: {
        kind: 'gespreksverzoek',
        severity: 'urgent',
        evidence: {
          facts: [{ key: 'signals.evidence.gespreksverzoek', params: { date: { date: '2026-11-20' } } }],
          nextStep: { key: 'signals.next.gespreksverzoek', params: {} },
        },
      },
    });
  });

  it('cannot be switched off: the student asked in so many words', () => {
    const result = resultOf('gespreksverzoek', {
      facts: student({ reflections: [talk('2026-W47')] }),
      overrides: { gespreksverzoek: { enabled: false } },
    });
    expect(result.outcome).toBe('fired');
  });
});
