import { type Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { loadCommands } from '../engine/registry.ts';
import type { Job } from '../jobs/job.ts';
import { findJob, jobs } from '../jobs/registry.ts';
import { assertCurrentSchema } from '../store/migrations.ts';
import type { CliContext } from './main.ts';
import { withStore } from './with-store.ts';

export function registerJobCommands(program: Command, { t, io, config }: CliContext): void {
  const group = program.command('jobs').description(t('cli.jobs.description')).helpCommand(false);
  const names = jobs.map((j) => j.name).join(', ');

  group
    .command('list')
    .description(t('cli.jobs.list.description'))
    .action(() => {
      for (const job of jobs) io.out(`${job.name}\t${job.schedule}`);
    });

  group
    .command('run')
    .description(t('cli.jobs.run.description'))
    .argument(`<${t('cli.value.job')}>`, t('cli.jobs.run.job', { jobs: names }), (name: string) => {
      const job = findJob(name);
      if (!job) throw new InvalidArgumentError(t('jobs.unknown', { name, jobs: names }));
      return job;
    })
    .addOption(
      new Option(`--now <${t('cli.value.moment')}>`, t('cli.jobs.run.now')).argParser((value) => {
        if (!DateTime.fromISO(value).isValid) throw new InvalidArgumentError(t('jobs.badNow', { value }));
        return value;
      }),
    )
    .action(async (job: Job, flags: { now?: string }, command: Command) => {
      const cfg = config(command);
      // A moment without an offset is read in the server's time zone, not the machine's.
      const now = flags.now
        ? DateTime.fromISO(flags.now, { zone: cfg.timeZone, setZone: true })
        : DateTime.now().setZone(cfg.timeZone);
      const counts = await withStore(cfg.databasePath, false, async (store) => {
        assertCurrentSchema(store);
        // The same delivery as `npm start`: the configured platforms, else local mode's inbox.
        // why: the Teams SDK costs seconds to load; only a Teams deployment pays for it.
        const teams = cfg.teams
          ? (await import('../platforms/teams/teams-adapter.ts')).createTeamsAdapter({
              store,
              commands: await loadCommands(),
              teams: cfg.teams,
            })
          : undefined;
        const { delivery } = await import('../app/delivery.ts');
        return job.run({ store, now, ...(await delivery(cfg, teams)) });
      });
      io.out(t('jobs.done', { job: job.name }));
      for (const [key, n] of Object.entries(counts)) io.out(`  ${key}: ${n}`);
    });
}
