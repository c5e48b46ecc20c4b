import type { Command } from 'commander';
import type { CliContext } from './main.ts';

export function registerStartCommand(program: Command, { t, io, config }: CliContext): void {
  program
    .command('start')
    .description(t('cli.start.description'))
    .action(async (_options, command: Command) => {
      // why: the signal handlers come first. Start-up goes on after the server listens (the
      // scheduler's senders load lazily), and a SIGTERM in that window must still stop cleanly
      // instead of killing the process mid-migration or mid-seed.
      let signalled: () => void = () => {};
      const stopRequested = new Promise<void>((resolve) => {
        signalled = resolve;
      });
      process.once('SIGINT', signalled);
      process.once('SIGTERM', signalled);
      // why: start.ts pulls in the HTTP server, the scheduler and the platform adapters; loaded
      // here, only `koers start` pays for them, not `koers --help` or `koers ask`.
      const { start } = await import('../app/start.ts');
      const running = await start(config(command), t, io.out);
      await stopRequested;
      io.out(t('start.stopping'));
      await running.stop().catch(() => {});
      // Stopped cleanly; a library's pending retry (Slack's Web API client retries for minutes)
      // must not keep a stopped server alive. Unref'd: when nothing lingers, this never fires.
      setTimeout(() => process.exit(), 2000).unref();
    });
}
