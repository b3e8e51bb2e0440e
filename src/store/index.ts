// The store: collections of ET entities with id indexes, optional JSON-file persistence, and sandboxes.

import { buildBase } from './base-data.ts';
import { openFileStore } from './file-persistence.ts';
import { LayeredStore } from './layered-store.ts';
import type { Data, Store } from './types.ts';

export { StoreError } from './types.ts';
export type { Collection, Data, Rec, Store } from './types.ts';

export interface StoreOptions {
  /**
   * The start data: used when there is no file yet, and what reset() and fork() go back to. The store keeps
   * these records and arrays without copying them (and freezes them outside production): do not change them.
   */
  start: Data;
  /** Persist to this JSON file (loaded on start when it exists). Memory only without it. */
  file?: string;
  /** How long writes are gathered before the file is rewritten. Default 50 ms. */
  debounceMs?: number;
}

export async function createStore(options: StoreOptions): Promise<Store> {
  const start = buildBase(options.start, 'start data is invalid');
  if (options.file === undefined) return new LayeredStore(start);
  return openFileStore(start, options.file, options.debounceMs ?? 50);
}
