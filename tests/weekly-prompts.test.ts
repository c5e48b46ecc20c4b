/**
 * The weekly prompts and their reminders, driven as an administrator would: `koers jobs run
 * <job> --now …` on the demo school (every demo person is linked to the local platform).
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { promptDue } from '../src/domain/prompt-due.ts';
import type { Store } from '../src/store/database.ts';
import type { OutboxRow } from '../src/store/outbox.ts';
import { rawJson } from '../src/store/raw-values.ts';
import { outboxReply } from '../src/views/outbox-replies.ts';
import { koers } from './support/cli.ts';
import { askAs, freshDemoEnvAndStore, freshDemoStore, visibleText } from './support/demo.ts';
import { arrangeIn, rows } from './support/store-sql.ts';

type Env = Record<string, string>;

/**
 * The demo school on this run's dialect: the environment of a `koers` process on it, and the
 * test's own store on the same database (closed after the test).
 */
async function run(env: Env, job: string, now: string) {
  const result = await koers(['jobs', 'run', job, '--now', now], env);
  expect(result.code, result.err).toBe(0);
  return Object.fromEntries(
    result.out
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(': '))
      .map(([key, n]) => [key, Number(n)]),
  ) as Record<string, number>;
}

const FRIDAY_13 = '2026-11-27T13:00+01:00';
const outboxRows = async (store: Store) =>
  (await store.db.select().from(store.t.outbox).orderBy(store.t.outbox.id)) as OutboxRow[];
const prompts = async (store: Store, week: string) =>
  (await rows<{ n: number }>(store, 'select count(*) as n from prompts where iso_week = ?', [week]))[0]?.n;
const queued = async (store: Store, kind: string) =>
  (
    await rows<{ n: number }>(store, 'select count(*) as n from outbox where idempotency_key like ?', [
      `${kind}:%`,
    ])
  )[0]?.n;

