/**
 * Finding the student a command is about, among the students the asker may see
 * (src/store/scope.ts). Nothing outside that scope is ever searched, so "no access" and "no such
 * student" are one answer. Several matches give a list to choose from, never a guess.
 */
import { type Capability, may } from '../domain/access.ts';
import type { Actor } from '../domain/actor.ts';
import { matchName } from '../domain/name-match.ts';
import { displayName } from '../domain/person-name.ts';
import type { Translator } from '../i18n/translate.ts';
import { runButton } from '../reply/buttons.ts';
import type { ReplyInput } from '../reply/reply.ts';
import type { Store } from '../store/database.ts';
import { studentIdOfPlatformUser } from '../store/people.ts';
import { type ScopedStudent, studentsInScope } from '../store/scope.ts';
import type { PlatformContext } from './context.ts';
import { refusal } from './replies.ts';

export type StudentFound = { ok: true; student: ScopedStudent } | { ok: false; reply: ReplyInput };

/**
 * `query` undefined: the asker themselves (a student); `rerun` turns a student's email into the
 * command line a "choose this one" button runs.
 */
export type StudentFinder = (
  query: string | undefined,
  capability: Capability,
  rerun?: (email: string) => string,
) => StudentFound;

/** The student a goal or arrangement belongs to, by id, with the same refusal as a name. */
export type StudentByIdFinder = (studentId: number | undefined, capability: Capability) => StudentFound;

const LIST_LIMIT = 10;

export function createStudentFinder(deps: {
  store: Store;
  actor: Actor;
  t: Translator;
  locale: 'nl' | 'en';
  platform: PlatformContext | null;
  auditRead: (studentId: number, detail?: Record<string, unknown>) => void;
}): { findStudent: StudentFinder; studentById: StudentByIdFinder } {
  const { store, actor, t, locale, platform, auditRead } = deps;
  let scope: ScopedStudent[] | undefined;
  const inScope = () => {
    scope ??= studentsInScope(store, actor);
    return scope;
  };

  /**
   * One refusal for everything: no such student, not mine, or mine but not for this. Saying
   * which would tell a teacher that a name they typed belongs to a student of the school.
   */
  const denied: StudentFound = { ok: false, reply: refusal(t, locale, 'access.denied') };
  const decide = (student: ScopedStudent | undefined, capability: Capability): StudentFound =>
    student && may(student.relationships, capability) ? { ok: true, student } : denied;

  const studentById: StudentByIdFinder = (studentId, capability) => {
    return decide(
      inScope().find((s) => s.id === studentId),
      capability,
    );
  };

  const findStudent: StudentFinder = (query, capability, rerun) => {
    if (query === undefined) {
      if (actor.kind === 'student') return decide(inScope()[0], capability);
      return { ok: false, reply: refusal(t, locale, 'lookup.whichStudent') };
    }
    const mention = query.match(/^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i);
    if (mention?.[1] && platform) {
      const id = studentIdOfPlatformUser(store, platform.platform, platform.workspaceId, mention[1]);
      return decide(
        inScope().find((s) => s.id === id),
        capability,
      );
    }
    const teamsMention = query.match(/^<at(?:\s[^>]*)?>(.*)<\/at>$/i)?.[1];
    // Only students this person may do this with are candidates: a list never shows others.
    const candidates = inScope().filter((s) => may(s.relationships, capability));
    const { ids } = matchName(teamsMention ?? query, candidates);
    const matches = ids.map((id) => candidates.find((s) => s.id === id)).filter((s) => s !== undefined);
    const [only] = matches;
    if (matches.length === 0 || !only) return denied;
    if (matches.length === 1) return decide(only, capability);
    // A list shows names, groups and email addresses: that is a read of each listed student.
    for (const student of matches.slice(0, LIST_LIMIT)) auditRead(student.id, { view: 'lookup' });
    return {
      ok: false,
      reply: {
        locale,
        blocks: [
          { type: 'text', text: t('lookup.several', { count: matches.length, query }) },
          {
            type: 'list',
            items: matches.slice(0, LIST_LIMIT).map((student) => ({
              text: displayName(student),
              detail: [student.groupName, student.email].filter(Boolean).join(' · '),
              ...(rerun
                ? {
                    button: runButton(t('lookup.choose'), rerun(student.email)),
                  }
                : {}),
            })),
          },
          ...(matches.length > LIST_LIMIT
            ? [
                {
                  type: 'text' as const,
                  tone: 'muted' as const,
                  text: t('lookup.more', { count: matches.length - LIST_LIMIT }),
                },
              ]
            : []),
          { type: 'text', tone: 'muted', text: t('lookup.narrowDown') },
        ],
      },
    };
  };
  return { findStudent, studentById };
}
