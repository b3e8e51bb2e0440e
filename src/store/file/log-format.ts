// What one line of the change log says, how it is written and read back, and how it is replayed on a store.
// A line states the result of a write (the whole new record, or its removal), never the patch: replaying it
// needs nothing but the line.

import type { Change, Data, Rec, Store } from '../types.ts';

export type { Change } from '../types.ts';

/** A change, or the note a compaction leaves: "a data file with this SHA-256 holds every older log file". */
export type LogEntry = Change | { kind: 'compacted'; sha256: string };

export function encodeEntry(entry: LogEntry): string {
  switch (entry.kind) {
    case 'put':
      return `{"put":${JSON.stringify(entry.entity)},"rec":${JSON.stringify(entry.rec)}}\n`;
    case 'remove':
      return `{"remove":${JSON.stringify(entry.entity)},"id":${JSON.stringify(entry.id)}}\n`;
    case 'reset':
      return '{"reset":true}\n';
    case 'load':
      return `{"load":${JSON.stringify(entry.data)}}\n`;
    case 'compacted':
      return `{"compacted":${JSON.stringify(entry.sha256)}}\n`;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses one line (without its newline); throws an Error saying what is wrong. */
export function decodeEntry(line: string): LogEntry {
  const value: unknown = JSON.parse(line);
  if (isObject(value)) {
    if (typeof value.put === 'string' && isObject(value.rec) && typeof value.rec.Id === 'string') return { kind: 'put', entity: value.put, rec: value.rec as Rec };
    if (typeof value.remove === 'string' && typeof value.id === 'string') return { kind: 'remove', entity: value.remove, id: value.id };
    if (value.reset === true) return { kind: 'reset' };
    if (isObject(value.load)) return { kind: 'load', data: value.load as Data };
    if (typeof value.compacted === 'string') return { kind: 'compacted', sha256: value.compacted };
  }
  throw new Error('not a change-log entry');
}

/** Does to `store` what the write that logged `change` did. */
export function replay(store: Store, change: Change): void {
  switch (change.kind) {
    case 'put':
      store.collection(change.entity).replace(change.rec);
      return;
    case 'remove':
      store.collection(change.entity).remove(change.id);
      return;
    case 'reset':
      store.reset();
      return;
    case 'load':
      store.load(change.data);
  }
}
