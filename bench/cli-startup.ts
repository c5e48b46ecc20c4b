/**
 * How long the `koers` command takes to start (issue 13, "a light start"): `koers --help` and one
 * `koers ask` on the demo school, each run five times as a user would, `node bin/koers.js`, wall
 * time per run; the median is held against the target (≤ 0.4 s and ≤ 0.8 s). `koers` runs the
 * build in dist/ (bin/build.js, made first if the sources changed); for scale it also times the
 * same from the sources through tsx (KOERS_FROM_SOURCE=1, what runs when there is no fresh build)
 * and tsx alone (register tsx, import one empty TypeScript module): the floor without a build.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.ts';
import type { Benchmark, Figure } from './benchmark.ts';

const RUNS = 5;
const HELP_TARGET_SECONDS = 0.4;
const ASK_TARGET_SECONDS = 0.8;

/** Wall seconds of one `node <args>` run from the project root; throws when it fails. */
function timed(args: string[], env: Record<string, string> = {}): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, KOERS_FROM_SOURCE: '', ...env },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function medianOf(args: string[], env: Record<string, string> = {}): number {
  return median(Array.from({ length: RUNS }, () => timed(args, env)));
}

const koers = join('bin', 'koers.js');

export const cliStartup: Benchmark = {
  name: 'cli-startup: koers --help and koers ask, median of five',
  async run(workDir) {
    const db = join(workDir, 'cli-startup.db');
    timed([join('bin', 'build.js'), '--if-stale', '--quiet']);
    timed([koers, '--db', db, 'db', 'seed', '--demo']);
    // tsx's own start: register it (as bin/koers.js does) and import one empty .ts module.
    const empty = join(workDir, 'empty.ts');
    writeFileSync(empty, 'export const nothing = 0;\n');
    const tsxOnly = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(
      `file://${empty}`,
    )});`;
    const node = medianOf(['-e', '0']);
    const tsx = medianOf(['--input-type=module', '-e', tsxOnly]);
    const askArgs = [koers, 'ask', '--db', db, '--as', 'm.jansen@koersmeer.example', 'leerling sarina'];
    const fromSource = { KOERS_FROM_SOURCE: '1' };
    const helpFromSource = medianOf([koers, '--help'], fromSource);
    const askFromSource = medianOf(askArgs, fromSource);
    const help = medianOf([koers, '--help']);
    const ask = medianOf(askArgs);
    const figures: Figure[] = [
      { label: 'node alone', value: `${node.toFixed(2)} s` },
      { label: 'tsx alone', value: `${tsx.toFixed(2)} s` },
      { label: '--help, sources', value: `${helpFromSource.toFixed(2)} s` },
      { label: 'ask, sources', value: `${askFromSource.toFixed(2)} s` },
      {
        label: 'koers --help',
        value: `${help.toFixed(2)} s`,
        target: `≤ ${HELP_TARGET_SECONDS} s`,
        met: help <= HELP_TARGET_SECONDS,
      },
      {
        label: 'koers ask',
        value: `${ask.toFixed(2)} s`,
        target: `≤ ${ASK_TARGET_SECONDS} s`,
        met: ask <= ASK_TARGET_SECONDS,
      },
    ];
    return figures;
  },
};
