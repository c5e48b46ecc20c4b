/**
 * Fan-out, not told the limit: the outbox sender against a fake Slack that takes 10, 50 or 200
 * `chat.postMessage` a second (a sliding 1-second window; HTTP 429 with `Retry-After` beyond,
 * `bench/support/fake-slack-rate-limited.ts`). Koers is given no rate (`KOERS_OUTBOX_RATE` unset:
 * only the default ceiling) and must learn each limit from Slack's answers. In the same run, the
 * loop check-in bots use: `await chat.postMessage` per student with `@slack/web-api`'s defaults
 * (it waits out a 429's `Retry-After` and retries).
 *
 * Each fan-out is 30 seconds' worth of the limit (300, 1,500 and 6,000 weekly prompts of a demo
 * school linked to Slack). Target (issue 13): ≥ 90% of the allowed rate, ≤ 2% of posts answered
 * 429, 0 duplicates.
 */
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import Database from 'better-sqlite3';
import { main } from '../src/cli/main.ts';
import { loadConfig } from '../src/config.ts';
import { drainOutbox, learnedRate, recoverInDoubt } from '../src/outbox/drain.ts';
import { slackSender } from '../src/platforms/slack/slack-sender.ts';
import { closeStore, openStore, type SqliteStore } from '../src/store/database.ts';
import { outboxReply } from '../src/views/outbox-replies.ts';
import type { Benchmark, Figure } from './benchmark.ts';
import { copyDatabase, removeDatabase } from './support/copy-database.ts';
import { fakeSlackRateLimited } from './support/fake-slack-rate-limited.ts';

/** Messages a second the fake Slack accepts, one fan-out each; Koers is not told. */
const LIMITS = [10, 50, 200];
/** Each fan-out is this many seconds' worth of messages at the limit. */
const SECONDS_OF_WORK = 30;
const TARGET_RATIO = 0.9;
const TARGET_429 = 0.02;
/** The messages are due at 2026-11-27T12:00Z (Friday 13:00 in Amsterdam): the clock is just after. */
const PROMPT_MOMENT = '2026-11-27T13:00+01:00';
const CLOCK_START = '2026-11-27T12:00:30Z';
/** A sender that stalls fails loudly instead of running for ever. */
const GIVE_UP_MS = 180_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function koers(args: string[], env: Record<string, string> = {}): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  if (code !== 0) throw new Error(`koers ${args.join(' ')} exited ${code}: ${[...out, ...err].join('\n')}`);
  return out.join('\n');
}

function countWhere(store: SqliteStore, where: string): number {
  return (store.$client.prepare(`select count(*) as n from outbox where ${where}`).get() as { n: number }).n;
}

const slackEnv = (apiUrl: string) => ({
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
  SLACK_API_URL: apiUrl,
});

/** A demo school of `students`, all linked to Slack, with this week's prompts queued. */
async function school(file: string, students: number) {
  removeDatabase(file);
  await koers(['db', 'seed', '--demo', '--students', String(students), '--now', '2026-11-23', '--db', file]);
  const db = new Database(file);
  try {
    db.prepare(
      `insert into platform_identities (platform, workspace_id, user_id, person_kind, student_id, linked_at)
       select 'slack', 'T0KOERS', 'U' || id, 'student', id, '2026-11-01T00:00:00.000Z' from students`,
    ).run();
  } finally {
    db.close();
  }
  // The fake is not asked while queuing; any URL will do.
  await koers(
    ['jobs', 'run', 'weekly-prompts', '--db', file, '--now', PROMPT_MOMENT],
    slackEnv('http://127.0.0.1:9/api/'),
  );
}

type Run = {
  messages: number;
  seconds: number;
  accepted: number;
  answered429: number;
  duplicates: number;
  note: string;
};

