/**
 * What `npm start` holds in memory (issue 13): `node bin/koers.js start` as a child process, its
 * resident set (VmRSS of /proc/<pid>/status) once it has settled with no traffic, in local mode and
 * with Slack configured (against a fake Slack Web API on this machine, tests/support/fake-slack.ts);
 * then, with Slack, 2,000 signed slash commands from linked demo staff, 50 at a time: every
 * acknowledgement's latency (p50, p99), the largest resident set sampled every 100 ms, and /healthz
 * polled throughout. Targets: ≤ 120 MB idle; ≤ 250 MB under load, every command acknowledged, p99
 * acknowledgement ≤ 500 ms, the health check answering throughout.
 *
 * Linux only (/proc). The load generator runs on the same machine and competes for its cores.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.ts';
import { fakeSlack, postToSlackEndpoint } from '../tests/support/fake-slack.ts';
import { freePort } from '../tests/support/free-port.ts';
import { slashCommand } from '../tests/support/slack-requests.ts';
import type { Benchmark, Figure } from './benchmark.ts';

const COMMANDS = 2000;
const CONCURRENCY = 50;
const IDLE_TARGET_MB = 120;
const LOAD_TARGET_MB = 250;
const P99_TARGET_MS = 500;
/** Time after /healthz first answers before the idle figure is read: start-up work has finished. */
const SETTLE_MS = 5000;
const SECRET = 'bench-signing-secret-0123456789abcdef';
const TEAM = 'T0KOERS';

/** Demo staff, each linked by the email Slack's users.info gives for them. */
const staff: Record<string, { email: string }> = {
  U0JANSEN: { email: 'm.jansen@koersmeer.example' },
  U0DEVRIES: { email: 'p.devries@koersmeer.example' },
  U0BENALI: { email: 'a.benali@koersmeer.example' },
  U0YILMAZ: { email: 'f.yilmaz@koersmeer.example' },
  U0BOS: { email: 'z.bos@koersmeer.example' },
};
/** What the staff ask: help, and the pathway of a student of the demo school. */
const texts = ['help', 'pad sarina', 'pad daan visser', 'leerling sarina', 'help pad'];

const rssMb = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? Number.NaN);
  return kb / 1024;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A clean environment; KOERS_FROM_SOURCE=1 passes through, to measure the sources run by tsx. */
const baseEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...(process.env.KOERS_FROM_SOURCE && { KOERS_FROM_SOURCE: process.env.KOERS_FROM_SOURCE }),
};

type Koers = { child: ChildProcess; port: number; output: () => string; stop: () => Promise<void> };

