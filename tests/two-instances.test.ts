/**
 * Two Koers processes on one PostgreSQL database, as a school board runs them behind one address
 * (docs/postgres.md): both drain the outbox; one is killed in the middle of a fan-out of prompts;
 * every prompt still reaches Slack exactly once, and every moment of a scheduled job (moved to
 * every second with KOERS_SCHEDULE) ran once between them, before and after the kill.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT } from '../src/outbox/rate-controller.ts';
import { projectRoot } from '../src/paths.ts';
import { koers } from './support/cli.ts';
import { fakeSlack } from './support/fake-slack.ts';
import { freePort } from './support/free-port.ts';
import { freshPostgresDemo, postgresUnavailable } from './support/postgres.ts';

const unavailable = postgresUnavailable();
const FRIDAY_13 = '2026-11-27T13:00+01:00';

const running: ChildProcess[] = [];
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  for (const close of closing.splice(0)) await close();
});

type Instance = { child: ChildProcess; out: () => string; exited: Promise<number | null> };

/** `npm start` (`node bin/koers.js start`) with a clean environment. */
function instance(env: Record<string, string>): Instance {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'koers.js'), 'start'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  running.push(child);
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    out += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(unavailable)(
  `two Koers processes on one PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    it('send every prompt of a fan-out exactly once when one is killed halfway', async () => {
      const { url } = await freshPostgresDemo();
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      closing.push(() => db.end());
      const count = async (where: string) =>
        Number((await db.query(`select count(*) as n from outbox where ${where}`)).rows[0]?.n ?? 0);
      // Every student has a Slack account, as linking on first contact would have made.
      await db.query(
        `insert into platform_identities (platform, workspace_id, user_id, person_kind, student_id, linked_at)
         select 'slack', 'T0KOERS', 'U' || id, 'student', id, '2026-11-01T00:00:00.000Z' from students`,
      );
      // Slack takes 30 messages a second and answers a moment after it accepted one: a kill
      // leaves messages in doubt.
      const slack = await fakeSlack({}, { postMessagesPerSecond: 30, postMessageAckDelayMs: 10 });
      closing.push(slack.close);
      const env = {
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789abcdef',
        SLACK_API_URL: slack.apiUrl,
        KOERS_OUTBOX_RATE: '20',
        // A job every second, so that moments pass while both run and after the kill; a run the
        // killed process held is taken over within seconds. Maintenance sends nothing (a reminder
        // job would message the students whose prompts this test counts).
        KOERS_SCHEDULE: 'maintenance=* * * * * *',
        KOERS_JOB_TAKEOVER_SECONDS: '5',
      };
      const prompts = await koers(['jobs', 'run', 'weekly-prompts', '--now', FRIDAY_13], env);
      expect(prompts.code, prompts.err).toBe(0);
      const students = await count('true');
      expect(students).toBe(75);

      const first = instance({ ...env, PORT: String(await freePort()) });
      const second = instance({ ...env, PORT: String(await freePort()) });
      await until(() => slack.deliveredCounts().size >= 20, 60_000, 'the fan-out to start');
      const killedAt = new Date();
      first.child.kill('SIGKILL');
      await first.exited;
      const afterKill = slack.deliveredCounts().size;
      expect(afterKill).toBeLessThan(students);

      // What the killed process held is in doubt for the lease (CLAIM_LEASE_MS, a minute): the
      // test lets that minute pass at once; the survivor then settles it by asking Slack.
      const inDoubt = await count("status = 'sending'");
      expect(inDoubt).toBeLessThanOrEqual(MAX_IN_FLIGHT);
      await db.query("update outbox set not_before = '2026-11-27T11:00:00.000Z' where status = 'sending'");

      try {
        await until(
          async () => (await count("status = 'sent'")) === students,
          150_000,
          'every prompt to be sent',
        );
      } catch (error) {
        // What a failure needs to be understood: where the rows are, and what both processes said.
        const statuses = (await db.query('select status, count(*) as n from outbox group by status')).rows;
        throw new Error(
          `${(error as Error).message}: ${JSON.stringify(statuses)}; survivor (exit ${second.child.exitCode}):\n${second
            .out()
            .slice(-3_000)}\nkilled:\n${first.out().slice(-2_000)}`,
        );
      }
      const delivered = slack.deliveredCounts();
      expect(delivered.size).toBe(students);
      expect([...delivered.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(second.out()).not.toMatch(/"level":"error"/);

      // Every moment of the job was queued once (one row per moment, whichever process offered
      // it first), taken by one process and completed, also those after the kill, by the
      // survivor; a run the killed process held was retried after expiry and completed.
      const moments = async () =>
        (
          await db.query<{ key: string; state: string; retries: number }>(
            `select singleton_key as key, state, retry_count as retries from pgboss.job
             where name = 'maintenance' order by singleton_key`,
          )
        ).rows;
      const momentOf = (run: { key: string }) => run.key.slice('maintenance@'.length);
      // The fan-out may end soon after the kill: the survivor is given a few moments of its own
      // (at least four after the kill), however quickly the prompts went.
      await until(
        async () => (await moments()).filter((run) => momentOf(run) > killedAt.toISOString()).length >= 6,
        60_000,
        'moments of the job after the kill',
      );
      const settled = new Date(Date.now() - 2_000).toISOString();
      await until(
        async () => (await moments()).every((run) => run.state === 'completed' || momentOf(run) > settled),
        60_000,
        'every moment of the job to complete',
      );
      const runs = (await moments()).filter((run) => momentOf(run) <= settled);
      expect(new Set(runs.map((run) => run.key)).size).toBe(runs.length);
      expect(runs.filter((run) => run.state !== 'completed')).toEqual([]);
      const bySurvivor = runs.filter((run) => momentOf(run) > killedAt.toISOString());
      expect(bySurvivor.length).toBeGreaterThan(3);
      expect(runs.length - bySurvivor.length).toBeGreaterThan(0);
      // Retried only when a process died holding it: the killed one held at most one at a time.
      expect(runs.filter((run) => run.retries > 0).length).toBeLessThanOrEqual(1);
    }, 300_000);
  },
);
