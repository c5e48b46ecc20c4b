/**
 * Linking a platform account to a Koers person: by the account's email on first contact, or by an
 * administrator with `koers link`; and what an account whose email changed since does to its
 * link (docs/linking.md). Every change to a link is written to the audit log together with it.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { platformIdentities } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import type { Channel, Platform } from '../domain/enums.ts';
import { log, loggableMessage } from '../log.ts';
import { type AuditEntry, recordAudit } from './audit.ts';
import { findPersonByEmail } from './people.ts';
import type { Store } from './store.ts';
import { inTransaction } from './transaction.ts';

export type PlatformIdentity = typeof platformIdentities.$inferSelect;
export type PlatformAccount = { platform: Platform; workspaceId: string; userId: string };

/** An address as links keep and compare it. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

const ofAccount = (table: typeof platformIdentities, account: PlatformAccount) =>
  and(
    eq(table.platform, account.platform),
    eq(table.workspaceId, account.workspaceId),
    eq(table.userId, account.userId),
  );

const personColumns = (person: Actor) => ({
  personKind: person.kind,
  staffId: person.kind === 'staff' ? person.staffId : null,
  studentId: person.kind === 'student' ? person.studentId : null,
});

type LinkedPerson = Pick<PlatformIdentity, 'personKind' | 'staffId' | 'studentId'>;

/** Whether a link points at this person. */
const linksTo = (link: LinkedPerson, person: LinkedPerson) =>
  link.personKind === person.personKind &&
  link.staffId === person.staffId &&
  link.studentId === person.studentId;

/** The link of a platform account, with how it was made, if it has one. */
export async function platformIdentity(
  store: Store,
  account: PlatformAccount,
): Promise<PlatformIdentity | undefined> {
  const { platformIdentities } = store.t;
  const [found] = await store.db
    .select()
    .from(platformIdentities)
    .where(ofAccount(platformIdentities, account));
  return found;
}

/** First contact: the account is linked to the person its email names, and that email kept. */
export async function linkPlatformUser(
  store: Store,
  link: PlatformAccount & { person: Actor; at: string; email?: string },
): Promise<void> {
  const { platformIdentities } = store.t;
  await store.db
    .insert(platformIdentities)
    .values({
      platform: link.platform,
      workspaceId: link.workspaceId,
      userId: link.userId,
      ...personColumns(link.person),
      platformEmail: link.email === undefined ? null : normalEmail(link.email),
      linkedByAdmin: false,
      linkedAt: link.at,
    })
    // Two first requests at once both try; the second finds the link made.
    .onConflictDoNothing();
}

/** The Slack workspaces Koers has linked accounts in: `koers link --slack` takes the only one. */
export async function linkedWorkspaces(store: Store, platform: Platform): Promise<string[]> {
  const { platformIdentities } = store.t;
  const rows = await store.db
    .selectDistinct({ workspaceId: platformIdentities.workspaceId })
    .from(platformIdentities)
    .where(eq(platformIdentities.platform, platform))
    .orderBy(platformIdentities.workspaceId);
  return rows.map((row) => row.workspaceId);
}

/** Who a link's audit entry is about: the student it concerns, if any, and the person by id. */
function about(person: LinkedPerson) {
  return {
    studentId: person.studentId,
    person: person.personKind === 'staff' ? { staffId: person.staffId } : { studentId: person.studentId },
  };
}

function entry(
  action: AuditEntry['action'],
  subject: string,
  channel: Channel,
  at: string,
  person: LinkedPerson,
  detail: Record<string, unknown>,
): AuditEntry {
  const { studentId, person: who } = about(person);
  return { at, action, subject, channel, studentId, detail: { ...detail, ...who } };
}

export type AdminLink = {
  /** What the account was linked to before, if anything. */
  previous: PlatformIdentity | undefined;
  /** Nothing changed: the account was already linked to this person by an administrator. */
  unchanged: boolean;
};

/**
 * `koers link`: the account is linked to `person` by an administrator, replacing whatever link it
 * had, with the audit entries in the same transaction. The account's email is not known until
 * its first use (`platform_email` NULL).
 */
