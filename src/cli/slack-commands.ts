/** `koers slack manifest`: the app manifest for api.slack.com/apps, printed as JSON. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Translator } from '../i18n/translate.ts';
import type { CliContext } from './main.ts';

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Slack only calls https endpoints; plain http is let through for a local tunnel or test server.
 * The path is kept (Koers may live under a prefix behind a proxy), trailing slashes are not, so
 * that `<base>/slack/events` never doubles a slash.
 */
function parseBaseUrl(t: Translator, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(t('cli.slack.manifest.badUrl', { value }));
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && localHosts.has(url.hostname));
  if (!secure || url.username || url.password || url.search || url.hash)
    throw new InvalidArgumentError(t('cli.slack.manifest.badUrl', { value }));
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function registerSlackCommands(program: Command, { t, io, exit }: CliContext): void {
  const group = program.command('slack').description(t('cli.slack.description')).helpCommand(false);

  group
    .command('manifest')
    .description(t('cli.slack.manifest.description'))
    .addOption(
      new Option('--url <url>', t('cli.slack.manifest.url')).argParser((value) => parseBaseUrl(t, value)),
    )
    .addOption(new Option('--socket-mode', t('cli.slack.manifest.socketMode')))
    .action(async (flags: { url?: string; socketMode?: boolean }) => {
      const socketMode = flags.socketMode === true;
      if (!socketMode && !flags.url) {
        // Commander has no "one of these two" rule; this is the same kind of mistake as a missing
        // option, so it gets the same answer: a line saying what to pass, the help pointer, exit 2.
        io.err(t('cli.slack.manifest.needsUrl'));
        io.err(t('cli.usageHint', { command: 'koers slack manifest' }));
        exit.code = 2;
        return;
      }
      // why: loaded on use, so only `koers slack manifest` pays for the manifest's schema and the
      // command registry, not `koers --help`.
      const [{ slackManifest }, { loadCommands }] = await Promise.all([
        import('../platforms/slack/manifest.ts'),
        import('../engine/registry.ts'),
      ]);
      const manifest = slackManifest({
        baseUrl: flags.url ?? null,
        socketMode,
        commands: await loadCommands(),
        t,
      });
      io.out(JSON.stringify(manifest, null, 2));
    });
}
