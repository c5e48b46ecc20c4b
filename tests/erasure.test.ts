/**
 * `koers erase-student <email> --yes`: the student and every row about them go in one
 * transaction, and afterwards no table of the database (sqlite_master: also a table added later)
 * holds their id, name or email, in any column, JSON included. One audit entry says an erasure
 * happened, naming nobody; `koers audit --erasures` shows it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../src/store/audit.ts';
import { keepLocalMessage } from '../src/store/local-inbox.ts';
import { namesStudent } from '../src/store/student-export.ts';
import { koers } from './support/cli.ts';
import { DEMO_NOW, freshDemo } from './support/demo.ts';
import { arrange, dumpTables, query } from './support/dump.ts';
import { identifyingTexts, leaveFootprint, tracesInDatabase } from './support/student-footprint.ts';

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

const count = (file: string, sql: string, ...params: unknown[]) =>
  (query<{ n: number }>(file, sql, ...params)[0] as { n: number }).n;

describe('koers erase-student', () => {
  it('exports a demo student, erases them, and leaves no trace; the audit log says so without naming them', async () => {
    const { store, file } = await freshDemo();
    const student = await leaveFootprint(store, sarina);
    const texts = identifyingTexts(file, student);
    // The scan finds her everywhere she was put: otherwise its silence afterwards would say nothing.
    const before = tracesInDatabase(file, student.id, texts);
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

    const exported = await koers(['export-student', sarina, '--db', file]);
    expect(exported.code).toBe(0);
    const document = JSON.parse(exported.out);
    expect(document.student.email).toBe(sarina);
    expect(document.records.reflections.length).toBe(
      count(file, 'select count(*) as n from reflections where student_id = ?', student.id),
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
    const otherStudents = count(file, 'select count(*) as n from students') - 1;
    const othersReflections = count(
      file,
      'select count(*) as n from reflections where student_id <> ?',
      student.id,
    );
    const erased = await koers(['erase-student', sarina, '--yes', '--db', file]);
    expect(erased.err).toBe('');
    expect(erased.code).toBe(0);
    expect(erased.out).toMatch(/^Leerling gewist: \d+ rijen verwijderd/);

    expect(tracesInDatabase(file, student.id, texts)).toEqual([]);
    // Nobody else lost anything.
    expect(count(file, "select count(*) as n from audit_log where detail like '%Chanel Amrani%'")).toBe(1);
    expect(count(file, "select count(*) as n from local_messages where reply like '%Chanel Amrani%'")).toBe(
      1,
    );
    expect(count(file, 'select count(*) as n from students')).toBe(otherStudents);
    expect(count(file, 'select count(*) as n from reflections')).toBe(othersReflections);
    expect(query(file, 'pragma foreign_key_check')).toEqual([]);
    expect(query(file, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);

    // One entry for the erasure: no student, a count, who at the terminal.
    const entries = query<{ student_id: number | null; actor_kind: string; subject: string; detail: string }>(
      file,
      "select student_id, actor_kind, subject, detail from audit_log where action = 'erase'",
    );
    expect(entries).toHaveLength(1);
    const [entry] = entries as [(typeof entries)[number]];
    expect(entry).toMatchObject({ student_id: null, actor_kind: 'system', subject: 'koers erase-student' });
    expect(Object.keys(JSON.parse(entry.detail)).sort()).toEqual(['osUser', 'rows']);
    // The entries that were about her are still there, about nobody now.
    expect(
      count(file, "select count(*) as n from audit_log where action = 'read' and student_id is null"),
    ).toBeGreaterThan(0);

    const audit = await koers(['audit', '--erasures', '--db', file]);
    expect(audit.code).toBe(0);
    expect(audit.out).toMatch(/gewist\s+koers erase-student\s+cli/);
    for (const text of texts) expect(audit.out.toLowerCase()).not.toContain(text.toLowerCase());
    // Her email leads nowhere now.
    const trail = await koers(['audit', sarina, '--db', file]);
    expect(trail.code).toBe(1);
  });

  it.each(storyStudents.slice(1))('leaves no trace of %s either', async (email) => {
    const { store, file } = await freshDemo();
    const student = await leaveFootprint(store, email);
    const texts = identifyingTexts(file, student);
    expect(tracesInDatabase(file, student.id, texts).length).toBeGreaterThan(10);
    const { code } = await koers(['erase-student', email, '--yes', '--db', file]);
    expect(code).toBe(0);
    expect(tracesInDatabase(file, student.id, texts)).toEqual([]);
    expect(query(file, 'pragma foreign_key_check')).toEqual([]);
  });

  it('with --vacuum leaves not a byte of the student in the database file', async () => {
    const { store, file } = await freshDemo();
    const student = await leaveFootprint(store, sarina);
    const texts = identifyingTexts(file, student).map((text) => text.toLowerCase());
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
    const { file } = await freshDemo();
    const before = dumpTables(file);
    const { code, out, err } = await koers(['erase-student', sarina, '--db', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('Dit wist Sarina El Amrani (3H) en');
    expect(err).toContain(`koers erase-student ${sarina} --yes`);
    expect(dumpTables(file)).toBe(before);
    const en = await koers(['erase-student', sarina, '--db', file], { KOERS_LOCALE: 'en' });
    expect(en.err).toContain('This erases Sarina El Amrani (3H) and');
  });

  it('refuses an unknown email and a staff member’s, changing nothing', async () => {
    const { file } = await freshDemo();
    const before = dumpTables(file);
    const unknown = await koers(['erase-student', 'niemand@koersmeer.example', '--yes', '--db', file]);
    expect(unknown).toEqual({
      code: 1,
      out: '',
      err: 'Geen leerling met het e-mailadres niemand@koersmeer.example in deze database.',
    });
    const staff = await koers(['erase-student', 'm.jansen@koersmeer.example', '--yes', '--db', file]);
    expect(staff.code).toBe(1);
    expect(staff.err).toBe(
      'Het e-mailadres m.jansen@koersmeer.example is van een medewerker, geen leerling. export-student en erase-student gaan alleen over leerlingen.',
    );
    expect(dumpTables(file)).toBe(before);
    const missing = await koers(['erase-student', '--db', file]);
    expect(missing.code).toBe(2);
  });

  it('is one transaction: a failure at the last step leaves everything as it was', async () => {
    const { store, file } = await freshDemo();
    await leaveFootprint(store, sarina);
    arrange(
      file,
      `create trigger refuse_erase before insert on audit_log when new.action = 'erase'
       begin select raise(abort, 'refused for the test'); end;`,
    );
    const before = dumpTables(file);
    const { code, err } = await koers(['erase-student', sarina, '--yes', '--db', file]);
    expect(code).toBe(1);
    expect(err).toMatch(/onverwachte|unexpected|fout/i);
    expect(dumpTables(file)).toBe(before);
  });

  it('tells how to see erasures when there are none, and needs an email or --erasures', async () => {
    const { file } = await freshDemo();
    expect(await koers(['audit', '--erasures', '--db', file])).toEqual({
      code: 0,
      out: 'Er is nog geen leerling gewist.',
      err: '',
    });
    const bare = await koers(['audit', '--db', file]);
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
