/**
 * The reads and refusals one request notes (`auditRead`, a refused lookup), written while its
 * handler goes on instead of after it: a lookup notes the student it found, and the audit insert
 * then runs beside the reads of the answer (the pathway card's sections) rather than after them.
 * On PostgreSQL that is one round trip, and a commit, less on the way to every answer (issue 17).
 *
 * Notes made in one turn of the event loop go in one insert (a caseload listed in a loop is one
 * statement, not one per student). Notes made inside a change's transaction wait for the end of
 * the request: a write started there would belong to that transaction and be undone with it.
 * Every note is written, also when the handler fails after it: the records were read.
 */
import type { Actor } from '../domain/actor.ts';
import { type AuditEntry, recordAudit } from '../store/audit.ts';
import type { Store } from '../store/database.ts';
import type { AuditNote } from './context.ts';

export type AuditTrail = {
  note(note: AuditNote): void;
  /** Writes what is still waiting and resolves when every write has landed (or rejects with the first failure). */
  written(): Promise<void>;
};

export function auditTrail(store: Store, actor: Actor, toEntry: (note: AuditNote) => AuditEntry): AuditTrail {
  let waiting: AuditNote[] = [];
  let scheduled = false;
  const writes: Promise<void>[] = [];

  const flush = () => {
    scheduled = false;
    const notes = waiting;
    waiting = [];
    if (notes.length === 0) return;
    const write = recordAudit(store, actor, notes.map(toEntry));
    // Awaited in `written`; until then a failure must not count as an unhandled rejection.
    write.catch(() => undefined);
    writes.push(write);
  };

  return {
    note(note) {
      waiting.push(note);
      if (scheduled || store.inTransaction) return;
      scheduled = true;
      queueMicrotask(flush);
    },
    async written() {
      flush();
      await Promise.all(writes);
    },
  };
}
