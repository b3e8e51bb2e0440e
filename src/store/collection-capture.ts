// A collection's records as they were at one instant, read later, a slice at a time, while writes go on.
// Taking it costs nothing: it keeps the base (immutable) and the overlay maps, and the collection reports every
// overlay entry to it before changing it, so the capture can answer with the entry's value at that instant.
// Compaction reads one while requests keep being served (snapshot-writer.ts).

import type { BaseCollection } from './base-data.ts';
import type { Rec } from './types.ts';

/** An appended record and its place in insertion order (the collection's own entries). */
export interface Added {
  rec: Rec;
  seq: number;
}

/** What an overlay key held at the instant of the capture. undefined: nothing. */
interface Before {
  shadow: Rec | null | undefined;
  added: Added | undefined;
}

export class CollectionCapture {
  readonly #before = new Map<string, Before>();
  /** Entries appended before the instant that were removed since, before the reader got to them. */
  readonly #gone: Added[] = [];
  /** seq of the last appended entry the reader has passed. */
  #cursor = -1;
  #released = false;

  constructor(
    private readonly base: BaseCollection,
    private readonly shadow: ReadonlyMap<string, Rec | null>,
    private readonly added: ReadonlyMap<string, Added>,
    /** Entries with this seq or more were appended after the instant. */
    private readonly seqAt: number,
  ) {}

  /** Whether the collection must report changes to these maps. */
  watches(shadow: ReadonlyMap<string, Rec | null>, added: ReadonlyMap<string, Added>): boolean {
    return !this.#released && shadow === this.shadow && added === this.added;
  }

  /** Called by the collection before it changes the overlay entry `lc`. */
  changing(lc: string): void {
    if (this.#before.has(lc)) return;
    const entry = this.added.get(lc);
    this.#before.set(lc, { shadow: this.shadow.get(lc), added: entry && { rec: entry.rec, seq: entry.seq } });
  }

  /** Called by the collection after it removed the appended entry `lc`, which had `seq`. */
  removedAdded(lc: string, seq: number): void {
    const then = this.#before.get(lc)?.added;
    // Only the entry that was there at the instant (not one appended since under the same id), and only once.
    if (then && then.seq === seq && then.seq < this.seqAt && then.seq > this.#cursor) this.#gone.push(then);
  }

  release(): void {
    this.#released = true;
  }

  /** The records at the instant, in insertion order (the order values() had then). */
  *records(): Generator<Rec, undefined, undefined> {
    const { records, ids } = this.base;
    for (let p = 0; p < records.length; p++) {
      const lc = ids[p]!;
      const before = this.#before.get(lc);
      const shadowed = before ? before.shadow : this.shadow.get(lc);
      if (shadowed === undefined) yield records[p]!;
      else if (shadowed !== null) yield shadowed;
    }
    const goneUpTo = function* (this: CollectionCapture, seq: number): Generator<Rec, undefined, undefined> {
      this.#gone.sort((a, b) => a.seq - b.seq); // a handful at most: only what was removed during the read
      while (this.#gone.length > 0 && this.#gone[0]!.seq < seq) yield this.#gone.shift()!.rec;
    }.bind(this);
    for (const [lc, entry] of this.added) {
      if (entry.seq >= this.seqAt) continue; // appended after the instant (or removed and appended again)
      // The entry is in hand from here on: if it is removed while older removed ones are read out, it must
      // not be kept as removed too.
      this.#cursor = entry.seq;
      yield* goneUpTo(entry.seq);
      yield (this.#before.get(lc)?.added ?? entry).rec;
    }
    this.#cursor = this.seqAt;
    yield* goneUpTo(this.seqAt);
  }
}
