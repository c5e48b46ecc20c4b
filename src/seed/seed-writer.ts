/**
 * The bulk inserters of every table a seed writes, and the id and email bookkeeping shared by all
 * schools of one seed run. Ids are assigned here, not by SQLite, so the same draws give the same
 * rows and children can point at parents that are still in a buffer.
 */
import * as t from '../../db/schema.ts';
import { type BulkInserter, bulkInserter } from '../store/bulk-insert.ts';
import type { Store } from '../store/database.ts';

const TABLES = {
  schools: t.schools,
  schoolHolidays: t.schoolHolidays,
  teams: t.teams,
  staff: t.staff,
  staffRoles: t.staffRoles,
  groups: t.groups,
  groupMentors: t.groupMentors,
  groupTeachers: t.groupTeachers,
  students: t.students,
  subjectEnrolments: t.subjectEnrolments,
  activities: t.activities,
  activityCompetences: t.activityCompetences,
  conversations: t.conversations,
  conversationParticipants: t.conversationParticipants,
  goals: t.goals,
  arrangements: t.arrangements,
  arrangementGoals: t.arrangementGoals,
  arrangementEvaluations: t.arrangementEvaluations,
  prompts: t.prompts,
  reflections: t.reflections,
  reflectionGoalProgress: t.reflectionGoalProgress,
  teamIndicators: t.teamIndicators,
  subscriptions: t.subscriptions,
  platformIdentities: t.platformIdentities,
} as const;

type Tables = typeof TABLES;
export type TableName = keyof Tables;

/** The inserters of every table and the id counters, shared by all schools of one seed run. */
export class SeedWriter {
  readonly insert: { [K in TableName]: BulkInserter<Tables[K]> };
  private readonly lastId = new Map<string, number>();
  private readonly emails = new Set<string>();

  constructor(store: Store) {
    this.insert = Object.fromEntries(
      Object.entries(TABLES).map(([name, table]) => [name, bulkInserter(store, table)]),
    ) as SeedWriter['insert'];
  }

  nextId(kind: string): number {
    const id = (this.lastId.get(kind) ?? 0) + 1;
    this.lastId.set(kind, id);
    return id;
  }

  /** `base@domain`, or `base2@domain`… when taken. */
  uniqueEmail(base: string, domain: string): string {
    for (let n = 1; ; n += 1) {
      const email = `${base}${n === 1 ? '' : n}@${domain}`;
      if (!this.emails.has(email)) {
        this.emails.add(email);
        return email;
      }
    }
  }

  claimEmail(email: string): void {
    this.emails.add(email);
  }

  flush(): Record<TableName, number> {
    return Object.fromEntries(
      Object.entries(this.insert).map(([name, inserter]) => [name, inserter.flush()]),
    ) as Record<TableName, number>;
  }
}
