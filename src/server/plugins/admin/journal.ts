// The request journal: what each call sent and got, per sandbox (or the default state), in a ring buffer so
// memory stays flat however long a suite runs.
import { pathMatcher } from './pattern.ts';
import { toEntry, type JournalEntry, type RecordedCall } from './record.ts';

export type { JournalEntry } from './record.ts';

export interface JournalFilter {
  method?: string;
  path?: string;
}

export class Journal {
  private readonly entries: (RecordedCall | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.entries = new Array(capacity);
  }

  add(entry: RecordedCall): void {
    if (this.capacity === 0) return;
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const out: JournalEntry[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    const method = filter.method?.toUpperCase();
    const path = filter.path ? pathMatcher(filter.path) : undefined;
    for (let i = 0; i < this.count; i++) {
      const e = this.entries[(start + i) % this.capacity]!;
      if (method && e.method !== method) continue;
      if (path && !path(e.path)) continue;
      out.push(toEntry(e));
    }
    return out;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
