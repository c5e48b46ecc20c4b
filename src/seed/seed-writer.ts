/**
 * The bulk inserters of every table a seed writes, and the id and email bookkeeping shared by all
 * schools of one seed run. Ids are assigned here, not by the database, so the same draws give the
 * same rows and children can point at parents that are still in a buffer.
 */
import { getTableName } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type * as t from '../../db/schema.ts';
import { type BulkInserter, bulkInserter, moveIdentitiesPastLoadedIds } from '../store/bulk-insert.ts';
import type { Store } from '../store/database.ts';

/** The tables a seed writes, parents before children. */
const TABLE_NAMES = [
  'schools',
  'schoolHolidays',
  'teams',
  'staff',
  'staffRoles',
  'groups',
  'groupMentors',
  'groupTeachers',
  'students',
  'subjectEnrolments',
  'activities',
  'activityCompetences',
  'conversations',
  'conversationParticipants',
  'goals',
  'arrangements',
  'arrangementGoals',
  'arrangementEvaluations',
  'prompts',
  'reflections',
  'reflectionGoalProgress',
  'teamIndicators',
  'subscriptions',
  'platformIdentities',
] as const satisfies readonly (keyof typeof t)[];

export type TableName = (typeof TABLE_NAMES)[number];
type Tables = { [K in TableName]: (typeof t)[K] };

/** The inserters of every table and the id counters, shared by all schools of one seed run. */
export class SeedWriter {
  readonly insert: { [K in TableName]: BulkInserter<Tables[K]> };
  private readonly lastId = new Map<string, number>();
  private readonly emails = new Set<string>();
  /**
   * The tables each table refers to, on PostgreSQL only: it checks a foreign key at each
   * statement, so a table's rows are written after the buffered rows of the tables they refer
   * to. SQLite checks them once, when the seed's checked transaction commits.
   */
  private readonly parents: Map<TableName, TableName[]> | undefined;

  constructor(private readonly store: Store) {
    this.insert = Object.fromEntries(
      TABLE_NAMES.map((name) => [name, bulkInserter(store, store.t[name])]),
    ) as unknown as SeedWriter['insert'];
    if (store.dialect === 'postgres') {
      const nameOf = new Map<string, TableName>(
        TABLE_NAMES.map((name) => [getTableName(store.t[name]), name]),
      );
      this.parents = new Map(
        TABLE_NAMES.map((name) => {
          const referred = getTableConfig(store.t[name] as unknown as PgTable).foreignKeys.map((key) =>
            nameOf.get(getTableName(key.reference().foreignTable)),
          );
          return [
            name,
            [...new Set(referred)].filter((parent): parent is TableName => !!parent && parent !== name),
          ];
        }),
      );
    }
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

  /** Writes every row buffered of `name` and, first, of the tables it refers to. */
  private async writeAll(name: TableName): Promise<void> {
    for (const parent of this.parents?.get(name) ?? []) await this.writeAll(parent);
    await this.insert[name].flush();
  }

  /**
   * Writes the tables with a whole statement's rows buffered. The builder calls it between
   * students, so a buffer holds a few hundred rows, whatever the size of the seed.
   */
  async write(): Promise<void> {
    for (const name of TABLE_NAMES) {
      const inserter = this.insert[name];
      if (!inserter.full) continue;
      for (const parent of this.parents?.get(name) ?? []) await this.writeAll(parent);
      await inserter.writeFull();
    }
  }

  /**
   * Writes what is left, and moves PostgreSQL's id sequences past the ids written; returns how
   * many rows each table got.
   */
  async flush(): Promise<Record<TableName, number>> {
    const written: Partial<Record<TableName, number>> = {};
    for (const name of TABLE_NAMES) written[name] = await this.insert[name].flush();
    await moveIdentitiesPastLoadedIds(
      this.store,
      TABLE_NAMES.map((name) => this.store.t[name]),
    );
    return written as Record<TableName, number>;
  }
}
