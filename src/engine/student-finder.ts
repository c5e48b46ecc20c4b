/**
 * Finding the student a command is about, among the students the asker may see
 * (src/store/scope.ts). Nothing outside that scope is ever searched, so "no access" and "no such
 * student" are one answer. Several matches give a list to choose from, never a guess; and a
 * command that changes data acts only on the student named exactly (full name, address, mention
 * by id, a button's reference) or chosen from that list, never on a match found by typo tolerance.
 */
import { type Capability, changesData, may } from '../domain/access.ts';
import type { Actor } from '../domain/actor.ts';
import { isEmailAddress, isFullName, matchName } from '../domain/name-match.ts';
import { displayName } from '../domain/person-name.ts';
import type { Translator } from '../i18n/translate.ts';
import { runButton, studentIdOfReference, studentReference } from '../reply/buttons.ts';
import type { Button, ReplyInput } from '../reply/reply.ts';
import type { RefusalReason } from '../store/audit.ts';
import type { Store } from '../store/database.ts';
import { studentIdOfPlatformUser } from '../store/people.ts';
import { type ScopedStudent, studentsInScope } from '../store/scope.ts';
import type { PlatformContext } from './context.ts';
import { refusal } from './replies.ts';

export type StudentFound =
  | {
      ok: true;
      student: ScopedStudent;
      /** Found by typo tolerance: shown for reading, never acted on (see `findStudent`). */
      approximate?: boolean;
    }
  | {
      ok: false;
      /** `denied` says nothing about the student; `readOnly` is a student the asker may see. */
      why: 'denied' | 'readOnly' | 'choose' | 'which';
      reply: ReplyInput;
    };

/**
 * `query` undefined: the asker themselves (a student); `rerun` turns a student's reference
 * (`id:42`, src/reply/buttons.ts) into the command line a "choose this one" button runs.
 */
export type StudentFinder = (
  query: string | undefined,
  capability: Capability,
  rerun?: (reference: string) => string,
) => Promise<StudentFound>;

/** The student a goal or arrangement belongs to, by id, with the same refusal as a name. */
export type StudentByIdFinder = (
  studentId: number | undefined,
  capability: Capability,
) => Promise<StudentFound>;

/**
 * The button that repeats the request with one student chosen: `query` is the text that named
 * the student, to be replaced by the chosen student's reference (`id:42`: a button's payload
 * never holds an address or a name). Undefined when it cannot.
 */
export type Chooser = (reference: string, query: string) => Button | undefined;

const LIST_LIMIT = 10;

/** What a mention names: a platform user id, or nothing Koers can resolve to one person. */
function mentionedUser(query: string): { id: string | undefined } | undefined {
  const slack = query.match(/^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i);
  if (slack) return { id: slack[1] };
  // Teams adapters write the member's directory id into the mention; a bare display name is no id.
  const teams = query.match(/^<at(\s[^>]*)?>[\s\S]*<\/at>$/i);
  if (teams) return { id: teams[1]?.match(/\sid="([^"]+)"/)?.[1] };
  return undefined;
}

