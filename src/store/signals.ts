/**
 * Signals (*aandachtspunten*) as stored: read, opened, refreshed and resolved as the lifecycle
 * (src/domain/signals/lifecycle.ts) decides, acknowledged, escalated and resolved by hand.
 */
import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { signals, staff, staffRoles } from '../../db/schema.ts';
import { NEW, RESOLVED, SEEN, type SignalChange } from '../domain/signals/lifecycle.ts';
import type { SignalKind } from '../domain/signals/outcome.ts';
import { type Evidence, evidenceSchema } from '../domain/signals/phrase.ts';
import { type Resolution, resolutionSchema } from '../domain/signals/resolution.ts';
import type { Store } from './database.ts';
import { prepared } from './prepared.ts';

/**
 * Evidence as stored, read back through its schema. A row that does not parse (written by an
 * older version, or by hand) is shown without its evidence rather than failing the whole list.
 */
export function readEvidence(json: unknown): Evidence | null {
  const parsed = evidenceSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const UNREADABLE: Evidence = { facts: [], nextStep: { key: 'signals.unreadable', params: {} } };

function readStoredEvidence(text: string): Evidence | null {
  try {
    return readEvidence(JSON.parse(text));
  } catch {
    return null;
  }
}

function readResolution(json: unknown): Resolution | null {
  const parsed = resolutionSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function openSignalsFor(store: Store, studentIds: readonly number[]) {
  if (studentIds.length === 0) return [];
  return store
    .select({
      id: signals.id,
      studentId: signals.studentId,
      kind: signals.kind,
      severity: signals.severity,
      evidence: signals.evidence,
      firstSeenAt: signals.firstSeenAt,
      status: signals.status,
      escalatedToId: signals.escalatedToId,
    })
    .from(signals)
    .where(and(inArray(signals.studentId, [...studentIds]), ne(signals.status, RESOLVED)))
    .orderBy(asc(signals.firstSeenAt), asc(signals.id))
    .all()
    .map((row) => ({ ...row, evidence: readEvidence(row.evidence) }));
}

/** The care coordinators of a school (at school, not those who left), whom a signal can be escalated to. */
export function careCoordinatorsOf(store: Store, schoolId: number) {
  return store
    .selectDistinct({ id: staff.id, name: staff.name, email: staff.email })
    .from(staff)
    .innerJoin(staffRoles, eq(staffRoles.staffId, staff.id))
    .where(and(eq(staff.schoolId, schoolId), eq(staffRoles.role, 'zorgcoordinator'), isNull(staff.leftOn)))
    .orderBy(asc(staff.name), asc(staff.id))
    .all();
}

export function signalById(store: Store, signalId: number) {
  return store.select().from(signals).where(eq(signals.id, signalId)).get();
}

export function acknowledgeSignal(store: Store, signalId: number, staffId: number, at: string): void {
  store
    .update(signals)
    .set({ status: SEEN, acknowledgedById: staffId, acknowledgedAt: at })
    .where(eq(signals.id, signalId))
    .run();
}

/** A student's unresolved signals and, per kind, the latest one a person resolved: what the lifecycle needs. */
export function signalStateOf(store: Store, studentId: number) {
  const queries = prepared(store, 'signals.state', () => ({
    unresolved: store.$client.prepare(
      `select id, kind, evidence from signals where student_id = ? and status <> '${RESOLVED}'`,
    ),
    handResolved: store.$client.prepare(
      `select kind, evidence from signals x where student_id = ? and status = '${RESOLVED}'
         and resolved_by_id is not null
         and id = (select max(id) from signals y where y.student_id = x.student_id and y.kind = x.kind)`,
    ),
  }));
  // Evidence that does not parse matches nothing the rules say, so a rule that still fires rewrites it.
  const parse = <T extends { evidence: string }>(row: T) => ({
    ...row,
    evidence: readStoredEvidence(row.evidence) ?? UNREADABLE,
  });
  return {
    unresolved: (
      queries.unresolved.all(studentId) as { id: number; kind: SignalKind; evidence: string }[]
    ).map(parse),
    handResolved: () =>
      (queries.handResolved.all(studentId) as { kind: SignalKind; evidence: string }[]).map(parse),
  };
}

/** Carries out the lifecycle's changes for one student; the caller holds the transaction. */
export function applySignalChanges(
  store: Store,
  studentId: number,
  changes: readonly SignalChange[],
  at: string,
): void {
  const queries = prepared(store, 'signals.apply', () => ({
    open: store.$client.prepare(
      `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
       values (?, ?, ?, ?, ?, ?, '${NEW}')`,
    ),
    refresh: store.$client.prepare('update signals set evidence = ?, last_seen_at = ? where id = ?'),
    resolve: store.$client.prepare(
      `update signals set status = '${RESOLVED}', resolved_at = ?, resolution = ? where id = ?`,
    ),
  }));
  for (const change of changes) {
    if (change.change === 'open')
      queries.open.run(
        studentId,
        change.signal.kind,
        change.signal.severity,
        JSON.stringify(change.signal.evidence),
        at,
        at,
      );
    else if (change.change === 'refresh') queries.refresh.run(JSON.stringify(change.evidence), at, change.id);
    else queries.resolve.run(at, JSON.stringify({ by: 'rule', phrase: change.why }), change.id);
  }
}

/** A person resolves a signal, with the reason they give. */
export function resolveSignalByHand(
  store: Store,
  signalId: number,
  staffId: number,
  note: string,
  at: string,
) {
  store
    .update(signals)
    .set({ status: RESOLVED, resolvedAt: at, resolvedById: staffId, resolution: { by: 'staff', note } })
    .where(eq(signals.id, signalId))
    .run();
}

/** The mentor hands a signal to a care coordinator, who may then read the student's reflection texts. */
export function escalateSignal(store: Store, signalId: number, toStaffId: number, at: string) {
  store
    .update(signals)
    .set({ escalatedToId: toStaffId, escalatedAt: at })
    .where(eq(signals.id, signalId))
    .run();
}

/** Every signal of a student, newest first, resolved ones included: the history on `pad`. */
export function signalHistoryOf(store: Store, studentId: number) {
  return store
    .select({
      id: signals.id,
      kind: signals.kind,
      severity: signals.severity,
      evidence: signals.evidence,
      firstSeenAt: signals.firstSeenAt,
      status: signals.status,
      resolvedAt: signals.resolvedAt,
      resolution: signals.resolution,
      resolvedByName: staff.name,
    })
    .from(signals)
    .leftJoin(staff, eq(staff.id, signals.resolvedById))
    .where(eq(signals.studentId, studentId))
    .orderBy(desc(signals.firstSeenAt), desc(signals.id))
    .all()
    .map((row) => ({
      ...row,
      evidence: readEvidence(row.evidence),
      resolution: readResolution(row.resolution),
    }));
}