/** Koers's outbox, given no rate: the first `messages` prompts of the school, drained until none is queued. */
async function koersFanOut(base: string, file: string, limit: number, messages: number): Promise<Run> {
  copyDatabase(base, file);
  const fake = await fakeSlackRateLimited({ postMessagesPerSecond: limit });
  const store = openStore(file, { create: false });
  try {
    store.$client
      .prepare(`delete from outbox where id not in (select id from outbox order by id limit ?)`)
      .run(messages);
    const slack = loadConfig(slackEnv(fake.apiUrl)).slack;
    if (!slack) throw new Error('no Slack configuration');
    const sender = slackSender(slack);
    const offset = Date.parse(CLOCK_START) - Date.now();
    const clock = () => Date.now() + offset;
    const compose = (message: Parameters<typeof outboxReply>[1]) =>
      outboxReply(store, message, new Date(clock()));
    const started = performance.now();
    const startedAt = Date.now();
    await recoverInDoubt(store, [sender], clock);
    let passes = 0;
    while (countWhere(store, `status = 'queued'`) > 0) {
      if (performance.now() - started > GIVE_UP_MS)
        throw new Error(`outbox not drained after ${GIVE_UP_MS / 1000} s: ${JSON.stringify(fake.counts())}`);
      const counts = await drainOutbox(store, [sender], { compose, clock });
      passes += 1;
      if (counts.sent === 0 && counts.skipped === 0) await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    const { accepted, rateLimited } = fake.counts();
    const dead = countWhere(store, `status = 'dead'`);
    const learned = learnedRate(sender, 'T0KOERS');
    const arrivals = [...fake.accepted().values()].flat().map((m) => m.at);
    const first = (Math.min(...arrivals) - startedAt) / 1000;
    const last = (Math.max(...arrivals) - startedAt) / 1000;
    return {
      messages,
      seconds,
      accepted,
      answered429: rateLimited,
      duplicates: fake.duplicates(),
      note: `learned ${learned?.toFixed(1)}/s; first at ${first.toFixed(2)} s, last at ${last.toFixed(2)} s; ${passes} drain passes, ${dead} dead`,
    };
  } finally {
    await closeStore(store);
    await fake.close();
    removeDatabase(file);
  }
}

/** What check-in bots do: one `chat.postMessage` after another, the Web API client's defaults. */
async function sequentialLoop(limit: number, messages: number): Promise<Run> {
  const fake = await fakeSlackRateLimited({ postMessagesPerSecond: limit });
  try {
    const client = new webApi.WebClient('xoxb-bench', {
      slackApiUrl: fake.apiUrl,
      logLevel: webApi.LogLevel.ERROR,
    });
    const started = performance.now();
    for (let i = 0; i < messages; i++)
      await client.chat.postMessage({
        channel: `DU${i}`,
        text: 'Hoe ging je week? Vul je weekreflectie in.',
      });
    const seconds = (performance.now() - started) / 1000;
    const { accepted, rateLimited } = fake.counts();
    return { messages, seconds, accepted, answered429: rateLimited, duplicates: fake.duplicates(), note: '' };
  } finally {
    await fake.close();
  }
}

function figures(who: string, limit: number, run: Run, judged: boolean): Figure[] {
  const ratio = run.accepted / run.seconds / limit;
  const share429 = run.answered429 / Math.max(1, run.accepted + run.answered429);
  const rate = `${(ratio * 100).toFixed(1)}% of ${limit}/s`;
  const detail = `${run.accepted.toLocaleString('en')}/${run.messages.toLocaleString('en')} in ${run.seconds.toFixed(1)} s${run.note ? `; ${run.note}` : ''}`;
  const posts429 = `${(share429 * 100).toFixed(1)}% (${run.answered429} of ${run.accepted + run.answered429} posts)`;
  const label = `${who} ${limit}/s`;
  if (!judged)
    return [
      { label, value: `${rate} (${detail})` },
      { label: '  429s', value: posts429 },
      { label: '  duplicates', value: String(run.duplicates) },
    ];
  return [
    { label, value: `${rate} (${detail})`, target: `≥ ${TARGET_RATIO * 100}%`, met: ratio >= TARGET_RATIO },
    { label: '  429s', value: posts429, target: `≤ ${TARGET_429 * 100}%`, met: share429 <= TARGET_429 },
    { label: '  duplicates', value: String(run.duplicates), target: '0', met: run.duplicates === 0 },
  ];
}

export const outboxRate: Benchmark = {
  name: `outbox-rate: fan-out to a Slack allowing ${LIMITS.join(', ')} messages a second, not told the limit`,
  async run(workDir) {
    const messagesFor = (limit: number) => limit * SECONDS_OF_WORK;
    const base = join(workDir, 'outbox-rate-base.db');
    const file = join(workDir, 'outbox-rate.db');
    const largest = Math.max(...LIMITS.map(messagesFor));
    try {
      await school(base, largest);
      const probe = openStore(base, { create: false });
      const queued = countWhere(probe, `platform = 'slack' and status = 'queued'`);
      await closeStore(probe);
      if (queued < largest)
        throw new Error(`weekly-prompts queued only ${queued} Slack prompts for ${largest}`);
      const result: Figure[] = [];
      for (const limit of LIMITS) {
        const messages = messagesFor(limit);
        result.push(...figures('koers', limit, await koersFanOut(base, file, limit, messages), true));
        result.push(...figures('web-api loop', limit, await sequentialLoop(limit, messages), false));
      }
      return result;
    } finally {
      removeDatabase(base);
      removeDatabase(file);
    }
  },
};
