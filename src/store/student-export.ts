/**
 * The right of access (AVG article 15): every record Koers holds about one student, as one
 * document (`koers export-student`). The same rules say which rows are about a student for the
 * erasure (src/store/erasure.ts), so what an export shows is what an erasure removes.
 *
 * A row is about a student when it refers to them by a foreign key, directly or through its
 * parent (a reflection's goal progress through the reflection), and also when it reaches them
 * without one: a Teams conversation reference by their Entra user id, an outbox message
 * addressed to one of their platform accounts, a message in the playground's inbox (a mentor's
 * digest, a channel's summary) or an audit entry's detail that names them.
 */
import { and, eq, getTableColumns, getTableName, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import {
  activities,
  activityCompetences,
  arrangementEvaluations,
  arrangementGoals,
  arrangements,
  auditLog,
  conversationParticipants,
  conversations,
  goals,
  localMessages,
  outbox,
  platformIdentities,
  prompts,
  reflectionGoalProgress,
  reflections,
  signalChecks,
  signals,
  students,
  subjectEnrolments,
  teamsConversations,
} from '../../db/schema.ts';
import type { Platform } from '../domain/enums.ts';
import { displayName } from '../domain/person-name.ts';
import { containsSql, jsonTextSql } from './dialect-sql.ts';
import type { Dialect, Store } from './store.ts';
import { studentIdByEmail } from './student-by-email.ts';

/** What identifies a student in rows that do not refer to them by a foreign key. */
export type StudentTraces = {
  id: number;
  email: string;
  /**
   * Text that names the student, in lower case (ASCII letters only, as SQLite's `lower` does):
   * the email, every written form of the full name, and platform account ids long enough not to
   * occur by chance. A first or last name alone is not one: other people share them.
   */
  markers: string[];
  identities: { platform: Platform; workspaceId: string; userId: string }[];
};

/** Lower-cases A–Z only, exactly as SQLite's `lower()` does, so both sides compare alike. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Shorter texts could be part of anything; a full name or an email never is this short. */
const MIN_MARKER = 5;
/** A platform account id shorter than this could match by chance (`U1` in a test workspace). */
const MIN_ACCOUNT_ID = 8;

export async function studentTraces(store: Store, studentId: number): Promise<StudentTraces | undefined> {
  const { students } = store.t;
  const [student] = await store.db.select().from(students).where(eq(students.id, studentId));
  return student && tracesOf(store, student);
}

/** The traces of a student row the caller has already read. */
async function tracesOf(store: Store, student: typeof students.$inferSelect): Promise<StudentTraces> {
  const { platformIdentities } = store.t;
  const identities = await store.db
    .select({
      platform: platformIdentities.platform,
      workspaceId: platformIdentities.workspaceId,
      userId: platformIdentities.userId,
    })
    .from(platformIdentities)
    .where(eq(platformIdentities.studentId, student.id));
  const { firstName, preferredName, lastNamePrefix, lastName } = student;
  const full = (first: string) => [
    [first, lastNamePrefix, lastName].filter(Boolean).join(' '),
    `${first} ${lastName}`,
  ];
  const names = [displayName(student), ...full(firstName), ...(preferredName ? full(preferredName) : [])];
  const accounts = identities.map((i) => i.userId).filter((id) => id.length >= MIN_ACCOUNT_ID);
  const markers = [student.email, ...names, ...accounts]
    .map((text) => asciiLower(text.trim()))
    .filter((text) => text.length >= MIN_MARKER);
  return { id: student.id, email: student.email, markers: [...new Set(markers)], identities };
}

/**
 * SQL: a text or JSON column as text. PostgreSQL keeps JSON as `jsonb` and writes it out with a
 * space after each colon and comma, which does not matter to the markers.
 */
function asText(dialect: Dialect, column: SQLiteColumn): SQL {
  return dialect === 'sqlite' ? sql`${column}` : sql`(${column})::text`;
}

/** SQL: the column's text lower-cased as `asciiLower` does (PostgreSQL's own `lower` also folds É to é). */
function lowerText(dialect: Dialect, column: SQLiteColumn): SQL {
  return dialect === 'sqlite' ? sql`lower(${column})` : sql`lower((${column})::text collate "C")`;
}

/** SQL: the text column holds one of the student's markers somewhere (a quick first sieve). */
function holdsMarker(dialect: Dialect, column: SQLiteColumn, traces: StudentTraces): SQL {
  const found = traces.markers.map((marker) => containsSql(dialect, lowerText(dialect, column), marker));
  return or(...found) ?? sql`false`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a text names the student: one of their markers, not as part of a longer word or
 * address ("anna de vries" does not name her inside "johanna de vries").
 */
export function namesStudent(text: string, traces: StudentTraces): boolean {
  const lower = asciiLower(text);
  return traces.markers.some((marker) =>
    new RegExp(`(?<![\\p{L}\\p{N}._%+-])${escapeRegExp(marker)}(?![\\p{L}\\p{N}])`, 'u').test(lower),
  );
}

/** SQL: the rows of the table whose text column names the student (`namesStudent`). */
async function naming(
  store: Store,
  table: typeof auditLog | typeof localMessages,
  column: SQLiteColumn,
  traces: StudentTraces,
): Promise<SQL> {
  const rows = await store.db
    .select({ id: table.id, text: sql<string>`${asText(store.dialect, column)}` })
    .from(table)
    .where(holdsMarker(store.dialect, column, traces));
  const ids = rows.filter((row) => namesStudent(row.text, traces)).map((row) => row.id);
  return inArray(table.id, ids);
}

const accountsOn = (traces: StudentTraces, platform: Platform) =>
  traces.identities.filter((identity) => identity.platform === platform);

/**
 * Which rows of the tables that can reach a student without a foreign key are about them, as
 * conditions for a select, a delete or an update. Worked out once, before anything changes.
 */
export async function unlinkedRowsOf(store: Store, traces: StudentTraces) {
  const { auditLog, localMessages, outbox, teamsConversations } = store.t;
  const subjects = await naming(store, auditLog, auditLog.subject, traces);
  const localNaming = await naming(store, localMessages, localMessages.reply, traces);
  const detailNaming = await naming(store, auditLog, auditLog.detail, traces);
  return {
    /** Teams's personal chats with the student's accounts: by tenant and Entra user id. */
    teamsConversations:
      or(
        ...accountsOn(traces, 'teams').map((account) =>
          and(
            eq(teamsConversations.tenantId, account.workspaceId),
            eq(teamsConversations.userId, account.userId),
          ),
        ),
      ) ?? sql`false`,
    /** Messages about the student, or to one of their accounts, or whose payload names them. */
    outbox:
      or(
        eq(outbox.studentId, traces.id),
        sql`${jsonTextSql(store.dialect, outbox.payload, 'studentId')} = ${traces.id}`,
        ...traces.identities.map((account) =>
          and(
            eq(outbox.platform, account.platform),
            eq(outbox.workspaceId, account.workspaceId),
            eq(outbox.recipient, account.userId),
          ),
        ),
      ) ?? sql`false`,
    /**
     * The playground's inbox: messages about the student, to their local account, and any other
     * message that names them (a mentor's digest, a summary in a staff channel).
     */
    localMessages:
      or(
        eq(localMessages.studentId, traces.id),
        ...accountsOn(traces, 'local').map((account) =>
          and(
            eq(localMessages.workspaceId, account.workspaceId),
            eq(localMessages.toChannel, false),
            eq(localMessages.recipient, account.userId),
          ),
        ),
        localNaming,
      ) ?? sql`false`,
    /** Entries about the student, by the student, and any entry whose detail or subject names them. */
    auditLog:
      or(
        eq(auditLog.studentId, traces.id),
        eq(auditLog.actorStudentId, traces.id),
        sql`${jsonTextSql(store.dialect, auditLog.detail, 'studentId')} = ${traces.id}`,
        detailNaming,
        subjects,
      ) ?? sql`false`,
    /** Entries whose subject names the student (a command name never should; kept safe anyway). */
    auditSubjects: subjects,
  };
}

/** A zod schema for a table's rows, from its drizzle columns: the schema is written once. */
function rowSchema(table: SQLiteTable) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const values = column.enumValues as [string, ...string[]] | undefined;
    const type =
      column.dataType === 'number'
        ? z.number()
        : column.dataType === 'boolean'
          ? z.boolean()
          : column.dataType === 'json'
            ? z.unknown()
            : values && values.length > 0
              ? z.enum(values)
              : z.string();
    shape[key] = column.notNull ? type : type.nullable();
  }
  return z.strictObject(shape);
}

