/**
 * The outbox against a fake Slack Web API: rate limits with Retry-After, passing and lasting
 * failures, and a sender killed in the middle of a fan-out of 1,000 prompts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS } from '../src/outbox/drain.ts';
import { MAX_IN_FLIGHT } from '../src/outbox/rate-controller.ts';
import { projectRoot } from '../src/paths.ts';
import { koers } from './support/cli.ts';
import { freshDemo } from './support/demo.ts';
import { arrange, query } from './support/dump.ts';
import { type FakeSlackOptions, fakeSlack } from './support/fake-slack.ts';
import { tempDir } from './support/temp.ts';

const FRIDAY_13 = '2026-11-27T13:00+01:00';
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function slackSchool(options: FakeSlackOptions, file?: string) {
  const slack = await fakeSlack({}, options);
  closing.push(slack.close);
  const db = file ?? (await freshDemo()).file;
  const env = {
    KOERS_DB: db,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789abcdef',
    SLACK_API_URL: slack.apiUrl,
  };
  return { slack, db, env };
}

/** Every student gets a Slack account `U<id>`, as linking on first contact would have made. */
function linkAllToSlack(file: string) {
  arrange(
    file,
    `insert into platform_identities (platform, workspace_id, user_id, person_kind, student_id, linked_at)
     select 'slack', 'T0KOERS', 'U' || id, 'student', id, '2026-11-01T00:00:00.000Z' from students`,
  );
}

async function jobs(env: Record<string, string>, job: string, now: string) {
  const result = await koers(['jobs', 'run', job, '--now', now], env);
  expect(result.code, result.err).toBe(0);
  return result.out;
}

const statuses = (file: string) =>
  Object.fromEntries(
    query<{ status: string; n: number }>(
      file,
      'select status, count(*) as n from outbox group by status',
    ).map((r) => [r.status, r.n]),
  );

