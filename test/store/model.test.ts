// Model-based check: random operation sequences on a store (and its forks) must behave exactly like a plain
// array of records, whatever mix of base records, shadows, tombstones and appended records they produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBase } from '../../src/store/base-data.ts';
import { createStore, StoreError, type Collection, type Data, type Rec } from '../../src/store/index.ts';
import { LayeredStore } from '../../src/store/layered-store.ts';

const idArb = fc.constantFrom('a1', 'A1', 'b2', 'B2', 'c3', 'd4', 'E5', 'e5', 'f6');
const valueArb = fc.constantFrom<unknown>('x', 'X', 'y', 1, 2, true, null, undefined);
const fieldArb = fc.constantFrom('K', 'L');
const patchArb = fc.record({ K: valueArb, L: valueArb }, { requiredKeys: [] });

type Op =
  | { op: 'insert' | 'replace'; id: string; patch: Record<string, unknown> }
  | { op: 'update'; id: string; patch: Record<string, unknown> }
  | { op: 'remove'; id: string }
  | { op: 'where'; field: string; value: unknown };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('insert' as const, 'replace' as const), id: idArb, patch: patchArb }),
  fc.record({ op: fc.constant('update' as const), id: idArb, patch: patchArb }),
  fc.record({ op: fc.constant('remove' as const), id: idArb }),
  fc.record({ op: fc.constant('where' as const), field: fieldArb, value: valueArb }),
);

const norm = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v === undefined ? null : v);
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The reference: an array, searched linearly. */
function applyToModel(model: Rec[], o: Op): Rec[] | 'throws' | Rec | undefined {
  if (o.op === 'where') return model.filter((r) => norm(r[o.field]) === norm(o.value));
  const i = model.findIndex((r) => same(r.Id, o.id));
  switch (o.op) {
    case 'insert':
      if (i >= 0) return 'throws';
      model.push({ ...o.patch, Id: o.id });
      return model.at(-1);
    case 'replace':
      if (i < 0) {
        model.push({ ...o.patch, Id: o.id });
        return model.at(-1);
      }
      model[i] = { ...o.patch, Id: model[i]!.Id };
      return model[i];
    case 'update':
      if (i < 0) return undefined;
      model[i] = { ...model[i]!, ...o.patch, Id: model[i]!.Id };
      return model[i];
    case 'remove':
      return i < 0 ? undefined : model.splice(i, 1)[0];
  }
}

function applyToStore(c: Collection, o: Op): Rec[] | 'throws' | Rec | undefined {
  switch (o.op) {
    case 'where':
      return c.where(o.field, o.value);
    case 'insert':
      try {
        return c.insert({ ...o.patch, Id: o.id });
      } catch (e) {
        if (e instanceof StoreError) return 'throws';
        throw e;
      }
    case 'replace':
      return c.replace({ ...o.patch, Id: o.id });
    case 'update':
      return c.update(o.id, o.patch);
    case 'remove':
      return c.remove(o.id);
  }
}

const startData = (): Data => ({ T: [{ Id: 'a1', K: 'x', L: 1 }, { Id: 'C3', K: 'X', L: null }, { Id: 'd4', K: 'y' }, { Id: 'f6', L: true }] });

function expectSame(c: Collection, model: Rec[]): void {
  expect(JSON.stringify([...c.values()])).toBe(JSON.stringify(model));
  expect(c.size).toBe(model.length);
  for (const r of model) expect(c.get(r.Id.toUpperCase())).toEqual(r);
  for (const field of ['K', 'L']) {
    for (const value of ['x', 'y', 1, 2, true, null]) {
      expect(c.where(field, value).map((r) => r.Id)).toEqual(model.filter((r) => norm(r[field]) === norm(value)).map((r) => r.Id));
    }
  }
}

describe('store against a reference model', () => {
  it('a collection behaves like an array of records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), async (ops) => {
        const store = await createStore({ start: startData() });
        const c = store.collection('T');
        const model = structuredClone(startData().T!);
        for (const o of ops) expect(JSON.stringify(applyToStore(c, o))).toBe(JSON.stringify(applyToModel(model, o)));
        expectSame(c, model);
        expect(JSON.stringify(store.snapshot().T)).toBe(JSON.stringify(model));
        store.reset();
        expectSame(c, startData().T!);
      }),
      { numRuns: 300 },
    );
  });

  it('forks written in turn each match their own model, and the parent stays as it was', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(2), opArb), { maxLength: 40 }), async (steps) => {
        const parent = await createStore({ start: startData() });
        parent.collection('T').insert({ Id: 'parent', K: 'x' });
        const parentJson = JSON.stringify(parent.snapshot());
        const forks = [parent.fork(), parent.fork(), parent.fork()];
        const models = forks.map(() => structuredClone(startData().T!));
        for (const [n, o] of steps) {
          expect(JSON.stringify(applyToStore(forks[n]!.collection('T'), o))).toBe(JSON.stringify(applyToModel(models[n]!, o)));
        }
        forks.forEach((f, n) => expectSame(f.collection('T'), models[n]!));
        expect(JSON.stringify(parent.snapshot())).toBe(parentJson);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a capture (what compaction writes) against the store at its instant', () => {
  it('reads the records as they were when it was taken, whatever is written while it is read', async () => {
    const stepArb = fc.oneof(opArb.map((o) => ({ write: o })), fc.nat(3).map((n) => ({ read: n + 1 })));
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 25 }), fc.array(stepArb, { maxLength: 40 }), fc.boolean(), async (before, during, reset) => {
        const store = new LayeredStore(buildBase(startData(), 'test'));
        const c = store.collection('T');
        for (const o of before) applyToStore(c, o);
        const expected = JSON.stringify(store.snapshot());
        const capture = store.capture();
        const readers = capture.entities.map(([entity, records]) => [entity, records[Symbol.iterator]()] as const);
        const read: Record<string, Rec[]> = Object.fromEntries(capture.entities.map(([entity]) => [entity, []]));
        const readSome = (n: number) => {
          for (const [entity, it] of readers) {
            for (let k = 0; k < n; k++) {
              const next = it.next();
              if (next.done) break;
              read[entity]!.push(next.value);
            }
          }
        };
        for (const step of during) {
          if ('read' in step) readSome(step.read);
          else applyToStore(c, step.write);
          if (reset && step === during[Math.floor(during.length / 2)]) store.reset();
        }
        readSome(Infinity);
        capture.release();
        expect(JSON.stringify(read)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