/**
 * The sections of the export, one per table, named as in code (`subjectEnrolments` is the table
 * `subject_enrolments`). Every table whose rows can be about a student has one: a test walks the
 * database's foreign keys and fails on a table that is missing here.
 */
export const exportSections = {
  subjectEnrolments,
  activities,
  activityCompetences,
  conversations,
  conversationParticipants,
  goals,
  arrangements,
  arrangementGoals,
  arrangementEvaluations,
  prompts,
  reflections,
  reflectionGoalProgress,
  signals,
  signalChecks,
  platformIdentities,
  teamsConversations,
  outbox,
  localMessages,
  auditLog,
} as const;

type SectionName = keyof typeof exportSections;

/** The SQL table name of each section, for people reading the document next to the schema. */
export const sectionTables = Object.fromEntries(
  Object.entries(exportSections).map(([key, table]) => [key, getTableName(table)]),
) as Record<SectionName, string>;

export const EXPORT_FORMAT = 'koers-student-export';

export const studentExport = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  school: z.strictObject({ id: z.number(), name: z.string() }),
  group: z.strictObject({ id: z.number(), name: z.string() }).nullable(),
  student: rowSchema(students),
  /** Every section, as rows of its table (instants in UTC, JSON columns as JSON). */
  records: z.strictObject(
    Object.fromEntries(
      Object.entries(exportSections).map(([key, table]) => [key, z.array(rowSchema(table))]),
    ) as Record<SectionName, z.ZodArray<ReturnType<typeof rowSchema>>>,
  ),
  /** The staff members the records name (who logged a conversation, owns an arrangement…). */
  staff: z.array(z.strictObject({ id: z.number(), name: z.string() })),
  /** Where each section comes from in the database. */
  tables: z.record(z.string(), z.string()),
});

