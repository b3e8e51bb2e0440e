// Next values of per-scope sequences (OrderNumber among siblings, Number per project). The first call for a
// scope scans the siblings; later calls reuse the cached maximum as long as nobody else wrote to the store
// meanwhile (the store's version moves on every write), so POSTs stay cheap at 100k records.
import type { Rec, Store } from './store-types.ts';

type Scope = [field: string, value: unknown][];

export class Counters {
  private readonly cache = new Map<string, { version: number; max: number; store: Store }>();

  /** The value the next record in the scope gets; `start` is the value of the first one. */
  next(store: Store, entity: string, field: string, scope: Scope, start: number): { key: string; value: number } {
    let key = `${entity}\u0000${field}\u0000`;
    for (let i = 0; i < scope.length; i++) key += `${i ? '&' : ''}${scope[i]![0]}=${scope[i]![1] ?? ''}`;
    const hit = this.cache.get(key);
    let max: number;
    if (hit && hit.store === store && hit.version === store.version) max = hit.max;
    else max = scanMax(siblings(store, entity, scope), field, start - 1);
    return { key, value: max + 1 };
  }

  /** Records that the value was used by a write that moved the store to its current version. */
  used(store: Store, key: string, value: number): void {
    this.cache.set(key, { version: store.version, max: value, store });
  }
}

function siblings(store: Store, entity: string, scope: Scope): Rec[] {
  const col = store.collection(entity);
  const first = scope.find(([, v]) => v !== null && v !== undefined);
  let list = first ? col.where(first[0], first[1]) : Array.from(col.values());
  for (const [f, v] of scope) {
    if (f === first?.[0]) continue;
    list = list.filter((r) => (r[f] ?? null) === (v ?? null));
  }
  return list;
}

function scanMax(records: Rec[], field: string, floor: number): number {
  let max = floor;
  for (const r of records) {
    const v = r[field];
    if (typeof v === 'number' && v > max) max = v;
  }
  return max;
}
