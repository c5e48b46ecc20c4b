/** A working copy of the scale database, so that a benchmark that writes leaves it as scale-seed made it. */
import { copyFileSync, existsSync, rmSync } from 'node:fs';

/** A copy of the (closed, checkpointed) database; a leftover WAL is copied along to be safe. */
export function copyDatabase(source: string, target: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${target}${suffix}`, { force: true });
    if (existsSync(`${source}${suffix}`)) copyFileSync(`${source}${suffix}`, `${target}${suffix}`);
  }
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
