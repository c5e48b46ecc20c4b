/**
 * `koers export-student <email> [--out FILE]`: every record about a student as one JSON document
 * (the right of access). Which tables can hold such a record is found by walking the database's
 * foreign keys from `students`, so a table added later without a section in the export fails here.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rawJson } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { studentExport } from '../src/store/student-export.ts';
import { koers } from './support/cli.ts';
import { freshDemo, freshDemoSchool } from './support/demo.ts';
import { dumpTables } from './support/dump.ts';
import { arrangeIn, dumpStore, rows } from './support/store-sql.ts';
import { leaveFootprint } from './support/student-footprint.ts';
import { tempDir } from './support/temp.ts';

/** Every table: on SQLite the file's schema and rows in rowid order, on PostgreSQL `dumpStore`. */
const dump = async (store: Store, file: string | undefined) => (file ? dumpTables(file) : dumpStore(store));

const sarina = 'sarina.elamrani@leerling.koersmeer.example';

/** Tables whose rows can reach a student without a foreign key too: the export may hold more. */
const alsoUnlinked = new Set(['audit_log', 'outbox', 'local_messages', 'teams_conversations']);

/**
 * The rows about the student in each table: by a foreign key to `students`, or to a row that
 * is about the student (goal progress through a reflection), as far as the keys go.
 */
function rowsReachedByForeignKeys(file: string, studentId: number): Map<string, Set<number>> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as { name: string }[]
    ).map((row) => row.name);
    const keys = tables.flatMap((table) =>
      (
        db.prepare(`pragma foreign_key_list("${table}")`).all() as {
          table: string;
          from: string;
          to: string | null;
        }[]
      ).map((key) => ({ child: table, ...key })),
    );
    const reached = new Map<string, Set<number>>([['students', new Set([studentId])]]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const key of keys) {
        const parents = reached.get(key.table);
        if (!parents || parents.size === 0) continue;
        const parentIds = [...parents].join(',');
        const column = key.to ?? 'rowid';
        const rows = db
          .prepare(
            `select rowid as r from "${key.child}" where "${key.from}" in
               (select "${column}" from "${key.table}" where rowid in (${parentIds}))`,
          )
          .all() as { r: number }[];
        const set = reached.get(key.child) ?? new Set<number>();
        for (const { r } of rows)
          if (!set.has(r)) {
            set.add(r);
            grew = true;
          }
        reached.set(key.child, set);
      }
    }
    reached.delete('students');
    return reached;
  } finally {
    db.close();
  }
}

