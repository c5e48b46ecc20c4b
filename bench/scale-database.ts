/**
 * The 20,000-student database the scale-seed benchmark leaves in the work folder, built here when
 * a benchmark that reads it runs on its own (`npm run bench -- prompt`). Same build as
 * scale-seed and command-latency, so every benchmark measures the same data.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DateTime } from 'luxon';
import { parseSeedNow, seedDemo } from '../src/seed/seed.ts';
import { closeStore, openStore } from '../src/store/database.ts';
import { migrateStore } from '../src/store/migrations.ts';

/** The `--now` scale-seed seeds with: its history ends on this Monday. */
export const SCALE_SEED_NOW = '2026-11-23';

export function scaleSeedNow(): DateTime {
  const now = parseSeedNow(SCALE_SEED_NOW);
  if (!now) throw new Error('bad --now');
  return now;
}

export async function scaleDatabase(workDir: string): Promise<string> {
  const file = join(workDir, 'koers-20000.db');
  if (existsSync(file)) return file;
  const store = openStore(file, { create: true });
  migrateStore(store);
  await seedDemo(store, { now: scaleSeedNow(), students: 20_000, weeks: 120 });
  await closeStore(store);
  return file;
}
