/**
 * Signals on the 20,000-student, 120-week database: the daily sweep over every student (target
 * ≤ 3 s; the first sweep, which runs every rule for a school no sweep has seen, is shown beside
 * it), and re-evaluating one student after a new reflection, as a command does inside its
 * transaction (p99 ≤ 5 ms over 1,000 students). Runs on a copy of the scale database.
 */
import { join } from 'node:path';
import { signalsJob } from '../src/jobs/signals.ts';
import { signalRefresher } from '../src/signals/refresh.ts';
import { closeStore, openStore } from '../src/store/database.ts';
import { inTransaction } from '../src/store/transaction.ts';
import type { Benchmark } from './benchmark.ts';
import { scaleDatabase, scaleSeedNow } from './scale-database.ts';
import { copyDatabase, removeDatabase } from './support/copy-database.ts';

const SWEEP_TARGET_SECONDS = 3;
const REFRESH_TARGET_MS = 5;
const STUDENTS_REFRESHED = 1_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;

export const signalSweep: Benchmark = {
  name: 'signal-sweep: signals for 20,000 students',
  async run(workDir) {
    const file = join(workDir, 'signal-sweep.db');
    copyDatabase(await scaleDatabase(workDir), file);
    const store = openStore(file, { create: false });
    try {
      const now = scaleSeedNow().set({ hour: 6, minute: 30 });
      const run = async (at: typeof now) => {
        const started = performance.now();
        const counts = await signalsJob.run({ store, now: at, platforms: ['local'], senders: [] });
        return { counts, seconds: (performance.now() - started) / 1000 };
      };
      // The first sweep runs every rule for every student (none was checked before: a seeded or
      // imported school); every later morning runs the rules time changes.
      const first = await run(now);
      const daily = await run(now.plus({ days: 1 }));

      // A new reflection for 1,000 students in the week after the seed, each followed by its re-evaluation.
      const ids = (
        store.$client.prepare('select id from students order by id limit ?').all(STUDENTS_REFRESHED) as {
          id: number;
        }[]
      ).map((row) => row.id);
      const insert = store.$client.prepare(
        `insert or replace into reflections (student_id, iso_week, welbevinden, motivatie, grip, uitdaging, wants_talk, channel, submitted_at)
         values (?, '2026-W48', 2, 2, 3, 'te-moeilijk', 0, 'cli', '2026-11-27T13:30:00.000Z')`,
      );
      const times: number[] = [];
      for (const id of ids) {
        await inTransaction(store, async () => {
          insert.run(id);
          const refresher = await signalRefresher(store, {
            today: '2026-11-27',
            at: '2026-11-27T13:30:00.000Z',
          });
          const t0 = performance.now();
          await refresher.refresh(id);
          times.push(performance.now() - t0);
        });
      }
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 0.99);
      return [
        {
          label: 'first sweep',
          value: `${first.seconds.toFixed(2)} s (${first.counts.students?.toLocaleString('en')} students, every rule; ${first.counts.opened?.toLocaleString('en')} opened)`,
        },
        {
          label: 'daily sweep',
          value: `${daily.seconds.toFixed(2)} s (${daily.counts.students?.toLocaleString('en')} students, ${daily.counts.opened} opened, ${daily.counts.resolved} resolved)`,
          target: `≤ ${SWEEP_TARGET_SECONDS} s`,
          met: daily.seconds <= SWEEP_TARGET_SECONDS,
        },
        { label: 'refresh p50', value: `${percentile(times, 0.5).toFixed(2)} ms` },
        {
          label: 'refresh p99',
          value: `${p99.toFixed(2)} ms`,
          target: `≤ ${REFRESH_TARGET_MS} ms`,
          met: p99 <= REFRESH_TARGET_MS,
        },
      ];
    } finally {
      await closeStore(store);
      removeDatabase(file);
    }
  },
};
