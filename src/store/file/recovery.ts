// Start-up of a file-backed store: the data file, then the change logs to replay over it.
// Logs: `<data>.log` (the current one) and `<data>.log.<n>` (older ones a compaction rotated away and had not yet
// deleted when the process stopped). A compaction note in log file k says the data file with that SHA-256
// already holds every file before k, so those are skipped when the data file's hash matches; otherwise all are
// replayed. A crash can only tear the end of a file: text after the last newline is ignored with a warning; any
// other line that does not read stops start-up, leaving every file as it is.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { dataFile } from './data-file.ts';
import { decodeEntry, type Change } from './log-format.ts';
import { StoreError } from '../types.ts';

export interface Recovered {
  /** The data file's content, or null when there is none. */
  data: unknown;
  /** Changes to replay over it, oldest first. */
  changes: Change[];
  /** Every log file found (current and rotated), to delete once their changes are in a new data file. */
  logFiles: string[];
  /** Highest rotated log number found (0 for none). */
  lastRotated: number;
}

export const logFileOf = (file: string): string => `${file}.log`;

export async function recover(file: string): Promise<Recovered> {
  const db = dataFile(file);
  await db.read();
  const read = db.data?.kind === 'read' ? db.data : null;
  const data = read === null ? null : read.json;
  const hash = read === null ? '' : read.sha256;

  const current = logFileOf(file);
  const rotated = await rotatedLogs(current);
  const files = [...rotated.map((r) => r.file), current];
  const logs: { file: string; changes: Change[]; notes: string[] }[] = [];
  const found: string[] = [];
  for (const log of files) {
    const text = await readLog(log);
    if (text === null) continue;
    found.push(log);
    logs.push({ file: log, ...parseLog(text, log) });
  }
  // The newest file whose note names this data file: everything before it is already in the data file.
  let from = 0;
  for (let k = logs.length - 1; k >= 0; k--) {
    if (logs[k]!.notes.includes(hash)) {
      from = k;
      break;
    }
  }
  return {
    data,
    changes: logs.slice(from).flatMap((log) => log.changes),
    logFiles: found,
    lastRotated: rotated.at(-1)?.n ?? 0,
  };
}

async function readLog(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new StoreError(`change log ${file} cannot be read: ${code ?? (error as Error).message}`, { cause: error });
  }
}

async function rotatedLogs(current: string): Promise<{ file: string; n: number }[]> {
  const folder = path.dirname(path.resolve(current));
  const prefix = `${path.basename(current)}.`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(prefix) && /^[1-9]\d*$/.test(name.slice(prefix.length)))
    .map((name) => ({ file: path.join(path.dirname(current), name), n: Number(name.slice(prefix.length)) }))
    .sort((a, b) => a.n - b.n);
}

function parseLog(text: string, file: string): { changes: Change[]; notes: string[] } {
  const changes: Change[] = [];
  const notes: string[] = [];
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    process.emitWarning(
      `et-fake store: ignoring the torn last line of ${file} (${text.length - end} bytes without a newline, from a write the process did not finish)`,
      'StoreRecoveryWarning',
    );
  }
  let lineNo = 0;
  for (let at = 0; at < end; ) {
    const next = text.indexOf('\n', at);
    lineNo++;
    const line = text.slice(at, next);
    at = next + 1;
    let entry;
    try {
      entry = decodeEntry(line);
    } catch (error) {
      throw new StoreError(`change log ${file} line ${lineNo} is not usable (${(error as Error).message}): the files are left as they are`);
    }
    if (entry.kind === 'compacted') notes.push(entry.sha256);
    else changes.push(entry);
  }
  return { changes, notes };
}
