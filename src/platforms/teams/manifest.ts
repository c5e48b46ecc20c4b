/**
 * The Microsoft Teams app manifest (schema 1.17) and the zip around it that an administrator
 * uploads in the Teams admin center, so that a school gets exactly the bot, scopes and command
 * list this version of Koers expects.
 *
 * Field names and limits follow Microsoft's 1.17 schema; the zod schema below checks the limits
 * this manifest can run into, so a summary that grows too long fails here instead of in the
 * admin center. The tests check the result against the official schema itself.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { z } from 'zod';
import type { Command } from '../../engine/command.ts';
import type { Translator } from '../../i18n/translate.ts';
import { projectRoot } from '../../paths.ts';
import { colorIcon, outlineIcon } from './icons.ts';

export const teamsManifestVersion = '1.17';

/** Teams accepts at most 10 commands per command list. */
export const commandsPerList = 10;

/** Shown in the developer links until Koers has a public address; valid, but clearly a stand-in. */
const placeholderUrl = 'https://koers.example.nl';

const httpsUrl = z.url({ protocol: /^https$/ }).max(2048);
const scope = z.enum(['personal', 'team', 'groupChat']);

const manifestSchema = z.strictObject({
  $schema: z.literal(
    `https://developer.microsoft.com/json-schemas/teams/v${teamsManifestVersion}/MicrosoftTeams.schema.json`,
  ),
  manifestVersion: z.literal(teamsManifestVersion),
  version: z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/),
  id: z.guid(),
  developer: z.strictObject({
    name: z.string().min(1).max(32),
    websiteUrl: httpsUrl,
    privacyUrl: httpsUrl,
    termsOfUseUrl: httpsUrl,
  }),
  name: z.strictObject({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }),
  description: z.strictObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.strictObject({ color: z.literal('color.png'), outline: z.literal('outline.png') }),
  accentColor: z.string().regex(/^#[0-9A-F]{6}$/),
  bots: z
    .array(
      z.strictObject({
        botId: z.guid(),
        scopes: z.array(scope).min(1).max(3),
        supportsFiles: z.boolean(),
        isNotificationOnly: z.boolean(),
        commandLists: z
          .array(
            z.strictObject({
              scopes: z.array(scope).min(1).max(3),
              commands: z
                .array(z.strictObject({ title: z.string().min(1).max(32), description: z.string().max(128) }))
                .min(1)
                .max(commandsPerList),
            }),
          )
          .max(3),
      }),
    )
    .length(1),
  permissions: z.array(z.enum(['identity', 'messageTeamMembers'])).max(2),
  validDomains: z.array(z.string().min(1).max(2048)).max(16),
});

export type TeamsManifest = z.output<typeof manifestSchema>;

/**
 * Teams' version field must be plain x.y.z; a pre-release suffix in package.json would make
 * the upload fail, so it is left off.
 */
function appVersion(): string {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return version.replace(/[-+].*$/, '');
}

/**
 * `help` first, because it is where someone who does not know the words should start; Teams
 * shows at most ten, and a command that does not fit is still in `help`'s answer.
 */
function commandList(commands: readonly Command[], t: Translator) {
  return [...commands]
    .sort((a, b) => Number(b.name === 'help') - Number(a.name === 'help'))
    .slice(0, commandsPerList)
    .map((c) => ({ title: c.name, description: t(`commands.${c.name}.summary`) }));
}

export function teamsManifest(options: {
  /** The bot's Microsoft app id (a GUID), which is also the Teams app id. */
  appId: string;
  /** Koers's public https address, without a trailing slash; null when not known yet. */
  baseUrl: string | null;
  commands: readonly Command[];
  /** Dutch: the manifest speaks the school's language, whatever language the CLI speaks. */
  t: Translator;
}): TeamsManifest {
  const { appId, baseUrl, commands, t } = options;
  const site = baseUrl ?? placeholderUrl;
  const list = commandList(commands, t);
  return manifestSchema.parse({
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${teamsManifestVersion}/MicrosoftTeams.schema.json`,
    manifestVersion: teamsManifestVersion,
    version: appVersion(),
    id: appId,
    developer: {
      name: 'Koers',
      websiteUrl: site,
      privacyUrl: `${site}/privacy`,
      termsOfUseUrl: `${site}/voorwaarden`,
    },
    name: { short: 'Koers', full: t('teamsManifest.fullName') },
    description: { short: t('teamsManifest.shortDescription'), full: t('teamsManifest.fullDescription') },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#1F4E5F',
    bots: [
      {
        botId: appId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        // In a chat with the bot alone the words are typed bare; in a team or group chat they
        // follow an @mention. Same words, but Teams wants a list per kind of place.
        commandLists: [
          { scopes: ['personal'], commands: list },
          { scopes: ['team', 'groupChat'], commands: list },
        ],
      },
    ],
    // identity: who is asking, to link a Teams account to a Koers person; messageTeamMembers:
    // the weekly prompts and reminders Koers sends on its own.
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: baseUrl ? [new URL(baseUrl).hostname] : [],
  });
}

/** Writes manifest.json, color.png and outline.png at the root of a zip, where Teams looks. */
export async function writeTeamsPackage(manifest: TeamsManifest, path: string): Promise<void> {
  const zip = new yazl.ZipFile();
  // A fixed date, so that the same manifest gives the same bytes and a rebuild shows no change.
  const mtime = new Date(Date.UTC(2020, 0, 1));
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime });
  zip.addBuffer(colorIcon(), 'color.png', { mtime });
  zip.addBuffer(outlineIcon(), 'outline.png', { mtime });
  zip.end();
  const file = createWriteStream(path);
  zip.outputStream.pipe(file);
  await finished(file);
}
