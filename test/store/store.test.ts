import { describe, expect, it } from 'vitest';
import { createStore, StoreError, type Data } from '../../src/store/index.ts';

const start = (): Data => ({
  Project: [
    { Id: 'P1', Name: 'Alpha', Tags: ['a', 'b'], Meta: { Owner: 'kim' } },
    { Id: 'P2', Name: 'Beta', Count: 3, Price: 1.5, Note: null },
  ],
  Requirement: [{ Id: 'R1', Name: 'Login', ProjectId: 'P1' }],
});

describe('snapshot and load', () => {
  it('round-trips to byte-identical JSON, with sorted entity names', async () => {
    const store = await createStore({ start: start() });
    store.collection('Project').insert({ Id: 'P3', Name: 'Gamma' });
    store.collection('Project').update('p1', { Name: 'Alpha 2' });
    store.collection('Project').remove('P2');
    store.collection('Attachment').insert({ Id: 'A1', Size: 10 });
    const json = JSON.stringify(store.snapshot());
    expect(Object.keys(JSON.parse(json) as Data)).toEqual(['Attachment', 'Project', 'Requirement']);

    const other = await createStore({ start: { Unrelated: [{ Id: 'u' }] } });
    other.load(JSON.parse(json) as Data);
    expect(JSON.stringify(other.snapshot())).toBe(json);
    expect(other.collection('project').size).toBe(0); // entity names are exact, only ids fold case
    expect(other.collection('Project').get('p3')?.Name).toBe('Gamma');
  });

  it('keeps the start data without copying it, frozen against later changes by the caller', async () => {
    const data = start();
    const store = await createStore({ start: data });
    expect(store.collection('Project').get('P1')).toBe(data.Project![0]);
    expect(() => data.Project!.push({ Id: 'P9' })).toThrow(TypeError);
    expect(() => {
      data.Project![0]!.Name = 'changed';
    }).toThrow(TypeError);
  });

  it('shares records instead of copying them', async () => {
    const store = await createStore({ start: start() });
    const rec = store.collection('Project').get('P1');
    expect(store.snapshot().Project![0]).toBe(rec);
  });

  it.each([
    ['not an object', [] as unknown, /expected an object/],
    ['null', null, /expected an object/],
    ['an entity that is not an array', { Project: { Id: 'x' } }, /"Project" must be an array/],
    ['a record that is not an object', { Project: [{ Id: 'a' }, 'b'] }, /"Project" record 1 must be an object/],
    ['a record without Id', { Project: [{ Name: 'x' }] }, /record 0 has no string Id/],
    ['a numeric Id', { Project: [{ Id: 7 }] }, /record 0 has no string Id \(got 7\)/],
    ['a __proto__ entity', JSON.parse('{"__proto__": []}') as unknown, /"__proto__" cannot be an entity name/],
    ['a duplicate Id (case-insensitive)', { Project: [{ Id: 'ab' }, { Id: 'AB' }] }, /record 1 repeats the Id AB of record 0/],
  ])('refuses %s and keeps the old state', async (_name, bad, message) => {
    const store = await createStore({ start: start() });
    store.collection('Project').insert({ Id: 'P9', Name: 'kept' });
    const before = JSON.stringify(store.snapshot());
    const version = store.version;
    expect(() => store.load(bad as Data)).toThrow(StoreError);
    expect(() => store.load(bad as Data)).toThrow(message);
    expect(JSON.stringify(store.snapshot())).toBe(before);
    expect(store.version).toBe(version);
  });

  it('refuses __proto__ as a collection name', async () => {
    const store = await createStore({ start: start() });
    expect(() => store.collection('__proto__')).toThrow(StoreError);
  });

  it('refuses invalid start data', async () => {
    await expect(createStore({ start: { Project: [{ Id: '' }] } as Data })).rejects.toThrow(/start data is invalid/);
  });
});

describe('reset', () => {
  it('goes back to the start data, and collection handles keep working', async () => {
    const store = await createStore({ start: start() });
    const startJson = JSON.stringify(store.snapshot());
    const projects = store.collection('Project');
    projects.insert({ Id: 'P3', Name: 'Gamma' });
    projects.update('P1', { Name: 'changed' });
    projects.remove('P2');
    expect(projects.where('Name', 'changed')).toHaveLength(1);
    store.collection('Extra').insert({ Id: 'e' });
    store.load({ Project: [{ Id: 'L1' }] });
    expect(projects.get('L1')).toBeDefined();

    const version = store.version;
    store.reset();
    expect(store.version).toBeGreaterThan(version);
    expect(JSON.stringify(store.snapshot())).toBe(startJson);
    expect(store.entities()).toEqual(['Project', 'Requirement']);
    expect(projects.size).toBe(2);
    expect(projects.get('P3')).toBeUndefined();
    expect(projects.get('P1')?.Name).toBe('Alpha');
    expect(projects.where('Name', 'changed')).toEqual([]);
    expect(projects.where('Name', 'alpha')).toHaveLength(1);
  });
});

describe('fork (sandboxes)', () => {
  it('starts from the start data, not from the parent state', async () => {
    const store = await createStore({ start: start() });
    store.collection('Project').insert({ Id: 'P3', Name: 'parent only' });
    const sandbox = store.fork();
    expect(sandbox.collection('Project').get('P3')).toBeUndefined();
    expect(sandbox.collection('Project').size).toBe(2);
  });

  it('keeps concurrent writes of two forks apart, leaving the parent and the start data alone', async () => {
    const data = start();
    const startJson = JSON.stringify(data);
    const store = await createStore({ start: data });
    const parentJson = JSON.stringify(store.snapshot());
    const a = store.fork();
    const b = store.fork();
    const pa = a.collection('Project');
    const pb = b.collection('Project');
    // Interleaved, as two test workers would.
    pa.insert({ Id: 'A1', Name: 'from a' });
    pb.insert({ Id: 'B1', Name: 'from b' });
    pa.update('P1', { Name: 'a was here' });
    pb.remove('P1');
    pb.update('P2', { Name: 'b was here' });
    a.collection('OnlyInA').insert({ Id: 'x' });

    expect(pa.get('B1')).toBeUndefined();
    expect(pb.get('A1')).toBeUndefined();
    expect(pa.get('P1')?.Name).toBe('a was here');
    expect(pb.get('P1')).toBeUndefined();
    expect(pa.get('P2')?.Name).toBe('Beta');
    expect(pb.get('P2')?.Name).toBe('b was here');
    expect(pa.where('Name', 'from b')).toEqual([]);
    expect(pb.where('Name', 'FROM B')).toHaveLength(1);
    expect(a.entities()).toContain('OnlyInA');
    expect(b.entities()).not.toContain('OnlyInA');

    expect(JSON.stringify(store.snapshot())).toBe(parentJson);
    expect(JSON.stringify(data)).toBe(startJson);
    expect(store.fork().collection('Project').size).toBe(2);
  });

  it('can be reset, forked again and closed without touching anything else', async () => {
    const store = await createStore({ start: start() });
    const sandbox = store.fork();
    sandbox.collection('Project').remove('P1');
    const nested = sandbox.fork();
    expect(nested.collection('Project').get('P1')).toBeDefined();
    sandbox.reset();
    expect(sandbox.collection('Project').get('P1')).toBeDefined();
    await sandbox.flush();
    await sandbox.close();
    expect(store.collection('Project').size).toBe(2);
  });
});