export async function linkByAdmin(
  store: Store,
  link: PlatformAccount & { person: Actor; at: string; osUser: string },
): Promise<AdminLink> {
  const { platformIdentities } = store.t;
  return inTransaction(store, async () => {
    const previous = await platformIdentity(store, link);
    const columns = personColumns(link.person);
    const samePerson = previous !== undefined && linksTo(previous, columns);
    if (samePerson && previous.linkedByAdmin) return { previous, unchanged: true };
    const detail = {
      platform: link.platform,
      workspace: link.workspaceId,
      user: link.userId,
      osUser: link.osUser,
    };
    const entries: AuditEntry[] = [];
    if (previous && !samePerson)
      entries.push(entry('delete', 'koers link', 'cli', link.at, previous, { ...detail, replaced: true }));
    entries.push(
      entry(samePerson ? 'update' : 'create', 'koers link', 'cli', link.at, columns, {
        ...detail,
        linkedByAdmin: true,
      }),
    );
    if (previous)
      await store.db
        .update(platformIdentities)
        .set({
          ...columns,
          // The address it had belonged to the link by email; this link is the administrator's word.
          platformEmail: samePerson ? previous.platformEmail : null,
          linkedByAdmin: true,
          linkedAt: link.at,
        })
        .where(eq(platformIdentities.id, previous.id));
    else
      await store.db.insert(platformIdentities).values({
        platform: link.platform,
        workspaceId: link.workspaceId,
        userId: link.userId,
        ...columns,
        platformEmail: null,
        linkedByAdmin: true,
        linkedAt: link.at,
      });
    await recordAudit(store, null, entries);
    return { previous, unchanged: false };
  });
}

/** What a platform says of an account now, when it is used. */
export type ReportedAccount = {
  /** The addresses the platform gives for the account, the preferred first (Teams: mail, then UPN). */
  addresses: readonly string[];
  /**
   * Whether the platform vouches for them (a live account of this workspace, a confirmed address,
   * not a guest): only then may an address link the account to a person.
   */
  trusted: boolean;
};

export type Recheck =
  /** Nothing to do: the same address, or the platform gives none. */
  | { kind: 'unchanged' }
  /** The address is kept from now on: it was not known, or it names the same person. */
  | { kind: 'noted' }
  /** An administrator's link whose account's address changed: it stays, and the change is audited. */
  | { kind: 'kept' }
  /** A link by email, to the person the new address names. */
  | { kind: 'relinked'; person: Actor }
  /** A link by email whose new address names nobody Koers may link: removed. */
  | { kind: 'unlinked' };

/**
 * An account in use whose platform reports another address than the link kept (docs/linking.md):
 * a link made by email is decided again by the new address (another person: linked to them;
 * nobody: unlinked), an administrator's link stays and the change is audited. A link whose address
 * was not known yet (an administrator's, or one from before Koers kept addresses) keeps the one
 * reported now. One transaction: the link and its audit entries, or nothing.
 */
export async function recheckPlatformEmail(
  store: Store,
  account: PlatformAccount & { reported: ReportedAccount; at: string; channel: Channel },
): Promise<Recheck> {
  const { platformIdentities } = store.t;
  const addresses = account.reported.addresses.map(normalEmail).filter((address) => address !== '');
  const [shown] = addresses;
  if (shown === undefined) return { kind: 'unchanged' };
  return inTransaction(store, async (): Promise<Recheck> => {
    const link = await platformIdentity(store, account);
    if (!link) return { kind: 'unchanged' };
    if (link.platformEmail !== null && addresses.includes(link.platformEmail)) return { kind: 'unchanged' };
    const keep = async (email: string) => {
      await store.db
        .update(platformIdentities)
        .set({ platformEmail: email })
        .where(eq(platformIdentities.id, link.id));
    };
    if (link.platformEmail === null) {
      await keep(shown);
      return { kind: 'noted' };
    }
    const detail = {
      platform: account.platform,
      workspace: account.workspaceId,
      user: account.userId,
      from: link.platformEmail,
      to: shown,
    };
    if (link.linkedByAdmin) {
      await keep(shown);
      await recordAudit(store, null, [
        entry('update', 'link', account.channel, account.at, link, {
          ...detail,
          linkedByAdmin: true,
          kept: true,
        }),
      ]);
      return { kind: 'kept' };
    }
    // A link by email: the new address decides, as on first contact (the first, in the platform's
    // order of preference, that names a person).
    let named: { address: string; person: Actor } | undefined;
    if (account.reported.trusted)
      for (const address of addresses) {
        const person = await findPersonByEmail(store, address);
        if (person) {
          named = { address, person };
          break;
        }
      }
    // The link already points at the person the address names (who has not left, or the address
    // would name nobody): only the address is new.
    if (named?.person && linksTo(link, personColumns(named.person))) {
      await keep(named.address);
      return { kind: 'noted' };
    }
    if (!named?.person) {
      await store.db.delete(platformIdentities).where(eq(platformIdentities.id, link.id));
      await recordAudit(store, null, [entry('delete', 'link', account.channel, account.at, link, detail)]);
      return { kind: 'unlinked' };
    }
    const person = named.person;
    const columns = personColumns(person);
    await store.db
      .update(platformIdentities)
      .set({ ...columns, platformEmail: named.address, linkedAt: account.at })
      .where(eq(platformIdentities.id, link.id));
    await recordAudit(store, null, [
      entry('delete', 'link', account.channel, account.at, link, { ...detail, relinked: true }),
      entry('create', 'link', account.channel, account.at, columns, { ...detail, relinked: true }),
    ]);
    return { kind: 'relinked', person };
  });
}

