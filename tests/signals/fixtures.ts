/** Building one student's facts and calendar for the signal rule tests, week by week. */
import { DateTime } from 'luxon';
import type { challengeAnswers } from '../../src/domain/enums.ts';
import type { Holiday } from '../../src/domain/prompt-calendar.ts';
import type { RuleResult, SignalKind } from '../../src/domain/signals/outcome.ts';
import { evaluateStudent } from '../../src/domain/signals/rules.ts';
import type {
  DeliveredPrompt,
  ReflectionFacts,
  SignalCalendar,
  StudentFacts,
} from '../../src/domain/signals/student-facts.ts';
import {
  resolveThresholds,
  type ThresholdOverrides,
  type Thresholds,
} from '../../src/domain/signals/thresholds.ts';

/** A Monday in week 48: the sweep's morning in the demo's `--now 2026-11-23`. */
export const TODAY = '2026-11-23';

/** The autumn holiday of region midden in 2026: weeks 43 (17–25 October). */
export const autumnHoliday: Holiday = { startDate: '2026-10-17', endDate: '2026-10-25' };

export type Challenge = (typeof challengeAnswers)[number];

const weekOf = (isoWeek: string) => DateTime.fromISO(`${isoWeek}-1`, { zone: 'utc' });

/** `2026-W47` → the Friday of that week, the default prompt day. */
export function fridayOf(isoWeek: string): string {
  return weekOf(isoWeek).plus({ days: 4 }).toISODate() ?? '';
}

/** `count` consecutive ISO weeks ending with `last`, oldest first. */
export function weeksUpTo(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const week = weekOf(last).minus({ weeks: count - 1 - i });
    return `${week.weekYear}-W${String(week.weekNumber).padStart(2, '0')}`;
  });
}

/** Weeks `2026-W<from>` … `2026-W<to>`, leaving out `except`. */
export function weeks2026(from: number, to: number, except: readonly number[] = []): string[] {
  const numbers = Array.from({ length: to - from + 1 }, (_, i) => from + i).filter(
    (n) => !except.includes(n),
  );
  return numbers.map((n) => `2026-W${String(n).padStart(2, '0')}`);
}

export function reflection(isoWeek: string, answers: Partial<ReflectionFacts> = {}): ReflectionFacts {
  return {
    isoWeek,
    submittedOn: fridayOf(isoWeek),
    welbevinden: 4,
    motivatie: 4,
    grip: 4,
    uitdaging: 'precies-goed',
    wantsTalk: false,
    ...answers,
  };
}

/** One reflection per week, the scores (oldest first) in `field`, ending with `lastWeek`. */
export function scoresInWeeks(
  field: 'welbevinden' | 'motivatie',
  scores: readonly number[],
  weeks: readonly string[] = weeksUpTo('2026-W47', scores.length),
): ReflectionFacts[] {
  return scores.map((score, i) => reflection(weeks[i] ?? '', { [field]: score }));
}

export function challengesInWeeks(
  answers: readonly Challenge[],
  weeks: readonly string[] = weeksUpTo('2026-W47', answers.length),
): ReflectionFacts[] {
  return answers.map((uitdaging, i) => reflection(weeks[i] ?? '', { uitdaging }));
}

export function student(facts: Partial<StudentFacts> = {}): StudentFacts {
  return {
    onderwijssoort: 'havo',
    knownSince: '2025-08-25',
    reflections: [],
    goals: [],
    arrangements: [],
    enrolments: [],
    conversations: [],
    ...facts,
  };
}

/** A prompt that reached the student in this week. */
export function delivered(isoWeek: string): DeliveredPrompt {
  return { isoWeek };
}

export function calendar(
  promptWeeks: readonly string[] = [],
  holidays: readonly Holiday[] = [],
): SignalCalendar {
  return { prompts: promptWeeks.map(delivered), holidays };
}

export type Case = {
  facts: StudentFacts;
  calendar?: SignalCalendar;
  overrides?: ThresholdOverrides;
  today?: string;
};

/** One kind's result, through the registry, as the store will call it. */
export function resultOf(kind: SignalKind, c: Case): RuleResult {
  const thresholds: Thresholds = resolveThresholds(c.overrides ? [c.overrides] : []);
  const [result] = evaluateStudent(c.facts, c.calendar ?? calendar(), thresholds, c.today ?? TODAY, [kind]);
  if (!result) throw new Error(`no result for ${kind}`);
  return result;
}

/** The facts of a fired result, as `key {param: value}` lines that a table can compare. */
export function factsOf(result: RuleResult): string[] {
  if (result.outcome !== 'fired') return [];
  return result.signal.evidence.facts.map((f) => `${f.key} ${JSON.stringify(f.params)}`);
}
