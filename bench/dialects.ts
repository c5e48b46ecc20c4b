/**
 * Issue 17: the same figures on SQLite and on PostgreSQL, side by side.
 *
 * 1. pathway: `leerling <name>` through the router, as bench/command-latency.ts measures it, on
 *    the 20,000-student database (PostgreSQL: p99 ≤ 10 ms);
 * 2. the daily signal sweep of bench/signal-sweep.ts on it (PostgreSQL: ≤ 5 s);
 * 3. two outbox drainers on one database — two `drainOutbox` loops, each with a store of its own
 *    (SQLite: two connections to one file; PostgreSQL: two pools), as two Koers instances — against
 *    one fake Slack that takes `OUTBOX_LIMIT` messages a second and is not told to Koers (≥ 95% of
 *    that rate, 0 duplicates).
 *
 * Both databases are seeded the same way, through the CLI (`koers db seed --demo --students 20000
 * --weeks N`, in a process of its own). PostgreSQL seeds 120 weeks in about 6 minutes, too slow for a benchmark run, so
 * both dialects get `KOERS_BENCH_WEEKS` weeks (default 26: the signal rules read at most the
 * latest 26 prompts); the output says how many.
 * PostgreSQL's database is vacuumed and analysed after the seed (part of its seed time).
 * PostgreSQL is `DATABASE_URL` when set (its user needs CREATEDB), else a throwaway server
 * (bench/support/postgres-server.ts); without either, its column says why it is empty.
 * `KOERS_BENCH_DIALECTS=drainers` runs only part 3 (a minute or two instead of 8+), `=large` only
 * parts 1 and 2; the figures of the part left out say `not measured`.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../src/cli/main.ts';
import { loadConfig } from '../src/config.ts';
import { signalsJob } from '../src/jobs/signals.ts';
import { drainOutbox, learnedRate, recoverInDoubt } from '../src/outbox/drain.ts';
import { projectRoot } from '../src/paths.ts';
import { slackSender } from '../src/platforms/slack/slack-sender.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { openPostgresStore } from '../src/store/pg-store.ts';
import { outboxReply } from '../src/views/outbox-replies.ts';
import type { Benchmark, Figure } from './benchmark.ts';
import { measurePathway, percentile } from './command-latency.ts';
import { SCALE_SEED_NOW, scaleSeedNow } from './scale-database.ts';
import { copyDatabase, removeDatabase } from './support/copy-database.ts';
import { fakeSlackRateLimited } from './support/fake-slack-rate-limited.ts';
import { type BenchPostgres, benchPostgres } from './support/postgres-server.ts';

const run = promisify(execFile);

const STUDENTS = 20_000;
const WEEKS = Number(process.env.KOERS_BENCH_WEEKS ?? 26);
/** `drainers` or `large`: only that part; unset, both. */
const ONLY = process.env.KOERS_BENCH_DIALECTS;
/**
 * Calls before the measured ones, as bench/command-latency.ts has them but longer: a process
 * serving a school has long optimised its code, and on PostgreSQL each pooled connection has
 * prepared each statement; in a fresh process the first thousand calls still pay for both (their
 * p99 was 12.6 ms where the next thousand's was 8.6–10.3 on PostgreSQL).
 */
const PATHWAY_WARMUP = 1_000;
const PATHWAY_CALLS = 3_000;
/** Messages a second the fake Slack takes; the drainers are not told. */
const OUTBOX_LIMIT = 50;
/** The fan-out is this many seconds' worth of messages at the limit. */
const OUTBOX_SECONDS = 30;
const GIVE_UP_MS = 180_000;
/** The weekly prompts are due at 2026-11-27T12:00Z; the drainers' clock starts just after. */
const PROMPT_MOMENT = '2026-11-27T13:00+01:00';
const CLOCK_START = '2026-11-27T12:00:30Z';

