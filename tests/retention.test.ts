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
import { retentionCutoff, retentionEndsOn, setRetentionYears } from '../src/store/retention.ts';
import { koers } from './support/cli.ts';
import { freshDemo } from './support/demo.ts';
import { arrange, query } from './support/dump.ts';

const sarina = 'sarina.elamrani@leerling.koersmeer.example';
const daan = 'daan.visser@leerling.koersmeer.example';
const noor = 'noor.hendriks@leerling.koersmeer.example';

const at = (moment: string) => DateTime.fromISO(moment, { zone: 'Europe/Amsterdam' });
const run = (store: Store, moment: string) =>
  retentionJob.run({ store, now: at(moment), platforms: ['local'], senders: [] });

const count = (file: string, sql: string, ...params: unknown[]) =>
  (query<{ n: number }>(file, sql, ...params)[0] as { n: number }).n;
const notesOf = (file: string, email: string) => ({
  reflections: count(
    file,
    'select count(*) as n from reflections r join students s on s.id = r.student_id where s.email = ?',
    email,
  ),
  conversations: count(
    file,
    'select count(*) as n from conversations c join students s on s.id = c.student_id where s.email = ?',
    email,
  ),
});

function leave(file: string, email: string, day: string) {
  arrange(file, `update students set left_on = '${day}' where email = '${email}'`);
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
    const { file } = await freshDemo();
    leave(file, sarina, '2026-03-15');
    const listed = await koers(['jobs', 'list', '--db', file]);
    expect(listed.out).toContain('retention\t0 4 * * *');
    const early = await koers(['jobs', 'run', 'retention', '--now', '2028-07-31T23:00', '--db', file]);
    expect(early.code).toBe(0);
    expect(early.out).toContain('students: 0');
    const due = await koers(['jobs', 'run', 'retention', '--now', '2028-08-01T04:00', '--db', file]);
    expect(due.code).toBe(0);
    expect(due.out).toContain('students: 1');
    expect(notesOf(file, sarina)).toEqual({ reflections: 0, conversations: 0 });
  });

  it('deletes the notes of students whose retention has passed, and nothing else', async () => {
    const { store, file } = await freshDemo();
    leave(file, sarina, '2026-03-15'); // school year 2025-2026: gone on 2028-08-01
    leave(file, noor, '2026-08-01'); // school year 2026-2027: gone on 2029-08-01
    const sarinaBefore = notesOf(file, sarina);
    const noorBefore = notesOf(file, noor);
    const daanBefore = notesOf(file, daan);
    expect(sarinaBefore.reflections).toBeGreaterThan(0);
    expect(sarinaBefore.conversations).toBeGreaterThan(0);
    const goalsBefore = count(file, 'select count(*) as n from goals');
    const agreed = count(
      file,
      'select count(*) as n from goals g join students s on s.id = g.student_id where s.email = ? and g.conversation_id is not null',
      sarina,
    );
    const enrolments = count(file, 'select count(*) as n from subject_enrolments');
    arrange(
      file,
      `insert into signal_checks (student_id, checked_at) values (1, '2026-11-23T05:30:00.000Z')`,
    );

    // The last day of the second school year after she left: still there.
    expect(await run(store, '2028-07-31T23:59')).toEqual({ students: 0, reflections: 0, conversations: 0 });
    expect(notesOf(file, sarina)).toEqual(sarinaBefore);

    expect(await run(store, '2028-08-01T00:00')).toEqual({ students: 1, ...sarinaBefore });
    expect(notesOf(file, sarina)).toEqual({ reflections: 0, conversations: 0 });
    expect(notesOf(file, noor)).toEqual(noorBefore);
    expect(notesOf(file, daan)).toEqual(daanBefore);
    // Her goals stay (retention is about notes), without the link to a conversation that is gone.
    expect(count(file, 'select count(*) as n from goals')).toBe(goalsBefore);
    expect(agreed).toBeGreaterThan(0);
    expect(
      count(
        file,
        'select count(*) as n from goals g join students s on s.id = g.student_id where s.email = ? and g.conversation_id is not null',
        sarina,
      ),
    ).toBe(0);
    expect(count(file, 'select count(*) as n from subject_enrolments')).toBe(enrolments);
    expect(
      count(
        file,
        'select count(*) as n from reflection_goal_progress where reflection_id not in (select id from reflections)',
      ),
    ).toBe(0);
    expect(
      count(
        file,
        'select count(*) as n from conversation_participants where conversation_id not in (select id from conversations)',
      ),
    ).toBe(0);
    // The next sweep looks at her afresh: data changed outside the commands.
    expect(count(file, 'select count(*) as n from signal_checks where student_id = 1')).toBe(0);
    // One audit entry for her, with counts only.
    const entries = query<{
      student_id: number;
      action: string;
      subject: string;
      channel: string;
      detail: string;
    }>(
      file,
      "select student_id, action, subject, channel, detail from audit_log where subject = 'retention'",
    );
    expect(entries).toEqual([
      {
        student_id: 1,
        action: 'delete',
        subject: 'retention',
        channel: 'job',
        detail: JSON.stringify(sarinaBefore),
      },
    ]);
    // Again: nothing left to do.
    expect(await run(store, '2028-08-02T04:00')).toEqual({ students: 0, reflections: 0, conversations: 0 });
    expect(await run(store, '2029-08-01T04:00')).toMatchObject({ students: 1, ...noorBefore });
    expect(query(file, 'pragma foreign_key_check')).toEqual([]);
  });

  it('counts the school’s own number of years, in its own calendar day', async () => {
    const { store, file } = await freshDemo();
    leave(file, sarina, '2026-03-15');
    await setRetentionYears(store, 1, 1);
    // 2027-08-01 00:30 in Amsterdam is still 31 July in UTC: the school's day counts.
    expect(await run(store, '2027-08-01T00:30')).toMatchObject({ students: 1 });
    await setRetentionYears(store, 1, 5);
    leave(file, daan, '2026-03-15');
    expect(await run(store, '2030-08-01T04:00')).toMatchObject({ students: 0 });
    expect(await run(store, '2031-08-01T04:00')).toMatchObject({ students: 1 });
    await expect(setRetentionYears(store, 1, 11)).rejects.toThrow(RangeError);
  });

  it('leaves students who are still at school alone, however old their notes', async () => {
    const { store, file } = await freshDemo();
    const before = count(file, 'select count(*) as n from reflections');
    expect(await run(store, '2040-08-01T04:00')).toEqual({ students: 0, reflections: 0, conversations: 0 });
    expect(count(file, 'select count(*) as n from reflections')).toBe(before);
  });
});

