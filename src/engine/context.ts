/**
 * What a command handler gets: who asks, in which language, through which channel, at what
 * moment, and the few services every command needs. Built once per request by the router.
 */
import type { Actor } from '../domain/actor.ts';
import type { Channel, Locale, Platform } from '../domain/enums.ts';
import type { Formatter } from '../i18n/format.ts';
import type { Translator } from '../i18n/translate.ts';
import type { AuditEntry } from '../store/audit.ts';
import type { Store } from '../store/database.ts';
import type { Command } from './command.ts';
import type { StudentByIdFinder, StudentFinder } from './student-finder.ts';

export type PlatformContext = {
  platform: Platform;
  workspaceId: string;
  /**
   * Where the command was typed: a channel or chat id, and whether others read it (a channel, a
   * group chat) or only the asker (a direct message). Unknown for a form or a button press.
   */
  conversation?: { id: string; shared: boolean };
};

export type AuditNote = Pick<AuditEntry, 'studentId' | 'action' | 'detail'>;

export type CommandContext = {
  store: Store;
  actor: Actor;
  locale: Locale;
  t: Translator;
  format: Formatter;
  now: Date;
  /** Today's date (ISO) in the school's time zone. */
  today: string;
  timeZone: string;
  channel: Channel;
  platform: PlatformContext | null;
  /** Every command, for `help`. */
  commands: readonly Command[];
  findStudent: StudentFinder;
  studentById: StudentByIdFinder;
  /** Notes a read of a student's data; written to the audit log when the reply is ready. */
  auditRead: (studentId: number, detail?: Record<string, unknown>) => void;
  /**
   * Runs a change and its audit entries in one transaction: both are written or neither.
   * The entries are computed from the change's result (e.g. the new goal's id).
   */
  change: <T>(work: () => Promise<T>, audit: (result: T) => AuditNote[]) => Promise<T>;
};
