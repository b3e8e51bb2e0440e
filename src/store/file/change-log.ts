// The append-only change log beside the data file: one JSON line per write, written and fsync'd in batches
// (group commit). While one batch is on its way to the disk the next one gathers, so the number of fsyncs follows
// the disk's speed, not the write rate. flush() resolves once every line appended before it is on disk.

import { open, rename, type FileHandle } from 'node:fs/promises';
import { syncFolder } from './sync-folder.ts';
import { StoreError } from '../types.ts';

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A point in the line sequence where the current file is closed and renamed, then a new one begins. */
interface Rotation {
  seq: number;
  to: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class ChangeLog {
  /** Lines appended and not yet handed to the disk; the first one has number `#written + 1`. */
  #pending: string[] = [];
  /** Lines appended so far (1-based numbering). */
  #appended = 0;
  /** Lines handed to write(). */
  #written = 0;
  /** Lines fsync'd. */
  #durable = 0;
  #waiters: Waiter[] = [];
  #rotations: Rotation[] = [];
  #running: Promise<void> | undefined;
  /** Set after an I/O error: the log no longer knows what is on disk, so every later flush() fails. */
  #broken: StoreError | undefined;
  #closed = false;

  private constructor(
    readonly file: string,
    private handle: FileHandle,
  ) {}

  static async open(file: string): Promise<ChangeLog> {
    const handle = await open(file, 'a');
    await syncFolder(file); // a new file's name must be on disk before anything it holds counts as written
    return new ChangeLog(file, handle);
  }

  append(line: string): void {
    if (this.#closed) throw new StoreError(`change log ${this.file} is closed`);
    this.#pending.push(line);
    this.#appended++;
    this.#kick();
  }

  /** Resolves when every line appended so far is on disk; rejects with StoreError if the log cannot be written. */
  flush(): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    if (this.#durable >= this.#appended) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ seq: this.#appended, resolve, reject });
      this.#kick();
    });
  }

  /**
   * Lines appended before this call stay in the current file, which is renamed to `to` once they are on disk;
   * later lines go to a new file under the log's own name. Resolves after the rename.
   */
  rotate(to: string): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    return new Promise<void>((resolve, reject) => {
      this.#rotations.push({ seq: this.#appended, to, resolve, reject });
      this.#kick();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    try {
      await this.flush();
    } finally {
      await this.#running;
      await this.handle.close().catch(() => undefined);
    }
  }

  #kick(): void {
    if (this.#running || this.#broken) return;
    this.#running = this.#drain()
      .catch((error: unknown) => this.#fail(error))
      .finally(() => {
        this.#running = undefined;
        if (this.#hasWork()) this.#kick();
      });
  }

  #hasWork(): boolean {
    return !this.#broken && (this.#pending.length > 0 || this.#rotations.length > 0);
  }

  async #drain(): Promise<void> {
    while (this.#hasWork()) {
      const rotation = this.#rotations[0];
      // Only the lines that belong before the next rotation go into the current file.
      const take = Math.min(this.#pending.length, (rotation?.seq ?? Infinity) - this.#written);
      if (take > 0) {
        const batch = this.#pending.length === take ? this.#pending : this.#pending.slice(0, take);
        this.#pending = this.#pending.length === take ? [] : this.#pending.slice(take);
        await this.handle.write(batch.join(''));
        this.#written += take;
        await this.handle.datasync();
        this.#durable = this.#written;
        this.#settle();
      }
      if (rotation && this.#written >= rotation.seq) {
        this.#rotations.shift();
        await this.#rotate(rotation);
      }
    }
  }

  /** A failed rename leaves the current file in use: only the compaction that asked for it fails. */
  async #rotate(rotation: Rotation): Promise<void> {
    try {
      await rename(this.file, rotation.to);
    } catch (error) {
      rotation.reject(new StoreError(`cannot rename change log ${this.file}: ${(error as Error).message}`, { cause: error }));
      return;
    }
    const previous = this.handle;
    this.handle = await open(this.file, 'a');
    await syncFolder(this.file);
    await previous.close();
    rotation.resolve();
  }

  #settle(): void {
    let done = 0;
    while (done < this.#waiters.length && this.#waiters[done]!.seq <= this.#durable) this.#waiters[done++]!.resolve();
    if (done > 0) this.#waiters.splice(0, done);
  }

  #fail(error: unknown): void {
    this.#broken = new StoreError(`cannot write change log ${this.file}: ${(error as Error).message}`, { cause: error });
    for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#broken);
    for (const rotation of this.#rotations.splice(0)) rotation.reject(this.#broken);
    process.emitWarning(`et-fake store: ${this.#broken.message}`, 'StoreWriteWarning');
  }
}
