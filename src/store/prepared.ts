/**
 * Queries built once per open store. Drizzle turns a query into SQL text on every call, which
 * costs more than SQLite running it; the commands a mentor waits for (the pathway card) prepare
 * their queries once, with placeholders, and reuse them.
 */
import type { Store } from './database.ts';

const caches = new WeakMap<Store, Map<string, unknown>>();

export function prepared<T>(store: Store, key: string, build: () => T): T {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  let query = cache.get(key) as T | undefined;
  if (query === undefined) {
    query = build();
    cache.set(key, query);
  }
  return query;
}
