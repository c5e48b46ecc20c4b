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
export async function signalRefresher(
  store: Store,
  moment: { today: string; at: string },
  /** Told of every signal opened, in the same transaction (the sweep announces talk requests). */
  announce?: SignalAnnouncer,
) {
  const load = await signalFactsLoader(store);
  const thresholdsOf = await thresholdsCache(store);
  const counts: RefreshCounts = { students: 0, opened: 0, refreshed: 0, resolved: 0 };

  /**
   * Every rule for this student, or (`timeDriven`) only the rules time changes, for a student
   * every rule has run for before and whose records changed only through commands since.
   */
  async function refresh(studentId: number, depth: RefreshDepth = 'every'): Promise<void> {
    const kinds = depth === 'every' ? signalKinds : timeDrivenKinds;
    const subject = await load(studentId, async (school, team) =>
      factsNeeded(await thresholdsOf(school, team), kinds),
    );
    if (!subject) return;
    counts.students++;
    const thresholds = await thresholdsOf(subject.schoolId, subject.teamId);
    const results = evaluateStudent(subject.facts, subject.calendar, thresholds, moment.today, kinds);
    if (depth === 'every') await markEveryRuleChecked(store, studentId, moment.at);
    const { unresolved, handResolved } = await signalStateOf(store, studentId);
    // The lifecycle needs what people resolved by hand only for a rule that fires with no signal of
    // its kind open, which is rare: a sweep reads it only then.
    const firesAnew = results.some(
      (result) => result.outcome === 'fired' && !unresolved.some((signal) => signal.kind === result.kind),
    );
    const resolvedByHand = firesAnew ? await handResolved() : [];
    const changes = signalChanges(results, unresolved, () => resolvedByHand);
    if (changes.length === 0) return;
    await applySignalChanges(store, studentId, changes, moment.at);
    for (const change of changes) {
      if (change.change === 'open') {
        counts.opened++;
        await announce?.(studentId, change.signal, subject.facts);
      } else if (change.change === 'refresh') counts.refreshed++;
      else counts.resolved++;
    }
  }

  return { refresh, counts };
}
