/** The daily signals sweep, run as the scheduler would at a moment in Amsterdam, for tests. */
import { DateTime } from 'luxon';
import { signalsJob } from '../../src/jobs/signals.ts';
import type { Store } from '../../src/store/database.ts';
import { freshDemo, freshDemoStore } from './demo.ts';

export function sweep(store: Store, at = '2026-11-23T06:30') {
  return signalsJob.run({
    store,
    now: DateTime.fromISO(at, { zone: 'Europe/Amsterdam' }),
    platforms: ['local'],
    senders: [],
  });
}

/** A fresh demo school after its first morning's sweep. */
export async function sweptDemo(at = '2026-11-23T06:30') {
  const demo = await freshDemo();
  await sweep(demo.store, at);
  return demo;
}

/** A fresh demo school on this run's dialect (`freshDemoStore`) after its first morning's sweep. */
export async function sweptDemoStore(at = '2026-11-23T06:30'): Promise<Store> {
  const store = await freshDemoStore();
  await sweep(store, at);
  return store;
}
