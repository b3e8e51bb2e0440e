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

  add(entry: RecordedCall): void {
    if (this.capacity === 0) return;
    this.entries[this.next] = entry;
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
    this.next = 0;
    this.count = 0;
  }
}

function keepOf(filter: JournalFilter): (e: RecordedCall) => boolean {
  const method = filter.method?.toUpperCase();
  const path = filter.path ? pathMatcher(filter.path) : undefined;
  return (e) => (!method || e.method === method) && (!path || path(e.path));
}
