import { describe, expect, it } from 'vitest';
import { createStore, StoreError, type Data, type Rec } from '../../src/store/index.ts';

const P1 = '6A3B2C1D-0000-4000-8000-000000000001';
const P2 = '6a3b2c1d-0000-4000-8000-000000000002';
const start = (): Data => ({
  Project: [
    { Id: P1, Name: 'Alpha', Status: 'Open', Archived: false },
    { Id: P2, Name: 'Beta', Status: 'closed', Archived: true },
  ],
  ScriptPackage: [
    { Id: 'pkg-1', Name: 'Root', ProjectId: P1, ParentId: null },
    { Id: 'pkg-2', Name: 'Child', ProjectId: P1, ParentId: 'pkg-1' },
    { Id: 'pkg-3', Name: 'Other', ProjectId: P2 },
  ],
});

const ids = (recs: Iterable<Rec>): string[] => [...recs].map((r) => r.Id);

describe('collection reads', () => {
  it('gets by id case-insensitively', async () => {
    const store = await createStore({ start: start() });
    const projects = store.collection('Project');
    expect(projects.get(P1.toLowerCase())?.Name).toBe('Alpha');
    expect(projects.get(P2.toUpperCase())?.Name).toBe('Beta');
    expect(projects.get('nope')).toBeUndefined();
    expect(projects.size).toBe(2);
    expect(projects.name).toBe('Project');
  });

  it('looks up by field, folding case for strings and matching null to a missing field', async () => {
    const packages = (await createStore({ start: start() })).collection('ScriptPackage');
    expect(ids(packages.where('ProjectId', P1.toLowerCase()))).toEqual(['pkg-1', 'pkg-2']);
    expect(ids(packages.where('ParentId', null))).toEqual(['pkg-1', 'pkg-3']);
    expect(ids(packages.where('ParentId', 'PKG-1'))).toEqual(['pkg-2']);
    expect(ids(packages.where('Name', 'nothing'))).toEqual([]);
    const projects = (await createStore({ start: start() })).collection('Project');
    expect(ids(projects.where('Archived', true))).toEqual([P2]);
    expect(ids(projects.where('Status', 'CLOSED'))).toEqual([P2]);
  });

  it('refuses to look up objects by value', async () => {
    const packages = (await createStore({ start: start() })).collection('ScriptPackage');
    expect(() => packages.where('ProjectId', { a: 1 })).toThrow(StoreError);
  });

  it('creates unknown collections empty on first use', async () => {
    const store = await createStore({ start: start() });
    const runs = store.collection('ScriptRun');
    expect(runs.size).toBe(0);
    expect([...runs.values()]).toEqual([]);
    expect(store.entities()).toEqual(['Project', 'ScriptPackage', 'ScriptRun']);
  });
});

