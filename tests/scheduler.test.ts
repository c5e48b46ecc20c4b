import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import type { Job } from '../src/jobs/job.ts';
import { withSchedules } from '../src/jobs/registry.ts';
import { startScheduler } from '../src/jobs/scheduler.ts';
import { closeStore, openStore } from '../src/store/database.ts';
import { tempDir } from './support/temp.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the scheduler', () => {
  it('runs a job on its schedule, logs a failing run with an id and keeps going', async () => {
    const logged: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    const store = openStore(join(tempDir(), 'koers.db'), { create: true });
    const seen: string[] = [];
    const flaky: Job = {
      name: 'flaky',
      schedule: '* * * * * *',
      run({ now }) {
        seen.push(now.zoneName ?? '');
        if (seen.length === 1) throw new Error('first run fails');
        return { runs: seen.length };
      },
    };
    const scheduler = startScheduler(store, [flaky], 'Europe/Amsterdam', {
      platforms: ['local'],
      senders: [],
    });
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2), { timeout: 5000, interval: 100 });
    await scheduler.stop();
    await closeStore(store);

    expect(seen[0]).toBe('Europe/Amsterdam');
    const events = logged.map((line) => JSON.parse(line));
    expect(events).toContainEqual(
      expect.objectContaining({ event: 'job.failed', job: 'flaky', id: expect.any(String) }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ event: 'job.done', job: 'flaky', counts: '{"runs":2}' }),
    );
  });

  it('runs a job on the schedule KOERS_SCHEDULE gives it, not its own', async () => {
    const store = openStore(join(tempDir(), 'koers.db'), { create: true });
    let runs = 0;
    const yearly: Job = {
      name: 'signals',
      schedule: '0 0 1 1 *',
      run() {
        runs++;
        return {};
      },
    };
    const scheduler = startScheduler(
      store,
      withSchedules([yearly], loadConfig({ KOERS_SCHEDULE: 'signals=* * * * * *' }).schedules),
      'Europe/Amsterdam',
      { platforms: ['local'], senders: [] },
    );
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(2), { timeout: 5000, interval: 100 });
    await scheduler.stop();
    await closeStore(store);
  });
});