type Target = { text: string; met: (value: number) => boolean };
const atMost = (limit: number, unit: string): Target => ({
  text: `≤ ${limit}${unit}`,
  met: (v) => v <= limit,
});
const atLeast = (limit: number, unit: string): Target => ({
  text: `≥ ${limit}${unit}`,
  met: (v) => v >= limit,
});

/**
 * What each dialect must reach: PostgreSQL's are issue 17's; SQLite's are the targets of the
 * earlier issues' benchmarks (command-latency, signal-sweep), and issue 17's for two drainers.
 */
const TARGETS = {
  pathwayP50: { sqlite: atMost(2, ' ms'), postgres: undefined },
  pathwayP99: { sqlite: atMost(10, ' ms'), postgres: atMost(10, ' ms') },
  sweep: { sqlite: atMost(3, ' s'), postgres: atMost(5, ' s') },
  /** For comparison: issue 13's target for one drainer (bench/outbox-rate.ts). */
  oneDrainer: { sqlite: atLeast(90, '%'), postgres: atLeast(90, '%') },
  outboxRate: { sqlite: atLeast(95, '%'), postgres: atLeast(95, '%') },
  duplicates: { sqlite: atMost(0, ''), postgres: atMost(0, '') },
} as const;

type Key = keyof typeof TARGETS;
type DialectName = 'sqlite' | 'postgres';
/** One dialect's figure: the number judged, and how it reads. */
type Cell = { value: number; text: string } | { missing: string };

type Side = {
  name: DialectName;
  /** Seeds a database (`db seed` arguments without the store's) and returns how to open it. */
  seeded(name: string, args: string[]): Promise<() => Promise<Store>>;
  /** Runs a `koers` command on that database. */
  koers(name: string, args: string[], env?: Record<string, string>): Promise<void>;
  /** A copy of database `from` as `to`, and how to open it. */
  copy(from: string, to: string): Promise<() => Promise<Store>>;
  drop(name: string): Promise<void>;
};

/**
 * `koers db seed` in a process of its own, as a school seeds before Koers serves: the half a
 * million rows the seed builds are not left in this process's heap, where collecting them would
 * land in the pathway's timings (a server process never carries a seed's garbage).
 */
