/**
 * A refused attempt leaves a trace: who, which command, "refused", and no student. `koers audit`
 * reads in the school's clock, under column headers.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { translate } from '../src/i18n/translate.ts';
import { recordRefusal, refusalNote } from '../src/store/audit.ts';
import { findPersonByEmail } from '../src/store/people.ts';
import { rawJson } from '../src/store/raw-values.ts';
import type { Store } from '../src/store/store.ts';
import { koers } from './support/cli.ts';
import { askAs, errorsOf, freshDemoEnvAndStore, freshDemoStore } from './support/demo.ts';
import { rows } from './support/store-sql.ts';

const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const benali = 'a.benali@koersmeer.example';

/** The refused attempts, their JSON detail read the same on both dialects. */
const refusals = async (store: Store) =>
  (
    await rows(
      store,
      `select actor_kind, actor_staff_id, actor_student_id, student_id, subject, channel, detail
       from audit_log where action = 'refused' order by id`,
    )
  ).map((row): Record<string, unknown> => ({ ...row, detail: rawJson(row.detail) }));

describe('refused attempts in the audit log', () => {
  it('records a command outside the role: who, which command, through which channel', async () => {
    const store = await freshDemoStore();
    const reply = await askAs(store, sarina, 'leerling daan visser');
    expect(errorsOf(reply)).toEqual([translate('nl', 'access.commandNotForYou', { command: 'leerling' })]);
    const student = await findPersonByEmail(store, sarina);
    expect(await refusals(store)).toEqual([
      {
        actor_kind: 'student',
        actor_staff_id: null,
        actor_student_id: student?.kind === 'student' ? student.studentId : -1,
        // Nothing was looked up, so no student is named, and nothing of what was typed is kept.
        student_id: null,
        subject: 'leerling',
        channel: 'cli',
        detail: { reason: 'commandNotForYou' },
      },
    ]);
  });

  it('names the action that was refused, and records each attempt', async () => {
    const store = await freshDemoStore();
    await askAs(store, benali, 'arrangement evalueer 1 --besluit verlengen --doelen ja');
    await askAs(store, benali, 'gesprek daan --soort coachgesprek');
    expect((await refusals(store)).map((row) => row.subject)).toEqual(['arrangement evalueer', 'gesprek']);
  });

  it('records nothing as refused for a command that is allowed', async () => {
    const store = await freshDemoStore();
    await askAs(store, benali, `leerling ${sarina}`);
    expect(await refusals(store)).toEqual([]);
  });

  it('accepts a refusal about a student, for the student finder to record', async () => {
    const store = await freshDemoStore();
    const actor = await findPersonByEmail(store, benali);
    if (!actor) throw new Error('no demo teacher');
    await recordRefusal(store, actor, {
      subject: 'doelen nieuw',
      channel: 'slack',
      reason: 'readOnly',
      studentId: 1,
    });
    expect(await refusals(store)).toEqual([
      expect.objectContaining({ student_id: 1, subject: 'doelen nieuw', channel: 'slack' }),
    ]);
    expect(refusalNote('denied')).toEqual({
      studentId: null,
      action: 'refused',
      detail: { reason: 'denied' },
    });
  });
});

describe('koers audit', () => {
  it('shows local time under column headers, in both languages', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    // `--db` names the SQLite file; on PostgreSQL the process finds the school by DATABASE_URL.
    const db = env.KOERS_DB ? ['--db', env.KOERS_DB] : [];
    await askAs(store, 'm.jansen@koersmeer.example', `leerling ${sarina}`);
    const [entry] = await rows<{ at: string }>(
      store,
      "select at from audit_log where subject = 'leerling' order by id desc limit 1",
    );
    const local = DateTime.fromISO(entry?.at ?? '')
      .setZone('Europe/Amsterdam')
      .toFormat('yyyy-MM-dd HH:mm:ss');
    const nl = await koers(['audit', ...db, sarina], env);
    const [header, ...lines] = nl.out.split('\n').map((line) => line.split(/\s{2,}/));
    expect(header).toEqual(['tijd (Europe/Amsterdam)', 'wie', 'wat', 'commando', 'kanaal']);
    expect(lines).toContainEqual([local, 'm.jansen@koersmeer.example', 'ingezien', 'leerling', 'cli']);
    const en = await koers(['audit', ...db, sarina], { ...env, KOERS_LOCALE: 'en' });
    expect(en.out.split('\n')[0]?.split(/\s{2,}/)).toEqual([
      'time (Europe/Amsterdam)',
      'who',
      'what',
      'command',
      'channel',
    ]);
  });
});
