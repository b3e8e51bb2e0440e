// A net under the whole generated spec: every top-level collection and every item of every entity that the
// demo data holds answers 200 with a body that matches the documented schema (the fake helper checks it).
import { describe, expect, it } from 'vitest';
import { makeTestFake, testData, testSpec } from '../../helpers/test-fake.ts';
import { operationsOf } from '../../../src/server/spec/operations.ts';

const ops = operationsOf(await testSpec()).filter((o) => o.method === 'GET' && o.entity && !o.behaviour);
const data = await testData();
const collections = ops.filter((o) => o.kind === 'collection' && o.params.length === 0);
// Only entities the demo data holds, so every case makes at least one request.
const items = ops.filter((o) => o.kind === 'item' && o.params.length === 1 && (data[o.entity!]?.length ?? 0) > 0);

describe('every documented GET', () => {
  it('covers a meaningful part of the spec', () => {
    expect(collections.length).toBeGreaterThan(20);
    expect(items.length).toBeGreaterThan(20);
  });

  it.each(collections.map((o) => [o.path, o.expands.join(',')]))('GET %s pages the collection (expanding %s)', async (path, expand) => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get(`${path}?$inlinecount=allpages&$top=3${expand ? `&$expand=${expand}` : ''}`);
    expect(res.status).toBe(200);
    const items = Array.isArray(res.body) ? res.body : res.body.Items;
    expect(Array.isArray(items)).toBe(true);
  });

  it.each(items.map((o) => [o.path, o.entity!]))('GET %s answers each stored %s', async (path, entity) => {
    const fake = await makeTestFake({ auth: false });
    const records = Array.from(fake.store.collection(entity).values()).slice(0, 3);
    expect(records.length).toBeGreaterThan(0);
    // Most items are addressed by Id; a few by another field the parameter is named after ({name}: Name).
    const param = /\{([^}]+)\}/.exec(path)![1]!;
    const key = /id$/i.test(param) ? 'Id' : Object.keys(records[0]!).find((k) => k.toLowerCase() === param.toLowerCase())!;
    expect(key, `a field for {${param}}`).toBeDefined();
    for (const rec of records) {
      const res = await fake.get(path.replace(/\{[^}]+\}/, encodeURIComponent(String(rec[key]))));
      expect(res.status, `${entity} ${rec.Id}`).toBe(200);
      expect(String(res.body[key]).toLowerCase()).toBe(String(rec[key]).toLowerCase());
    }
  });

  it.each(items.filter((o) => o.expands.length).map((o) => [o.path, o.expands.join(',')]))('GET %s?$expand=%s inlines every expansion', async (path, expand) => {
    const fake = await makeTestFake({ auth: false });
    const entity = items.find((o) => o.path === path)!.entity!;
    const rec = fake.store.collection(entity).values().next().value!;
    const res = await fake.get(`${path.replace(/\{[^}]+\}/, encodeURIComponent(rec.Id))}?$expand=${expand}`);
    expect(res.status).toBe(200);
    for (const e of fake.engine.catalog.get(entity)!.expands) {
      if (!expand.split(',').includes(e.name)) continue;
      // A one-to-one expansion without a related record is null, or absent where the model does not allow null.
      const missing = e.kind === 'one' && !fake.store.collection(e.entity).get(String(rec[e.key] ?? ''));
      if (!missing || e.nullable) expect(res.body, e.name).toHaveProperty(e.name);
    }
    expect(res.body.Expands ?? []).toEqual((res.body.Expands ?? []).filter((n: string) => !expand.split(',').includes(n)));
  });
});
