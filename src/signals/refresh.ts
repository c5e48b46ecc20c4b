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
import { thresholdsCache } from '../store/signal-thresholds.ts';
import { applySignalChanges, type SignalState, signalStatesOf } from '../store/signals.ts';
import type { SignalAnnouncer } from './talk-request.ts';

/** Every rule, or only those time changes (for a student every rule has run for before). */
export type RefreshDepth = 'every' | 'timeDriven';

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
  const load = signalFactsLoader(store);
  const thresholdsOf = await thresholdsCache(store);
  const counts: RefreshCounts = { students: 0, opened: 0, refreshed: 0, resolved: 0 };

  /**
   * Each student with every rule, or (`timeDriven`) only the rules time changes, for a student
   * every rule has run for before and whose records changed only through commands since. The
   * facts and signals of the whole batch are read together (a sweep passes hundreds), then each
   * student's changes are stored in the batch's order.
   */
  async function refreshAll(students: readonly { id: number; depth: RefreshDepth }[]): Promise<void> {
    const depthOf = new Map(students.map(({ id, depth }) => [id, depth]));
    const kindsOf = (id: number) => (depthOf.get(id) === 'every' ? signalKinds : timeDrivenKinds);
    const subjects = await load.many([...depthOf.keys()], async (school, team, id) =>
      factsNeeded(await thresholdsOf(school, team), kindsOf(id)),
    );
    await markEveryRuleChecked(
      store,
      [...subjects.keys()].filter((id) => depthOf.get(id) === 'every'),
      moment.at,
    );
    const states = await signalStatesOf(store, [...subjects.keys()]);
    for (const [studentId, subject] of subjects) {
      counts.students++;
      const thresholds = await thresholdsOf(subject.schoolId, subject.teamId);
      const results = evaluateStudent(
        subject.facts,
        subject.calendar,
        thresholds,
        moment.today,
        kindsOf(studentId),
      );
      const { unresolved, handResolved } = states.get(studentId) as SignalState;
      // The lifecycle needs what people resolved by hand only for a rule that fires with no signal of
      // its kind open, which is rare: a sweep reads it only then.
      const firesAnew = results.some(
        (result) => result.outcome === 'fired' && !unresolved.some((signal) => signal.kind === result.kind),
      );
      const resolvedByHand = firesAnew ? await handResolved() : [];
      const changes = signalChanges(results, unresolved, () => resolvedByHand);
      if (changes.length === 0) continue;
      await applySignalChanges(store, studentId, changes, moment.at);
      for (const change of changes) {
        if (change.change === 'open') {
          counts.opened++;
          await announce?.(studentId, change.signal, subject.facts);
        } else if (change.change === 'refresh') counts.refreshed++;
        else counts.resolved++;
      }
    }
  }

  /** One student, as `refreshAll` does a batch. */
  const refresh = (studentId: number, depth: RefreshDepth = 'every') =>
    refreshAll([{ id: studentId, depth }]);

  return { refresh, refreshAll, counts };
}
