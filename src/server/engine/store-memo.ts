// Values derived from a store's records (who a Basic header authenticates, what a user holds) kept until the
// store next changes: every write gives the store a new process-wide version, which empties its memo. One
// memo per store, so sandboxes never see each other's entries.
import type { Store } from './store-types.ts';

const MAX_ENTRIES = 1_000; // many distinct keys (e.g. a password-guessing loop) must not grow memory

interface Memo {
  version: number;
  values: Map<string, unknown>;
}

const memos = new WeakMap<Store, Memo>();

export function memoUntilChange<T>(store: Store, key: string, compute: () => T): T {
  let memo = memos.get(store);
  if (!memo || memo.version !== store.version) memos.set(store, (memo = { version: store.version, values: new Map() }));
  if (memo.values.has(key)) return memo.values.get(key) as T;
  const value = compute();
  if (memo.values.size >= MAX_ENTRIES) memo.values.clear();
  memo.values.set(key, value);
  return value;
}
