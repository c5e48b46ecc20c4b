/**
 * A client that goes away in the middle of its body is nothing Koers did wrong: one small log
 * line says so, with no stack, and the server goes on answering.
 */
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { start } from '../src/app/start.ts';
import { databaseOf, freshDemoEnv } from './support/demo.ts';
import { startKoers } from './support/running.ts';

let running: Awaited<ReturnType<typeof start>>;
let logged: string[];

beforeEach(async () => {
  // The demo school on this run's dialect: KOERS_DB's file, or DATABASE_URL's database.
  running = await startKoers(databaseOf((await freshDemoEnv()).env), { slack: undefined, teams: undefined });
  logged = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    logged.push(String(chunk));
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await running.stop();
});

/** Headers promising a body, half of it, and then the connection torn down. */
async function abortMidBody(path: string) {
  const socket = connect(running.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      'Content-Length: 2000\r\n\r\n{"type":"message","text":"',
  );
  // Let the server start reading the body before the client goes.
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
}

const lines = () =>
  logged
    .join('')
    .split('\n')
    .filter((line) => line !== '');

describe('a request aborted mid-body', () => {
  it('logs one `http.aborted` line with method and path, no stack, and the server still answers', async () => {
    await abortMidBody('/api/messages');
    // In local mode the Teams endpoint loads its SDK on the first activity, which takes seconds.
    await vi.waitFor(() => expect(lines().some((line) => line.includes('http.aborted'))).toBe(true), {
      timeout: 15_000,
    });
    // Anything else the abort would log comes right after; give it the time to.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const parsed = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.filter((line) => line.event === 'http.aborted')).toEqual([
      expect.objectContaining({ level: 'info', method: 'POST', path: '/api/messages' }),
    ]);
    expect(parsed.filter((line) => line.level === 'error')).toEqual([]);
    expect(logged.join('')).not.toMatch(/\bat .*:\d+:\d+/);
    expect((await fetch(`http://127.0.0.1:${running.port}/healthz`)).status).toBe(200);
  });
});
