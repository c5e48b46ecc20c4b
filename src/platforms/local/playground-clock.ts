/**
 * The playground's clock in local mode: the real time plus an offset the playground moves forward
 * ("een week verder"), kept in the store so a restart does not take the demo back to a week it has
 * already lived. Commands and the scheduled jobs all read it (start.ts hands it to the scheduler).
 */
import type { Clock } from '../../engine/clock.ts';
import type { Store } from '../../store/database.ts';
import { clockOffset, setClockOffset } from '../../store/local-clock.ts';

export type MovableClock = Clock & {
  moveTo(moment: Date): Promise<void>;
  /** Back to the real time (the playground's reset). */
  reset(): Promise<void>;
};

export async function playgroundClock(store: Store): Promise<MovableClock> {
  let offset = await clockOffset(store);
  return {
    now: () => new Date(Date.now() + offset),
    async moveTo(moment) {
      // Only forward: the messages, prompts and signals already written must never lie in its future.
      offset = Math.max(offset, moment.getTime() - Date.now());
      await setClockOffset(store, offset);
    },
    async reset() {
      offset = 0;
      await setClockOffset(store, 0);
    },
  };
}
