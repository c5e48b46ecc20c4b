/**
 * `koers outbox`: how many messages are queued, being sent, sent and dead, per platform, and the
 * errors of the latest dead ones. Ids and counts only: what a message says is composed when sent.
 */
import type { Command } from 'commander';
import { outboxStatuses } from '../domain/enums.ts';
import type { CliContext } from './main.ts';
import { withStore } from './with-store.ts';

const SHOWN_DEAD = 10;

export function registerOutboxCommand(program: Command, { t, io, config }: CliContext): void {
  program
    .command('outbox')
    .description(t('cli.outbox.description'))
    .action(async (_flags: unknown, command: Command) => {
      const cfg = config(command);
      // why: the store's modules are loaded by `koers outbox` itself, not by `koers --help`.
      const [{ assertCurrentSchema }, { deadMessages, outboxCounts }] = await Promise.all([
        import('../store/migrations.ts'),
        import('../store/outbox.ts'),
      ]);
      const { counts, dead } = await withStore(cfg, false, async (store) => {
        await assertCurrentSchema(store);
        return { counts: await outboxCounts(store), dead: await deadMessages(store, SHOWN_DEAD) };
      });
      if (counts.length === 0) {
        io.out(t('outbox.cli.empty'));
        return;
      }
      const platforms = [...new Set(counts.map((c) => c.platform))];
      const width = Math.max(8, ...platforms.map((p) => p.length));
      io.out([t('outbox.cli.platform').padEnd(width), ...outboxStatuses.map((s) => s.padStart(8))].join(' '));
      for (const platform of platforms)
        io.out(
          [
            platform.padEnd(width),
            ...outboxStatuses.map((status) =>
              String(counts.find((c) => c.platform === platform && c.status === status)?.count ?? 0).padStart(
                8,
              ),
            ),
          ].join(' '),
        );
      if (dead.length > 0) {
        io.out('');
        io.out(t('outbox.cli.deadTitle'));
        for (const row of dead)
          io.out(
            `  #${row.id} ${row.platform}: ${row.error ?? '?'} (${t('outbox.cli.attempts', { count: row.attempts })})`,
          );
      }
    });
}
