/**
 * The outbox sender against a Slack that takes N `chat.postMessage` a second (a sliding 1-second
 * window) and answers HTTP 429 with `Retry-After: 1` beyond that: a demo school of 1,200 students,
 * all linked to Slack, gets its weekly prompts. Target: the sender keeps up ≥ 95% of N without
 * sending any student a message twice.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { main } from '../src/cli/main.ts';
import { loadConfig } from '../src/config.ts';
import { drainOutbox, recoverInDoubt } from '../src/outbox/drain.ts';
import { slackSender } from '../src/platforms/slack/slack-sender.ts';
import { closeStore, openStore, type Store } from '../src/store/database.ts';
import { outboxReply } from '../src/views/outbox-replies.ts';
import type { Benchmark } from './benchmark.ts';
import { fakeSlackRateLimited } from './support/fake-slack-rate-limited.ts';

/** Messages a second the fake Slack accepts, and the rate the sender is told to keep. */
const RATE = 50;
const STUDENTS = 1200;
const TARGET_RATIO = 0.95;
/** The messages are due at 2026-11-27T12:00Z (Friday 13:00 in Amsterdam): the clock is just after. */
const PROMPT_MOMENT = '2026-11-27T13:00+01:00';
const CLOCK_START = '2026-11-27T12:00:30Z';
/** Far longer than 1,200 messages at 50 a second take: a sender that stalls fails loudly. */
const GIVE_UP_MS = 180_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function koers(args: string[], env: Record<string, string> = {}): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  if (code !== 0) throw new Error(`koers ${args.join(' ')} exited ${code}: ${[...out, ...err].join('\n')}`);
  return out.join('\n');
}

function countWhere(store: Store, where: string): number {
  return (store.$client.prepare(`select count(*) as n from outbox where ${where}`).get() as { n: number }).n;
}

export const outboxRate: Benchmark = {
  name: `outbox-rate: ${STUDENTS.toLocaleString('en')} Slack messages at ${RATE} a second`,
  async run(workDir) {
    const file = join(workDir, 'outbox-rate.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    const fake = await fakeSlackRateLimited({ postMessagesPerSecond: RATE });
    try {
      await koers([
        'db',
        'seed',
        '--demo',
        '--students',
        String(STUDENTS),
        '--now',
        '2026-11-23',
        '--db',
        file,
      ]);
      const db = new Database(file);
      try {
        db.prepare(
          `insert into platform_identities (platform, workspace_id, user_id, person_kind, student_id, linked_at)
           select 'slack', 'T0KOERS', 'U' || id, 'student', id, '2026-11-01T00:00:00.000Z' from students`,
        ).run();
      } finally {
        db.close();
      }
      const env = {
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
        SLACK_API_URL: fake.apiUrl,
      };
      await koers(['jobs', 'run', 'weekly-prompts', '--db', file, '--now', PROMPT_MOMENT], env);

      const slack = loadConfig(env).slack;
      if (!slack) throw new Error('no Slack configuration');
      const store = openStore(file, { create: false });
      try {
        const queued = countWhere(store, `platform = 'slack' and status = 'queued'`);
        if (queued < STUDENTS * 0.95)
          throw new Error(`weekly-prompts queued only ${queued} Slack prompts for ${STUDENTS} students`);
        const sender = slackSender(slack, { ratePerSecond: RATE });
        const offset = Date.parse(CLOCK_START) - Date.now();
        const clock = () => Date.now() + offset;
        const compose = (message: Parameters<typeof outboxReply>[1]) =>
          outboxReply(store, message, new Date(clock()));

        const started = performance.now();
        await recoverInDoubt(store, [sender], clock);
        let passes = 0;
        let rateLimited = 0;
        while (countWhere(store, `status = 'queued'`) > 0) {
          if (performance.now() - started > GIVE_UP_MS)
            throw new Error(
              `outbox not drained after ${GIVE_UP_MS / 1000} s: ${JSON.stringify(fake.counts())}`,
            );
          const counts = await drainOutbox(store, [sender], { compose, clock });
          passes += 1;
          rateLimited += counts.rateLimited;
          if (counts.sent === 0 && counts.skipped === 0) await sleep(100);
        }
        const seconds = (performance.now() - started) / 1000;

        const { accepted, rateLimited: answered429 } = fake.counts();
        const rate = accepted / seconds;
        const ratio = rate / RATE;
        const duplicates = fake.duplicates();
        // Where the time goes: the sender spaces messages 1000/N ms apart; any more is lost rate.
        const arrivals = [...fake.accepted().values()].flat().map((m) => m.at);
        arrivals.sort((a, b) => a - b);
        const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? at));
        const meanGap = gaps.reduce((sum, gap) => sum + gap, 0) / Math.max(1, gaps.length);
        const minGap = gaps.length > 0 ? Math.min(...gaps) : Number.NaN;
        const maxGap = gaps.length > 0 ? Math.max(...gaps) : Number.NaN;
        const sent = countWhere(store, `status = 'sent'`);
        const dead = countWhere(store, `status = 'dead'`);
        return [
          { label: 'queued', value: queued.toLocaleString('en') },
          {
            label: 'accepted',
            value: `${accepted.toLocaleString('en')} (outbox: ${sent} sent, ${dead} dead)`,
          },
          { label: 'elapsed', value: `${seconds.toFixed(1)} s in ${passes} drain passes` },
          { label: 'achieved rate', value: `${rate.toFixed(1)} messages/s (limit ${RATE}/s)` },
          {
            label: 'of the limit',
            value: `${(ratio * 100).toFixed(1)}%`,
            target: `≥ ${TARGET_RATIO * 100}%`,
            met: ratio >= TARGET_RATIO,
          },
          {
            label: 'gap between sends',
            value: `mean ${meanGap.toFixed(2)} ms, min ${minGap} ms, max ${maxGap} ms (1000/N = ${1000 / RATE} ms)`,
          },
          { label: 'HTTP 429s', value: `${answered429} (drain counted ${rateLimited})` },
          { label: 'duplicates', value: String(duplicates), target: '0', met: duplicates === 0 },
        ];
      } finally {
        closeStore(store);
      }
    } finally {
      await fake.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    }
  },
};
