/**
 * Retention: the reflections and conversation notes of a student who left are deleted by the
 * daily `retention` job once `retention_years` whole school years (1 August – 31 July) have
 * passed after the school year in which they left. docs/privacy.md states the rule.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findJob, jobs } from '../src/jobs/registry.ts';
import { retentionJob } from '../src/jobs/retention.ts';
import type { Store } from '../src/store/database.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { retentionCutoff, retentionEndsOn, setRetentionYears } from '../src/store/retention.ts';
import type { SqlValue } from '../src/store/store.ts';
import { freshDemoSchool } from './support/demo.ts';
import { query } from './support/dump.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const daan = 'daan.visser@leerling.koersmeer.example';
const noor = 'noor.hendriks@leerling.koersmeer.example';

const at = (moment: string) => DateTime.fromISO(moment, { zone: 'Europe/Amsterdam' });
const run = (store: Store, moment: string) =>
  retentionJob.run({ store, now: at(moment), platforms: ['local'], senders: [] });

const count = async (store: Store, sql: string, ...params: SqlValue[]) =>
  ((await rows<{ n: number }>(store, sql, params))[0] as { n: number }).n;
const notesOf = async (store: Store, email: string) => ({
  reflections: await count(
    store,
    'select count(*) as n from reflections r join students s on s.id = r.student_id where s.email = ?',
    email,
  ),
  conversations: await count(
    store,
    'select count(*) as n from conversations c join students s on s.id = c.student_id where s.email = ?',
    email,
  ),
});

function leave(store: Store, email: string, day: string) {
  return arrangeIn(store, `update students set left_on = '${day}' where email = '${email}'`);
}

describe('the retention rule', () => {
  it.each([
    // left on, years, deleted on
    ['2026-03-15', 2, '2028-08-01'],
    ['2026-07-31', 2, '2028-08-01'],
    ['2026-08-01', 2, '2029-08-01'],
    ['2026-12-20', 2, '2029-08-01'],
    ['2026-12-20', 1, '2028-08-01'],
    ['2024-01-01', 10, '2034-08-01'],
  ])('a student who left on %s, kept %i school years, loses the notes on %s', (leftOn, years, endsOn) => {
    expect(retentionEndsOn(leftOn, years)).toBe(endsOn);
  });

  it('is due on a day exactly when the student left before that day’s cutoff', () => {
    const day = fc
      .date({
        min: new Date('2015-01-01T00:00:00Z'),
        max: new Date('2045-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 10 }), (leftOn, today, years) => {
        expect(leftOn < retentionCutoff(today, years)).toBe(retentionEndsOn(leftOn, years) <= today);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the retention job', () => {
  it('is registered, daily, and runs from the command line', async () => {
    expect(jobs).toContain(retentionJob);
    expect(findJob('retention')?.schedule).toBe('0 4 * * *');
    const { store, cli } = await freshDemoSchool();
    await leave(store, sarina, '2026-03-15');
    const listed = await cli(['jobs', 'list']);
    expect(listed.out).toContain('retention\t0 4 * * *');
    // A board that moves it into its own night window sees the time it set.
    const moved = await cli(['jobs', 'list'], { KOERS_SCHEDULE: 'retention=15 2 * * 0' });
    expect(moved.out).toContain('retention\t15 2 * * 0');
    expect(moved.out).toContain('signals\t30 6 * * *');
    const early = await cli(['jobs', 'run', 'retention', '--now', '2028-07-31T23:00']);
    expect(early.code).toBe(0);
    expect(early.out).toContain('students: 0');
    const due = await cli(['jobs', 'run', 'retention', '--now', '2028-08-01T04:00']);
    expect(due.code).toBe(0);
    expect(due.out).toContain('students: 1');
    expect(await notesOf(store, sarina)).toEqual({ reflections: 0, conversations: 0 });
  });

  it('deletes the notes of students whose retention has passed, and nothing else', async () => {
    const { store, file } = await freshDemoSchool();
    await leave(store, sarina, '2026-03-15'); // school year 2025-2026: gone on 2028-08-01
    await leave(store, noor, '2026-08-01'); // school year 2026-2027: gone on 2029-08-01
    const sarinaBefore = await notesOf(store, sarina);
    const noorBefore = await notesOf(store, noor);
    const daanBefore = await notesOf(store, daan);
    expect(sarinaBefore.reflections).toBeGreaterThan(0);
    expect(sarinaBefore.conversations).toBeGreaterThan(0);
    const goalsBefore = await count(store, 'select count(*) as n from goals');
    const agreed = await count(
      store,
      'select count(*) as n from goals g join students s on s.id = g.student_id where s.email = ? and g.conversation_id is not null',
      sarina,
    );
    const enrolments = await count(store, 'select count(*) as n from subject_enrolments');
    await arrangeIn(
      store,
      `insert into signal_checks (student_id, checked_at) values (1, '2026-11-23T05:30:00.000Z')`,
    );

    // The last day of the second school year after she left: still there.
    expect(await run(store, '2028-07-31T23:59')).toEqual({ students: 0, reflections: 0, conversations: 0 });
    expect(await notesOf(store, sarina)).toEqual(sarinaBefore);

    expect(await run(store, '2028-08-01T00:00')).toEqual({ students: 1, ...sarinaBefore });
    expect(await notesOf(store, sarina)).toEqual({ reflections: 0, conversations: 0 });
    expect(await notesOf(store, noor)).toEqual(noorBefore);
    expect(await notesOf(store, daan)).toEqual(daanBefore);
    // Her goals stay (retention is about notes), without the link to a conversation that is gone.
    expect(await count(store, 'select count(*) as n from goals')).toBe(goalsBefore);
    expect(agreed).toBeGreaterThan(0);
    expect(
      await count(
        store,
        'select count(*) as n from goals g join students s on s.id = g.student_id where s.email = ? and g.conversation_id is not null',
        sarina,
      ),
    ).toBe(0);
    expect(await count(store, 'select count(*) as n from subject_enrolments')).toBe(enrolments);
    expect(
      await count(
        store,
        'select count(*) as n from reflection_goal_progress where reflection_id not in (select id from reflections)',
      ),
    ).toBe(0);
    expect(
      await count(
        store,
        'select count(*) as n from conversation_participants where conversation_id not in (select id from conversations)',
      ),
    ).toBe(0);
    // The next sweep looks at her afresh: data changed outside the commands.
    expect(await count(store, 'select count(*) as n from signal_checks where student_id = 1')).toBe(0);
    // One audit entry for her, with counts only.
    const entries = await rows<{
      student_id: number;
      action: string;
      subject: string;
      channel: string;
      detail: unknown;
    }>(
      store,
      "select student_id, action, subject, channel, detail from audit_log where subject = 'retention'",
    );
    expect(entries.map((entry) => ({ ...entry, detail: rawJson(entry.detail) }))).toEqual([
      {
        student_id: 1,
        action: 'delete',
        subject: 'retention',
        channel: 'job',
        detail: sarinaBefore,
      },
    ]);
    // Again: nothing left to do.
    expect(await run(store, '2028-08-02T04:00')).toEqual({ students: 0, reflections: 0, conversations: 0 });
    expect(await run(store, '2029-08-01T04:00')).toMatchObject({ students: 1, ...noorBefore });
    // SQLite's check of its file; PostgreSQL checks every foreign key as the rows change.
    if (file) expect(query(file, 'pragma foreign_key_check')).toEqual([]);
  });

  it('counts the school’s own number of years, in its own calendar day', async () => {
    const { store } = await freshDemoSchool();
    await leave(store, sarina, '2026-03-15');
    await setRetentionYears(store, 1, 1);
    // 2027-08-01 00:30 in Amsterdam is still 31 July in UTC: the school's day counts.
    expect(await run(store, '2027-08-01T00:30')).toMatchObject({ students: 1 });
    await setRetentionYears(store, 1, 5);
    await leave(store, daan, '2026-03-15');
    expect(await run(store, '2030-08-01T04:00')).toMatchObject({ students: 0 });
    expect(await run(store, '2031-08-01T04:00')).toMatchObject({ students: 1 });
    await expect(setRetentionYears(store, 1, 11)).rejects.toThrow(RangeError);
  });

  it('leaves students who are still at school alone, however old their notes', async () => {
    const { store } = await freshDemoSchool();
    const before = await count(store, 'select count(*) as n from reflections');
    expect(await run(store, '2040-08-01T04:00')).toEqual({ students: 0, reflections: 0, conversations: 0 });
    expect(await count(store, 'select count(*) as n from reflections')).toBe(before);
  });
});

describe('koers retention', () => {
  it('shows and sets a school’s retention, audited', async () => {
    const { store, cli } = await freshDemoSchool();
    const shown = await cli(['retention']);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(
      /^Bewaartermijn van Koersmeer College: 2 schooljaren\. Reflecties en gespreksverslagen van wie vóór \d{4}-08-01 vertrok, worden verwijderd\.$/,
    );
    const set = await cli(['retention', '--years', '1'], { KOERS_LOCALE: 'en' });
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/^Retention at Koersmeer College: 1 school year\./);
    expect(await rows(store, 'select retention_years as years from schools')).toEqual([{ years: 1 }]);
    const entry = await rows<{ action: string; subject: string; detail: unknown }>(
      store,
      "select action, subject, detail from audit_log where subject = 'koers retention'",
    );
    expect(entry).toHaveLength(1);
    expect(rawJson(entry[0]?.detail ?? '{}')).toMatchObject({ schoolId: 1, retentionYears: 1 });
  });

  it('refuses a number of years outside 1–10, a word, and an unknown school', async () => {
    const { store, cli } = await freshDemoSchool();
    expect(await cli(['retention', '--years', '11'])).toEqual({
      code: 1,
      out: '',
      err: 'Kies 1 tot en met 10 schooljaren, niet 11.',
    });
    expect((await cli(['retention', '--years', '0'])).code).toBe(1);
    const word = await cli(['retention', '--years', 'twee']);
    expect(word.code).toBe(2);
    expect(word.err).toContain("'twee' is geen geheel getal");
    const school = await cli(['retention', '--years', '3', '--school', 'Elders']);
    expect(school).toEqual({
      code: 1,
      out: '',
      err: "Geen school met de naam 'Elders'. Scholen: Koersmeer College",
    });
    expect(await rows(store, 'select retention_years as years from schools')).toEqual([{ years: 2 }]);
  });
});
