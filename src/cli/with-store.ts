import { closeStore, openStore, type Store } from '../store/database.ts';

/** Opens the store for a command and always closes it, also when the command fails. */
export async function withStore<T>(
  path: string,
  create: boolean,
  work: (store: Store) => T | Promise<T>,
): Promise<T> {
  const store = openStore(path, { create });
  try {
    return await work(store);
  } finally {
    closeStore(store);
  }
}
