/** `koers teams package`: the app package (zip) an administrator uploads in the Teams admin center. */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type Translator, translator } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import type { CliContext } from './main.ts';

function parseAppId(t: Translator, isGuid: (value: string) => boolean, value: string): string {
  if (!isGuid(value)) throw new InvalidArgumentError(t('cli.teams.package.badAppId', { value }));
  return value.toLowerCase();
}

/**
 * Teams only loads https, and the host goes into `validDomains`, where a local address means
 * nothing; so unlike Slack's `--url` there is no exception for localhost. The path is kept (Koers
 * may live under a prefix behind a proxy), trailing slashes are not.
 */
function parseBaseUrl(t: Translator, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(t('cli.teams.package.badUrl', { value }));
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash)
    throw new InvalidArgumentError(t('cli.teams.package.badUrl', { value }));
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function registerTeamsCommands(program: Command, { t, io, exit, config }: CliContext): void {
  const group = program.command('teams').description(t('cli.teams.description')).helpCommand(false);
  // why: zod is loaded when a `koers teams …` command runs, not by `koers --help`; option parsers
  // are synchronous, so the hook loads it before `package` reads its options.
  let isGuid: ((value: string) => boolean) | undefined;
  group.hook('preSubcommand', async () => {
    const { z } = await import('zod');
    const guid = z.guid();
    isGuid = (value) => guid.safeParse(value).success;
  });

  group
    .command('package')
    .description(t('cli.teams.package.description'))
    .addOption(
      new Option('--app-id <guid>', t('cli.teams.package.appId')).argParser((value) => {
        if (!isGuid) throw new Error('koers teams: zod is loaded before the options are read');
        return parseAppId(t, isGuid, value);
      }),
    )
    .addOption(
      new Option('--url <url>', t('cli.teams.package.url')).argParser((value) => parseBaseUrl(t, value)),
    )
    .addOption(new Option(`--out <${t('cli.value.file')}>`, t('cli.teams.package.out')))
    .action(async (flags: { appId?: string; url?: string; out?: string }, command: Command) => {
      // The configuration is read only when it is needed: `--app-id` alone must work on a laptop
      // that has no Koers environment. Reading it parses variables and opens no database.
      const appId = flags.appId ?? config(command).teams?.appId;
      if (!appId) {
        io.err(t('cli.teams.package.needsAppId'));
        io.err(t('cli.usageHint', { command: 'koers teams package' }));
        exit.code = 2;
        return;
      }
      // The manifest module brings its zip writer and icons; only `koers teams package` needs them.
      const [{ teamsManifest, writeTeamsPackage }, { loadCommands }] = await Promise.all([
        import('../platforms/teams/manifest.ts'),
        import('../engine/registry.ts'),
      ]);
      const manifest = teamsManifest({
        appId,
        baseUrl: flags.url ?? null,
        commands: await loadCommands(),
        t: translator('nl'),
      });
      const path = resolve(flags.out ?? 'koers-teams.zip');
      try {
        await writeTeamsPackage(manifest, path);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UserError('cli.teams.package.cannotWrite', { path, reason }, { cause: error });
      }
      io.out(t('cli.teams.package.written', { path }));
    });
}
