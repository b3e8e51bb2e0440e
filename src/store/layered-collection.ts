// A collection = an immutable base (shared with sandboxes) + this store's own overlay of writes.
// Writes never touch the base: an updated base record is shadowed, a removed one gets a tombstone, and new
// records are appended. Forking and resetting therefore cost nothing proportional to the data.

import { BaseCollection } from './base-data.ts';
import { CollectionCapture, type Added } from './collection-capture.ts';
import { freezeRecord } from './freeze.ts';
import { idKey, indexKey, type IndexKey } from './keys.ts';
import { StoreError, type Change, type Collection, type Rec } from './types.ts';

/** Removed base record. */
const TOMBSTONE = null;

export interface CollectionOwner {
  /** Called after every write, with what it did. */
  changed(change: Change): void;
}

export class LayeredCollection implements Collection {
  #base: BaseCollection;
  /** Base records this store changed (lower-cased id -> new record) or removed (TOMBSTONE). */
  #shadow = new Map<string, Rec | typeof TOMBSTONE>();
  #tombstones = 0;
  /** Records inserted in this store, in insertion order. */
  #added = new Map<string, Added>();
  #seq = 0;
  /** field -> key -> ids of overlay records (shadowed or added) with that key; built per field on first `where`. */
  #overlayIndexes = new Map<string, Map<IndexKey, Set<string>>>();
  /** The capture being read, told about every overlay change until it is released. */
  #capture: CollectionCapture | undefined;

  constructor(
    readonly name: string,
    base: BaseCollection,
    private readonly owner: CollectionOwner,
  ) {
    this.#base = base;
  }

  /** Drops this store's writes and starts over from `base`. */
  rebase(base: BaseCollection): void {
    this.#base = base;
    this.#shadow = new Map();
    this.#tombstones = 0;
    this.#added = new Map();
    this.#seq = 0;
    this.#overlayIndexes = new Map();
  }

  get size(): number {
    return this.#base.records.length - this.#tombstones + this.#added.size;
  }

  get(id: string): Rec | undefined {
    return typeof id === 'string' ? this.#get(idKey(id)) : undefined;
  }