export function createStudentFinder(deps: {
  store: Store;
  actor: Actor;
  t: Translator;
  locale: 'nl' | 'en';
  platform: PlatformContext | null;
  auditRead: (studentId: number, detail?: Record<string, unknown>) => void;
  /** How this request is repeated with a chosen student (a command line, or a form to open). */
  chooser?: Chooser;
  /** A line shown above the answer: which student a forgiving match took. */
  notice?: (text: string) => void;
  /** Notes a refused lookup for the audit log (with the student only when the asker may see them). */
  auditRefusal?: (reason: RefusalReason, studentId?: number | null) => void;
}): { findStudent: StudentFinder; studentById: StudentByIdFinder } {
  const { store, actor, t, locale, platform, auditRead } = deps;
  // Read once per request, however many lookups it makes; concurrent lookups share the one read.
  let scope: Promise<ScopedStudent[]> | undefined;
  const inScope = () => {
    scope ??= studentsInScope(store, actor);
    return scope;
  };

  /**
   * One refusal for a student the asker may not see at all: no such student and not mine are the
   * same answer, or a teacher would learn that a name belongs to a student of the school.
   */
  // Every refusal is written to the audit log, so that probing for students leaves a trace.
  const denied = (): StudentFound => {
    deps.auditRefusal?.('denied');
    return { ok: false, why: 'denied', reply: refusal(t, locale, 'access.denied') };
  };
  /** A student the asker may see but not do this with: saying so reveals nothing they lack. */
  const notThis = (student: ScopedStudent, capability: Capability): StudentFound => {
    if (!changesData(capability)) return denied();
    deps.auditRefusal?.('readOnly', student.id);
    return { ok: false, why: 'readOnly', reply: refusal(t, locale, 'access.readOnly') };
  };
  const decide = (student: ScopedStudent | undefined, capability: Capability): StudentFound => {
    if (!student) return denied();
    if (may(student.relationships, capability)) return { ok: true, student };
    return may(student.relationships, 'seePathway') ? notThis(student, capability) : denied();
  };

  const studentById: StudentByIdFinder = async (studentId, capability) => {
    return decide(
      (await inScope()).find((s) => s.id === studentId),
      capability,
    );
  };

  /** Several students, or one found by typo tolerance for a change: the asker chooses. */
  const choice = (
    matches: ScopedStudent[],
    query: string,
    approximate: boolean,
    choose: Chooser | undefined,
    choosable: (student: ScopedStudent) => boolean,
    forChange = false,
  ): StudentFound => {
    // A list shows names, groups and email addresses: that is a read of each listed student.
    const shown = matches.slice(0, LIST_LIMIT);
    for (const student of shown) auditRead(student.id, { view: 'lookup' });
    const items = shown.map((student) => {
      const button = choosable(student) ? choose?.(studentReference(student.id), query) : undefined;
      return {
        text: displayName(student),
        detail: [student.groupName, student.email].filter(Boolean).join(' · '),
        ...(button ? { button } : {}),
      };
    });
    // A choice that could not become a button (too long to carry) is typed again instead.
    const everyButton = shown.every((student, i) => !choosable(student) || items[i]?.button !== undefined);
    return {
      ok: false,
      why: 'choose',
      reply: {
        // Not an answer yet: the asker must say which one (a button, or the name typed again).
        outcome: 'usage',
        locale,
        blocks: [
          {
            type: 'text',
            text: t(approximate ? 'lookup.didYouMean' : 'lookup.several', { count: matches.length, query }),
          },
          { type: 'list', items },
          ...(matches.length > LIST_LIMIT
            ? [
                {
                  type: 'text' as const,
                  tone: 'muted' as const,
                  text: t('lookup.more', { count: matches.length - LIST_LIMIT }),
                },
              ]
            : []),
          ...(approximate && everyButton
            ? []
            : [
                {
                  type: 'text' as const,
                  tone: 'muted' as const,
                  text: t(
                    approximate
                      ? 'lookup.retypeWithEmail'
                      : forChange
                        ? 'lookup.changeExactly'
                        : 'lookup.narrowDown',
                  ),
                },
              ]),
        ],
      },
    };
  };

  const findStudent: StudentFinder = async (query, capability, rerun) => {
    if (query === undefined) {
      if (actor.kind === 'student') return decide((await inScope())[0], capability);
      return { ok: false, why: 'which', reply: refusal(t, locale, 'lookup.whichStudent') };
    }
    // A button's reference, a mention and an address each name one person exactly; nothing near
    // them is ever taken, and each is looked up only among the students the asker may see.
    const referenced = studentIdOfReference(query);
    if (referenced !== undefined)
      return decide(
        (await inScope()).find((s) => s.id === referenced),
        capability,
      );
    const mention = mentionedUser(query);
    if (mention) {
      const id =
        mention.id && platform
          ? await studentIdOfPlatformUser(store, platform.platform, platform.workspaceId, mention.id)
          : undefined;
      return decide(id === undefined ? undefined : (await inScope()).find((s) => s.id === id), capability);
    }
    if (isEmailAddress(query)) {
      const students = await inScope();
      const [id] = matchName(query, students).ids;
      return decide(
        students.find((s) => s.id === id),
        capability,
      );
    }
    const choose: Chooser | undefined = rerun
      ? (reference) => runButton(t('lookup.choose'), rerun(reference))
      : deps.chooser;
    return changesData(capability)
      ? findToChange(query, capability, choose)
      : findToRead(query, capability, choose);
  };

  /** Reading is forgiving: one match is shown, a typo with a line saying whom it took. */
  const findToRead = async (
    query: string,
    capability: Capability,
    choose: Chooser | undefined,
  ): Promise<StudentFound> => {
    // Only students this person may do this with are candidates: a list never shows others.
    const candidates = (await inScope()).filter((s) => may(s.relationships, capability));
    const { ids, tier } = matchName(query, candidates);
    const matches = ids.map((id) => candidates.find((s) => s.id === id)).filter((s) => s !== undefined);
    const [only] = matches;
    if (!only) return denied();
    const approximate = tier === 'typo';
    if (matches.length > 1) return choice(matches, query, approximate, choose, () => true);
    if (approximate) deps.notice?.(t('lookup.approximate', { query, name: displayName(only) }));
    return { ok: true, student: only, ...(approximate ? { approximate } : {}) };
  };

  /**
   * Changing is exact: only a full name that no other student the asker can see shares (or an
   * address or mention, above). A first name, a prefix, a typo or a namesake gives the list, and
   * a button only beside the students the asker may change: Kian de Jong of one's own group is
   * not taken while the other Kian de Jong, of a group one teaches, is also in sight.
   */
  const findToChange = async (
    query: string,
    capability: Capability,
    choose: Chooser | undefined,
  ): Promise<StudentFound> => {
    const visible = (await inScope()).filter((s) => may(s.relationships, 'seePathway'));
    const { ids, tier } = matchName(query, visible);
    const matches = ids.map((id) => visible.find((s) => s.id === id)).filter((s) => s !== undefined);
    const [only] = matches;
    if (!only) return denied();
    if (matches.length === 1 && tier === 'exact' && isFullName(query, only)) return decide(only, capability);
    const changeable = (student: ScopedStudent) => may(student.relationships, capability);
    if (!matches.some(changeable)) return notThis(only, capability);
    return choice(matches, query, tier === 'typo', choose, changeable, true);
  };

  return { findStudent, studentById };
}