describe('collection writes', () => {
  it('inserts, refusing an existing id in any case, and keeps insertion order', async () => {
    const projects = (await createStore({ start: start() })).collection('Project');
    const rec = projects.insert({ Id: 'p3', Name: 'Gamma' });
    expect(rec).toEqual({ Id: 'p3', Name: 'Gamma' });
    expect(projects.get('P3')).toBe(rec);
    expect(() => projects.insert({ Id: P1.toLowerCase(), Name: 'dup' })).toThrow(StoreError);
    expect(() => projects.insert({ Id: 'P3', Name: 'dup' })).toThrow(/already exists/);
    expect(() => projects.insert({ Name: 'no id' } as unknown as Rec)).toThrow(StoreError);
    expect(ids(projects.values())).toEqual([P1, P2, 'p3']);
    expect(projects.size).toBe(3);
  });

  it('updates by shallow merge into a new object, never changing the Id or the old record', async () => {
    const projects = (await createStore({ start: start() })).collection('Project');
    const before = projects.get(P1)!;
    const after = projects.update(P1.toLowerCase(), { Name: 'Alpha 2', Id: 'hijack' })!;
    expect(after).toEqual({ Id: P1, Name: 'Alpha 2', Status: 'Open', Archived: false });
    expect(after).not.toBe(before);
    expect(before.Name).toBe('Alpha');
    expect(projects.get(P1)).toBe(after);
    expect(projects.update('missing', { Name: 'x' })).toBeUndefined();
    expect(ids(projects.values())).toEqual([P1, P2]);
  });

  it('hands out frozen records outside production', async () => {
    const projects = (await createStore({ start: start() })).collection('Project');
    expect(Object.isFrozen(projects.get(P1))).toBe(true);
    const inserted = projects.insert({ Id: 'p9', Name: 'x' });
    expect(() => {
      (inserted as Record<string, unknown>).Name = 'mutated';
    }).toThrow(TypeError);
  });

  it('replaces in place or inserts when absent', async () => {
    const projects = (await createStore({ start: start() })).collection('Project');
    const replaced = projects.replace({ Id: P1.toLowerCase(), Name: 'New' });
    expect(replaced).toEqual({ Id: P1, Name: 'New' });
    expect(projects.replace({ Id: 'p4', Name: 'Delta' })).toEqual({ Id: 'p4', Name: 'Delta' });
    expect(ids(projects.values())).toEqual([P1, P2, 'p4']);
  });

  it('removes, and a removed id can be inserted again at the end', async () => {
    const projects = (await createStore({ start: start() })).collection('Project');
    expect(projects.remove(P1.toUpperCase())?.Name).toBe('Alpha');
    expect(projects.remove(P1)).toBeUndefined();
    expect(projects.get(P1)).toBeUndefined();
    expect(projects.size).toBe(1);
    projects.insert({ Id: P1, Name: 'Again' });
    expect(ids(projects.values())).toEqual([P2, P1]);
    expect(projects.size).toBe(2);
  });

  it('keeps where() in step with insert, update and remove', async () => {
    const packages = (await createStore({ start: start() })).collection('ScriptPackage');
    expect(ids(packages.where('ProjectId', P1))).toEqual(['pkg-1', 'pkg-2']); // index built before the writes
    packages.insert({ Id: 'pkg-4', Name: 'New', ProjectId: P1 });
    expect(ids(packages.where('ProjectId', P1))).toEqual(['pkg-1', 'pkg-2', 'pkg-4']);
    packages.update('pkg-1', { ProjectId: P2 });
    expect(ids(packages.where('ProjectId', P1))).toEqual(['pkg-2', 'pkg-4']);
    expect(ids(packages.where('ProjectId', P2))).toEqual(['pkg-1', 'pkg-3']);
    packages.update('pkg-4', { ProjectId: P2 });
    expect(ids(packages.where('ProjectId', P2))).toEqual(['pkg-1', 'pkg-3', 'pkg-4']);
    packages.remove('pkg-3');
    expect(ids(packages.where('ProjectId', P2))).toEqual(['pkg-1', 'pkg-4']);
    packages.remove('PKG-4');
    expect(ids(packages.where('ProjectId', P2))).toEqual(['pkg-1']);
    packages.update('pkg-1', { ProjectId: P1 });
    expect(ids(packages.where('ProjectId', P1))).toEqual(['pkg-1', 'pkg-2']);
    expect(ids(packages.where('ProjectId', P2))).toEqual([]);
    // A field first looked up after the writes sees them too.
    expect(ids(packages.where('Name', 'new'))).toEqual([]);
    expect(ids(packages.where('ParentId', null))).toEqual(['pkg-1']);
  });

  it('bumps the version on every write, uniquely across stores', async () => {
    const store = await createStore({ start: start() });
    const other = await createStore({ start: start() });
    const v0 = store.version;
    store.collection('Project').insert({ Id: 'x', Name: 'x' });
    const v1 = store.version;
    expect(v1).toBeGreaterThan(v0);
    store.collection('Project').update('x', { Name: 'y' });
    expect(store.version).toBeGreaterThan(v1);
    const v2 = store.version;
    store.collection('Project').update('missing', { Name: 'y' });
    expect(store.version).toBe(v2); // nothing written, nothing changed
    other.collection('Project').remove(P1);
    expect(other.version).not.toBe(store.version);
  });

  it("versions each entity apart: a write moves only its own entity's version, reset and load move all", async () => {
    const store = await createStore({ start: start() });
    const project0 = store.versionOf('Project');
    const package0 = store.versionOf('ScriptPackage');
    store.collection('Project').insert({ Id: 'x', Name: 'x' });
    const project1 = store.versionOf('Project');
    expect(project1).toBeGreaterThan(project0);
    expect(project1).toBe(store.version);
    expect(store.versionOf('ScriptPackage')).toBe(package0);
    store.collection('ScriptPackage').remove('pkg-1');
    expect(store.versionOf('ScriptPackage')).toBeGreaterThan(project1);
    expect(store.versionOf('Project')).toBe(project1);
    store.collection('Project').update('missing', { Name: 'y' });
    expect(store.versionOf('Project')).toBe(project1); // nothing written
    store.reset();
    const afterReset = store.versionOf('Project');
    expect(afterReset).toBeGreaterThan(project1);
    expect(store.versionOf('ScriptPackage')).toBe(afterReset);
    store.load({ Project: [] });
    expect(store.versionOf('Project')).toBeGreaterThan(afterReset);
    expect(store.versionOf('Never')).toBe(store.version);
  });
});