export type StudentExport = z.infer<typeof studentExport>;

/** Who an administrator's email belongs to: a student (by id), a staff member, or nobody. */
export async function personByEmail(
  store: Store,
  email: string,
): Promise<{ kind: 'student'; id: number } | { kind: 'staff' } | undefined> {
  const studentId = await studentIdByEmail(store, email);
  if (studentId !== undefined) return { kind: 'student', id: studentId };
  const { staff } = store.t;
  const [member] = await store.db
    .select({ id: staff.id })
    .from(staff)
    .where(eq(staff.email, email.trim().toLowerCase()))
    .limit(1);
  return member ? { kind: 'staff' } : undefined;
}

/** Every row of every section that is about the student. Read in the caller's transaction. */
export async function recordsAbout(
  store: Store,
  traces: StudentTraces,
): Promise<Record<SectionName, unknown[]>> {
  const t = store.t;
  const id = traces.id;
  const of = async <T extends SQLiteTable>(table: T, where: SQL | undefined): Promise<unknown[]> =>
    store.db
      .select()
      .from(table as SQLiteTable)
      .where(where);
  /** The rows that refer to the student directly, and the ids of those a child row hangs from. */
  const own = (table: SQLiteTable & { studentId: SQLiteColumn }) => of(table, eq(table.studentId, id));
  const ownIds = (table: SQLiteTable & { id: SQLiteColumn; studentId: SQLiteColumn }) =>
    store.db.select({ id: table.id }).from(table).where(eq(table.studentId, id));
  const unlinked = await unlinkedRowsOf(store, traces);
  return {
    subjectEnrolments: await own(t.subjectEnrolments),
    activities: await own(t.activities),
    activityCompetences: await of(
      t.activityCompetences,
      inArray(t.activityCompetences.activityId, ownIds(t.activities)),
    ),
    conversations: await own(t.conversations),
    conversationParticipants: await of(
      t.conversationParticipants,
      inArray(t.conversationParticipants.conversationId, ownIds(t.conversations)),
    ),
    goals: await own(t.goals),
    arrangements: await own(t.arrangements),
    arrangementGoals: await of(
      t.arrangementGoals,
      inArray(t.arrangementGoals.arrangementId, ownIds(t.arrangements)),
    ),
    arrangementEvaluations: await of(
      t.arrangementEvaluations,
      inArray(t.arrangementEvaluations.arrangementId, ownIds(t.arrangements)),
    ),
    prompts: await own(t.prompts),
    reflections: await own(t.reflections),
    reflectionGoalProgress: await of(
      t.reflectionGoalProgress,
      inArray(t.reflectionGoalProgress.reflectionId, ownIds(t.reflections)),
    ),
    signals: await own(t.signals),
    signalChecks: await own(t.signalChecks),
    platformIdentities: await own(t.platformIdentities),
    teamsConversations: await of(t.teamsConversations, unlinked.teamsConversations),
    outbox: await of(t.outbox, unlinked.outbox),
    localMessages: await of(t.localMessages, unlinked.localMessages),
    auditLog: await of(t.auditLog, unlinked.auditLog),
  };
}

/** The staff ids a section's rows name, by column. */
const staffColumns = [
  'mentorId',
  'loggedById',
  'staffId',
  'createdById',
  'ownerId',
  'byId',
  'acknowledgedById',
  'escalatedToId',
  'resolvedById',
  'actorStaffId',
] as const;

/** The whole document, validated. Read in the caller's transaction, so it is one moment's state. */
export async function exportStudentRecords(
  store: Store,
  studentId: number,
  at: string,
): Promise<StudentExport | undefined> {
  const { groups, schools, staff, students } = store.t;
  const [student] = await store.db.select().from(students).where(eq(students.id, studentId));
  if (!student) return undefined;
  const traces = await tracesOf(store, student);
  const [school] = await store.db
    .select({ id: schools.id, name: schools.name })
    .from(schools)
    .where(eq(schools.id, student.schoolId));
  const [group] =
    student.groupId === null
      ? []
      : await store.db
          .select({ id: groups.id, name: groups.name })
          .from(groups)
          .where(eq(groups.id, student.groupId));
  const records = await recordsAbout(store, traces);
  const staffIds = new Set<number>();
  for (const row of [student, ...Object.values(records).flat()] as Record<string, unknown>[])
    for (const column of staffColumns) {
      const value = row[column];
      if (typeof value === 'number') staffIds.add(value);
    }
  const named =
    staffIds.size === 0
      ? []
      : await store.db
          .select({ id: staff.id, name: staff.name })
          .from(staff)
          .where(inArray(staff.id, [...staffIds]))
          .orderBy(staff.id);
  return studentExport.parse({
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: at,
    school: school ?? { id: student.schoolId, name: '' },
    group: group ?? null,
    student,
    records,
    staff: named,
    tables: sectionTables,
  });
}