/** `node bin/koers.js start` with only the given environment; resolves once /healthz answers. */
async function startKoers(env: Record<string, string>): Promise<Koers> {
  const port = await freePort();
  const child = spawn(process.execPath, [join('bin', 'koers.js'), 'start'], {
    cwd: projectRoot,
    env: { ...baseEnv, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`koers start exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`koers start did not answer /healthz: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {}
    await sleep(100);
  }
  return {
    child,
    port,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The resident set after start-up has settled. */
async function idleRss(koers: Koers): Promise<number> {
  await sleep(SETTLE_MS);
  return rssMb(koers.child.pid ?? 0);
}

const mb = (value: number) => `${value.toFixed(0)} MB`;

async function localIdle(workDir: string): Promise<Figure[]> {
  const koers = await startKoers({ KOERS_DB: join(workDir, 'memory-local.db') });
  try {
    const idle = await idleRss(koers);
    return [
      {
        label: 'idle, local',
        value: mb(idle),
        target: `≤ ${IDLE_TARGET_MB} MB`,
        met: idle <= IDLE_TARGET_MB,
      },
    ];
  } finally {
    await koers.stop();
  }
}

async function slackUnderLoad(workDir: string): Promise<Figure[]> {
  const db = join(workDir, 'memory-slack.db');
  const seeded = spawnSync(process.execPath, [join('bin', 'koers.js'), '--db', db, 'db', 'seed', '--demo'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  const slack = await fakeSlack(staff);
  const koers = await startKoers({
    KOERS_DB: db,
    SLACK_BOT_TOKEN: 'xoxb-0000000000-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  const pid = koers.child.pid ?? 0;
  const endpoint = `http://127.0.0.1:${koers.port}/slack/events`;
  try {
    const idle = await idleRss(koers);

    let maxRss = idle;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxRss = Math.max(maxRss, rssMb(pid));
        await sleep(100);
      }
    })();
    let healthChecks = 0;
    let healthFailures = 0;
    let slowestHealthMs = 0;
    const health = (async () => {
      while (sampling) {
        const started = performance.now();
        healthChecks += 1;
        try {
          const response = await fetch(`http://127.0.0.1:${koers.port}/healthz`, {
            signal: AbortSignal.timeout(2000),
          });
          if (!response.ok) healthFailures += 1;
        } catch {
          healthFailures += 1;
        }
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
        await sleep(100);
      }
    })();

    const users = Object.keys(staff);
    const latencies: number[] = [];
    let refused = 0;
    let next = 0;
    const loadStarted = performance.now();
    const worker = async () => {
      for (let i = next++; i < COMMANDS; i = next++) {
        const user = users[i % users.length] ?? 'U0JANSEN';
        const body = slashCommand(
          { user, team: TEAM, responseUrl: slack.responseUrl(`bench-${i}`) },
          texts[i % texts.length] ?? 'help',
        );
        const started = performance.now();
        try {
          const response = await postToSlackEndpoint(endpoint, body, {
            secret: SECRET,
            contentType: 'application/x-www-form-urlencoded',
          });
          await response.arrayBuffer();
          if (response.status === 200) latencies.push(performance.now() - started);
          else refused += 1;
        } catch {
          refused += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    // The answers follow the acknowledgements, to the response_url; wait for them (at most a minute).
    const answeredBy = Date.now() + 60_000;
    while (slack.calls('respond').length < COMMANDS && Date.now() < answeredBy) await sleep(200);
    const answered = slack.calls('respond').length;
    sampling = false;
    await Promise.all([sampler, health]);

    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const acknowledged = latencies.length;
    return [
      {
        label: 'idle, Slack',
        value: mb(idle),
        target: `≤ ${IDLE_TARGET_MB} MB`,
        met: idle <= IDLE_TARGET_MB,
      },
      {
        label: 'under load',
        value: `${mb(maxRss)} max (${COMMANDS} commands, ${CONCURRENCY} at a time, ${loadSeconds.toFixed(1)} s)`,
        target: `≤ ${LOAD_TARGET_MB} MB`,
        met: maxRss <= LOAD_TARGET_MB,
      },
      {
        label: 'acknowledged',
        value: `${acknowledged} of ${COMMANDS} (answered ${answered})`,
        target: 'every one',
        met: acknowledged === COMMANDS && refused === 0,
      },
      { label: 'ack p50', value: `${p50.toFixed(0)} ms` },
      {
        label: 'ack p99',
        value: `${p99.toFixed(0)} ms`,
        target: `≤ ${P99_TARGET_MS} ms`,
        met: p99 <= P99_TARGET_MS,
      },
      {
        label: 'health checks',
        value: `${healthChecks - healthFailures} of ${healthChecks} answered, slowest ${slowestHealthMs.toFixed(0)} ms`,
        target: 'all answered',
        met: healthFailures === 0,
      },
    ];
  } finally {
    await koers.stop();
    await slack.close();
  }
}

export const memory: Benchmark = {
  name: 'memory: npm start idle and under 2,000 Slack commands',
  async run(workDir) {
    if (!existsSync('/proc/self/status')) return [{ label: 'skipped', value: 'needs Linux /proc' }];
    // What `npm start` runs (its `prestart`): the build, made first if the sources changed;
    // otherwise bin/koers.js would measure the sources through tsx.
    spawnSync(process.execPath, [join('bin', 'build.js'), '--if-stale', '--quiet'], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
    return [...(await localIdle(workDir)), ...(await slackUnderLoad(workDir))];
  },
};
