import type { Store } from '../store/database.ts';

/** Opens the store for a command and always closes it, also when the command fails. */
export async function withStore<T>(
  path: string,
  create: boolean,
  work: (store: Store) => T | Promise<T>,
): Promise<T> {
  // why: the store (better-sqlite3, drizzle) is loaded by the command that opens it, not by every
  // command file that merely imports this helper (so not by `koers --help`).
  const { closeStore, openStore } = await import('../store/database.ts');
  const store = openStore(path, { create });
  try {
    return await work(store);
  } finally {
    closeStore(store);
  }
}
