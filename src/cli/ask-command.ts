/**
 * `koers ask --as <email> "<command text>"`: any command from a terminal, through the same router
 * the platforms use, as that person and with their permissions.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { type Locale, locales } from '../domain/enums.ts';
import { UserError } from '../i18n/user-error.ts';
import type { CliContext } from './main.ts';
import { withStore } from './with-store.ts';

export function registerAskCommand(program: Command, { t, io, config, exit }: CliContext): void {
  program
    .command('ask')
    .description(t('cli.ask.description'))
    .argument(`<${t('cli.value.text')}...>`, t('cli.ask.text'))
    .requiredOption(`--as <${t('cli.value.email')}>`, t('cli.ask.as'))
    .option('--json', t('cli.ask.json'))
    .addOption(
      // Not commander's `.choices()`: its "(choices: …)" and its error would be English.
      new Option(`--locale <${t('cli.value.locale')}>`, t('cli.ask.locale')).argParser((value) => {
        if (!(locales as readonly string[]).includes(value))
          throw new InvalidArgumentError(t('cli.ask.badLocale', { value }));
        return value;
      }),
    )
    .addOption(
      new Option(`--now <${t('cli.value.moment')}>`, t('cli.ask.now')).argParser((value) => {
        if (!DateTime.fromISO(value, { setZone: true }).isValid)
          throw new InvalidArgumentError(t('jobs.badNow', { value }));
        return value;
      }),
    )
    .action(
      async (
        words: string[],
        flags: { as: string; json?: boolean; locale?: Locale; now?: string },
        command: Command,
      ) => {
        const cfg = config(command);
        // why: the engine, the store and the renderer are loaded by `koers ask` itself, not by
        // every command (`koers --help` included) that merely registers it.
        const [{ route }, { renderText }, { loadCommands }, { assertCurrentSchema }, { findPersonByEmail }] =
          await Promise.all([
            import('../engine/router.ts'),
            import('../render/text.ts'),
            import('../engine/registry.ts'),
            import('../store/migrations.ts'),
            import('../store/people.ts'),
          ]);
        const commands = await loadCommands();
        const reply = await withStore(cfg, false, async (store) => {
          await assertCurrentSchema(store);
          const actor = await findPersonByEmail(store, flags.as);
          if (!actor) throw new UserError('ask.unknownPerson', { email: flags.as });
          return route(commands, {
            store,
            actor,
            // One argument with spaces and several arguments are the same command line.
            text: words.join(' '),
            channel: 'cli',
            ...(flags.locale ? { locale: flags.locale } : {}),
            ...(flags.now
              ? { now: DateTime.fromISO(flags.now, { zone: cfg.timeZone, setZone: true }).toJSDate() }
              : {}),
          });
        });
        io.out(flags.json ? JSON.stringify(reply, null, 2) : renderText(reply));
        // Scripts can tell a refusal, a mistake or a failure from an answer (`--json` says which).
        if (reply.outcome !== 'ok') exit.code = 1;
      },
    );
}
