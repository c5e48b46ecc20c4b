import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const perTest: string[] = [];
const perFile: string[] = [];

/** Removes the folders of the test that ended, or with `{ shared: true }` of the file (tests/support/setup.ts). */
export function removeTempDirs(options: { shared?: boolean } = {}): void {
  for (const dir of (options.shared ? perFile : perTest).splice(0))
    rmSync(dir, { recursive: true, force: true });
}

/**
 * A fresh folder, removed after the test; with `{ shared: true }` after the whole file, for
 * fixtures that a `describe` block builds once.
 */
export function tempDir(options: { shared?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'koers-test-'));
  (options.shared ? perFile : perTest).push(dir);
  return dir;
}
