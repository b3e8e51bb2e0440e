// Values derived from a store's records (who a Basic header authenticates, what a user holds) kept until the
// records they come from next change. A VersionedMemo keys on a version the caller derives, e.g. that of the
// few entities a value reads. One memo per store, so sandboxes never see each other's entries.
import type { Store } from '../store-types.ts';

const MAX_ENTRIES = 1_000; // many distinct keys (e.g. a password-guessing loop) must not grow memory

interface Memo {
  version: number;
  values: Map<string, unknown>;
}

export class VersionedMemo {
  private readonly memos = new WeakMap<Store, Memo>();

  get<T>(store: Store, version: number, key: string, compute: () => T): T {
    let memo = this.memos.get(store);
    if (!memo || memo.version !== version) this.memos.set(store, (memo = { version, values: new Map() }));
    if (memo.values.has(key)) return memo.values.get(key) as T;
    const value = compute();
    if (memo.values.size >= MAX_ENTRIES) memo.values.clear();
    memo.values.set(key, value);
    return value;
  }
}
