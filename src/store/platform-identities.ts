/** Linking a platform account to a Koers person, once, on first contact. */
import { platformIdentities } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import type { Platform } from '../domain/enums.ts';
import type { Store } from './database.ts';

export function linkPlatformUser(
  store: Store,
  link: { platform: Platform; workspaceId: string; userId: string; person: Actor; at: string },
): void {
  const { person } = link;
  store
    .insert(platformIdentities)
    .values({
      platform: link.platform,
      workspaceId: link.workspaceId,
      userId: link.userId,
      personKind: person.kind,
      staffId: person.kind === 'staff' ? person.staffId : null,
      studentId: person.kind === 'student' ? person.studentId : null,
      linkedAt: link.at,
    })
    // Two first requests at once both try; the second finds the link made.
    .onConflictDoNothing()
    .run();
}
