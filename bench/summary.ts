/**
 * The outcome summary of the whole 20,000-student board, without the chart (issue 14: ≤ 1 s):
 * every school of the scale database, its facts read and its summary computed, as the
 * `samenvatting school` command and the summaries job do. Median of five runs after one warm-up.
 */
import { periodBefore } from '../src/domain/indicators/period.ts';
import { summaryData } from '../src/domain/indicators/summary.ts';
import { closeStore, openStore } from '../src/store/database.ts';
import { summaryFacts } from '../src/store/indicator-facts.ts';
import { summarySettings } from '../src/store/summary-settings.ts';
import type { Benchmark } from './benchmark.ts';
import { scaleDatabase, scaleSeedNow } from './scale-database.ts';

const TARGET_SECONDS = 1;
const RUNS = 5;

export const summary: Benchmark = {
  name: 'summary: the outcome summary of the 20,000-student board',
  async run(workDir) {
    const store = openStore(await scaleDatabase(workDir), { create: false });
    try {
      const today = scaleSeedNow().toISODate() ?? '';
      const period = periodBefore(today);
      const schools = store.$client.prepare('select id from schools order by id').all() as { id: number }[];
      const board = async () => {
        let students = 0;
        for (const { id } of schools) {
          const facts = await summaryFacts(store, { kind: 'school', id }, period, today);
          if (facts) students += summaryData(facts, await summarySettings(store, id)).overall.students;
        }
        return students;
      };
      await board();
      const times: number[] = [];
      let students = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        students = await board();
        times.push((performance.now() - started) / 1000);
      }
      const median = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
      return [
        {
          label: 'whole board',
          value: `${median.toFixed(2)} s median of ${RUNS} (${schools.length} schools, ${students.toLocaleString('en')} students)`,
          target: `≤ ${TARGET_SECONDS} s`,
          met: median <= TARGET_SECONDS,
        },
      ];
    } finally {
      await closeStore(store);
    }
  },
};
