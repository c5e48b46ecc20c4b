/**
 * A rule of the domain lives once, in src/domain (docs/domain.md): outside it, no code compares a
 * status with a code of its own or writes a status list into SQL by hand. A new `status <> 'x'`
 * in the store or `a.status === 'x'` in a command fails here; ask the concept's module instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

/** A status compared with or set to a quoted code, in TypeScript or in SQL. */
const statusLiteral = [
  /status\s*(?:<>|!=|=|===|!==)\s*'[a-z-]+'/,
  /status\s+(?:not\s+)?in\s*\(\s*'/i,
  /(?:eq|ne)\(\s*\w+\.status\s*,\s*'/,
  /status:\s*'(?:open|gezien|opgelost|voorgesteld|toegewezen|lopend|afgerond|behaald|bijgesteld|gestopt)'/,
];

describe('status codes outside src/domain', () => {
  // The seed's story plans (demo-school.ts) and enrolment rows are data, typed by the enums.
  const files = [
    'commands',
    'src/store',
    'src/views',
    'src/signals',
    'src/jobs',
    'src/seed/school-builder.ts',
  ]
    .flatMap((path) => (path.endsWith('.ts') ? [path] : sources(path)))
    // The outbox's own statuses (queued, sending, sent, dead) are its module's business.
    .filter((file) => !file.endsWith('store/outbox.ts'));

  it.each(files)('%s compares no status with a code of its own', (file) => {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    const found = lines.flatMap((line, i) =>
      statusLiteral.some((pattern) => pattern.test(line)) ? [`${i + 1}: ${line.trim()}`] : [],
    );
    expect(found).toEqual([]);
  });
});
