// The records a collection query selects (filtered, and ordered as far as a page needs), kept until the store
// changes. A client paging through a TQL or OData result asks the same query again with another $skip; at
// 100,000 records filtering and ordering is nearly all of a page's cost, and the rest is slicing.
import type { Rec, Store } from '../store-types.ts';

/** Results per store: each may hold a whole collection's records (references, 8 bytes each). */
const MAX_RESULTS = 8;
/** Order at least this many leading records when a result may be kept, so the next pages need no new pass. */
const MIN_IN_ORDER = 1_024;

interface Kept {
  records: Rec[];
  /** How many leading records are in order (Infinity: all). */
  inOrder: number;
}

interface StoreResults {
  version: number;
  results: Map<string, Kept>;
}

export class QueryMemo {
  readonly #byStore = new WeakMap<Store, StoreResults>();

  #memo(store: Store): StoreResults {
    let memo = this.#byStore.get(store);
    if (!memo || memo.version !== store.version) this.#byStore.set(store, (memo = { version: store.version, results: new Map() }));
    return memo;
  }

  /** The kept records of `key` when at least `inOrder` leading ones are in order (undefined: all of them). */
  get(store: Store, key: string, inOrder: number | undefined): Rec[] | undefined {
    const kept = this.#memo(store).results.get(key);
    return kept && kept.inOrder >= (inOrder ?? Infinity) ? kept.records : undefined;
  }

  /** How many leading records to put in order for a page that needs `inOrder`: more, so later pages need no new pass. */
  orderFor(inOrder: number | undefined): number | undefined {
    return inOrder === undefined ? undefined : Math.max(MIN_IN_ORDER, 2 ** Math.ceil(Math.log2(Math.max(1, inOrder))));
  }

  /** Keeps the records of `key`, selected with `orderFor(...)` leading ones in order. */
  put(store: Store, key: string, records: Rec[], inOrder: number | undefined): void {
    const { results } = this.#memo(store);
    results.delete(key);
    if (results.size >= MAX_RESULTS) results.delete(results.keys().next().value!);
    results.set(key, { records, inOrder: inOrder ?? Infinity });
  }
}
