// The public shape of the store. The server, the query engine and the admin API code against these types only.

export type Rec = Record<string, unknown> & { Id: string };

/** Entity name -> records, in insertion order (the shape of generated/fixtures.json). */
export type Data = Record<string, Rec[]>;

/** What one write did, as the store tells its persistence (a change-log line says the same). */
export type Change =
  | { kind: 'put'; entity: string; rec: Rec }
  | { kind: 'remove'; entity: string; id: string }
  | { kind: 'reset' }
  | { kind: 'load'; data: Data };

export interface Collection {
  readonly name: string;
  readonly size: number;
  /** Ids are GUIDs in ET, so they match case-insensitively. O(1). */
  get(id: string): Rec | undefined;
  /** Insertion order. */
  values(): IterableIterator<Rec>;
  /** Records whose `field` equals `value` (strings compared case-insensitively, null matches a missing field). */
  where(field: string, value: unknown): Rec[];
  /** Throws StoreError if a record with that Id exists. */
  insert(rec: Rec): Rec;
  /** Shallow merge; the Id never changes. Returns the new record, or undefined when there is none. */
  update(id: string, patch: Record<string, unknown>): Rec | undefined;
  /** Replaces the record with the same Id (keeping its place), or inserts it when there is none. */
  replace(rec: Rec): Rec;
  remove(id: string): Rec | undefined;
}

export interface Store {
  /** Created empty on first use. The handle stays valid across reset() and load(). */
  collection(entity: string): Collection;
  /** Sorted. */
  entities(): string[];
  /** Every collection, records in insertion order; the records themselves are shared, not copied. */
  snapshot(): Data;
  /** Replaces the whole state; throws StoreError and keeps the old state when `data` is badly shaped. */
  load(data: Data): void;
  /** Back to the start data. */
  reset(): void;
  /** A memory-only sandbox that starts from the start data; its writes are invisible to every other store. */
  fork(): Store;
  /** Changes on every write; unique across all stores of the process, so it can key caches. */
  readonly version: number;
  /**
   * Changes whenever that entity's records do (a write to it, reset, load); from the same clock as `version`,
   * so caches of values derived from a few entities outlive writes to the others.
   */
  versionOf(entity: string): number;
  /**
   * Resolves once every write made so far is on disk (file-backed stores: in the change log, fsync'd; at once in
   * memory). Rejects with StoreError when the log cannot be written.
   */
  flush(): Promise<void>;
  /** Flushes, writes the whole state to the data file (file-backed stores) and closes the files. */
  close(): Promise<void>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}
