// The immutable layer of a store: validated records with an id index and lazily built field indexes.
// One BaseData is shared by a store and all its sandboxes, so nothing here ever changes after construction
// (the lazy indexes are pure functions of the records).

import { freezeRecord } from './freeze.ts';
import { idKey, indexKey, type IndexKey } from './keys.ts';
import { StoreError, type Rec } from './types.ts';

export class BaseCollection {
  /** Lower-cased ids, parallel to `records`. */
  readonly ids: string[];
  /** Lower-cased id -> position in `records`. */
  readonly byId: Map<string, number>;
  readonly #indexes = new Map<string, Map<IndexKey, number[]>>();

  constructor(
    readonly records: readonly Rec[],
    ids: string[],
    byId: Map<string, number>,
  ) {
    this.ids = ids;
    this.byId = byId;
  }

  static readonly empty = new BaseCollection([], [], new Map());

  get(lcId: string): Rec | undefined {
    const p = this.byId.get(lcId);
    return p === undefined ? undefined : this.records[p];
  }

  /** Positions of the records with that field key, ascending. Built on first use of the field. */
  positions(field: string, key: IndexKey): readonly number[] | undefined {
    let index = this.#indexes.get(field);
    if (!index) {
      index = new Map();
      for (let p = 0; p < this.records.length; p++) {
        const k = indexKey(this.records[p]![field]);
        if (k === undefined) continue;
        const list = index.get(k);
        if (list) list.push(p);
        else index.set(k, [p]);
      }
      this.#indexes.set(field, index);
    }
    return index.get(key);
  }
}

export type BaseData = ReadonlyMap<string, BaseCollection>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks the shape of `data` and indexes it. Throws StoreError (prefixed with `source`) on the first problem,
 * before anything is changed, so callers can keep their old state. Records are not copied, only frozen.
 */
export function buildBase(data: unknown, source: string): BaseData {
  const fail = (problem: string): never => {
    throw new StoreError(`${source}: ${problem}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail(`expected an object of entity name -> array of records, got ${describe(data)}`);
  }
  const base = new Map<string, BaseCollection>();
  for (const [entity, records] of Object.entries(data as Record<string, unknown>)) {
    if (entity === '__proto__') fail('"__proto__" cannot be an entity name');
    if (!Array.isArray(records)) fail(`entity "${entity}" must be an array of records, got ${describe(records)}`);
    const list = records as unknown[];
    const ids = new Array<string>(list.length);
    const byId = new Map<string, number>();
    for (let p = 0; p < list.length; p++) {
      const rec = list[p];
      if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
        fail(`entity "${entity}" record ${p} must be an object, got ${describe(rec)}`);
      }
      const id = (rec as { Id?: unknown }).Id;
      if (typeof id !== 'string' || id === '') {
        fail(`entity "${entity}" record ${p} has no string Id (got ${id === undefined ? 'none' : JSON.stringify(id)})`);
      }
      const lc = idKey(id as string);
      const before = byId.size;
      // One hash lookup per record: a repeated Id leaves the size as it was.
      if (byId.set(lc, p).size === before) fail(`entity "${entity}" record ${p} repeats the Id ${String(id)} of record ${ids.indexOf(lc)}`);
      ids[p] = lc;
    }
    // The store keeps the caller's objects (no copy): freezing makes a later change by the caller fail loudly
    // instead of silently bypassing the indexes.
    for (const rec of list) freezeRecord(rec as object);
    freezeRecord(list);
    base.set(entity, new BaseCollection(list as Rec[], ids, byId));
  }
  return base;
}

