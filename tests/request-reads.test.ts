/**
 * What a request reads on its way to an answer, made cheaper without changing what it means (issue
 * 17): the person comes with their school's setting, prepared queries read what a transaction
 * wrote, and a request's audit entries are written while its handler goes on, all of them, also
 * when it fails. On the run's dialect (`freshDemoStore()`).
 */
import { describe, expect, it, vi } from 'vitest';
import { inContext, settle } from '../src/engine/execution.ts';
import { loadCommands } from '../src/engine/registry.ts';
import { findPersonByEmail, findPersonByPlatformUser } from '../src/store/people.ts';
import { rawJson } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { goalsOf, studentProfile } from '../src/store/student-records.ts';
import { DEMO_NOW, freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const MENTOR = 'm.jansen@koersmeer.example';
const SARINA = 'sarina.elamrani@leerling.koersmeer.example';

async function idOf(store: Store, email: string): Promise<number> {
  const [row] = await rows<{ id: number }>(store, 'select id from students where email = ?', [email]);
  if (!row) throw new Error(`no student ${email}`);
  return row.id;
}

const auditOf = (store: Store, studentId: number) =>
  rows<{ action: string; subject: string }>(
    store,
    'select action, subject from audit_log where student_id = ? order by id',
    [studentId],
  );

/** The handler's context of `leerling` for the mentor, and `work` run in it as the command would. */
async function asMentor<T>(store: Store, work: Parameters<typeof inContext<T>>[3]): Promise<T> {
  const actor = await findPersonByEmail(store, MENTOR);
  if (!actor) throw new Error('no mentor');
  const commands = await loadCommands();
  const leerling = commands.find((c) => c.name === 'leerling');
  const main = leerling?.actions.find((a) => a.name === 'main');
  if (!leerling || !main) throw new Error('no leerling command');
  const setting = settle({ store, actor, channel: 'cli', now: DEMO_NOW }, commands);
  return inContext(setting, leerling, main, work);
}

describe('the person and their school', () => {
  it("comes with the school's time zone and language as the store holds them now", async () => {
    const store = await freshDemoStore();
    const before = await findPersonByEmail(store, MENTOR);
    expect(before?.school).toEqual({ timeZone: 'Europe/Amsterdam', defaultLocale: 'nl' });
    await arrangeIn(
      store,
      `update schools set time_zone = 'Europe/London', default_locale = 'en' where id = ?`,
      [before?.schoolId ?? -1],
    );
    const after = await findPersonByEmail(store, MENTOR);
    expect(after?.school).toEqual({ timeZone: 'Europe/London', defaultLocale: 'en' });
    const student = await findPersonByEmail(store, SARINA);
    expect(student?.school).toEqual({ timeZone: 'Europe/London', defaultLocale: 'en' });
    // The request speaks the school's language when the person chose none.
    expect(after?.locale).toBeNull();
    const setting = settle({ store, actor: after as NonNullable<typeof after>, channel: 'cli' }, []);
    expect(setting).toMatchObject({ locale: 'en', timeZone: 'Europe/London' });
  });
});

describe('the person behind a platform account', () => {
  it('is found in one query with their roles and school, and no one once they left', async () => {
    const store = await freshDemoStore();
    const mentor = await findPersonByEmail(store, MENTOR);
    const student = await findPersonByEmail(store, SARINA);
    if (mentor?.kind !== 'staff' || student?.kind !== 'student') throw new Error('demo people');
    await arrangeIn(
      store,
      `insert into platform_identities (platform, workspace_id, user_id, person_kind, staff_id, student_id, linked_at)
       values ('slack', 'T0READS', 'UMENTOR', 'staff', ?, null, '2026-11-01T00:00:00.000Z'),
              ('slack', 'T0READS', 'USARINA', 'student', null, ?, '2026-11-01T00:00:00.000Z')`,
      [mentor.staffId, student.studentId],
    );
    const byLink = (userId: string) => findPersonByPlatformUser(store, 'slack', 'T0READS', userId);
    // The same person as by address: every role (a row each in the query), the school's setting.
    expect(mentor.roles.length).toBeGreaterThan(1);
    expect(await byLink('UMENTOR')).toEqual(mentor);
    expect(await byLink('USARINA')).toEqual(student);
    expect(await byLink('UNOBODY')).toBeUndefined();
    expect(await findPersonByPlatformUser(store, 'teams', 'T0READS', 'UMENTOR')).toBeUndefined();

    await arrangeIn(store, `update staff set left_on = '2026-11-20' where id = ?`, [mentor.staffId]);
    await arrangeIn(store, `update students set left_on = '2026-11-20' where id = ?`, [student.studentId]);
    expect(await byLink('UMENTOR')).toBeUndefined();
    expect(await byLink('USARINA')).toBeUndefined();
  });
});

describe('a prepared query', () => {
  it('reads what the transaction it runs in wrote, and nothing of one rolled back', async () => {
    const store = await freshDemoStore();
    const sarina = await idOf(store, SARINA);
    const open = (await goalsOf(store, sarina, 'open')).length;
    const written = 'Een doel dat alleen de transactie kent';
    await expect(
      store.transaction(async () => {
        await arrangeIn(
          store,
          `insert into goals (student_id, title, category, status, origin, created_at)
           values (?, ?, 'leerstrategie', 'open', 'eigen', '2026-11-23T09:00:00.000Z')`,
          [sarina, written],
        );
        const inside = await goalsOf(store, sarina, 'open');
        expect(inside.map((g) => g.title)).toContain(written);
        expect(inside).toHaveLength(open + 1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const outside = await goalsOf(store, sarina, 'open');
    expect(outside).toHaveLength(open);
    expect(outside.map((g) => g.title)).not.toContain(written);
  });

  it('runs again with other values, and a student who is not there is an error, not another student', async () => {
    const store = await freshDemoStore();
    const sarina = await idOf(store, SARINA);
    const [other] = await rows<{ id: number }>(
      store,
      'select id from students where id <> ? order by id limit 1',
      [sarina],
    );
    expect((await studentProfile(store, sarina)).email).toBe(SARINA);
    expect((await studentProfile(store, other?.id ?? -1)).id).toBe(other?.id);
    await expect(studentProfile(store, 999_999)).rejects.toThrow('student 999999 vanished');
  });
});

describe("a request's audit entries", () => {
  it('are written while the handler still works', async () => {
    const store = await freshDemoStore();
    const sarina = await idOf(store, SARINA);
    await asMentor(store, async (context) => {
      context.auditRead(sarina);
      // Still inside the handler: the entry is on its way, and lands before the handler ends.
      await vi.waitFor(async () => expect(await auditOf(store, sarina)).toHaveLength(1), {
        timeout: 5_000,
        interval: 5,
      });
    });
    expect(await auditOf(store, sarina)).toEqual([{ action: 'read', subject: 'leerling' }]);
  });

  it('leave the detail empty (SQL NULL) when there is none, and keep it as JSON when there is', async () => {
    const store = await freshDemoStore();
    const sarina = await idOf(store, SARINA);
    await asMentor(store, async (context) => {
      context.auditRead(sarina);
      await new Promise((resolve) => setImmediate(resolve));
      context.auditRead(sarina, { section: 'trend' });
    });
    const written = await rows<{ empty: unknown; detail: unknown }>(
      store,
      `select case when detail is null then 1 else 0 end as empty, detail
       from audit_log where student_id = ? order by id`,
      [sarina],
    );
    expect(written.map((row) => [Number(row.empty), rawJson(row.detail)])).toEqual([
      [1, null],
      [0, { section: 'trend' }],
    ]);
  });

  it('are all written when the handler fails after reading', async () => {
    const store = await freshDemoStore();
    const sarina = await idOf(store, SARINA);
    await expect(
      asMentor(store, async (context) => {
        context.auditRead(sarina);
        // Noted inside a transaction: it waits for the end of the request, which is this failure.
        await store.transaction(async () => context.auditRead(sarina, { section: 'trend' }));
        throw new Error('the card broke');
      }),
    ).rejects.toThrow('the card broke');
    expect(await auditOf(store, sarina)).toEqual([
      { action: 'read', subject: 'leerling' },
      { action: 'read', subject: 'leerling' },
    ]);
  });

  it('noted inside a transaction that is rolled back are kept: the reading happened', async () => {
    const store = await freshDemoStore();
    const sarina = await idOf(store, SARINA);
    await asMentor(store, async (context) => {
      await expect(
        store.transaction(async () => {
          context.auditRead(sarina);
          await new Promise((resolve) => setImmediate(resolve));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      // Waiting for the end of the request, not written inside the transaction that was undone.
      expect(await auditOf(store, sarina)).toEqual([]);
    });
    expect(await auditOf(store, sarina)).toEqual([{ action: 'read', subject: 'leerling' }]);
  });

  it('fail the request when they cannot be written, after the handler finished', async () => {
    const store = await freshDemoStore();
    const sarina = await idOf(store, SARINA);
    await expect(
      asMentor(store, async (context) => {
        context.auditRead(sarina);
        context.auditRead(-1);
        return 'answer';
      }),
    ).rejects.toThrow();
    expect(await auditOf(store, sarina)).toEqual([]);
  });
});