describe('the outbox to Slack', () => {
  it("pauses for Slack's Retry-After and sends every message once", async () => {
    const { slack, db, env } = await slackSchool({ postMessagesPerSecond: 20 });
    linkAllToSlack(db);
    await jobs({ ...env, KOERS_OUTBOX_RATE: '60' }, 'weekly-prompts', FRIDAY_13);
    // Three times the rate Slack takes: Slack answers 429, Koers waits and goes on.
    let rounds = 0;
    while (statuses(db).queued && rounds++ < 20)
      await jobs(
        { ...env, KOERS_OUTBOX_RATE: '60' },
        'outbox',
        `2026-11-27T13:${String(rounds).padStart(2, '0')}+01:00`,
      );
    expect(statuses(db)).toEqual({ sent: 75 });
    expect(slack.calls('rateLimited').length).toBeGreaterThan(0);
    const delivered = slack.deliveredCounts();
    expect(delivered.size).toBe(75);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    expect(query(db, 'select max(attempts) as n from outbox')).toEqual([{ n: 0 }]);
  });

  it('retries a passing failure later, and gives up on a user Slack no longer has', async () => {
    const school = await slackSchool({ failPostMessage: { DU1: 500, DU2: 'user_not_found' } });
    const { slack, db } = school;
    // Fast enough that the failed message is not yet due again within this run.
    const env = { ...school.env, KOERS_OUTBOX_RATE: '1000' };
    linkAllToSlack(db);
    await jobs(env, 'weekly-prompts', FRIDAY_13);
    await jobs(env, 'outbox', '2026-11-27T13:00:30+01:00');
    expect(
      query(
        db,
        "select status, attempts, last_error from outbox where recipient in ('U1', 'U2') order by recipient",
      ),
    ).toEqual([
      { status: 'queued', attempts: 1, last_error: expect.stringContaining('500') },
      { status: 'dead', attempts: 1, last_error: 'user_not_found' },
    ]);
    const [retry] = query<{ not_before: string }>(db, "select not_before from outbox where recipient = 'U1'");
    expect((retry?.not_before ?? '') > '2026-11-27T12:00:30').toBe(true);
    expect(slack.deliveredCounts().size).toBe(73);
  });

  it(`moves a message that keeps failing to dead after ${MAX_ATTEMPTS} attempts, with its error`, async () => {
    const { db, env } = await slackSchool({ failPostMessage: { DU1: 503 } });
    linkAllToSlack(db);
    await jobs(env, 'weekly-prompts', FRIDAY_13);
    // Each run is later than the last retry could be.
    for (let hour = 0; hour < MAX_ATTEMPTS; hour++)
      await jobs(env, 'outbox', `2026-11-28T${String(10 + hour).padStart(2, '0')}:00+01:00`);
    expect(query(db, "select status, attempts from outbox where recipient = 'U1'")).toEqual([
      { status: 'dead', attempts: MAX_ATTEMPTS },
    ]);
    const shown = await koers(['outbox'], env);
    expect(shown.out.split('\n').slice(0, 2)).toEqual([
      'platform   queued  sending     sent     dead',
      'slack           0        0       74        1',
    ]);
    expect(shown.out).toMatch(/#\d+ slack: .*503.*\(5 pogingen\)/);
  });

  it('leaves a message another sender is still sending alone, and settles one whose sender died', async () => {
    const { slack, db, env } = await slackSchool({});
    linkAllToSlack(db);
    await jobs(env, 'weekly-prompts', FRIDAY_13);
    // Two claims, as senders leave them: one a second ago (still in flight), one long ago (dead).
    arrange(
      db,
      `update outbox set status = 'sending', not_before = '2026-11-27T12:00:29.000Z' where recipient = 'U1';
       update outbox set status = 'sending', not_before = '2026-11-27T11:00:00.000Z' where recipient = 'U2';`,
    );
    const out = await jobs(env, 'outbox', '2026-11-27T13:00:30+01:00');
    expect(out).toContain('resent: 1');
    expect(
      query(db, "select recipient, status from outbox where recipient in ('U1', 'U2') order by recipient"),
    ).toEqual([
      { recipient: 'U1', status: 'sending' },
      { recipient: 'U2', status: 'sent' },
    ]);
    expect(slack.deliveredCounts().get('DU1')).toBeUndefined();

    // A sender that died after Slack took its message: Slack's history has it, so it is not sent again.
    arrange(
      db,
      "update outbox set status = 'sending', not_before = '2026-11-27T11:00:00.000Z' where recipient = 'U3'",
    );
    const again = await jobs(env, 'outbox', '2026-11-27T13:01+01:00');
    expect(again).toContain('recovered: 1');
    expect(query(db, "select status from outbox where recipient = 'U3'")).toEqual([{ status: 'sent' }]);
    expect(slack.deliveredCounts().get('DU3')).toBe(1);
  });

  it('spreads retries with jitter, growing with each attempt and capped', () => {
    const low = () => 0;
    const high = () => 0.999;
    expect(backoffMs(1, low)).toBe(1000);
    expect(backoffMs(1, high)).toBeLessThanOrEqual(2000);
    expect(backoffMs(3, low)).toBe(4000);
    expect(backoffMs(30, high)).toBeLessThanOrEqual(10 * 60_000);
  });
});

describe('a sender killed halfway through a fan-out', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  function sender(env: Record<string, string>) {
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'bin', 'koers.js'), 'jobs', 'run', 'outbox', '--now', '2026-11-27T13:00:30+01:00'],
      { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
    );
    children.push(child);
    let err = '';
    let out = '';
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      out += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, err: () => err, out: () => out };
  }

  it('sends every remaining prompt once and no prompt twice after a restart', async () => {
    const file = join(tempDir(), 'koers.db');
    const seeded = await koers([
      'db',
      'seed',
      '--demo',
      '--students',
      '1000',
      '--now',
      '2026-11-23',
      '--db',
      file,
    ]);
    expect(seeded.code, seeded.err).toBe(0);
    // Slack takes a moment to answer after it accepted a message: where a kill leaves one in doubt.
    const { slack, env } = await slackSchool({ postMessageAckDelayMs: 10 }, file);
    linkAllToSlack(file);
    const students = query<{ n: number }>(file, 'select count(*) as n from students')[0]?.n ?? 0;
    expect(students).toBeGreaterThanOrEqual(1000);
    await jobs(env, 'weekly-prompts', FRIDAY_13);
    expect(statuses(file)).toEqual({ queued: students });

    const first = sender({ ...env, KOERS_OUTBOX_RATE: '1000' });
    const half = Math.floor(students / 2);
    const until = Date.now() + 60_000;
    while (slack.deliveredCounts().size < half && Date.now() < until)
      await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    await first.exited;
    const afterKill = slack.deliveredCounts().size;
    expect(afterKill).toBeGreaterThanOrEqual(half);
    expect(afterKill).toBeLessThan(students);

    // Killed while Slack held messages it had accepted and not yet answered for: those are in doubt.
    const inDoubt =
      query<{ n: number }>(file, "select count(*) as n from outbox where status = 'sending'")[0]?.n ?? 0;
    // At most the messages on their way to the workspace at once; none if the kill fell between them.
    expect(inDoubt).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    // The killed sender's claim on it runs out (CLAIM_LEASE_MS) before the restart.
    arrange(file, "update outbox set not_before = '2026-11-27T11:00:00.000Z' where status = 'sending'");
    const second = sender({ ...env, KOERS_OUTBOX_RATE: '1000' });
    expect(await second.exited, second.err()).toBe(0);
    // The one in doubt was settled: marked sent if Slack had it (its metadata says so), else sent.
    const settled = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(second.out())?.[1]);
    expect(settled('recovered') + settled('resent')).toBe(inDoubt);

    const delivered = slack.deliveredCounts();
    expect(delivered.size).toBe(students);
    expect([...delivered.values()].filter((n) => n !== 1)).toEqual([]);
    expect(statuses(file)).toEqual({ sent: students });
  }, 120_000);
});