  #get(lc: string): Rec | undefined {
    const added = this.#added.get(lc);
    if (added) return added.rec;
    if (this.#shadow.size > 0) {
      const shadowed = this.#shadow.get(lc);
      if (shadowed !== undefined) return shadowed ?? undefined;
    }
    return this.#base.get(lc);
  }

  values(): IterableIterator<Rec> {
    if (this.#shadow.size === 0 && this.#added.size === 0) return this.#base.records.values();
    return this.#iterate();
  }

  *#iterate(): Generator<Rec, undefined, undefined> {
    const { records, ids } = this.#base;
    for (let p = 0; p < records.length; p++) {
      const shadowed = this.#shadow.get(ids[p]!);
      if (shadowed === undefined) yield records[p]!;
      else if (shadowed !== TOMBSTONE) yield shadowed;
    }
    for (const added of this.#added.values()) yield added.rec;
  }

  /**
   * The records of values() as a new array, in time proportional to this store's own writes plus one array copy
   * (no lookup per base record): compaction takes it while requests wait, so it must be short.
   */
  toArray(): Rec[] {
    const { records, byId } = this.#base;
    if (this.#shadow.size === 0 && this.#added.size === 0) return records.slice();
    let out: (Rec | null)[] = records.slice();
    for (const [lc, rec] of this.#shadow) out[byId.get(lc)!] = rec;
    if (this.#tombstones > 0) out = out.filter((rec) => rec !== TOMBSTONE);
    for (const added of this.#added.values()) out.push(added.rec);
    return out as Rec[];
  }

  /** The records as they are now, to read later while writes go on (one capture at a time). */
  capture(): CollectionCapture {
    this.#capture?.release();
    this.#capture = new CollectionCapture(this.#base, this.#shadow, this.#added, this.#seq);
    return this.#capture;
  }

  /** Tells the capture, if any, that the overlay entry `lc` is about to change. */
  #changing(lc: string): void {
    const capture = this.#capture;
    if (!capture) return;
    if (capture.watches(this.#shadow, this.#added)) capture.changing(lc);
    else this.#capture = undefined; // released, or the maps it read were replaced by rebase()
  }

  where(field: string, value: unknown): Rec[] {
    const key = indexKey(value);
    if (key === undefined) throw new StoreError(`${this.name}.where(${field}): only strings, numbers, booleans and null can be looked up`);
    const base = this.#base;
    const basePositions = base.positions(field, key) ?? [];
    const overlayIds = this.#overlayIndex(field).get(key);
    if (this.#shadow.size === 0 && !overlayIds) return basePositions.map((p) => base.records[p]!);

    // Base hits the overlay did not touch, plus shadowed base records that now match, in base order.
    const positions: number[] = [];
    for (const p of basePositions) if (!this.#shadow.has(base.ids[p]!)) positions.push(p);
    const added: Added[] = [];
    let shadowHits = false;
    for (const lc of overlayIds ?? []) {
      const entry = this.#added.get(lc);
      if (entry) added.push(entry);
      else {
        positions.push(base.byId.get(lc)!);
        shadowHits = true;
      }
    }
    if (shadowHits) positions.sort((a, b) => a - b);
    added.sort((a, b) => a.seq - b.seq);
    const out = positions.map((p) => (this.#shadow.get(base.ids[p]!) as Rec | undefined) ?? base.records[p]!);
    for (const entry of added) out.push(entry.rec);
    return out;
  }

  #overlayIndex(field: string): Map<IndexKey, Set<string>> {
    let index = this.#overlayIndexes.get(field);
    if (!index) {
      index = new Map();
      for (const [lc, rec] of this.#shadow) if (rec !== TOMBSTONE) addTo(index, indexKey(rec[field]), lc);
      for (const [lc, { rec }] of this.#added) addTo(index, indexKey(rec[field]), lc);
      this.#overlayIndexes.set(field, index);
    }
    return index;
  }

  /** Keeps the built overlay indexes in step with one overlay record changing from `before` to `after`. */
  #reindex(lc: string, before: Rec | undefined, after: Rec | undefined): void {
    for (const [field, index] of this.#overlayIndexes) {
      const oldKey = before === undefined ? undefined : indexKey(before[field]);
      const newKey = after === undefined ? undefined : indexKey(after[field]);
      if (oldKey === newKey && before !== undefined && after !== undefined) continue;
      if (oldKey !== undefined) {
        const ids = index.get(oldKey);
        if (ids) {
          ids.delete(lc);
          if (ids.size === 0) index.delete(oldKey);
        }
      }
      addTo(index, newKey, lc);
    }
  }

  /** The overlay record for `lc` (not a base record seen through), for reindexing. */
  #overlayRecord(lc: string): Rec | undefined {
    return this.#added.get(lc)?.rec ?? this.#shadow.get(lc) ?? undefined;
  }

  insert(rec: Rec): Rec {
    checkRecord(this.name, rec);
    const lc = idKey(rec.Id);
    if (this.#get(lc) !== undefined) throw new StoreError(`${this.name} ${rec.Id} already exists`);
    const stored = freezeRecord({ ...rec });
    this.#changing(lc);
    this.#added.set(lc, { rec: stored, seq: this.#seq++ });
    this.#reindex(lc, undefined, stored);
    this.owner.changed({ kind: 'put', entity: this.name, rec: stored });
    return stored;
  }

  update(id: string, patch: Record<string, unknown>): Rec | undefined {
    if (typeof id !== 'string') return undefined;
    const lc = idKey(id);
    const current = this.#get(lc);
    if (current === undefined) return undefined;
    return this.#put(lc, freezeRecord({ ...current, ...patch, Id: current.Id }));
  }

  replace(rec: Rec): Rec {
    checkRecord(this.name, rec);
    const lc = idKey(rec.Id);
    const current = this.#get(lc);
    if (current === undefined) return this.insert(rec);
    return this.#put(lc, freezeRecord({ ...rec, Id: current.Id }));
  }

  /** Stores a new version of an existing record, keeping its place in insertion order. */
  #put(lc: string, next: Rec): Rec {
    const before = this.#overlayRecord(lc);
    const added = this.#added.get(lc);
    this.#changing(lc);
    if (added) added.rec = next;
    else this.#shadow.set(lc, next);
    this.#reindex(lc, before, next);
    this.owner.changed({ kind: 'put', entity: this.name, rec: next });
    return next;
  }

  remove(id: string): Rec | undefined {
    if (typeof id !== 'string') return undefined;
    const lc = idKey(id);
    const current = this.#get(lc);
    if (current === undefined) return undefined;
    const before = this.#overlayRecord(lc);
    this.#changing(lc);
    const added = this.#added.get(lc);
    if (added) {
      this.#added.delete(lc);
      this.#capture?.removedAdded(lc, added.seq);
    } else {
      this.#shadow.set(lc, TOMBSTONE);
      this.#tombstones++;
    }
    if (before !== undefined) this.#reindex(lc, before, undefined);
    this.owner.changed({ kind: 'remove', entity: this.name, id: current.Id });
    return current;
  }
}

function addTo(index: Map<IndexKey, Set<string>>, key: IndexKey | undefined, lc: string): void {
  if (key === undefined) return;
  const ids = index.get(key);
  if (ids) ids.add(lc);
  else index.set(key, new Set([lc]));
}

function checkRecord(entity: string, rec: unknown): asserts rec is Rec {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw new StoreError(`${entity}: a record must be an object`);
  const id = (rec as { Id?: unknown }).Id;
  if (typeof id !== 'string' || id === '') throw new StoreError(`${entity}: a record needs a non-empty string Id`);
}
