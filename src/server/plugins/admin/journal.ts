// The request journal: what each call sent and got, per sandbox (or the default state), in a ring buffer so
// memory stays flat however long a suite runs.
import { pathMatcher } from './pattern.ts';
import { toEntry, type JournalEntry, type RecordedCall } from './record.ts';

export type { JournalEntry } from './record.ts';

export interface JournalFilter {
  method?: string;
  path?: string;
}

export type JournalListener = (entry: JournalEntry) => void;

export class Journal {
  private readonly entries: (RecordedCall | undefined)[];
  private next = 0;
  private count = 0;
  /** Live readers (the explorer's stream); each sees only the calls its filter lets through. */
  private readonly listeners = new Set<{ keep: (e: RecordedCall) => boolean; listener: JournalListener }>();

  constructor(readonly capacity: number) {
    this.entries = new Array(capacity);
  }

  /** The call added last: the next one usually repeats its URL and headers (a client polling). */
  private last: RecordedCall | undefined;

  add(entry: RecordedCall): void {
    if (this.capacity === 0) return;
    // The journal outlives many garbage collections: what it holds ends up in the old generation, whose
    // collections mark the whole heap (the spec, the store). So the ring's slots are reused in place, and a
    // URL, path or header list equal to the previous call's is shared with it instead of kept once more.
    const last = this.last;
    if (last) {
      if (entry.url === last.url) entry.url = last.url;
      if (entry.path === last.path) entry.path = last.path;
      if (sameList(entry.headers, last.headers)) entry.headers = last.headers;
    }
    const slot = this.entries[this.next];
    const kept = slot ? Object.assign(slot, entry) : { ...entry };
    this.entries[this.next] = kept;
    this.last = kept;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    if (this.listeners.size) for (const l of this.listeners) if (l.keep(entry)) l.listener(toEntry(entry));
  }

  /** Calls `listener` with every call added from now on that passes `filter`; returns the unsubscribe. */
  subscribe(filter: JournalFilter, listener: JournalListener): () => void {
    const reader = { keep: keepOf(filter), listener };
    this.listeners.add(reader);
    return () => void this.listeners.delete(reader);
  }

  get size(): number {
    return this.count;
  }

  /** Oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const out: JournalEntry[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    const keep = keepOf(filter);
    for (let i = 0; i < this.count; i++) {
      const e = this.entries[(start + i) % this.capacity]!;
      if (keep(e)) out.push(toEntry(e));
    }
    return out;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.last = undefined;
    this.next = 0;
    this.count = 0;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function keepOf(filter: JournalFilter): (e: RecordedCall) => boolean {
  const method = filter.method?.toUpperCase();
  const path = filter.path ? pathMatcher(filter.path) : undefined;
  return (e) => (!method || e.method === method) && (!path || path(e.path));
}
