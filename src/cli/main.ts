/**
 * The `koers` command line. Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage.
 *
 * Commander parses; every word a user reads comes from the locale files. Each action opens the
 * store itself, so `--help` and usage errors never touch the database.
 */
import { Command, CommanderError, Option } from 'commander';
import { type Config, ConfigError, loadConfig, messageLocale } from '../config.ts';
import type { Locale } from '../domain/enums.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import { errorId, log, loggableError } from '../log.ts';
import { registerAskCommand } from './ask-command.ts';
import { registerAuditCommand } from './audit-command.ts';
import { registerBackupCommand } from './backup-command.ts';
import { registerDbCommands } from './db-commands.ts';
import { registerImportCommand } from './import-command.ts';
import { registerJobCommands } from './job-commands.ts';
import { registerLinkCommand } from './link-command.ts';
import { registerOutboxCommand } from './outbox-command.ts';
import { registerSlackCommands } from './slack-commands.ts';
import { registerStartCommand } from './start-command.ts';
import { registerStudentDataCommands } from './student-data-commands.ts';
import { registerTeamsCommands } from './teams-commands.ts';

export type Io = { out: (line: string) => void; err: (line: string) => void };

export type CliContext = {
  locale: Locale;
  t: Translator;
  io: Io;
  /** The configuration with `--db` applied; throws ConfigError on bad environment. */
  config: (command: Command) => Config;
  /** Set to 1 by a command that finished but whose answer was a refusal or a mistake. */
  exit: { code: number };
};

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function buildProgram(context: CliContext): Command {
  const { t, io } = context;
  const program = new Command('koers')
    .description(t('cli.description'))
    .addOption(new Option(`--db <${t('cli.value.file')}>`, t('cli.option.db')))
    .helpOption('-h, --help', t('cli.option.help'))
    .helpCommand(false)
    .exitOverride()
    .showHelpAfterError(false)
    .showSuggestionAfterError(true)
    .configureHelp({
      styleTitle: (title) => t(`cli.help.${title.replace(/\W/g, '')}`),
      // Commander writes "[options] [command]" itself; those two words are said in the user's language.
      commandUsage: (command) => {
        const names = [];
        for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
        const usage = command
          .usage()
          .replace('[options]', `[${t('cli.help.optionsWord')}]`)
          .replace('[command]', `[${t('cli.help.commandWord')}]`);
        return `${names.join(' ')} ${usage}`;
      },
    })
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
      // Commander's own messages are English; `usageError` says the same in the user's language.
      outputError: () => {},
    });
  registerStartCommand(program, context);
  registerDbCommands(program, context);
  registerJobCommands(program, context);
  registerOutboxCommand(program, context);
  registerImportCommand(program, context);
  registerAskCommand(program, context);
  registerAuditCommand(program, context);
  registerLinkCommand(program, context);
  registerStudentDataCommands(program, context);
  registerBackupCommand(program, context);
  registerSlackCommands(program, context);
  registerTeamsCommands(program, context);
  return program;
}

/** Runs `koers <args>` and returns the exit code. */
export async function main(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  io: Io = defaultIo,
): Promise<number> {
  const locale = messageLocale(env);
  const t = translator(locale);
  const context: CliContext = {
    locale,
    t,
    io,
    config: (command) => loadConfig(env, { databasePath: command.optsWithGlobals<{ db?: string }>().db }),
    exit: { code: 0 },
  };
  const program = buildProgram(context);
  try {
    if (args.length === 0) {
      io.err(program.helpInformation().trimEnd());
      return 2;
    }
    await program.parseAsync(args, { from: 'user' });
    return context.exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      io.err(usageError(t, error));
      io.err(t('cli.usageHint', { command: commandPath(program, args) }));
      return 2;
    }
    if (error instanceof ConfigError) {
      for (const problem of error.problems) io.err(problem);
      return 1;
    }
    if (error instanceof UserError) {
      io.err(t(error.key, error.params));
      return 1;
    }
    const id = errorId();
    log.error('cli.failed', {
      id,
      error: loggableError(error),
    });
    io.err(t('error.unexpected', { id }));
    return 1;
  }
}

const quoted = (message: string) => message.match(/'([^']*)'/)?.[1] ?? '';

/** Commander's failure, in the user's language. */
function usageError(t: Translator, error: CommanderError): string {
  const suggestion = error.message.match(/Did you mean (.+)\?/)?.[1];
  const hint = suggestion ? ` ${t('cli.error.didYouMean', { suggestion })}` : '';
  switch (error.code) {
    case 'commander.unknownCommand':
      return t('cli.error.unknownCommand', { word: quoted(error.message) }) + hint;
    case 'commander.unknownOption':
      return t('cli.error.unknownOption', { word: quoted(error.message) }) + hint;
    case 'commander.missingArgument':
      return t('cli.error.missingArgument', { word: quoted(error.message) });
    case 'commander.missingMandatoryOptionValue':
      return t('cli.error.missingOption', { word: quoted(error.message).split(' ')[0] ?? '' });
    case 'commander.optionMissingArgument':
      return t('cli.error.optionMissingArgument', { word: quoted(error.message) });
    case 'commander.excessArguments':
      return t('cli.error.excessArguments');
    case 'commander.invalidArgument':
      // Our own parsers throw localized reasons; commander appends them after "is invalid…. ".
      return (
        error.message.match(/is invalid(?: for argument '[^']*')?\. (.+)$/s)?.[1] ?? t('cli.error.invalid')
      );
    default:
      return t('cli.error.invalid');
  }
}

/** `koers db seed` for the words of `args` that name commands, to point at the right `--help`. */
function commandPath(root: Command, args: string[]): string {
  const names = ['koers'];
  let current: Command | undefined = root;
  for (const word of args) {
    const next: Command | undefined = current?.commands.find(
      (c) => c.name() === word || c.aliases().includes(word),
    );
    if (!next) break;
    names.push(next.name());
    current = next;
  }
  return names.join(' ');
}
