/**
 * Vitest global setup: the demo school is seeded once per run, into a temporary folder, and every
 * test file copies that file (tests/support/demo.ts) instead of seeding its own. Seeding takes about
 * a second; thirty test files need the demo school.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { main } from '../../src/cli/main.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded demo school of this run, not to be written to: tests copy it. */
    demoTemplate: string;
  }
}

/** The arguments every demo database is seeded with: the stories end on DEMO_NOW's Monday. */
export const demoSeedArgs = ['db', 'seed', '--demo', '--now', '2026-11-23'];

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'koers-demo-'));
  const file = join(dir, 'demo.db');
  const err: string[] = [];
  const code = await main(
    [...demoSeedArgs, '--db', file],
    {},
    { out: () => {}, err: (line) => err.push(line) },
  );
  if (code !== 0) throw new Error(`seeding the demo school failed: ${err.join('\n')}`);
  project.provide('demoTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
