/**
 * `koers erase-student <email> --yes`: the student and every row about them go in one
 * transaction, and afterwards no table of the database (sqlite_master: also a table added later)
 * holds their id, name or email, in any column, JSON included. One audit entry says an erasure
 * happened, naming nobody; `koers audit --erasures` shows it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../src/store/audit.ts';
import { tableNamesQuery } from '../src/store/dialect-sql.ts';
import { keepLocalMessage } from '../src/store/local-inbox.ts';
import { rawJson } from '../src/store/raw-values.ts';
import type { SqlValue, Store } from '../src/store/store.ts';
import { namesStudent } from '../src/store/student-export.ts';
import { koers } from './support/cli.ts';
import { DEMO_NOW, freshDemo, freshDemoSchool } from './support/demo.ts';
import { dumpTables, query } from './support/dump.ts';
import { arrangeIn, dumpStore, rows } from './support/store-sql.ts';
import {
  type Finding,
  identifyingTexts,
  leaveFootprint,
  tracesInDatabase,
} from './support/student-footprint.ts';

/** Every table: on SQLite the file's schema and rows in rowid order, on PostgreSQL `dumpStore`. */
const dump = async (store: Store, file: string | undefined) => (file ? dumpTables(file) : dumpStore(store));

/** A column as text: JSON is jsonb on PostgreSQL. */
const asText = (store: Store, column: string) => (store.dialect === 'sqlite' ? column : `${column}::text`);

/**
 * `tracesInDatabase` of tests/support/student-footprint.ts on either dialect: the same scan of
 * every table (found by the database's own list, so a table added later is searched too), every
 * column; on PostgreSQL the text and JSON columns are read as text.
 */
async function tracesIn(store: Store, file: string | undefined, id: number, texts: readonly string[]) {
  if (file) return tracesInDatabase(file, id, texts);
  const findings: Finding[] = [];
  const tables = (await rows<{ name: string }>(store, tableNamesQuery(store.dialect))).map((row) => row.name);
  // drizzle's own bookkeeping lives in its own schema on PostgreSQL; SQLite's scan covers it (no student there).
  for (const table of tables) {
    const columns = await rows<{ name: string; type: string }>(
      store,
      `select column_name as name, data_type as type from information_schema.columns
       where table_schema = current_schema() and table_name = ? order by ordinal_position`,
      [table],
    );
    for (const { name: column, type } of columns) {
      const ref = `"${table}"."${column}"`;
      const idish =
        column === 'student_id' ||
        column.endsWith('_student_id') ||
        (table === 'students' && column === 'id');
      if (idish && (await rows(store, `select 1 from "${table}" where ${ref} = ? limit 1`, [id])).length > 0)
        findings.push({ table, column, found: `id ${id}` });
      if (!['text', 'jsonb', 'json', 'character varying'].includes(type)) continue;
      const jsonId = await rows<{ v: string }>(
        store,
        `select ${ref}::text as v from "${table}" where ${ref}::text like ?`,
        ['%"studentId":%'],
      );
      if (jsonId.some((row) => new RegExp(`"studentId":\\s*${id}(?![0-9])`).test(row.v)))
        findings.push({ table, column, found: `"studentId":${id}` });
      for (const text of texts)
        if (
          (
            await rows(
              store,
              `select 1 from "${table}" where strpos(lower(${ref}::text), lower(?)) > 0 limit 1`,
              [text],
            )
          ).length > 0
        )
          findings.push({ table, column, found: text });
    }
  }
  return findings;
}

const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const storyStudents = [
  sarina,
  'daan.visser@leerling.koersmeer.example',
  'noor.hendriks@leerling.koersmeer.example',
  'kelly.mulder@leerling.koersmeer.example',
  'milan.peters@leerling.koersmeer.example',
  'lucas.bakker@leerling.koersmeer.example',
  'yara.wijaya@leerling.koersmeer.example',
];

const count = async (store: Store, sql: string, ...params: SqlValue[]) =>
  ((await rows<{ n: number }>(store, sql, params))[0] as { n: number }).n;

