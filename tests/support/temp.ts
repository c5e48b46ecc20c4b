import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

const perTest: string[] = [];
const perFile: string[] = [];

afterEach(() => {
  for (const dir of perTest.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  for (const dir of perFile.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh folder, removed after the test; with `{ shared: true }` after the whole file, for
 * fixtures that a `describe` block builds once.
 */
export function tempDir(options: { shared?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'koers-test-'));
  (options.shared ? perFile : perTest).push(dir);
  return dir;
}
