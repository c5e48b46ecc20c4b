/**
 * Planning the weekly prompts on the 20,000-student database: one run of the `weekly-prompts`
 * job at a Friday 13:00 prompt moment, every student due, queues a prompt and an outbox message
 * for each (target ≤ 2 s). It runs on a copy, so the scale database stays as scale-seed left it.
 */
import { join } from 'node:path';
import type { DateTime } from 'luxon';
import { defaultPromptSchedule, isHoliday, promptMomentOfWeek } from '../src/domain/prompt-calendar.ts';
import { weeklyPrompts } from '../src/jobs/weekly-prompts.ts';
import { closeStore, openStore, type Store } from '../src/store/database.ts';
import { holidaysBySchool } from '../src/store/prompts.ts';
import type { Benchmark } from './benchmark.ts';
import { scaleDatabase, scaleSeedNow } from './scale-database.ts';
import { copyDatabase, removeDatabase } from './support/copy-database.ts';

const TARGET_SECONDS = 2;
/** Fewer than this queued and the time measures a job that did (almost) nothing. */
const MIN_QUEUED = 19_000;

/**
 * The first Friday 13:00 (Amsterdam) after the seed's history that no school has a holiday on:
 * every student's prompt is due, none was sent yet.
 */
async function promptMoment(store: Store): Promise<DateTime> {
  const after = scaleSeedNow();
  const holidays = [...(await holidaysBySchool(store)).values()].flat();
  let moment = promptMomentOfWeek(after, defaultPromptSchedule);
  if (moment <= after) moment = promptMomentOfWeek(after.plus({ weeks: 1 }), defaultPromptSchedule);
  while (isHoliday(moment.toISODate() ?? '', holidays))
    moment = promptMomentOfWeek(moment.plus({ weeks: 1 }), defaultPromptSchedule);
  return moment;
}

export const promptPlanning: Benchmark = {
  name: 'prompt-planning: weekly prompts for 20,000 students',
  async run(workDir) {
    const file = join(workDir, 'prompt-planning.db');
    copyDatabase(await scaleDatabase(workDir), file);
    const store = openStore(file, { create: false });
    try {
      const now = await promptMoment(store);
      const started = performance.now();
      const counts = await weeklyPrompts.run({ store, now, platforms: ['local'], senders: [] });
      const seconds = (performance.now() - started) / 1000;
      const queued = counts.queued ?? 0;
      if (queued < MIN_QUEUED)
        throw new Error(
          `weekly-prompts at ${now.toISO()} queued only ${queued} prompts (${JSON.stringify(counts)}); ` +
            `expected at least ${MIN_QUEUED.toLocaleString('en')}`,
        );
      const others = Object.entries(counts)
        .filter(([key, n]) => key !== 'queued' && n > 0)
        .map(([key, n]) => `${key} ${n.toLocaleString('en')}`);
      return [
        { label: 'prompt moment', value: now.toISO() ?? '' },
        { label: 'queued', value: queued.toLocaleString('en') },
        { label: 'not queued', value: others.length > 0 ? others.join(', ') : 'none' },
        {
          label: 'time to plan',
          value: `${seconds.toFixed(2)} s`,
          target: `≤ ${TARGET_SECONDS} s`,
          met: seconds <= TARGET_SECONDS,
        },
      ];
    } finally {
      await closeStore(store);
      removeDatabase(file);
    }
  },
};
