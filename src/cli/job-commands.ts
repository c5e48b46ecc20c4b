import { type Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { findJob, jobs } from '../jobs/registry.ts';
import { assertCurrentSchema } from '../store/migrations.ts';
import { withStore } from './db-commands.ts';
import type { CliContext } from './main.ts';

export function registerJobCommands(program: Command, { t, io, config }: CliContext): void {
  const group = program.command('jobs').description(t('cli.jobs.description'));

  group
    .command('list')
    .description(t('cli.jobs.list.description'))
    .action(() => {
      for (const job of jobs) io.out(`${job.name}\t${job.schedule}`);
    });

  group
    .command('run')
    .description(t('cli.jobs.run.description'))
    .argument(
      '<job>',
      t('cli.jobs.run.job', { jobs: jobs.map((j) => j.name).join(', ') }),
      (name: string) => {
        const job = findJob(name);
        if (!job)
          throw new InvalidArgumentError(
            t('jobs.unknown', { name, jobs: jobs.map((j) => j.name).join(', ') }),
          );
        return job;
      },
    )
    .addOption(
      new Option('--now <datetime>', t('cli.jobs.run.now')).argParser((value) => {
        const now = DateTime.fromISO(value, { setZone: true });
        if (!now.isValid) throw new InvalidArgumentError(t('jobs.badNow', { value }));
        return now;
      }),
    )
    .action(
      async (job: NonNullable<ReturnType<typeof findJob>>, flags: { now?: DateTime }, command: Command) => {
        const cfg = config(command);
        const counts = await withStore(cfg.databasePath, false, (store) => {
          assertCurrentSchema(store);
          return job.run({ store, now: flags.now ?? DateTime.now().setZone(cfg.timeZone) });
        });
        const summary = Object.entries(counts)
          .map(([key, n]) => `${key}=${n}`)
          .join(' ');
        io.out(t('jobs.done', { job: job.name, summary }));
      },
    );
}
