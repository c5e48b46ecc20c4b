/**
 * `koers link <email> --slack <user id> | --teams <object id>`: an administrator links a staff
 * member's Slack or Teams account by hand, for staff whose platform email differs from the
 * roster's. The link replaces whatever the account was linked to, is marked as the
 * administrator's (an address change later does not undo it), and is audited with the link in one
 * transaction. Students are not linked by hand (docs/linking.md).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Platform } from '../domain/enums.ts';
import type { Translator } from '../i18n/translate.ts';
import { UserError } from '../i18n/user-error.ts';
import type { CliContext } from './main.ts';
import { operatingSystemUser } from './terminal-user.ts';
import { withStore } from './with-store.ts';

type LinkFlags = { slack?: string; teams?: string; workspace?: string; tenant?: string };

/** Slack user ids: `U…`, or `W…` in an Enterprise Grid; team ids `T…` (`E…` for a grid's organisation). */
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const SLACK_TEAM = /^[TE][A-Z0-9]{2,}$/;
/** Microsoft Entra object and tenant ids are GUIDs; Teams sends them in lower case. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function matching(t: Translator, pattern: RegExp, reason: string, normal = (value: string) => value) {
  return (value: string) => {
    const text = value.trim();
    if (!pattern.test(text)) throw new InvalidArgumentError(t(reason, { value }));
    return normal(text);
  };
}

const lower = (value: string) => value.toLowerCase();

export function registerLinkCommand(program: Command, { t, io, exit, config }: CliContext): void {
  program
    .command('link')
    .description(t('cli.link.description'))
    .argument(`<${t('cli.link.value.email')}>`, t('cli.link.email'))
    .addOption(
      new Option(`--slack <${t('cli.link.value.userId')}>`, t('cli.link.slack')).argParser(
        matching(t, SLACK_USER, 'cli.link.badSlackUser'),
      ),
    )
    .addOption(
      new Option(`--teams <${t('cli.link.value.objectId')}>`, t('cli.link.teams')).argParser(
        matching(t, GUID, 'cli.link.badGuid', lower),
      ),
    )
    .addOption(
      new Option(`--workspace <${t('cli.link.value.teamId')}>`, t('cli.link.workspace')).argParser(
        matching(t, SLACK_TEAM, 'cli.link.badSlackTeam'),
      ),
    )
    .addOption(
      new Option(`--tenant <${t('cli.link.value.tenantId')}>`, t('cli.link.tenant')).argParser(
        matching(t, GUID, 'cli.link.badGuid', lower),
      ),
    )
    .action(async (email: string, flags: LinkFlags, command: Command) => {
      const usage = (key: string) => {
        io.err(t(key));
        io.err(t('cli.usageHint', { command: 'koers link' }));
        exit.code = 2;
      };
      if ((flags.slack === undefined) === (flags.teams === undefined)) return usage('cli.link.oneOf');
      if (
        (flags.slack !== undefined && flags.tenant !== undefined) ||
        (flags.teams !== undefined && flags.workspace !== undefined)
      )
        return usage('cli.link.wrongPlace');
      const cfg = config(command);
      const platform: Platform = flags.slack !== undefined ? 'slack' : 'teams';
      const userId = (flags.slack ?? flags.teams) as string;
      // why: the store's modules are loaded by `koers link` itself, not by `koers --help`.
      const [{ assertCurrentSchema }, { findPersonByEmail, findPersonByPlatformUser }, links] =
        await Promise.all([
          import('../store/migrations.ts'),
          import('../store/people.ts'),
          import('../store/platform-identities.ts'),
        ]);
      const lines = await withStore(cfg, false, async (store) => {
        await assertCurrentSchema(store);
        const person = await findPersonByEmail(store, email);
        if (!person) throw new UserError('link.unknownPerson', { email: email.trim() });
        // A student's account is linked by the address the school's platform gives, never by hand.
        if (person.kind === 'student') throw new UserError('link.isStudent', { email: person.email });
        const workspaceId =
          platform === 'slack'
            ? (flags.workspace ?? onlyWorkspace(await links.linkedWorkspaces(store, 'slack')))
            : (flags.tenant ?? cfg.teams?.tenantId ?? noTenant());
        const account = { platform, workspaceId, userId };
        const before = await findPersonByPlatformUser(store, platform, workspaceId, userId);
        const result = await links.linkByAdmin(store, {
          ...account,
          person,
          at: new Date().toISOString(),
          osUser: operatingSystemUser(),
        });
        const where = {
          name: person.name,
          email: person.email,
          platform: t(platform === 'slack' ? 'link.platform.slack' : 'link.platform.teams'),
          user: userId,
          workspace: workspaceId,
        };
        if (result.unchanged) return [t('link.already', where)];
        const replaced =
          result.previous && before && before.email !== person.email
            ? [t('link.replaced', { previous: `${before.name} (${before.email})` })]
            : [];
        const others = (await links.accountsOf(store, platform, person)).filter((id) => id !== userId);
        return [
          t('link.linked', where),
          ...replaced,
          ...(others.length > 0
            ? [t('link.otherAccounts', { ...where, count: others.length, accounts: others.join(', ') })]
            : []),
        ];
      });
      for (const line of lines) io.out(line);
    });
}

/** The one Slack workspace Koers knows, or why `--workspace` is needed. */
function onlyWorkspace(known: readonly string[]): string {
  const [only] = known;
  if (known.length === 1 && only !== undefined) return only;
  if (known.length === 0) throw new UserError('link.noWorkspace');
  throw new UserError('link.severalWorkspaces', { workspaces: known.join(', ') });
}

function noTenant(): never {
  throw new UserError('link.noTenant');
}
