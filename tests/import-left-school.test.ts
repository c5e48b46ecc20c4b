/**
 * A student or staff member a roster import deactivated (`left_on`) is no longer part of the
 * school's life: no prompts, in nobody's scope, caseload or lookup, not in summaries, not swept
 * for signals, not identified, not reached; staff who left have no roles that work. Coming back
 * in a later roster makes them part of it again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staffRecipient, studentRecipients } from '../src/store/delivery-identities.ts';
import { summaryFacts } from '../src/store/indicator-facts.ts';
import { localPeople } from '../src/store/local-people.ts';
import { findPersonByEmail, findPersonByPlatformUser, studentIdOfPlatformUser } from '../src/store/people.ts';
import { menteePromptSettings, promptCandidates, promptsToRemind } from '../src/store/prompts.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { studentsInScope } from '../src/store/scope.ts';
import { mentorsWithNewSignals } from '../src/store/signal-digest.ts';
import { signalFactsLoader, studentsToSweep } from '../src/store/signal-facts.ts';
import { careCoordinatorsOf } from '../src/store/signals.ts';
import type { Store } from '../src/store/store.ts';
import { koers } from './support/cli.ts';
import { askAs, freshDemoEnvAndStore, freshDemoStore } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';
import { tempDir } from './support/temp.ts';

const DAAN = 'daan.visser@leerling.koersmeer.example';
const JANSEN = 'm.jansen@koersmeer.example';
const BOS = 'z.bos@koersmeer.example';

const idOf = async (store: Store, email: string) =>
  (await rows<{ id: number }>(store, 'select id from students where email = ?', [email]))[0]?.id as number;
const firstId = async (store: Store, sql: string, params: string[] = []) =>
  (await rows<{ id: number }>(store, sql, params))[0]?.id as number;

describe('a student who left the school', () => {
  it('is in nobody’s scope, gets no prompts or reminders, is not swept, summarised, identified or reached', async () => {
    const store = await freshDemoStore();
    const daan = await idOf(store, DAAN);
    const mentor = await findPersonByEmail(store, JANSEN);
    if (!mentor) throw new Error('no mentor');
    const schoolId = await firstId(store, 'select id from schools');
    const group3H = await firstId(store, "select id from groups where name = '3H'");
    const period = { from: '2026-11-02', to: '2026-11-22' };
    const before = await summaryFacts(store, { kind: 'group', id: group3H }, period);
    expect((await studentsInScope(store, mentor)).map((s) => s.id)).toContain(daan);
    await arrangeIn(
      store,
      `insert into prompts (student_id, iso_week, prompted_at, expires_at)
         values (${daan}, '2026-W48', '2026-11-27T12:00:00.000Z', '2026-12-03T12:00:00.000Z')`,
    );
    expect(
      (await promptsToRemind(store, '2026-11-29T12:00:00.000Z', '2026-11-29T12:00:00.000Z')).map(
        (p) => p.studentId,
      ),
    ).toContain(daan);

    await arrangeIn(store, `update students set left_on = '2026-11-20' where id = ${daan}`);

    expect((await studentsInScope(store, mentor)).map((s) => s.id)).not.toContain(daan);
    expect((await promptCandidates(store)).map((c) => c.studentId)).not.toContain(daan);
    expect(
      (await promptsToRemind(store, '2026-11-29T12:00:00.000Z', '2026-11-29T12:00:00.000Z')).map(
        (p) => p.studentId,
      ),
    ).not.toContain(daan);
    expect(
      (await menteePromptSettings(store, mentor.kind === 'staff' ? mentor.staffId : 0, '2026-11-23')).total,
    ).toBe(24);
    expect((await studentsToSweep(store, schoolId)).map((s) => s.id)).not.toContain(daan);
    expect(
      await signalFactsLoader(store)(daan, () => ({
        reflections: 8,
        talkRequest: true,
        enrolments: true,
        conversations: true,
      })),
    ).toBeUndefined();
    const after = await summaryFacts(store, { kind: 'group', id: group3H }, period);
    expect(after?.groups[0]?.students).toBe((before?.groups[0]?.students ?? 0) - 1);
    expect(await findPersonByEmail(store, DAAN)).toBeUndefined();
    expect(await findPersonByPlatformUser(store, 'local', 'koersmeer', DAAN)).toBeUndefined();
    expect(await studentIdOfPlatformUser(store, 'local', 'koersmeer', DAAN)).toBeUndefined();
    expect([...(await studentRecipients(store, ['local'])).keys()]).not.toContain(daan);
    expect((await localPeople(store, 'koersmeer')).map((p) => p.userId)).not.toContain(DAAN);

    // Asked for by name, he does not exist for his mentor.
    const reply = await askAs(store, JANSEN, 'leerling daan visser');
    expect(JSON.stringify(reply.blocks)).not.toContain('Visser');
  });

  it('a mentor who left is not identified, has no roles that work and gets no digest or escalation', async () => {
    const store = await freshDemoStore();
    const schoolId = await firstId(store, 'select id from schools');
    const bos = await firstId(store, 'select id from staff where email = ?', [BOS]);
    expect((await careCoordinatorsOf(store, schoolId)).map((c) => c.id)).toContain(bos);
    await arrangeIn(
      store,
      `insert into signals (student_id, kind, severity, evidence, first_seen_at, last_seen_at)
         values ((select id from students where email = '${DAAN}'), 'te-weinig-uitdaging', 'let-op', '{}',
           '2026-11-22T06:30:00.000Z', '2026-11-22T06:30:00.000Z')`,
    );
    await arrangeIn(store, `update staff set left_on = '2026-11-20' where email in ('${BOS}', '${JANSEN}')`);
    expect(await findPersonByEmail(store, BOS)).toBeUndefined();
    expect(await findPersonByEmail(store, JANSEN)).toBeUndefined();
    expect((await careCoordinatorsOf(store, schoolId)).map((c) => c.id)).not.toContain(bos);
    expect(await staffRecipient(store, bos, ['local'])).toBeUndefined();
    const window = { since: '2026-11-21T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z' };
    const jansen = await firstId(store, 'select id from staff where email = ?', [JANSEN]);
    expect(await mentorsWithNewSignals(store, schoolId, window)).not.toContain(jansen);
    expect((await localPeople(store, 'koersmeer')).map((p) => p.userId)).not.toContain(BOS);
  });

  it('leaves with a roster import and comes back with the next one', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    const path = join(tempDir(), 'leerlingen.csv');
    const everyone = await rows<Record<string, string | number | null>>(
      store,
      `select s.email, s.first_name as voornaam, coalesce(s.last_name_prefix, '') as tussenvoegsel,
         s.last_name as achternaam, g.name as groep, s.onderwijssoort, s.leerjaar, coalesce(m.email, '') as mentor
       from students s join groups g on g.id = s.group_id left join staff m on m.id = s.mentor_id order by s.id`,
    );
    const write = (rows: typeof everyone) =>
      writeFileSync(
        path,
        [Object.keys(everyone[0] ?? {}).join(','), ...rows.map((r) => Object.values(r).join(','))].join('\n'),
      );
    write(everyone.filter((r) => r.email !== DAAN));
    expect((await koers(['import', 'students', path], env)).out).toContain('1 niet meer op school');
    expect(
      await rows(
        store,
        'select case when left_on is not null then 1 else 0 end as gone from students where email = ?',
        [DAAN],
      ),
    ).toEqual([{ gone: 1 }]);
    expect(await findPersonByEmail(store, DAAN)).toBeUndefined();
    // Queued messages to him are dropped with his leaving; the audit says what happened, not who he is.
    const audited = await rows<{ action: string; subject: string; detail: unknown }>(
      store,
      "select action, subject, detail from audit_log where subject = 'import students' and student_id = ?",
      [await idOf(store, DAAN)],
    );
    expect(audited.map((a) => ({ ...a, detail: rawJson(a.detail) }))).toEqual([
      { action: 'update', subject: 'import students', detail: { outcome: 'deactivated' } },
    ]);

    write(everyone);
    const back = await koers(['import', 'students', path], env);
    expect(back.out).toBe(
      'Leerlingen van Koersmeer College: 0 nieuw, 1 gewijzigd, 74 ongewijzigd, 0 niet meer op school (gedeactiveerd).',
    );
    expect(await rows(store, 'select left_on from students where email = ?', [DAAN])).toEqual([
      { left_on: null },
    ]);
    expect((await findPersonByEmail(store, DAAN))?.kind).toBe('student');
  });
});
