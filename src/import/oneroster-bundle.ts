/**
 * A OneRoster 1.1 CSV bundle as Koers reads it: `orgs.csv`, `users.csv`, `classes.csv` and
 * `enrollments.csv`, in a folder or in a .zip (as School Data Sync and Dutch school systems
 * export them; the files may sit in a folder inside the zip). Each file is streamed: from disk,
 * or inflated from the zip by yauzl as it is read, never unpacked whole. The bundle's other
 * files (manifest, courses, academic sessions, demographics) are not needed.
 */
import { createReadStream, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from '../i18n/user-error.ts';

export const BUNDLE_FILES = ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv'] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number];

export type Bundle = {
  /** The files of the bundle there are, by their OneRoster name. */
  files: ReadonlySet<BundleFile>;
  /** Their total size in bytes (as read, inflated from a zip): what a progress bar counts. */
  bytes: number;
  /** A file's bytes as they are read. */
  open(file: BundleFile): AsyncIterable<Buffer>;
  close(): void;
};

const bundleName = (name: string) => {
  const lower = basename(name).toLowerCase();
  return (BUNDLE_FILES as readonly string[]).includes(lower) ? (lower as BundleFile) : undefined;
};

async function folderBundle(path: string): Promise<Bundle> {
  const found = new Map<BundleFile, string>();
  for (const name of readdirSync(path)) {
    const file = bundleName(name);
    if (file) found.set(file, join(path, name));
  }
  let bytes = 0;
  for (const file of found.values()) bytes += (await stat(file)).size;
  return {
    files: new Set(found.keys()),
    bytes,
    open: (file) => createReadStream(found.get(file) as string, { highWaterMark: 256 * 1024 }),
    close() {},
  };
}

async function zipBundle(path: string): Promise<Bundle> {
  // why: yauzl is loaded by the OneRoster import that reads a zip, not by every import.
  const yauzl = await import('yauzl');
  let zip: import('yauzl').ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (cause) {
    throw new UserError('roster.oneroster.badZip', { path }, { cause });
  }
  const entries = new Map<BundleFile, import('yauzl').Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: import('yauzl').Entry) => {
        const file = bundleName(entry.fileName);
        if (file && !entry.fileName.endsWith('/') && !entries.has(file)) entries.set(file, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch (cause) {
    zip.close();
    throw new UserError('roster.oneroster.badZip', { path }, { cause });
  }
  let bytes = 0;
  for (const entry of entries.values()) bytes += entry.uncompressedSize;
  return {
    files: new Set(entries.keys()),
    bytes,
    async *open(file) {
      const stream = await zip.openReadStreamPromise(entries.get(file) as import('yauzl').Entry);
      for await (const chunk of stream) yield chunk as Buffer;
    },
    close: () => zip.close(),
  };
}

/** The bundle at `path`: a folder, or a zip file. */
export async function openBundle(path: string): Promise<Bundle> {
  const info = await stat(path);
  return info.isDirectory() ? folderBundle(path) : zipBundle(path);
}
