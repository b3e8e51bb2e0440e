// The store: collections of ET entities with id indexes, optional JSON-file persistence, and sandboxes.

import { buildBase } from './base-data.ts';
import { openFileStore } from './file/index.ts';
import { LayeredStore } from './layered-store.ts';
import type { Data, Store } from './types.ts';

export { StoreError } from './types.ts';
export type { Change, Collection, Data, Rec, Store } from './types.ts';

export interface StoreOptions {
  /**
   * The start data: used when there is no file yet, and what reset() and fork() go back to. The store keeps
   * these records and arrays without copying them (and freezes them outside production): do not change them.
   */
  start: Data;
  /**
   * Persist to this JSON file plus a change log beside it (`<file>.log`), both loaded on start when they exist.
   * Each write is in the log on disk when flush() resolves. Memory only without it.
   */
  file?: string;
  /** The data file is rewritten from memory once this many bytes of changes are in the log. Default 8 MiB. */
  compactBytes?: number;
}

export async function createStore(options: StoreOptions): Promise<Store> {
  const start = buildBase(options.start, 'start data is invalid');
  if (options.file === undefined) return new LayeredStore(start);
  return openFileStore(start, options.file, options.compactBytes ?? 8 * 1024 * 1024);
}
