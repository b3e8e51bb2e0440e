// JSON-file persistence through lowdb. Writes are coalesced: a burst of mutations schedules one debounced
// rewrite of the whole state (lowdb stringifies synchronously on every write(), so calling it per mutation
// would block the event loop for tens of ms each at 100k records). steno writes a temp file and renames it.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { buildBase, type BaseData } from './base-data.ts';
import { LayeredStore, type WriteListener } from './layered-store.ts';
import { StoreError, type Data, type Store } from './types.ts';

/** Opens (or creates) a file-backed store. A bad file throws StoreError and is never written to. */
export async function openFileStore(start: BaseData, file: string, debounceMs: number): Promise<Store> {
  const adapter = new DataFile<unknown>(file, { parse: (text) => JSON.parse(text) as unknown, stringify: (data) => JSON.stringify(data) });
  const existing = await readExisting(adapter, file);
  const store = new LayeredStore(start, existing === null ? start : buildBase(existing, `store file ${file} is not usable`));
  const persistence = new DebouncedFileWriter(file, new Low<Data>(adapter as DataFile<Data>, {}), store, debounceMs);
  store.listen(persistence);
  if (existing === null) {
    // First run: write the start data once so the file exists from now on.
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    persistence.written();
    await persistence.flush();
  }
  return store;
}

async function readExisting(adapter: DataFile<unknown>, file: string): Promise<unknown> {
  try {
    return await adapter.read(); // null when the file does not exist
  } catch (error) {
    if (error instanceof SyntaxError) throw new StoreError(`store file ${file} is not valid JSON: ${error.message}`, { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    throw new StoreError(`store file ${file} cannot be read: ${code ?? (error as Error).message}`, { cause: error });
  }
}

/**
 * Serialising the whole state blocks the event loop (about 150 ms at 100k records), so under a steady stream of
 * writes the wait before the next file write grows to this many times the last blocking time: serialisation then
 * takes at most about a fifth of the event loop, however large the data. Small data sets keep `debounceMs`.
 */
const BLOCKING_BACKOFF = 4;

class DebouncedFileWriter implements WriteListener {
  #timer: NodeJS.Timeout | undefined;
  /** How long the last write held the event loop (snapshot + stringify). */
  #blockedMs = 0;
  #dirty = false;
  #inFlight: Promise<void> | undefined;
  #closed = false;

  constructor(
    private readonly file: string,
    private readonly db: Low<Data>,
    private readonly store: Store,
    private readonly debounceMs: number,
  ) {}

  written(): void {
    this.#dirty = true;
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#writeIfDirty().catch((error: unknown) => {
        // Nobody awaits a timer: warn, keep the changes dirty, and let the next write or flush() retry.
        process.emitWarning(`et-fake store: ${(error as Error).message}`, 'StoreWriteWarning');
      });
    }, Math.max(this.debounceMs, BLOCKING_BACKOFF * this.#blockedMs));
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#writeIfDirty();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  /** One write at a time; changes made during a write are picked up by the next one. */
  async #writeIfDirty(): Promise<void> {
    while (this.#inFlight) await this.#inFlight.catch(() => undefined);
    if (!this.#dirty) return;
    this.#dirty = false;
    const began = performance.now();
    this.db.data = this.store.snapshot();
    const write = this.db.write(); // stringifies synchronously, then writes asynchronously
    this.#blockedMs = performance.now() - began;
    this.#inFlight = write.finally(() => {
      this.#inFlight = undefined;
      this.db.data = {}; // let the snapshot arrays go
    });
    try {
      await this.#inFlight;
    } catch (error) {
      this.#dirty = true;
      throw new StoreError(`cannot write store file ${this.file}: ${(error as Error).message}`, { cause: error });
    }
  }
}
