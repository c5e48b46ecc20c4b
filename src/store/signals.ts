/**
 * Signals (*aandachtspunten*) as stored: read, opened, refreshed and resolved as the lifecycle
 * (src/domain/signals/lifecycle.ts) decides, acknowledged, escalated and resolved by hand.
 */
import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { NEW, RESOLVED, SEEN, type SignalChange } from '../domain/signals/lifecycle.ts';
import type { SignalKind } from '../domain/signals/outcome.ts';
import { type Evidence, evidenceSchema } from '../domain/signals/phrase.ts';
import { type Resolution, resolutionSchema } from '../domain/signals/resolution.ts';
import { idsParam, idsTable } from './dialect-sql.ts';
import { rawJson } from './raw-values.ts';
import type { Store } from './store.ts';

/**
 * Evidence as stored, read back through its schema. A row that does not parse (written by an
 * older version, or by hand) is shown without its evidence rather than failing the whole list.
 */
export function readEvidence(json: unknown): Evidence | null {
  const parsed = evidenceSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const UNREADABLE: Evidence = { facts: [], nextStep: { key: 'signals.unreadable', params: {} } };

/** Evidence read raw (`raw-values.ts`): JSON text from SQLite, a parsed value from PostgreSQL. */
function readStoredEvidence(value: unknown): Evidence | null {
  try {
    return readEvidence(rawJson(value));
  } catch {
    return null;
  }
}

function readResolution(json: unknown): Resolution | null {
  const parsed = resolutionSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export async function openSignalsFor(store: Store, studentIds: readonly number[]) {
  if (studentIds.length === 0) return [];
  const { signals } = store.t;
  const rows = await store.db
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
    .orderBy(asc(signals.firstSeenAt), asc(signals.id));
  return rows.map((row) => ({ ...row, evidence: readEvidence(row.evidence) }));
}

/** The care coordinators of a school (at school, not those who left), whom a signal can be escalated to. */
export async function careCoordinatorsOf(store: Store, schoolId: number) {
  const { staff, staffRoles } = store.t;
  return await store.db
    .selectDistinct({ id: staff.id, name: staff.name, email: staff.email })
    .from(staff)
    .innerJoin(staffRoles, eq(staffRoles.staffId, staff.id))
    .where(and(eq(staff.schoolId, schoolId), eq(staffRoles.role, 'zorgcoordinator'), isNull(staff.leftOn)))
    .orderBy(asc(staff.name), asc(staff.id));
}

export async function signalById(store: Store, signalId: number) {
  const { signals } = store.t;
  const [found] = await store.db.select().from(signals).where(eq(signals.id, signalId));
  return found;
}

export async function acknowledgeSignal(
  store: Store,
  signalId: number,
  staffId: number,
  at: string,
): Promise<void> {
  const { signals } = store.t;
  await store.db
    .update(signals)
    .set({ status: SEEN, acknowledgedById: staffId, acknowledgedAt: at })
    .where(eq(signals.id, signalId));
}

/** A student's unresolved signals and, when asked for, per kind the latest one a person resolved: what the lifecycle needs. */
export type SignalState = {
  unresolved: { id: number; kind: SignalKind; evidence: Evidence }[];
  handResolved: () => Promise<{ kind: SignalKind; evidence: Evidence }[]>;
};

/**
 * The signal state of a batch of students, with one query for all of them. The resolved ones are
 * read only when asked for, per student, as most changes need none.
 */
export async function signalStatesOf(
  store: Store,
  studentIds: readonly number[],
): Promise<Map<number, SignalState>> {
  // Evidence that does not parse matches nothing the rules say, so a rule that still fires rewrites it.
  const parse = <T extends { evidence: unknown }>(row: T) => ({
    ...row,
    evidence: readStoredEvidence(row.evidence) ?? UNREADABLE,
  });
  const states = new Map<number, SignalState>();
  if (studentIds.length === 0) return states;
  const unresolved = (await store.raw.all(
    `select s.student_id as "studentId", s.id, s.kind, s.evidence from ${idsTable(store.dialect)} i
       join signals s on s.student_id = i.id where s.status <> '${RESOLVED}' order by s.student_id, s.id`,
    [idsParam(store.dialect, studentIds)],
  )) as { studentId: number; id: number; kind: SignalKind; evidence: unknown }[];
  for (const studentId of studentIds)
    states.set(studentId, {
      unresolved: [],
      handResolved: async () =>
        (
          (await store.raw.all(
            `select kind, evidence from signals x where student_id = ? and status = '${RESOLVED}'
               and resolved_by_id is not null
               and id = (select max(id) from signals y where y.student_id = x.student_id and y.kind = x.kind)`,
            [studentId],
          )) as { kind: SignalKind; evidence: unknown }[]
        ).map(parse),
    });
  for (const { studentId, ...signal } of unresolved) states.get(studentId)?.unresolved.push(parse(signal));
  return states;
}

/** Carries out the lifecycle's changes for one student, in order; the caller holds the transaction. */
export async function applySignalChanges(
  store: Store,
  studentId: number,
  changes: readonly SignalChange[],
  at: string,
): Promise<void> {
  // Evidence and resolution go in as JSON text: SQLite stores it so, PostgreSQL reads it into jsonb.
  for (const change of changes) {
    if (change.change === 'open')
      await store.raw.run(
        `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at, status)
         values (?, ?, ?, ?, ?, ?, '${NEW}')`,
        [
          studentId,
          change.signal.kind,
          change.signal.severity,
          JSON.stringify(change.signal.evidence),
          at,
          at,
        ],
      );
    else if (change.change === 'refresh')
      await store.raw.run('update signals set evidence = ?, last_seen_at = ? where id = ?', [
        JSON.stringify(change.evidence),
        at,
        change.id,
      ]);
    else
      await store.raw.run(
        `update signals set status = '${RESOLVED}', resolved_at = ?, resolution = ? where id = ?`,
        [at, JSON.stringify({ by: 'rule', phrase: change.why }), change.id],
      );
  }
}

/** A person resolves a signal, with the reason they give. */
export async function resolveSignalByHand(
  store: Store,
  signalId: number,
  staffId: number,
  note: string,
  at: string,
): Promise<void> {
  const { signals } = store.t;
  await store.db
    .update(signals)
    .set({ status: RESOLVED, resolvedAt: at, resolvedById: staffId, resolution: { by: 'staff', note } })
    .where(eq(signals.id, signalId));
}

/** The mentor hands a signal to a care coordinator, who may then read the student's reflection texts. */
export async function escalateSignal(
  store: Store,
  signalId: number,
  toStaffId: number,
  at: string,
): Promise<void> {
  const { signals } = store.t;
  await store.db
    .update(signals)
    .set({ escalatedToId: toStaffId, escalatedAt: at })
    .where(eq(signals.id, signalId));
}

/** Every signal of a student, newest first, resolved ones included: the history on `pad`. */
export async function signalHistoryOf(store: Store, studentId: number) {
  const { signals, staff } = store.t;
  const rows = await store.db
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
    .orderBy(desc(signals.firstSeenAt), desc(signals.id));
  return rows.map((row) => ({
    ...row,
    evidence: readEvidence(row.evidence),
    resolution: readResolution(row.resolution),
  }));
}