async function seed(args: string[], env: Record<string, string>): Promise<void> {
  try {
    await run(process.execPath, [join(projectRoot, 'bin', 'koers.js'), 'db', 'seed', ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`koers db seed ${args.join(' ')} failed: ${stdout}${stderr}`);
  }
}

async function koers(args: string[], env: Record<string, string>): Promise<void> {
  const out: string[] = [];
  const code = await main(args, env, { out: (l) => out.push(l), err: (l) => out.push(l) });
  if (code !== 0) throw new Error(`koers ${args.join(' ')} exited ${code}: ${out.join('\n')}`);
}

function sqliteSide(workDir: string): Side {
  const file = (name: string) => join(workDir, `dialects-${name}.db`);
  return {
    name: 'sqlite',
    async seeded(name, args) {
      removeDatabase(file(name));
      await seed([...args, '--db', file(name)], {});
      return async () => openStore(file(name), { create: false });
    },
    koers: (name, args, env = {}) => koers([...args, '--db', file(name)], env),
    async copy(from, to) {
      copyDatabase(file(from), file(to));
      return async () => openStore(file(to), { create: false });
    },
    async drop(name) {
      removeDatabase(file(name));
    },
  };
}

function postgresSide(server: BenchPostgres): Side {
  const database = (name: string) => `koers_bench_${name.replace(/\W/g, '_')}`;
  return {
    name: 'postgres',
    async seeded(name, args) {
      const url = await server.create(database(name));
      await seed(args, { DATABASE_URL: url });
      const open = async () => (await openPostgresStore(url, { applicationName: 'koers-bench' })).store;
      // Statistics and visibility maps now, as a database in use has them, rather than autovacuum
      // catching up on the fresh tables in the middle of a measurement; and the load's dirty pages
      // written out now, not by the checkpointer spreading them over the next minutes' timings.
      const store = await open();
      try {
        await store.raw.run('vacuum (analyze)');
        // A superuser's (or pg_checkpoint's) right: on a DATABASE_URL without it, left to the checkpointer.
        await store.raw.run('checkpoint').catch(() => undefined);
      } finally {
        await store.close();
      }
      return open;
    },
    koers: (name, args, env = {}) => koers(args, { ...env, DATABASE_URL: server.url(database(name)) }),
    async copy(from, to) {
      const url = await server.create(database(to), database(from));
      return async () => (await openPostgresStore(url, { applicationName: 'koers-bench' })).store;
    },
    drop: (name) => server.drop(database(name)),
  };
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const count = async (store: Store, where: string) =>
  Number((await store.raw.all(`select count(*) as n from outbox where ${where}`))[0]?.n);

type Measured = Partial<Record<Key, Cell>> & { notes: string[] };

/** Pathway and sweep on the 20,000-student database. */
async function onLargeDatabase(side: Side, measured: Measured): Promise<void> {
  const started = performance.now();
  const open = await side.seeded('large', [
    '--demo',
    '--students',
    String(STUDENTS),
    '--weeks',
    String(WEEKS),
    '--now',
    SCALE_SEED_NOW,
  ]);
  measured.notes.push(
    `seeded ${STUDENTS.toLocaleString('en')} × ${WEEKS} weeks in ${seconds(started).toFixed(0)} s`,
  );
  const store = await open();
  try {
    const { times, distinct, leftOut } = await measurePathway(store, {
      warmup: PATHWAY_WARMUP,
      measured: PATHWAY_CALLS,
      leaveOutMismatches: true,
    });
    const p50 = percentile(times, 0.5);
    const p99 = percentile(times, 0.99);
    measured.pathwayP50 = { value: p50, text: `${p50.toFixed(2)} ms` };
    measured.pathwayP99 = {
      value: p99,
      text: `${p99.toFixed(2)} ms (p95 ${percentile(times, 0.95).toFixed(1)}, max ${(times.at(-1) ?? 0).toFixed(0)})`,
    };
    measured.notes.push(
      `pathway: ${times.length} calls over ${distinct} names${leftOut.length > 0 ? ` (left out, not a card at ${WEEKS} weeks: ${leftOut.join(', ')})` : ''}`,
    );

    // As bench/signal-sweep.ts: the first sweep runs every rule, the daily one what time changes.
    const now = scaleSeedNow().set({ hour: 6, minute: 30 });
    const sweep = async (at: typeof now) => {
      const t0 = performance.now();
      const counts = await signalsJob.run({ store, now: at, platforms: ['local'], senders: [] });
      return { counts, seconds: seconds(t0) };
    };
    const first = await sweep(now);
    const daily = await sweep(now.plus({ days: 1 }));
    measured.sweep = {
      value: daily.seconds,
      text: `${daily.seconds.toFixed(2)} s (first ${first.seconds.toFixed(1)} s)`,
    };
    measured.notes.push(
      `sweep: ${daily.counts.students?.toLocaleString('en')} students; first sweep opened ${first.counts.opened?.toLocaleString('en')}, daily ${daily.counts.opened} opened, ${daily.counts.resolved} resolved`,
    );
  } finally {
    await store.close();
    await side.drop('large');
  }
}

const slackEnv = (apiUrl: string) => ({
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
  SLACK_API_URL: apiUrl,
});

/** A school of `OUTBOX_LIMIT × OUTBOX_SECONDS` students, all linked to Slack, this week's prompts queued. */
async function outboxSchool(side: Side, name: string, apiUrl: string): Promise<number> {
  const messages = OUTBOX_LIMIT * OUTBOX_SECONDS;
  const open = await side.seeded(name, ['--demo', '--students', String(messages), '--now', SCALE_SEED_NOW]);
  const store = await open();
  try {
    await store.raw.run(
      `insert into platform_identities (platform, workspace_id, user_id, person_kind, student_id, linked_at)
       select 'slack', 'T0KOERS', 'U' || id, 'student', id, '2026-11-01T00:00:00.000Z' from students`,
    );
    await side.koers(name, ['jobs', 'run', 'weekly-prompts', '--now', PROMPT_MOMENT], slackEnv(apiUrl));
    await store.raw.run('delete from outbox where id not in (select id from outbox order by id limit ?)', [
      messages,
    ]);
    const queued = await count(store, `platform = 'slack' and status = 'queued'`);
    if (queued < messages)
      throw new Error(`weekly-prompts queued only ${queued} Slack prompts for ${messages}`);
    return messages;
  } finally {
    await store.close();
  }
}

type DrainRun = { ratio: number; text: string; duplicates: number; note: string };

/**
 * `drainers` drain loops on one copy of the outbox school, each with its own store (its own
 * connection or pool) and its own sender (what it learns of the rate is its own, as in two
 * processes), against one fake Slack that takes `OUTBOX_LIMIT` a second.
 */
async function drainRun(side: Side, school: string, messages: number, drainers: number): Promise<DrainRun> {
  const name = `${school}_${drainers}`;
  const open = await side.copy(school, name);
  const fake = await fakeSlackRateLimited({ postMessagesPerSecond: OUTBOX_LIMIT });
  const stores: Store[] = [];
  try {
    for (let i = 0; i < drainers; i++) stores.push(await open());
    const slack = loadConfig(slackEnv(fake.apiUrl)).slack;
    if (!slack) throw new Error('no Slack configuration');
    const offset = Date.parse(CLOCK_START) - Date.now();
    const clock = () => Date.now() + offset;
    const started = performance.now();
    const drainer = async (store: Store) => {
      const sender = slackSender(slack);
      const compose = (message: Parameters<typeof outboxReply>[1]) =>
        outboxReply(store, message, new Date(clock()));
      await recoverInDoubt(store, [sender], clock);
      let sent = 0;
      while ((await count(store, `status = 'queued'`)) > 0) {
        if (performance.now() - started > GIVE_UP_MS)
          throw new Error(
            `outbox not drained after ${GIVE_UP_MS / 1000} s: ${JSON.stringify(fake.counts())}`,
          );
        const counts = await drainOutbox(store, [sender], { compose, clock });
        sent += counts.sent;
        if (counts.sent === 0 && counts.skipped === 0) await new Promise((r) => setTimeout(r, 50));
      }
      return { sent, learned: learnedRate(sender, 'T0KOERS') };
    };
    const drained = await Promise.all(stores.map(drainer));
    const took = seconds(started);
    const { accepted, rateLimited } = fake.counts();
    const notSent = await count(stores[0] as Store, `status <> 'sent'`);
    const ratio = (accepted / took / OUTBOX_LIMIT) * 100;
    const arrivals = [...fake.accepted().values()].flat().map((m) => m.at);
    const startedAt = Date.now() - took * 1000;
    const first = (Math.min(...arrivals) - startedAt) / 1000;
    return {
      ratio,
      text: `${ratio.toFixed(1)}% (${accepted}/${messages} in ${took.toFixed(1)} s)`,
      duplicates: fake.duplicates(),
      note: `sent ${drained.map((d) => d.sent).join(' + ')}; learned ${drained.map((d) => d.learned?.toFixed(1) ?? '–').join(' and ')}/s; ${rateLimited} posts answered 429 (${((rateLimited / Math.max(1, accepted + rateLimited)) * 100).toFixed(1)}%); first accepted at ${first.toFixed(2)} s; ${notSent} not sent`,
    };
  } finally {
    for (const store of stores) await store.close();
    await fake.close();
    await side.drop(name);
  }
}

async function outbox(side: Side, measured: Measured): Promise<void> {
  const school = 'outbox';
  // Open until the end: `jobs run` leaves Bolt's auth.test on its way, and a Slack that is gone by
  // the time it goes out has the client retrying for half an hour, keeping the process alive.
  const fake = await fakeSlackRateLimited({ postMessagesPerSecond: OUTBOX_LIMIT });
  try {
    const messages = await outboxSchool(side, school, fake.apiUrl);
    const one = await drainRun(side, school, messages, 1);
    measured.oneDrainer = { value: one.ratio, text: one.text };
    measured.notes.push(`one drainer at ${OUTBOX_LIMIT}/s: ${one.note}; ${one.duplicates} duplicates`);
    const two = await drainRun(side, school, messages, 2);
    measured.outboxRate = { value: two.ratio, text: two.text };
    measured.duplicates = { value: two.duplicates, text: String(two.duplicates) };
    measured.notes.push(`two drainers at ${OUTBOX_LIMIT}/s: ${two.note}`);
  } finally {
    await fake.close();
    await side.drop(school);
  }
}

async function measure(side: Side): Promise<Measured> {
  const measured: Measured = { notes: [] };
  try {
    if (ONLY !== 'drainers') await onLargeDatabase(side, measured);
    if (ONLY !== 'large') await outbox(side, measured);
  } catch (error) {
    measured.notes.push(`FAILED: ${(error as Error).stack ?? String(error)}`);
  }
  return measured;
}

const LABELS: Record<Key, string> = {
  pathwayP50: 'pathway p50',
  pathwayP99: 'pathway p99',
  sweep: 'daily sweep',
  oneDrainer: '1 drainer rate',
  outboxRate: '2 drainers rate',
  duplicates: '2 drainers dups',
};

const COLUMN = 52;

function cell(key: Key, dialect: DialectName, measured: Measured | { missing: string }): string {
  if ('missing' in measured) return measured.missing;
  const found = measured[key];
  if (!found) return 'not measured';
  if ('missing' in found) return found.missing;
  const target = TARGETS[key][dialect];
  return target
    ? `${found.text} [${target.text}: ${target.met(found.value) ? 'met' : 'NOT met'}]`
    : found.text;
}

export const dialects: Benchmark = {
  name: `dialects: SQLite and PostgreSQL side by side (20,000 students × ${WEEKS} weeks; two outbox drainers at ${OUTBOX_LIMIT}/s)`,
  async run(workDir) {
    const server = await benchPostgres();
    const sqlite = await measure(sqliteSide(workDir));
    let postgres: Measured | { missing: string };
    try {
      postgres =
        'unavailable' in server
          ? { missing: `n/a: ${server.unavailable}` }
          : await measure(postgresSide(server));
    } finally {
      if (!('unavailable' in server)) await server.stop();
    }
    const figures: Figure[] = [
      { label: '', value: `${'SQLite'.padEnd(COLUMN)} PostgreSQL` },
      ...(Object.keys(LABELS) as Key[]).map((key) => ({
        label: LABELS[key],
        value: `${cell(key, 'sqlite', sqlite).padEnd(COLUMN)} ${cell(key, 'postgres', postgres)}`,
      })),
      { label: 'weeks seeded', value: `${WEEKS} on both (120 takes PostgreSQL about 6 minutes to seed)` },
      { label: 'PostgreSQL', value: 'unavailable' in server ? server.unavailable : server.describe },
      {
        label: 'load average',
        value: loadavg()
          .map((n) => n.toFixed(1))
          .join(' '),
      },
    ];
    for (const [name, measured] of [
      ['SQLite', sqlite],
      ['PostgreSQL', postgres],
    ] as const)
      if ('notes' in measured)
        for (const note of measured.notes) figures.push({ label: `  ${name}`, value: note });
    return figures;
  },
};
