// The data file of --data as a lowdb database. lowdb's own JSONFile adapter stringifies the whole state at once
// on every write, which holds the event loop for hundreds of ms at 100,000 records, so this adapter writes it in
// slices through a fsync'd temp file (snapshot-writer.ts) and, on read, keeps the bytes' SHA-256, which the
// change log's compaction notes name.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import { stageSnapshot } from './snapshot-writer.ts';
import { StoreError, type Rec } from '../types.ts';

/** What the data file holds as read, or what is to be written to it. */
export type DataFileContent =
  | { kind: 'read'; json: unknown; sha256: string }
  | {
      kind: 'write';
      entities: Iterable<[string, Iterable<Rec>]>;
      /** Runs once the new file is staged and fsync'd, before it replaces the old one (the compaction note). */
      beforeCommit?: (sha256: string) => Promise<void>;
    };

class SlicedDataFile implements Adapter<DataFileContent | null> {
  constructor(private readonly file: string) {}

  async read(): Promise<DataFileContent | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      throw new StoreError(`store file ${this.file} cannot be read: ${code ?? (error as Error).message}`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new StoreError(`store file ${this.file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    return { kind: 'read', json, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  async write(content: DataFileContent | null): Promise<void> {
    if (content?.kind !== 'write') return;
    const staged = await stageSnapshot(content.entities, this.file);
    try {
      await content.beforeCommit?.(staged.sha256);
    } catch (error) {
      await staged.abandon();
      throw error;
    }
    await staged.commit();
  }
}

/** The data file as a lowdb database: `read()` fills `data` (null when there is no file), `write()` writes `data`. */
export const dataFile = (file: string): Low<DataFileContent | null> => new Low<DataFileContent | null>(new SlicedDataFile(file), null);