/** How many accounts of a platform are linked to the person: `koers link` mentions others. */
export async function accountsOf(store: Store, platform: Platform, person: Actor): Promise<string[]> {
  const { platformIdentities } = store.t;
  const rows = await store.db
    .select({ userId: platformIdentities.userId })
    .from(platformIdentities)
    .where(
      and(
        eq(platformIdentities.platform, platform),
        person.kind === 'staff'
          ? eq(platformIdentities.staffId, person.staffId)
          : eq(platformIdentities.studentId, person.studentId),
      ),
    )
    .orderBy(sql`${platformIdentities.id}`);
  return rows.map((row) => row.userId);
}

/**
 * How often a linked account's email is checked again when it is used: on its first use in a
 * process, then at most once an hour (Slack limits `users.info`; Teams' directory is no faster).
 * A check that fails (rate limits, an outage) keeps the link and is tried again a minute later;
 * one that takes longer than a second lets the request go on with the link as it is, and applies
 * when it answers. Memory only: a process that starts checks again, which is what makes the rule
 * reach every account eventually. No SQL here; kept beside the rule it serves, for both platforms.
 */
export const RECHECK_EVERY_MS = 60 * 60_000;
const RECHECK_RETRY_MS = 60_000;
const RECHECK_WAIT_MS = 1_000;
/** Bounds the memory: far more than the linked accounts of one school. */
const MAX_SCHEDULED = 100_000;

export type RecheckFields = Record<string, string>;

export function recheckSchedule<A extends unknown[]>(check: (...args: A) => Promise<Recheck>) {
  /** Per account: the earliest moment (ms) of its next check. */
  const next = new Map<string, number>();
  const schedule = (key: string, after: number) => {
    next.delete(key);
    next.set(key, Date.now() + after);
    if (next.size <= MAX_SCHEDULED) return;
    // Map keeps insertion order: the oldest entries are the first due anyway.
    for (const old of next.keys()) {
      if (next.size <= MAX_SCHEDULED) break;
      next.delete(old);
    }
  };
  return {
    /** The account's email was just read (a first contact): the next check is an hour away. */
    done(key: string): void {
      schedule(key, RECHECK_EVERY_MS);
    },
    /** Checks the account if it is due; the outcome, or undefined when none is known yet. */
    async due(key: string, fields: RecheckFields, ...args: A): Promise<Recheck | undefined> {
      const when = next.get(key);
      if (when !== undefined && when > Date.now()) return undefined;
      schedule(key, RECHECK_EVERY_MS);
      const checking = check(...args).then(
        (outcome) => {
          if (outcome.kind !== 'unchanged' && outcome.kind !== 'noted')
            log.info(`link.${outcome.kind}`, fields);
          return outcome;
        },
        (error: unknown) => {
          schedule(key, RECHECK_RETRY_MS);
          log.warn('link.recheckFailed', { ...fields, error: loggableMessage(error) });
          return undefined;
        },
      );
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), RECHECK_WAIT_MS);
        timer.unref();
      });
      try {
        return await Promise.race([checking, waited]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
