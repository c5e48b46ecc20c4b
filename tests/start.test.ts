import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/paths.ts';
import { query } from './support/dump.ts';
import { freePort } from './support/free-port.ts';
import { tempDir } from './support/temp.ts';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

type Started = { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> };

/** `npm start` is `node bin/koers.js start`; this runs the same with a clean environment. */
function startKoers(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'koers.js'), 'start'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  running.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  it('comes up on an empty database path in local mode, answers /healthz, and stops on SIGTERM', async () => {
    const file = join(tempDir(), 'nog', 'niet', 'koers.db');
    const port = await freePort();
    const koers = startKoers({ KOERS_DB: file, PORT: String(port) });
    // The last start line in local mode: every line before it is out too.
    await until(() => koers.out().includes('Speelplaats:'));
    expect(koers.out()).toContain('Koersmeer College');
    expect(koers.out()).toContain('Geen platform ingesteld');
    // Teams' endpoint is served without a token, and the start line says to whom.
    expect(koers.out()).toContain(
      `Teams: http://localhost:${port}/api/messages neemt activiteiten zonder token aan, alleen van deze computer`,
    );

    // The playground is the front door: its address printed, the demo personas on the page.
    expect(koers.out()).toContain(`Speelplaats: open http://localhost:${port}/ in je browser`);
    const playground = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    for (const persona of ['Mirjam Jansen', 'Tom Smit', 'Yara Wijaya']) expect(playground).toContain(persona);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/nergens`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);
    // The Teams SDK loads on the first activity, not at start; then the endpoint answers as ever.
    const notAnActivity = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      body: '{}',
    });
    expect(notAnActivity.status).toBe(400);

    koers.child.kill('SIGTERM');
    expect(await koers.exited).toBe(0);
    expect(query(file, 'select count(*) n from students')).toEqual([{ n: 75 }]);
    // Seeded and swept at once: the demo's stories are open signals from the first minute.
    expect(query(file, "select distinct kind from signals where kind = 'gespreksverzoek'")).toEqual([
      { kind: 'gespreksverzoek' },
    ]);
  });

  it('with Slack configured: mounts /slack/events, seeds nothing, and still stops promptly when Slack cannot be reached', async () => {
    const file = join(tempDir(), 'koers.db');
    const port = await freePort();
    const unreachable = await freePort();
    const koers = startKoers({
      KOERS_DB: file,
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-0000000000-test',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      SLACK_API_URL: `http://127.0.0.1:${unreachable}/api/`,
    });
    await until(() => koers.out().includes('/slack/events'));
    expect(koers.out()).not.toContain('Koersmeer College');
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(
      401,
    );
    const stoppedAt = Date.now();
    koers.child.kill('SIGTERM');
    expect(await koers.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(koers.err()).not.toContain('xoxb-0000000000-test');
    expect(koers.err()).not.toContain('test-signing-secret');
  });

  it('with Teams configured: says activities need a token, seeds nothing, refuses an unsigned activity', async () => {
    const file = join(tempDir(), 'koers.db');
    const port = await freePort();
    const koers = startKoers({
      KOERS_DB: file,
      PORT: String(port),
      TEAMS_APP_ID: '0a4e7c55-1d1b-4e57-9e5e-2f6a6c1f9b01',
      TEAMS_APP_PASSWORD: 'teams-secret-value-123',
      TEAMS_TENANT_ID: '6f1c1b9e-2c55-4a8e-9d43-0a1b2c3d4e5f',
    });
    await until(() => koers.out().includes('/api/messages'));
    expect(koers.out()).toContain('moeten een geldig Bot Framework-token hebben');
    expect(koers.out()).not.toContain('Koersmeer College');
    const activity = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: '29:x' },
      recipient: { id: '28:koers' },
      conversation: { id: 'a:1' },
      text: 'help',
    };
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(401);
    koers.child.kill('SIGTERM');
    expect(await koers.exited).toBe(0);
    expect(koers.out() + koers.err()).not.toContain('teams-secret-value-123');
  });

  it('stops cleanly on a SIGTERM that comes while it is still starting', async () => {
    const file = join(tempDir(), 'koers.db');
    const koers = startKoers({ KOERS_DB: file, PORT: String(await freePort()) });
    // The first line (migrations applied) comes long before the scheduler is running.
    await until(() => koers.out().length > 0);
    koers.child.kill('SIGTERM');
    expect(await koers.exited).toBe(0);
    expect(koers.out()).toContain('Koers stopt');
  });

  it('does not seed again on the next start', async () => {
    const file = join(tempDir(), 'koers.db');
    for (let run = 0; run < 2; run += 1) {
      const koers = startKoers({ KOERS_DB: file, PORT: String(await freePort()) });
      await until(() => koers.out().includes('/healthz'));
      expect(koers.out().includes('Koersmeer College')).toBe(run === 0);
      koers.child.kill('SIGTERM');
      await koers.exited;
    }
    expect(query(file, 'select count(*) n from schools')).toEqual([{ n: 1 }]);
  });

  it('stops with one line per problem and exit 1 on a bad environment, without printing secrets', async () => {
    const koers = startKoers({ PORT: 'http', TEAMS_APP_PASSWORD: 'super-geheim-wachtwoord' });
    expect(await koers.exited).toBe(1);
    expect(koers.err().trim().split('\n')).toEqual([
      expect.stringMatching(/^PORT: "http"/),
      expect.stringMatching(/^TEAMS_APP_ID: /),
    ]);
    expect(koers.err() + koers.out()).not.toContain('super-geheim');
  });

  it('says so when the port is taken', async () => {
    const port = await freePort();
    const first = startKoers({ KOERS_DB: join(tempDir(), 'a.db'), PORT: String(port) });
    await until(() => first.out().includes('/healthz'));
    const second = startKoers({ KOERS_DB: join(tempDir(), 'b.db'), PORT: String(port) });
    expect(await second.exited).toBe(1);
    expect(second.err()).toContain(`Poort ${port} is al in gebruik`);
  });
});
