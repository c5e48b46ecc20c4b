/** Every log line is one small JSON object, and no secret gets into one. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loggableError, loggableMessage, routeConsoleToLog } from '../src/log.ts';

function capture() {
  const logged: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    logged.push(String(chunk));
    return true;
  });
  return () => logged.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('loggableError', () => {
  it('is one line: the message, then the frames joined with ` | `, paths relative', () => {
    const error = new Error('first\nsecond');
    const text = loggableError(error);
    expect(text).not.toContain('\n');
    expect(text).toMatch(/^first second \| at .*tests\/log\.test\.ts:\d+:\d+/);
    expect(text).not.toContain(process.cwd());
    expect(text.split(' | ').length).toBeLessThanOrEqual(9);
  });

  it('keeps a failed query’s parameters out, message and frames alike', () => {
    const error = new Error('Failed query: insert into reflections\nparams: GEHEIM', {
      cause: new Error('disk full'),
    });
    expect(loggableMessage(error)).toBe('Error: disk full');
    expect(loggableError(error)).not.toContain('GEHEIM');
  });
});

describe('console output of the SDKs', () => {
  it('becomes one JSON line: the first line only, no stack, no token, no secret, objects by kind', () => {
    const out = capture();
    routeConsoleToLog('app-password-123');
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJrb2VycyJ9.c2lnbmF0dXJl';
    console.error(new Error('Unauthorized. Invalid signature'));
    console.error(`Authorization: Bearer ${jwt}\n    at somewhere (file.js:1:1)`);
    console.warn('token', jwt.replace('eyJhbGciOiJSUzI1NiJ9.', 'eyJ.'), 'password app-password-123');
    console.error({ config: { headers: { Authorization: `Bearer ${jwt}` } } });
    const lines = out().trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.map((line) => [line.level, line.event, line.stream, line.message])).toEqual([
      ['warn', 'console', 'error', 'Error: Unauthorized. Invalid signature'],
      ['warn', 'console', 'error', 'Authorization: Bearer [token]'],
      ['warn', 'console', 'warn', 'token [token] password [secret]'],
      ['warn', 'console', 'error', '[Object]'],
    ]);
    expect(out()).not.toContain('c2lnbmF0dXJl');
    expect(out()).not.toContain('app-password-123');
  });
});
