/**
 * A light start: `koers --help` and `koers ask` must not load a platform SDK or the HTTP server
 * (issue 13). Not a timing test: the real `bin/koers.js` runs with a module-resolution hook
 * (`module.register`, stable since Node 20.6) that reports every module it resolves, and the test
 * checks that none of the heavy ones is among them. `npm run bench -- cli-startup` gives the times.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/paths.ts';
import { freshDemo } from './support/demo.ts';

const MARK = 'koers-resolved ';
/** Runs in the loader thread: reports each resolved URL on stderr. */
const hooks = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write(${JSON.stringify(MARK)} + result.url + '\\n');
  return result;
}`;
const registerHooks = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;

/** Runs `node bin/koers.js <args>` and returns its exit code, output and the modules it loaded. */
function koersTraced(args: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(registerHooks)}`,
      join('bin', 'koers.js'),
      ...args,
    ],
    { cwd: projectRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
  );
  const lines = result.stderr.split('\n');
  return {
    code: result.status,
    out: result.stdout,
    err: lines.filter((line) => !line.startsWith(MARK)).join('\n'),
    modules: lines.filter((line) => line.startsWith(MARK)).map((line) => line.slice(MARK.length)),
  };
}

const heavy = [
  '/node_modules/@microsoft/teams-ai/',
  '/node_modules/botbuilder/',
  '/node_modules/@slack/bolt/',
  '/src/platforms/teams/teams-adapter.ts',
  '/src/platforms/slack/slack-adapter.ts',
  '/src/server/http-server.ts',
  '/src/app/start.ts',
];
const loadedHeavy = (modules: string[]) => heavy.filter((part) => modules.some((url) => url.includes(part)));

describe('a light start', () => {
  it('shows `koers --help` without a platform SDK or the server', () => {
    const run = koersTraced(['--help']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('ask');
    // The hook works: it saw the CLI itself.
    expect(run.modules.some((url) => url.endsWith('/src/cli/main.ts'))).toBe(true);
    expect(loadedHeavy(run.modules)).toEqual([]);
  });

  it('answers `koers ask` without a platform SDK or the server', async () => {
    const { file } = await freshDemo();
    const run = koersTraced(['ask', '--db', file, '--as', 'm.jansen@koersmeer.example', 'leerling sarina']);
    expect(run.code, run.err).toBe(0);
    expect(run.out.toLowerCase()).toContain('sarina');
    expect(run.modules.some((url) => url.endsWith('/src/engine/router.ts'))).toBe(true);
    expect(loadedHeavy(run.modules)).toEqual([]);
  });
});
