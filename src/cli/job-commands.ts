import { Argument, type Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import type { Job } from '../jobs/job.ts';
import type { CliContext } from './main.ts';
import { withStore } from './with-store.ts';

export function registerJobCommands(program: Command, { t, io, config }: CliContext): void {
  const group = program.command('jobs').description(t('cli.jobs.description')).helpCommand(false);

  group
    .command('list')
    .description(t('cli.jobs.list.description'))
    .action(async (_flags: unknown, command: Command) => {
      const { jobs, withSchedules } = await import('../jobs/registry.ts');
      // As `koers start` would run them: with the times KOERS_SCHEDULE moved.
      for (const job of withSchedules(jobs, config(command).schedules))
        io.out(`${job.name}\t${job.schedule}`);
    });

  // why: the jobs (and through them the store) are loaded when `koers jobs run` runs, not by
  // `koers --help`. Help text and argument parsers are synchronous, so the hook loads the list
  // before `run` reads its arguments or shows its help, which names the jobs.
  let findJob: ((name: string) => Job | undefined) | undefined;
  let names = '';
  const jobArgument = new Argument(`<${t('cli.value.job')}>`).argParser((name: string) => {
    const job = findJob?.(name);
    if (!job) throw new InvalidArgumentError(t('jobs.unknown', { name, jobs: names }));
    return job;
  });
  const run = group
    .command('run')
    .description(t('cli.jobs.run.description'))
    .addArgument(jobArgument)
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
      const [{ loadCommands }, { assertCurrentSchema }] = await Promise.all([
        import('../engine/registry.ts'),
        import('../store/migrations.ts'),
      ]);
      const counts = await withStore(cfg, false, async (store) => {
        await assertCurrentSchema(store);
        // The same delivery as `npm start`: the configured platforms, else local mode's inbox.
        // Only the SDKs of platforms Koers sends through are loaded (the Teams SDK costs seconds).
        const [{ createAdapters }, { delivery }] = await Promise.all([
          import('../platforms/adapters.ts'),
          import('../app/delivery.ts'),
        ]);
        const adapters = await createAdapters(
          { store, commands: await loadCommands(), config: cfg },
          'sending',
        );
        return job.run({ store, now, ...(await delivery(cfg, adapters)) });
      });
      io.out(t('jobs.done', { job: job.name }));
      for (const [key, n] of Object.entries(counts)) io.out(`  ${key}: ${n}`);
    });

  group.hook('preSubcommand', async (_group, subcommand) => {
    if (subcommand !== run) return;
    const registry = await import('../jobs/registry.ts');
    findJob = registry.findJob;
    names = registry.jobs.map((j) => j.name).join(', ');
    jobArgument.description = t('cli.jobs.run.job', { jobs: names });
  });
}