describe('koers retention', () => {
  it('shows and sets a school’s retention, audited', async () => {
    const { file } = await freshDemo();
    const shown = await koers(['retention', '--db', file]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(
      /^Bewaartermijn van Koersmeer College: 2 schooljaren\. Reflecties en gespreksverslagen van wie vóór \d{4}-08-01 vertrok, worden verwijderd\.$/,
    );
    const set = await koers(['retention', '--years', '1', '--db', file], { KOERS_LOCALE: 'en' });
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/^Retention at Koersmeer College: 1 school year\./);
    expect(query(file, 'select retention_years as years from schools')).toEqual([{ years: 1 }]);
    const entry = query<{ action: string; subject: string; detail: string }>(
      file,
      "select action, subject, detail from audit_log where subject = 'koers retention'",
    );
    expect(entry).toHaveLength(1);
    expect(JSON.parse(entry[0]?.detail ?? '{}')).toMatchObject({ schoolId: 1, retentionYears: 1 });
  });

  it('refuses a number of years outside 1–10, a word, and an unknown school', async () => {
    const { file } = await freshDemo();
    expect(await koers(['retention', '--years', '11', '--db', file])).toEqual({
      code: 1,
      out: '',
      err: 'Kies 1 tot en met 10 schooljaren, niet 11.',
    });
    expect((await koers(['retention', '--years', '0', '--db', file])).code).toBe(1);
    const word = await koers(['retention', '--years', 'twee', '--db', file]);
    expect(word.code).toBe(2);
    expect(word.err).toContain("'twee' is geen geheel getal");
    const school = await koers(['retention', '--years', '3', '--school', 'Elders', '--db', file]);
    expect(school).toEqual({
      code: 1,
      out: '',
      err: "Geen school met de naam 'Elders'. Scholen: Koersmeer College",
    });
    expect(query(file, 'select retention_years as years from schools')).toEqual([{ years: 2 }]);
  });
});
