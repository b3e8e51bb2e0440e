// A store: named layered collections over one BaseData. Sandboxes (fork) are just new LayeredStores over the
// same start BaseData, so they share every start record and index and only pay for their own writes.

import { BaseCollection, buildBase, type BaseData } from './base-data.ts';
import { LayeredCollection } from './layered-collection.ts';
import type { CollectionCapture } from './collection-capture.ts';
import { StoreError, type Change, type Collection, type Data, type Rec, type Store } from './types.ts';

export interface StoreCapture {
  /** Entity name and its records at the instant of the capture, sorted by name. */
  entities: [string, Iterable<Rec>][];
  release(): void;
}

/** One clock for every store in the process, so a version never repeats across stores (cache keys). */
let clock = 0;
const tick = (): number => ++clock;

/** Told about writes; the file persistence hooks in here. */
export interface WriteListener {
  written(change: Change): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export class LayeredStore implements Store {
  #base: BaseData;
  readonly #collections = new Map<string, LayeredCollection>();
  /** Entities asked for with collection() since the last reset/load, listed even while empty. */
  #created = new Set<string>();
  #version = tick();
  #listener: WriteListener | undefined;
  readonly #owner = { changed: (change: Change): void => this.#changed(change) };

  /** `start` is what reset() and fork() go back to; `current` is where this store begins. */
  constructor(
    private readonly start: BaseData,
    current: BaseData = start,
  ) {
    this.#base = current;
  }

  /** Attaches persistence (file-backed stores only). */
  listen(listener: WriteListener): void {
    this.#listener = listener;
  }

  get version(): number {
    return this.#version;
  }

  /** Version of the last write to each entity since the last reset/load (absent: unchanged since then). */
  readonly #entityVersions = new Map<string, number>();
  #switchedAt = this.#version;

  versionOf(entity: string): number {
    return this.#entityVersions.get(entity) ?? this.#switchedAt;
  }

  #changed(change: Change): void {
    this.#version = tick();
    if (change.kind === 'put' || change.kind === 'remove') this.#entityVersions.set(change.entity, this.#version);
    else {
      this.#entityVersions.clear();
      this.#switchedAt = this.#version;
    }
    this.#listener?.written(change);
  }

  collection(entity: string): Collection {
    let collection = this.#collections.get(entity);
    if (!collection) {
      // snapshot() returns a plain object, where this name would set the prototype instead of a key.
      if (entity === '__proto__') throw new StoreError('"__proto__" cannot be an entity name');
      collection = new LayeredCollection(entity, this.#base.get(entity) ?? BaseCollection.empty, this.#owner);
      this.#collections.set(entity, collection);
    }
    if (!this.#base.has(entity)) this.#created.add(entity);
    return collection;
  }

  entities(): string[] {
    const names = new Set(this.#base.keys());
    for (const name of this.#created) names.add(name);
    for (const [name, collection] of this.#collections) if (collection.size > 0) names.add(name);
    return [...names].sort();
  }

  snapshot(): Data {
    const data: Data = {};
    for (const entity of this.entities()) {
      const collection = this.#collections.get(entity);
      data[entity] = collection ? collection.toArray() : [...this.#base.get(entity)!.records];
    }
    return data;
  }

  /**
   * Every collection's records as they are at this instant, each to be read later (a slice at a time, between
   * writes) in snapshot() order. Costs nothing now; release() when done.
   */
  capture(): StoreCapture {
    const captures: CollectionCapture[] = [];
    const entities = this.entities().map((entity): [string, Iterable<Rec>] => {
      const collection = this.#collections.get(entity);
      if (!collection) return [entity, this.#base.get(entity)!.records];
      const capture = collection.capture();
      captures.push(capture);
      return [entity, { [Symbol.iterator]: () => capture.records() }];
    });
    return { entities, release: () => captures.forEach((c) => c.release()) };
  }

  load(data: Data): void {
    this.#switchTo(buildBase(data, 'load: invalid data'), { kind: 'load', data });
  }

  reset(): void {
    this.#switchTo(this.start, { kind: 'reset' });
  }

  /** Replaces the state; collection handles held by callers stay valid and see the new state. */
  #switchTo(base: BaseData, change: Change): void {
    this.#base = base;
    this.#created = new Set();
    for (const [entity, collection] of this.#collections) collection.rebase(base.get(entity) ?? BaseCollection.empty);
    this.#changed(change);
  }

  fork(): Store {
    return new LayeredStore(this.start);
  }

  async flush(): Promise<void> {
    await this.#listener?.flush();
  }

  async close(): Promise<void> {
    await this.#listener?.close();
  }
}
