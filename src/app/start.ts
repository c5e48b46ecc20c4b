/**
 * `npm start`: migrate, seed the demo school into an empty database when no platform is
 * configured, serve HTTP, and run the scheduler until SIGINT or SIGTERM.
 */
import type { Server } from 'node:http';
import { DateTime } from 'luxon';
import type { Config } from '../config.ts';
import { systemClock } from '../engine/clock.ts';
import { loadCommands } from '../engine/registry.ts';
import type { Translator } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import { jobs as allJobs, withSchedules } from '../jobs/registry.ts';
import { type Scheduler, startScheduler } from '../jobs/scheduler.ts';
import { signalsJob } from '../jobs/signals.ts';
import { log } from '../log.ts';
import { createAdapters } from '../platforms/adapters.ts';
import { localMode } from '../platforms/platform-adapter.ts';
import { seedDemo, today } from '../seed/seed.ts';
import { healthRoute } from '../server/health.ts';
import { createHttpServer, listen } from '../server/http-server.ts';
import { holdsSchoolData } from '../store/emptiness.ts';
import { openConfiguredStore } from '../store/open.ts';
import type { PostgresStore } from '../store/pg-store.ts';
import { delivery } from './delivery.ts';

export type Running = { port: number; stop(): Promise<void> };

/** How quickly a run of a process that died is taken over by another (KOERS_JOB_TAKEOVER_SECONDS). */
function sharedSchedulerOptions(config: Config) {
  const seconds = config.jobTakeoverSeconds;
  return seconds === undefined
    ? {}
    : {
        expireInSeconds: seconds,
        maintenanceIntervalSeconds: Math.max(1, Math.floor(seconds / 2)),
        pollingIntervalSeconds: 0.5,
      };
}

export async function start(config: Config, t: Translator, say: (line: string) => void): Promise<Running> {
  const { store, migrationsApplied: applied } = await openConfiguredStore(config, {
    create: true,
    migrate: true,
  });
  let server: Server | undefined;
  let scheduler: Scheduler | undefined;
  let adapters: Awaited<ReturnType<typeof createAdapters>> = [];
  const stop = async () => {
    await scheduler?.stop();
    for (const adapter of adapters) await adapter.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store.close();
  };
  try {
    if (applied > 0) say(t('start.migrated', { count: applied }));
    const seeding = localMode(config) && !(await holdsSchoolData(store));
    if (seeding) {
      const report = await seedDemo(store, { now: today() });
      say(t('start.seeded', { students: report.students }));
    }
    const commands = await loadCommands();
    adapters = await createAdapters({ store, commands, config });
    server = createHttpServer([healthRoute(store), ...adapters.flatMap((adapter) => adapter.routes)]);
    let port: number;
    try {
      // Without a platform nothing outside this machine needs Koers, and the playground lets
      // whoever reaches it act as anyone: this machine only.
      port = await listen(server, config.port, localMode(config) ? '127.0.0.1' : undefined);
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      throw new UserError(
        code === 'EADDRINUSE' ? 'start.portInUse' : 'start.cannotListen',
        { port: config.port },
        { cause },
      );
    }
    for (const adapter of adapters) await adapter.start();
    // The start lines together, once everything listens: whoever reads the first reads them all.
    const baseUrl = `http://localhost:${port}`;
    say(t('start.listening', { url: baseUrl }));
    for (const line of adapters.flatMap((adapter) => adapter.announce(t, baseUrl))) say(line);
    const delivering = await delivery(config, adapters);
    const clock = adapters.find((adapter) => adapter.clock)?.clock ?? systemClock;
    // A school seeded just now has not had this morning's sweep: without it the demo's stories
    // (Daan's falling wellbeing, Yara's talk request) would wait until 06:30 tomorrow to show.
    if (seeding)
      await signalsJob.run({
        store,
        now: DateTime.fromJSDate(clock.now()).setZone(config.timeZone),
        ...delivering,
      });
    const jobs = withSchedules(allJobs, config.schedules);
    // Processes sharing a PostgreSQL database run each moment of a job once between them.
    scheduler =
      store.dialect === 'postgres'
        ? await (await import('../jobs/shared-scheduler.ts')).startSharedScheduler(
            store as PostgresStore,
            jobs,
            config.timeZone,
            delivering,
            clock,
            sharedSchedulerOptions(config),
          )
        : startScheduler(store, jobs, config.timeZone, delivering, clock);
    log.info('start.ready', { port, jobs: jobs.length });
    return { port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
