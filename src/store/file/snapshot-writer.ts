// Writes a snapshot to the data file without holding the event loop: records are serialised a slice at a time
// (a few ms each, then the loop gets a turn), written through a temp file that is fsync'd and renamed over the
// data file, so the data file is always either the old one or the new one, whole. The result is the same
// compact JSON as JSON.stringify(data), and its SHA-256, which the change log's compaction note refers to.

import { createHash } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { syncFolder } from './sync-folder.ts';
import type { Rec } from '../types.ts';

/** Longest stretch of serialising before the event loop gets a turn. */
const SLICE_MS = 4;
/** Text gathered before it goes to the file. */
const CHUNK_CHARS = 1 << 16;
/**
 * The temp file is fsync'd every this many chunks (about 512 KiB): the file system commits dirty data of every
 * file together, so a whole snapshot left to the final fsync would make the change log's fsyncs wait behind it.
 */
const SYNC_EVERY_CHUNKS = 8;

export interface StagedSnapshot {
  sha256: string;
  /** Renames the temp file over the data file, durably. */
  commit(): Promise<void>;
  /** Removes the temp file. */
  abandon(): Promise<void>;
}

/** Writes `data` to a temp file beside `file` and fsyncs it; the data file itself is untouched until commit(). */
export async function stageSnapshot(data: Iterable<[string, Iterable<Rec>]>, file: string): Promise<StagedSnapshot> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  const hash = createHash('sha256');
  try {
    let parts: string[] = [];
    let chars = 0;
    let chunks = 0;
    const emit = async (text: string) => {
      parts.push(text);
      chars += text.length;
      if (chars < CHUNK_CHARS) return;
      const chunk = parts.join('');
      parts = [];
      chars = 0;
      hash.update(chunk);
      await handle.write(chunk);
      if (++chunks % SYNC_EVERY_CHUNKS === 0) await handle.datasync();
    };
    let sliceStart = performance.now();
    let first = true;
    await emit('{');
    for (const [entity, records] of data) {
      await emit(`${first ? '' : ','}${JSON.stringify(entity)}:[`);
      first = false;
      let i = 0;
      for (const rec of records) {
        await emit(i === 0 ? JSON.stringify(rec) : `,${JSON.stringify(rec)}`);
        if ((++i & 63) === 0 && performance.now() - sliceStart > SLICE_MS) {
          await nextTurn();
          sliceStart = performance.now();
        }
      }
      await emit(']');
    }
    parts.push('}');
    const rest = parts.join('');
    hash.update(rest);
    await handle.write(rest);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return {
    sha256: hash.digest('hex'),
    commit: async () => {
      await rename(temp, file);
      await syncFolder(file);
    },
    abandon: () => rm(temp, { force: true }),
  };
}

/** Deletes temp files a process stopped in mid-compaction left beside `file` (the data file never depends on them). */
export async function removeStaleTemps(file: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  const prefix = `${path.basename(file)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length))) await rm(path.join(folder, name), { force: true, recursive: true });
  }
}
