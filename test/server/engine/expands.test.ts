// Each entity's Expands lists exactly the expansions its item GET documents (ET's "Expanders", in ET's order),
// and each one works on its own with $expand: the property appears inline and leaves Expands.
import { describe, expect, it } from 'vitest';
import { makeTestFake, testData, testSpec } from '../../helpers/test-fake.ts';
import { operationsOf } from '../../../src/server/spec/operations.ts';

const data = await testData();
const ops = operationsOf(await testSpec());
// The item GET of every stored entity that documents expansions and that the demo data holds.
const items = ops.filter((o) => o.method === 'GET' && o.kind === 'item' && o.entity && !o.behaviour && o.expands.length && (data[o.entity]?.length ?? 0) > 0);
const byEntity = new Map(items.map((o) => [o.entity!, o]));

/** The first stored record the item path can name (pick list values and nodes need their owner too). */
function pathOf(template: string, rec: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const last = template.endsWith(`{${name}}`);
    const field = last ? 'Id' : Object.keys(rec).find((k) => k.toLowerCase() === name.toLowerCase()) ?? `${name[0]!.toUpperCase()}${name.slice(1)}`;
    return encodeURIComponent(String(rec[field]));
  });
}

describe('Expands', () => {
  it('covers the entities that document expansions', () => {
    expect(byEntity.size).toBeGreaterThan(15);
  });

  it.each([...byEntity.values()].map((o) => [o.entity!, o.path, o.expands]))('%s (GET %s) lists exactly %j', async (entity, path) => {
    const fake = await makeTestFake({ auth: false });
    const op = byEntity.get(entity as string)!;
    const rec = fake.store.collection(entity as string).values().next().value!;
    const url = pathOf(path as string, rec);
    const plain = await fake.get(url);
    expect(plain.status, url).toBe(200);
    expect(plain.body.Expands).toEqual(op.expands);
    // Every expansion on its own: it appears inline (null or absent only for a missing one-to-one record) and
    // is no longer offered.
    const def = fake.engine.catalog.get(entity as string)!;
    for (const name of op.expands) {
      const res = await fake.get(`${url}?$expand=${name}`);
      expect(res.status, name).toBe(200);
      expect(res.body.Expands, name).toEqual(op.expands.filter((n) => n !== name));
      const e = def.expandByLower.get(name.toLowerCase())!;
      const missing = e.kind === 'one' && !fake.store.collection(e.entity).get(String(rec[e.key] ?? ''));
      if (!missing) expect(res.body, name).toHaveProperty(name);
    }
  });

  it("declares every documented expansion in the entity, so none is offered that $expand cannot give", () => {
    for (const op of ops.filter((o) => o.entity && o.expands.length && byEntity.has(o.entity))) {
      const def = testDefs.get(op.entity!);
      for (const name of op.expands) expect(def?.has(name.toLowerCase()), `${op.method} ${op.path}: ${name}`).toBe(true);
    }
  });
});

const spec = await testSpec();
const testDefs = new Map(
  Object.entries<any>(spec.components?.schemas ?? {})
    .filter(([, s]) => s?.['x-et-entity'])
    .map(([name, s]) => [name, new Set(Object.keys(s['x-et-entity'].expands ?? {}).map((k) => k.toLowerCase()))]),
);
