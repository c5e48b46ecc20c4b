/**
 * The outbox not told Slack's limit: against a fake Slack that takes 30 `chat.postMessage` a
 * second (429 with Retry-After beyond), the weekly prompts of the demo school go out once each,
 * with few 429s, and the rate the sender learned is about Slack's. The real figures (10, 50, 200
 * a second) are in `npm run bench -- outbox-rate`; here only generous ratios.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSlackRateLimited } from '../bench/support/fake-slack-rate-limited.ts';
import { loadConfig } from '../src/config.ts';
import { drainOutbox, learnedRate } from '../src/outbox/drain.ts';
import { slackSender } from '../src/platforms/slack/slack-sender.ts';
import { outboxReply } from '../src/views/outbox-replies.ts';
import { koers } from './support/cli.ts';
import { freshDemo } from './support/demo.ts';
import { arrange, query } from './support/dump.ts';

const LIMIT = 30;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

describe('the outbox to a Slack whose limit it is not told', () => {
  it('learns the rate from 429s and sends every prompt once', async () => {
    const fake = await fakeSlackRateLimited({ postMessagesPerSecond: LIMIT });
    closing.push(fake.close);
    const { store, file } = await freshDemo();
    arrange(
      file,
      `insert into platform_identities (platform, workspace_id, user_id, person_kind, student_id, linked_at)
       select 'slack', 'T0KOERS', 'U' || id, 'student', id, '2026-11-01T00:00:00.000Z' from students`,
    );
    const env = {
      KOERS_DB: file,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789abcdef',
      SLACK_API_URL: fake.apiUrl,
    };
    const queued = await koers(['jobs', 'run', 'weekly-prompts', '--now', '2026-11-27T13:00+01:00'], env);
    expect(queued.code, queued.err).toBe(0);
    const students =
      query<{ n: number }>(file, "select count(*) as n from outbox where status = 'queued'")[0]?.n ?? 0;
    expect(students).toBeGreaterThan(2 * LIMIT);

    const slack = loadConfig(env).slack;
    if (!slack) throw new Error('no Slack configuration');
    // No KOERS_OUTBOX_RATE: only the default ceiling, far above Slack's 30.
    const sender = slackSender(slack);
    expect(sender.ratePerSecond).toBeGreaterThan(LIMIT * 10);
    const offset = Date.parse('2026-11-27T12:00:30Z') - Date.now();
    const clock = () => Date.now() + offset;
    let rounds = 0;
    // A drain returns when what is left waits (a 429's Retry-After); the scheduler runs it again.
    while (
      (query<{ n: number }>(file, "select count(*) as n from outbox where status = 'queued'")[0]?.n ?? 0) > 0
    ) {
      expect(rounds++).toBeLessThan(20);
      await drainOutbox(store, [sender], {
        compose: (message) => outboxReply(store, message, new Date(clock())),
        clock,
      });
    }

    expect(query(file, 'select status, count(*) as n from outbox group by status')).toEqual([
      { status: 'sent', n: students },
    ]);
    expect(fake.duplicates()).toBe(0);
    const { accepted, rateLimited } = fake.counts();
    expect(accepted).toBe(students);
    // Slack's limit was found (a 429 or more), and not by asking it over and over.
    expect(rateLimited).toBeGreaterThan(0);
    expect(rateLimited / (accepted + rateLimited)).toBeLessThanOrEqual(0.1);
    // What it learned is about Slack's limit: below it, and not far below.
    const learned = learnedRate(sender, 'T0KOERS') ?? 0;
    expect(learned).toBeLessThanOrEqual(LIMIT);
    expect(learned).toBeGreaterThanOrEqual(LIMIT * 0.5);
  }, 30_000);
});
