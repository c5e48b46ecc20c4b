// Whether dist/ was built from the sources as they are now. Shared by bin/build.js (which writes the
// stamp) and bin/koers.js (which reads it on every start, so it must stay cheap: a few milliseconds).
//
// The signature covers every file the bundle is made of: path, size and modification time of each
// file under src/, commands/ and db/, plus the lock files (the bundle includes some packages) and the
// build script. Any edit, added or removed file, checkout or `npm install` changes it; a stale build
// is never run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const distFolder = join(root, 'dist');
export const stampFile = join(distFolder, 'build.json');

const folders = ['src', 'commands', 'db'];
const files = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'bin/build.js'];

function walk(folder, lines) {
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) walk(path, lines);
    else lines.push(describe(path));
  }
}

function describe(path) {
  try {
    const stat = statSync(join(root, path));
    return `${path} ${stat.size} ${stat.mtimeMs}`;
  } catch {
    return `${path} -`;
  }
}

/** What the build is made of, as the files are now: one line per file. */
export function sourceSignature() {
  const lines = [];
  for (const folder of folders) walk(folder, lines);
  for (const file of files) lines.push(describe(file));
  return lines.sort();
}

/** The entry module of a build made from the current sources, or undefined when there is none. */
export function freshEntry() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof stamp?.entry !== 'string' || !Array.isArray(stamp.signature)) return undefined;
  if (stamp.signature.join('\n') !== sourceSignature().join('\n')) return undefined;
  return join(distFolder, stamp.entry);
}
