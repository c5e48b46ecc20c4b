/**
 * A light start: `koers --help` and `koers ask` must not load a platform SDK or the HTTP server
 * (issue 13), whether `bin/koers.js` runs the build in dist/ or the sources through tsx. Not a
 * timing test: the real `bin/koers.js` runs with a module-resolution hook (`module.register`,
 * stable since Node 20.6) that reports every module it resolves, and the test checks that none of
 * the heavy ones is among them; a file of the build counts as the sources it holds
 * (dist/chunks.json). `npm run bench -- cli-startup` gives the times.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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

type Mode = 'build' | 'sources';

/** Runs `node bin/koers.js <args>` and returns its exit code, output and the modules it loaded. */
function koersTraced(mode: Mode, args: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(registerHooks)}`,
      join('bin', 'koers.js'),
      ...args,
    ],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...(mode === 'sources' && { KOERS_FROM_SOURCE: '1' }) },
      timeout: 60_000,
    },
  );
  const lines = result.stderr.split('\n');
  return {
    code: result.status,
    out: result.stdout,
    err: lines.filter((line) => !line.startsWith(MARK)).join('\n'),
    modules: sourcesOf(lines.filter((line) => line.startsWith(MARK)).map((line) => line.slice(MARK.length))),
  };
}

const dist = join(projectRoot, 'dist');
/** Each file of the build as the sources it holds; other modules as they are. */
function sourcesOf(urls: string[]): string[] {
  const inDist = `file://${dist}/`;
  if (!urls.some((url) => url.startsWith(inDist))) return urls;
  const chunks = JSON.parse(readFileSync(join(dist, 'chunks.json'), 'utf8')) as Record<string, string[]>;
  return urls.flatMap((url) =>
    url.startsWith(inDist)
      ? [url, ...(chunks[url.slice(inDist.length)] ?? []).map((path) => `file://${projectRoot}${path}`)]
      : [url],
  );
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

beforeAll(() => {
  // What `npm install` does: the build mode is tested on a build of the sources as they are.
  const built = spawnSync(process.execPath, [join('bin', 'build.js'), '--if-stale', '--quiet'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
});

describe.each<Mode>(['build', 'sources'])('a light start, from the %s', (mode) => {
  it('loads what it is asked to', () => {
    const run = koersTraced(mode, ['--help']);
    const tsx = run.modules.some((url) => url.includes('/node_modules/tsx/'));
    expect(tsx).toBe(mode === 'sources');
    expect(run.modules.some((url) => url.startsWith(`file://${dist}/`))).toBe(mode === 'build');
  });

  it('shows `koers --help` without a platform SDK or the server', () => {
    const run = koersTraced(mode, ['--help']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('ask');
    // The hook works: it saw the CLI itself.
    expect(run.modules.some((url) => url.endsWith('/src/cli/main.ts'))).toBe(true);
    expect(loadedHeavy(run.modules)).toEqual([]);
    // Nor the store: help opens no database.
    const store = ['/node_modules/better-sqlite3/', '/node_modules/drizzle-orm/', '/src/store/'];
    expect(store.filter((part) => run.modules.some((url) => url.includes(part)))).toEqual([]);
  });

  it('answers `koers ask` without a platform SDK or the server', async () => {
    const { file } = await freshDemo();
    const run = koersTraced(mode, [
      'ask',
      '--db',
      file,
      '--as',
      'm.jansen@koersmeer.example',
      'leerling sarina',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.out.toLowerCase()).toContain('sarina');
    expect(run.modules.some((url) => url.endsWith('/src/engine/router.ts'))).toBe(true);
    expect(loadedHeavy(run.modules)).toEqual([]);
  });
});