describe('weekly-prompts', () => {
  it('queues one prompt per linked student at the school moment, and nothing new when run again', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    expect(await run(env, 'weekly-prompts', FRIDAY_13)).toMatchObject({ queued: 75, notLinked: 0 });
    expect(await prompts(store, '2026-W48')).toBe(75);
    expect(await queued(store, 'prompt')).toBe(75);
    const [sarina] = await rows(
      store,
      "select platform, workspace_id, recipient, payload, status from outbox where idempotency_key = 'prompt:1:2026-W48'",
    );
    expect({ ...sarina, payload: rawJson(sarina?.payload) }).toEqual({
      platform: 'local',
      workspace_id: 'koersmeer',
      recipient: 'sarina.elamrani@leerling.koersmeer.example',
      payload: { kind: 'prompt', studentId: 1, isoWeek: '2026-W48' },
      status: 'queued',
    });
    expect(await run(env, 'weekly-prompts', '2026-11-27T13:05+01:00')).toMatchObject({
      queued: 0,
      alreadyPrompted: 75,
    });
    expect(await queued(store, 'prompt')).toBe(75);
  });

  it('queues nothing before the moment, and nothing in the Christmas holiday', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    expect(await run(env, 'weekly-prompts', '2026-11-27T12:59+01:00')).toMatchObject({ queued: 0 });
    expect(await run(env, 'weekly-prompts', '2026-12-25T13:00+01:00')).toMatchObject({
      queued: 0,
      holiday: 75,
    });
    expect(await run(env, 'weekly-prompts', '2027-01-01T13:30+01:00')).toMatchObject({
      queued: 0,
      holiday: 75,
    });
    expect(await queued(store, 'prompt')).toBe(0);
  });

  it("follows a student's own moment and pause, and counts a student Koers cannot reach", async () => {
    const { env, store } = await freshDemoEnvAndStore();
    // Sarina moved her prompt to Thursday 15:30; Daan paused until after this Friday; Milan has no account.
    await arrangeIn(store, "update students set prompt_weekday = 4, prompt_time = '15:30' where id = 1");
    await arrangeIn(store, "update students set paused_until = '2026-11-27' where id = 2");
    await arrangeIn(store, 'delete from platform_identities where student_id = 27');
    expect(await run(env, 'weekly-prompts', '2026-11-26T15:30+01:00')).toMatchObject({ queued: 1 });
    expect(await rows(store, 'select student_id from prompts where iso_week = ?', ['2026-W48'])).toEqual([
      { student_id: 1 },
    ]);
    expect(await run(env, 'weekly-prompts', FRIDAY_13)).toMatchObject({
      queued: 72,
      // Sarina's Thursday prompt is still within its day: already made, not made again.
      alreadyPrompted: 1,
      paused: 1,
      notLinked: 1,
    });
    expect(
      await rows(
        store,
        "select count(*) as n from prompts where student_id in (2, 27) and iso_week = '2026-W48'",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('sends a prompt that is late by less than a day, and not one later than that', async () => {
    const { env } = await freshDemoEnvAndStore();
    expect(await run(env, 'weekly-prompts', '2026-11-28T14:00+01:00')).toMatchObject({ queued: 0 });
    expect(await run(env, 'weekly-prompts', '2026-11-28T12:00+01:00')).toMatchObject({ queued: 75 });
  });
});

describe('the prompt moment', () => {
  const schedule = { weekday: 5, time: '13:00', timeZone: 'Europe/Amsterdam' };
  it('is 13:00 on the wall clock in winter and in summer time', () => {
    const winter = promptDue(DateTime.fromISO('2026-11-27T12:00:00Z'), schedule, [], null);
    const summer = promptDue(DateTime.fromISO('2027-04-02T11:00:00Z'), schedule, [], null);
    expect(winter.due && winter.moment.toUTC().toISO()).toBe('2026-11-27T12:00:00.000Z');
    expect(summer.due && summer.moment.toUTC().toISO()).toBe('2027-04-02T11:00:00.000Z');
    expect(promptDue(DateTime.fromISO('2027-04-02T10:59:00Z'), schedule, [], null)).toEqual({
      due: false,
      reason: 'notDue',
    });
  });

  it('expires six days after the moment', () => {
    const due = promptDue(DateTime.fromISO('2026-11-27T12:00:00Z'), schedule, [], null);
    expect(due.due && due.expiresAt.toUTC().toISO()).toBe('2026-12-03T12:00:00.000Z');
  });
});

describe('reminders', () => {
  it('reminds once, 24 hours later, only those who did not answer, and not after expiry', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    await run(env, 'weekly-prompts', FRIDAY_13);
    const answer = await koers(
      [
        'ask',
        '--as',
        'sarina.elamrani@leerling.koersmeer.example',
        '--now',
        '2026-11-27T15:00+01:00',
        'reflectie invullen --welbevinden 4 --motivatie 4 --grip 3 --uitdaging precies-goed',
      ],
      env,
    );
    expect(answer.code, answer.out).toBe(0);
    expect(await run(env, 'reminders', '2026-11-28T12:59+01:00')).toMatchObject({ queued: 0 });
    expect(await run(env, 'reminders', '2026-11-28T13:00+01:00')).toMatchObject({ queued: 74 });
    expect(
      await rows(store, "select count(*) as n from outbox where idempotency_key = 'reminder:1:2026-W48'"),
    ).toEqual([{ n: 0 }]);
    expect(await run(env, 'reminders', '2026-11-28T18:00+01:00')).toMatchObject({ queued: 0 });
    expect(
      await rows(
        store,
        "select count(*) as n from prompts where reminded_at is null and iso_week = '2026-W48'",
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('does not remind in a holiday or a pause that began after the prompt', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    // Friday 18 December is the last school day; the reminder would fall in the Christmas holiday.
    await run(env, 'weekly-prompts', '2026-12-18T13:00+01:00');
    await arrangeIn(store, "update students set paused_until = '2026-12-20' where id = 1");
    expect(await run(env, 'reminders', '2026-12-19T13:00+01:00')).toMatchObject({
      queued: 0,
      holidayOrPaused: 75,
    });
    expect(await run(env, 'reminders', '2026-12-21T13:00+01:00')).toMatchObject({ queued: 0 });
    expect(await queued(store, 'reminder')).toBe(0);
  });

  it('does not remind about an expired prompt', async () => {
    const { env } = await freshDemoEnvAndStore();
    await run(env, 'weekly-prompts', FRIDAY_13);
    expect(await run(env, 'reminders', '2026-12-03T13:00+01:00')).toMatchObject({ queued: 0 });
  });
});

describe('the outbox in local mode', () => {
  it('delivers the queued prompts, each once, and composes them in the student’s language', async () => {
    const { env, store } = await freshDemoEnvAndStore();
    await arrangeIn(store, "update students set locale = 'en' where id = 1");
    await run(env, 'weekly-prompts', FRIDAY_13);
    const queuedRows = await outboxRows(store);
    const now = new Date('2026-11-27T12:00:30Z');
    const header = async (id: number) =>
      (await outboxReply(store, queuedRows.find((r) => r.studentId === id) as OutboxRow, now))?.blocks[0];
    expect(await header(1)).toEqual({ type: 'header', text: 'Weekly reflection week 48' });
    expect(await header(2)).toEqual({ type: 'header', text: 'Weekreflectie week 48' });
    expect(await run(env, 'outbox', '2026-11-27T13:00:30+01:00')).toMatchObject({ sent: 75, dead: 0 });
    expect(await run(env, 'outbox', '2026-11-27T13:01+01:00')).toMatchObject({ sent: 0 });
    expect(await rows(store, 'select status, count(*) as n from outbox group by status')).toEqual([
      { status: 'sent', n: 75 },
    ]);
    // A backlog found after the prompts expired is not sent: the button would only say "verlopen".
    await run(env, 'reminders', '2026-11-28T13:00+01:00');
    expect(await run(env, 'outbox', '2026-12-04T13:00+01:00')).toMatchObject({ sent: 0, skipped: 75 });
  });
});

describe('the prompt schedule in instellingen', () => {
  it('shows a mentor the school moment, the next prompt after holidays, and how many mentees deviate', async () => {
    const store = await freshDemoStore();
    await arrangeIn(store, 'update students set prompt_weekday = 4 where id = 1');
    await arrangeIn(store, "update students set paused_until = '2027-01-10' where id = 2");
    const reply = await askAs(store, 'm.jansen@koersmeer.example', 'instellingen', {
      now: new Date('2026-12-18T14:00:00Z'),
    });
    const text = visibleText(reply);
    expect(text).toContain('vrijdag om 13:00');
    // The next Friday is in the Christmas holiday: the first prompt after it.
    expect(text).toContain('vrijdag 8 jan 2027 om 13:00');
    expect(text).toContain('25 leerlingen: 1 met een eigen moment, 1 gepauzeerd');
  });
});