describe('koers export-student', () => {
  // The walk reads SQLite's own foreign key lists and rowids: on SQLite in both test projects.
  it('holds every row about the student, in a section per table, and nothing is missing', async () => {
    const { store, file } = await freshDemo();
    const student = await leaveFootprint(store, sarina);
    const { code, out, err } = await koers(['export-student', sarina, '--db', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const document = studentExport.parse(JSON.parse(out));
    expect(document).toMatchObject({
      format: 'koers-student-export',
      version: 1,
      school: { name: 'Koersmeer College' },
      group: { name: '3H' },
      student: { id: student.id, email: sarina, firstName: 'Sarina', lastName: 'Amrani' },
    });
    const sectionOf = new Map(Object.entries(document.tables).map(([section, table]) => [table, section]));
    const reached = rowsReachedByForeignKeys(file, student.id);
    const missing: string[] = [];
    for (const [table, rows] of reached) {
      if (rows.size === 0) continue;
      const section = sectionOf.get(table);
      if (!section) {
        missing.push(table);
        continue;
      }
      const exported = (document.records as Record<string, unknown[]>)[section] ?? [];
      if (alsoUnlinked.has(table)) expect(exported.length, table).toBeGreaterThanOrEqual(rows.size);
      else expect(exported.length, table).toBe(rows.size);
    }
    expect(missing).toEqual([]);
    // The story: her French at vwo level, her reflections with their texts, her goals.
    expect(document.records.subjectEnrolments).toContainEqual(
      expect.objectContaining({ subject: 'frans', level: 'vwo', resultGrade: 5.2 }),
    );
    expect(document.records.reflections.length).toBeGreaterThanOrEqual(8);
    expect(document.records.reflections[0]).toHaveProperty('wentWell');
    // What reaches her without a foreign key: her Teams chat, the message to her Slack account,
    // a channel's message that names her, an administrator's entry that names her.
    expect(document.records.teamsConversations).toHaveLength(1);
    expect(document.records.outbox).toContainEqual(expect.objectContaining({ platform: 'slack' }));
    expect(document.records.localMessages).toContainEqual(
      expect.objectContaining({ toChannel: true, studentId: null }),
    );
    expect(document.records.auditLog).toContainEqual(expect.objectContaining({ subject: 'koers link' }));
    // The staff the records name, by name only.
    expect(document.staff).toContainEqual({ id: expect.any(Number), name: 'Mirjam Jansen' });
    // Reading it out is in the audit log, and in the document itself.
    expect(document.records.auditLog).toContainEqual(
      expect.objectContaining({ action: 'export', subject: 'koers export-student', channel: 'cli' }),
    );
  });

  it('is written to the audit log as an export of the student', async () => {
    const { store, cli } = await freshDemoSchool();
    await cli(['export-student', sarina]);
    const entries = await rows<{ action: string; subject: string; actor_kind: string; detail: unknown }>(
      store,
      'select action, subject, actor_kind, detail from audit_log where student_id = 1',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'export',
      subject: 'koers export-student',
      actor_kind: 'system',
    });
    expect(rawJson(entries[0]?.detail ?? '{}')).toMatchObject({
      to: 'stdout',
      osUser: expect.any(String),
    });
    const trail = await cli(['audit', sarina]);
    expect(trail.out).toMatch(/geëxporteerd\s+koers export-student/);
  });

  it('writes --out to a new file only its owner may read, and never over an existing one', async () => {
    const { store, file, cli } = await freshDemoSchool();
    const dir = tempDir();
    const out = join(dir, 'sarina.json');
    const first = await cli(['export-student', sarina, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`^Export geschreven naar ${out} \\(\\d+ rijen\\)`));
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const document = studentExport.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(document.student.email).toBe(sarina);

    writeFileSync(out, 'keep me');
    const before = await dump(store, file);
    const again = await cli(['export-student', sarina, '--out', out]);
    expect(again).toEqual({
      code: 1,
      out: '',
      err: `${out} bestaat al; Koers overschrijft geen bestaand bestand. Kies een nieuwe bestandsnaam.`,
    });
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    // Refused before anything was read: no export in the audit log either.
    expect(await dump(store, file)).toBe(before);

    const nowhere = join(dir, 'missing', 'sarina.json');
    const unwritable = await cli(['export-student', sarina, '--out', nowhere]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toBe(`Kan ${nowhere} niet aanmaken: de map bestaat niet of is niet schrijfbaar.`);
    expect(existsSync(nowhere)).toBe(false);
  });

  it('leaves no file behind when the student is unknown', async () => {
    const { cli } = await freshDemoSchool();
    const out = join(tempDir(), 'x.json');
    const { code, err } = await cli(['export-student', 'niemand@koersmeer.example', '--out', out]);
    expect(code).toBe(1);
    expect(err).toBe('Geen leerling met het e-mailadres niemand@koersmeer.example in deze database.');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a staff member’s email and an unknown one, in the user’s language, reading nothing', async () => {
    const { store, file, cli } = await freshDemoSchool();
    const before = await dump(store, file);
    expect(await cli(['export-student', 'z.bos@koersmeer.example'])).toEqual({
      code: 1,
      out: '',
      err: 'Het e-mailadres z.bos@koersmeer.example is van een medewerker, geen leerling. export-student en erase-student gaan alleen over leerlingen.',
    });
    expect(await cli(['export-student', 'Z.Bos@Koersmeer.example'], { KOERS_LOCALE: 'en' })).toEqual({
      code: 1,
      out: '',
      err: 'The email address Z.Bos@Koersmeer.example belongs to a staff member, not a student. export-student and erase-student are about students only.',
    });
    const unknown = await cli(['export-student', 'niemand@koersmeer.example'], { KOERS_LOCALE: 'en' });
    expect(unknown.err).toBe('No student with the email address niemand@koersmeer.example in this database.');
    expect(await dump(store, file)).toBe(before);
  });

  it('exports a student who left, and finds an email however it is typed', async () => {
    const { store, cli } = await freshDemoSchool();
    await arrangeIn(store, `update students set left_on = '2026-07-17' where email = '${sarina}'`);
    const { code, out } = await cli(['export-student', ' Sarina.ElAmrani@Leerling.Koersmeer.example ']);
    expect(code).toBe(0);
    expect(JSON.parse(out).student.leftOn).toBe('2026-07-17');
  });
});
