/**
 * Opening the store the configuration names: PostgreSQL when DATABASE_URL is set, else the
 * SQLite file of KOERS_DB. Either is brought up to date with its migrations.
 */
import type { Config } from '../config.ts';
import { openStore } from './database.ts';
import { migrateStore } from './migrations.ts';
import type { Store } from './store.ts';

export type Opened = { store: Store; migrationsApplied: number };

export async function openConfiguredStore(
  config: Pick<Config, 'databasePath' | 'databaseUrl'>,
  options: { create: boolean; migrate: boolean },
): Promise<Opened> {
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./pg-store.ts');
    const { store, migrationsApplied } = await openPostgresStore(config.databaseUrl);
    return { store, migrationsApplied };
  }
  const store = openStore(config.databasePath, { create: options.create });
  try {
    return { store, migrationsApplied: options.migrate ? migrateStore(store) : 0 };
  } catch (error) {
    await store.close();
    throw error;
  }
}
