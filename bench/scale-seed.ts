/**
 * Issue 2: `koers db seed --demo --students 20000 --weeks 120` builds a school board of 20,000
 * students with about 2.4 million reflections in under 90 seconds.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSeedNow, seedDemo } from '../src/seed/seed.ts';
import { closeStore, openStore } from '../src/store/database.ts';
import { migrateStore } from '../src/store/migrations.ts';
import type { Benchmark } from './benchmark.ts';

const TARGET_SECONDS = 90;

export const scaleSeed: Benchmark = {
  name: 'scale seed: 20,000 students × 120 weeks',
  async run(workDir) {
    const file = join(workDir, 'koers-20000.db');
    const now = parseSeedNow('2026-11-23');
    if (!now) throw new Error('bad --now');
    const started = performance.now();
    const store = openStore(file, { create: true });
    migrateStore(store);
    const report = await seedDemo(store, { now, students: 20_000, weeks: 120 });
    await closeStore(store);
    const seconds = (performance.now() - started) / 1000;
    const rows = Object.values(report).reduce((sum, n) => sum + n, 0);
    return [
      { label: 'students', value: report.students.toLocaleString('en') },
      { label: 'reflections', value: report.reflections.toLocaleString('en') },
      { label: 'rows in all', value: rows.toLocaleString('en') },
      { label: 'rows per second', value: Math.round(rows / seconds).toLocaleString('en') },
      { label: 'database size', value: `${Math.round(statSync(file).size / 2 ** 20)} MiB` },
      {
        label: 'time to build',
        value: `${seconds.toFixed(1)} s`,
        target: `≤ ${TARGET_SECONDS} s`,
        met: seconds <= TARGET_SECONDS,
      },
    ];
  },
};
