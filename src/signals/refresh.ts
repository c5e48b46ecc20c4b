/**
 * Bringing students' signals up to date: load their facts, run the rules, let the lifecycle
 * decide, store the changes. One path for the re-evaluation after a change (inside that change's
 * transaction, so a reflection and the signal it raises are stored together) and for the daily
 * sweep (`koers jobs run signals`).
 */
import { signalKinds } from '../domain/enums.ts';
import { signalChanges } from '../domain/signals/lifecycle.ts';
import { evaluateStudent, factsNeeded, timeDrivenKinds } from '../domain/signals/rules.ts';
import type { Store } from '../store/database.ts';
import { markEveryRuleChecked, signalFactsLoader } from '../store/signal-facts.ts';
import type { SignalAnnouncer } from './talk-request.ts';

/** Every rule, or only those time changes (for a student every rule has run for before). */
export type RefreshDepth = 'every' | 'timeDriven';

import { thresholdsCache } from '../store/signal-thresholds.ts';
import { applySignalChanges, signalStateOf } from '../store/signals.ts';

export type RefreshCounts = { students: number; opened: number; refreshed: number; resolved: number };

/**
 * A refresher for one moment: `today` is the school's date, `at` the instant recorded on the
 * signals. Keep it for one transaction or one sweep; it caches thresholds and holidays.
 */
export function signalRefresher(
  store: Store,
  moment: { today: string; at: string },
  /** Told of every signal opened, in the same transaction (the sweep announces talk requests). */
  announce?: SignalAnnouncer,
) {
  const load = signalFactsLoader(store);
  const thresholdsOf = thresholdsCache(store);
  const counts: RefreshCounts = { students: 0, opened: 0, refreshed: 0, resolved: 0 };

  /**
   * Every rule for this student, or (`timeDriven`) only the rules time changes, for a student
   * every rule has run for before and whose records changed only through commands since.
   */
  function refresh(studentId: number, depth: RefreshDepth = 'every'): void {
    const kinds = depth === 'every' ? signalKinds : timeDrivenKinds;
    const subject = load(studentId, (school, team) => factsNeeded(thresholdsOf(school, team), kinds));
    if (!subject) return;
    counts.students++;
    const thresholds = thresholdsOf(subject.schoolId, subject.teamId);
    const results = evaluateStudent(subject.facts, subject.calendar, thresholds, moment.today, kinds);
    if (depth === 'every') markEveryRuleChecked(store, studentId, moment.at);
    const { unresolved, handResolved } = signalStateOf(store, studentId);
    const changes = signalChanges(results, unresolved, handResolved);
    if (changes.length === 0) return;
    applySignalChanges(store, studentId, changes, moment.at);
    for (const change of changes) {
      if (change.change === 'open') {
        counts.opened++;
        announce?.(studentId, change.signal, subject.facts);
      } else if (change.change === 'refresh') counts.refreshed++;
      else counts.resolved++;
    }
  }

  return { refresh, counts };
}
