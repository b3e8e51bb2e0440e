// A store kept in a JSON data file plus an append-only change log beside it (`<file>.log`).
// Every write appends one line to the log at once; the log is fsync'd in batches and flush() resolves when the
// writes made before it are on disk (the server answers a write only then). Once the log has grown past
// `compactBytes`, and on close(), the current state is written to the data file off the request path
// (snapshot-writer.ts) and the log files it holds are deleted. Start-up: data file, then the logs (recovery.ts).

import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildBase, type BaseData } from '../base-data.ts';
import { ChangeLog } from './change-log.ts';
import { LayeredStore, type WriteListener } from '../layered-store.ts';
import { encodeEntry, replay, type Change } from './log-format.ts';
import { logFileOf, recover } from './recovery.ts';
import { dataFile } from './data-file.ts';
import { removeStaleTemps } from './snapshot-writer.ts';
import { syncFolder } from './sync-folder.ts';
import type { Store } from '../types.ts';

/** Opens (or creates) a file-backed store. Files that cannot be read as data throw StoreError and are left as they are. */
export async function openFileStore(start: BaseData, file: string, compactBytes: number): Promise<Store> {
  const found = await recover(file);
  const store = new LayeredStore(start, found.data === null ? start : buildBase(found.data, `store file ${file} is not usable`));
  for (const change of found.changes) replay(store, change);

  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await removeStaleTemps(file);
  if (found.data === null && found.logFiles.length === 0) {
    // First run: the start data goes to the data file once, so it exists from now on.
    const db = dataFile(file);
    db.data = { kind: 'write', entities: Object.entries(store.snapshot()) };
    await db.write();
  }
  const current = logFileOf(file);
  let old = [...found.logFiles];
  if (found.changes.length === 0 && old.length > 0) {
    // Nothing to replay (a clean stop, or a compaction that was done but for deleting): the data file holds it all.
    for (const log of old) await rm(log, { force: true });
    await syncFolder(file);
    old = [];
  }
  // The current log may end in a torn line: it becomes an older log (replayed until the next compaction
  // deletes it) and appends go to a fresh file.
  let rotated = found.lastRotated;
  if (old.includes(current)) {
    const to = `${current}.${++rotated}`;
    await rename(current, to);
    old[old.indexOf(current)] = to;
  }
  const persistence = new LogPersistence(file, store, await ChangeLog.open(current), compactBytes, rotated, old);
  store.listen(persistence);
  if (old.length > 0) persistence.compactSoon();
  return store;
}

class LogPersistence implements WriteListener {
  #compacting: Promise<void> | undefined;
  #closed = false;
  /** Bytes of changes logged since the last compaction's snapshot. */
  #sinceCompaction = 0;

  constructor(
    private readonly file: string,
    private readonly store: LayeredStore,
    private readonly log: ChangeLog,
    private readonly compactBytes: number,
    /** Highest number a rotated log file has had. */
    private rotated: number,
    /** Older log files whose changes a compaction will move into the data file. */
    private readonly older: string[],
  ) {}

  written(change: Change): void {
    const line = encodeEntry(change);
    this.log.append(line);
    this.#sinceCompaction += line.length;
    if (this.#sinceCompaction >= this.compactBytes) this.compactSoon();
  }

  flush(): Promise<void> {
    return this.log.flush();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#compacting?.catch(() => undefined);
    await this.log.flush();
    // A clean stop leaves everything in the data file, so the next start reads that file only.
    if (this.#sinceCompaction > 0 || this.older.length > 0) await this.#compact();
    await this.log.close();
  }

  /** Starts a compaction in the background unless one is running; a failure is a warning, retried later. */
  compactSoon(): void {
    if (this.#compacting || this.#closed) return;
    this.#compacting = this.#compact()
      .catch((error: unknown) => {
        process.emitWarning(`et-fake store: could not compact into ${this.file} (the change log keeps every write): ${(error as Error).message}`, 'StoreWriteWarning');
      })
      .finally(() => {
        this.#compacting = undefined;
      });
  }

  /**
   * The state at this instant goes to the data file; the log lines up to this instant move to an older log file,
   * deleted once the data file holding them is in place. The compaction note, fsync'd before the rename, tells a
   * start-up after a crash in between whether the data file on disk already holds those older files.
   */
  async #compact(): Promise<void> {
    const capture = this.store.capture();
    this.#sinceCompaction = 0;
    const to = `${logFileOf(this.file)}.${++this.rotated}`;
    let held: string[] = [];
    try {
      await this.log.rotate(to);
      this.older.push(to);
      held = [...this.older];
      const db = dataFile(this.file);
      db.data = {
        kind: 'write',
        entities: capture.entities,
        // The note goes to the log, on disk, before the new data file replaces the old one.
        beforeCommit: async (sha256) => {
          this.log.append(encodeEntry({ kind: 'compacted', sha256 }));
          await this.log.flush();
        },
      };
      await db.write();
    } finally {
      capture.release();
    }
    for (const log of held) await rm(log, { force: true });
    this.older.splice(0, held.length);
    await syncFolder(this.file);
  }
}