describe('koers erase-student', () => {
  it('exports a demo student, erases them, and leaves no trace; the audit log says so without naming them', async () => {
    const { store, file, cli } = await freshDemoSchool();
    const student = await leaveFootprint(store, sarina);
    const texts = await identifyingTexts(store, student);
    // The scan finds her everywhere she was put: otherwise its silence afterwards would say nothing.
    const before = await tracesIn(store, file, student.id, texts);
    const tablesBefore = new Set(before.map((f) => f.table));
    for (const table of [
      'students',
      'reflections',
      'conversations',
      'goals',
      'subject_enrolments',
      'activities',
      'prompts',
      'signals',
      'platform_identities',
      'outbox',
      'local_messages',
      'audit_log',
    ])
      expect(tablesBefore, table).toContain(table);
    expect(before).toContainEqual({
      table: 'teams_conversations',
      column: 'user_id',
      found: expect.any(String),
    });
    expect(texts).toContain('Sarina');

    const exported = await cli(['export-student', sarina]);
    expect(exported.code).toBe(0);
    const document = JSON.parse(exported.out);
    expect(document.student.email).toBe(sarina);
    expect(document.records.reflections.length).toBe(
      await count(store, 'select count(*) as n from reflections where student_id = ?', student.id),
    );
    expect(document.records.teamsConversations).toHaveLength(1);

    // Another student who shares her last name keeps what names them.
    await recordAudit(store, null, [
      {
        at: DEMO_NOW.toISOString(),
        action: 'update',
        subject: 'koers link',
        channel: 'cli',
        detail: { email: 'chanel.amrani@leerling.koersmeer.example', name: 'Chanel Amrani' },
      },
    ]);
    await keepLocalMessage(store, {
      workspaceId: 'koersmeer',
      recipient: 'teamkamer-bovenbouw',
      toChannel: true,
      studentId: null,
      reply: { blocks: [{ type: 'text', text: 'Met een open aandachtspunt: Chanel Amrani' }] },
      deliveredAt: DEMO_NOW.toISOString(),
    });
    const otherStudents = (await count(store, 'select count(*) as n from students')) - 1;
    const othersReflections = await count(
      store,
      'select count(*) as n from reflections where student_id <> ?',
      student.id,
    );
    const erased = await cli(['erase-student', sarina, '--yes']);
    expect(erased.err).toBe('');
    expect(erased.code).toBe(0);
    expect(erased.out).toMatch(/^Leerling gewist: \d+ rijen verwijderd/);

    expect(await tracesIn(store, file, student.id, texts)).toEqual([]);
    // Nobody else lost anything.
    expect(
      await count(
        store,
        `select count(*) as n from audit_log where ${asText(store, 'detail')} like '%Chanel Amrani%'`,
      ),
    ).toBe(1);
    expect(
      await count(
        store,
        `select count(*) as n from local_messages where ${asText(store, 'reply')} like '%Chanel Amrani%'`,
      ),
    ).toBe(1);
    expect(await count(store, 'select count(*) as n from students')).toBe(otherStudents);
    expect(await count(store, 'select count(*) as n from reflections')).toBe(othersReflections);
    // SQLite's checks of its file; PostgreSQL checks every foreign key as the rows go.
    if (file) {
      expect(query(file, 'pragma foreign_key_check')).toEqual([]);
      expect(query(file, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    }

    // One entry for the erasure: no student, a count, who at the terminal.
    const entries = await rows<{
      student_id: number | null;
      actor_kind: string;
      subject: string;
      detail: unknown;
    }>(store, "select student_id, actor_kind, subject, detail from audit_log where action = 'erase'");
    expect(entries).toHaveLength(1);
    const [entry] = entries as [(typeof entries)[number]];
    expect(entry).toMatchObject({ student_id: null, actor_kind: 'system', subject: 'koers erase-student' });
    expect(Object.keys(rawJson<object>(entry.detail)).sort()).toEqual(['osUser', 'rows']);
    // The entries that were about her are still there, about nobody now.
    expect(
      await count(store, "select count(*) as n from audit_log where action = 'read' and student_id is null"),
    ).toBeGreaterThan(0);

    const audit = await cli(['audit', '--erasures']);
    expect(audit.code).toBe(0);
    expect(audit.out).toMatch(/gewist\s+koers erase-student\s+cli/);
    for (const text of texts) expect(audit.out.toLowerCase()).not.toContain(text.toLowerCase());
    // Her email leads nowhere now.
    const trail = await cli(['audit', sarina]);
    expect(trail.code).toBe(1);
  });

  it.each(storyStudents.slice(1))('leaves no trace of %s either', async (email) => {
    const { store, file, cli } = await freshDemoSchool();
    const student = await leaveFootprint(store, email);
    const texts = await identifyingTexts(store, student);
    expect((await tracesIn(store, file, student.id, texts)).length).toBeGreaterThan(10);
    const { code } = await cli(['erase-student', email, '--yes']);
    expect(code).toBe(0);
    expect(await tracesIn(store, file, student.id, texts)).toEqual([]);
    if (file) expect(query(file, 'pragma foreign_key_check')).toEqual([]);
  });

  // About SQLite's file itself: on SQLite in both test projects.
  it('with --vacuum leaves not a byte of the student in the database file', async () => {
    const { store, file } = await freshDemo();
    const student = await leaveFootprint(store, sarina);
    const texts = (await identifyingTexts(store, student)).map((text) => text.toLowerCase());
    const { code, out } = await koers(['erase-student', sarina, '--yes', '--vacuum', '--db', file]);
    expect(code).toBe(0);
    expect(out).toContain('Het databasebestand is herschreven');
    for (const part of [file, `${file}-wal`]) {
      let bytes = '';
      try {
        bytes = readFileSync(part).toString('latin1').toLowerCase();
      } catch {
        continue;
      }
      for (const text of texts) expect(bytes.includes(text), `${text} in ${part}`).toBe(false);
    }
  });

  it('without --yes says whom it would erase, changes nothing and exits 1', async () => {
    const { store, file, cli } = await freshDemoSchool();
    const before = await dump(store, file);
    const { code, out, err } = await cli(['erase-student', sarina]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('Dit wist Sarina El Amrani (3H) en');
    expect(err).toContain(`koers erase-student ${sarina} --yes`);
    expect(await dump(store, file)).toBe(before);
    const en = await cli(['erase-student', sarina], { KOERS_LOCALE: 'en' });
    expect(en.err).toContain('This erases Sarina El Amrani (3H) and');
  });

  it('refuses an unknown email and a staff member’s, changing nothing', async () => {
    const { store, file, cli } = await freshDemoSchool();
    const before = await dump(store, file);
    const unknown = await cli(['erase-student', 'niemand@koersmeer.example', '--yes']);
    expect(unknown).toEqual({
      code: 1,
      out: '',
      err: 'Geen leerling met het e-mailadres niemand@koersmeer.example in deze database.',
    });
    const staff = await cli(['erase-student', 'm.jansen@koersmeer.example', '--yes']);
    expect(staff.code).toBe(1);
    expect(staff.err).toBe(
      'Het e-mailadres m.jansen@koersmeer.example is van een medewerker, geen leerling. export-student en erase-student gaan alleen over leerlingen.',
    );
    expect(await dump(store, file)).toBe(before);
    const missing = await cli(['erase-student']);
    expect(missing.code).toBe(2);
  });

  it('is one transaction: a failure at the last step leaves everything as it was', async () => {
    const { store, file, cli } = await freshDemoSchool();
    await leaveFootprint(store, sarina);
    if (store.dialect === 'sqlite') {
      await arrangeIn(
        store,
        `create trigger refuse_erase before insert on audit_log when new.action = 'erase'
         begin select raise(abort, 'refused for the test'); end`,
      );
    } else {
      await arrangeIn(
        store,
        `create function refuse_erase() returns trigger language plpgsql as $$
         begin if new.action = 'erase' then raise exception 'refused for the test'; end if; return new; end $$`,
      );
      await arrangeIn(
        store,
        'create trigger refuse_erase before insert on audit_log for each row execute function refuse_erase()',
      );
    }
    const before = await dump(store, file);
    const { code, err } = await cli(['erase-student', sarina, '--yes']);
    expect(code).toBe(1);
    expect(err).toMatch(/onverwachte|unexpected|fout/i);
    expect(await dump(store, file)).toBe(before);
  });

  it('tells how to see erasures when there are none, and needs an email or --erasures', async () => {
    const { cli } = await freshDemoSchool();
    expect(await cli(['audit', '--erasures'])).toEqual({
      code: 0,
      out: 'Er is nog geen leerling gewist.',
      err: '',
    });
    const bare = await cli(['audit']);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain("Argument 'e-mail' ontbreekt.");
  });

  it('takes a text as naming the student only by a whole name or address, not inside another', () => {
    const traces = {
      id: 7,
      email: 'anna.devries@school.example',
      markers: ['anna de vries', 'anna.devries@school.example'],
      identities: [],
    };
    expect(namesStudent('{"text":"Met een open aandachtspunt: Anna de Vries (3H)"}', traces)).toBe(true);
    expect(namesStudent('{"email":"Anna.DeVries@School.example"}', traces)).toBe(true);
    expect(namesStudent('{"text":"Johanna de Vries"}', traces)).toBe(false);
    expect(namesStudent('{"email":"johanna.devries@school.example"}', traces)).toBe(false);
    expect(namesStudent('{"email":"x.anna.devries@school.example"}', traces)).toBe(false);
    expect(namesStudent('{"text":"Anna de Vriesland"}', traces)).toBe(false);
  });
});
