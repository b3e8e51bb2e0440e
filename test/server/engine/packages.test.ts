// The life of a script package over HTTP: create, rename, list, expand, delete, then 404.
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestFake } from '../../helpers/fake.ts';
import { makeTestFake, MOBILE_WALLET, ONLINE_BANKING, REGRESSION_PKG, REPORTS_PKG } from '../../helpers/test-fake.ts';

let fake: TestFake;
beforeEach(async () => {
  fake = await makeTestFake({ auth: false });
});

describe('script package lifecycle', () => {
  it('creates, renames, lists, expands, deletes and then answers 404', async () => {
    const created = await fake.post('/api/scriptpackages', { Name: 'Payments', ProjectId: ONLINE_BANKING });
    expect(created.status).toBe(201);
    const id = created.body.Id as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.headers.get('location')).toBe(`http://localhost/api/scriptpackage/${id}`);
    expect(created.body.Self).toBe(`http://localhost/api/scriptpackage/${id}`);
    expect(created.body.Name).toBe('Payments');

    const renamed = await fake.put(`/api/scriptpackage/${id}`, { Name: 'Payments (renamed)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ Id: id, Name: 'Payments (renamed)', ProjectId: ONLINE_BANKING });

    const list = await fake.get('/api/scriptpackages?$top=100');
    expect(list.status).toBe(200);
    expect(list.body.Items.map((p: { Id: string }) => p.Id)).toContain(id);
    expect(list.body.Items.find((p: { Id: string }) => p.Id === id).Name).toBe('Payments (renamed)');

    const child = await fake.post('/api/scriptpackages', { Name: 'Cards', ParentId: id });
    expect(child.status).toBe(201);
    const expanded = await fake.get(`/api/scriptpackage/${id}?$expand=children,PROJECT`);
    expect(expanded.status).toBe(200);
    expect(expanded.body.Children.map((c: { Id: string }) => c.Id)).toEqual([child.body.Id]);
    expect(expanded.body.Project).toMatchObject({ Id: ONLINE_BANKING, Name: 'Online Banking' });
    expect(expanded.body.Expands).not.toContain('Children');
    expect(expanded.body.Expands).not.toContain('Project');
    expect(expanded.body.Expands).toContain('Parent');

    const refused = await fake.del(`/api/scriptpackage/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ Message: 'The package is not empty.' });

    const deleted = await fake.del(`/api/scriptpackage/${id}?deleteChildren=true`);
    expect(deleted.status).toBe(200);
    expect((await fake.get(`/api/scriptpackage/${id}`)).status).toBe(404);
    const gone = await fake.get(`/api/scriptpackage/${child.body.Id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.Message).toContain(child.body.Id);
  });

  it('deletes an empty package without deleteChildren', async () => {
    const created = await fake.post('/api/scriptpackages', { Name: 'Empty', ProjectId: MOBILE_WALLET });
    expect((await fake.del(`/api/scriptpackage/${created.body.Id}`)).status).toBe(200);
    expect((await fake.get(`/api/scriptpackage/${created.body.Id}`)).status).toBe(404);
  });

  it('places a child package in its parent project and numbers siblings in order', async () => {
    const a = await fake.post('/api/scriptpackages', { Name: 'A', ParentId: REGRESSION_PKG });
    const b = await fake.post('/api/scriptpackages', { Name: 'B', ParentId: REGRESSION_PKG });
    expect(a.body.ProjectId).toBe(ONLINE_BANKING);
    expect(b.body.OrderNumber).toBe(a.body.OrderNumber + 1);
    const siblings = fake.store.collection('ScriptPackage').where('ParentId', REGRESSION_PKG);
    expect(a.body.OrderNumber).toBe(Math.max(...siblings.filter((s) => s.Id !== a.body.Id && s.Id !== b.body.Id).map((s) => s.OrderNumber as number)) + 1);
  });

  it('refuses a foreign key that points at nothing, naming the field, and writes nothing', async () => {
    const before = fake.store.collection('ScriptPackage').size;
    const res = await fake.post('/api/scriptpackages', { Name: 'Orphan', ParentId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(403);
    expect(res.body.Message).toContain('ParentId');
    expect(fake.store.collection('ScriptPackage').size).toBe(before);
    const put = await fake.put(`/api/scriptpackage/${REPORTS_PKG}`, { ProjectId: '00000000-0000-4000-8000-000000000001' });
    expect(put.status).toBe(403);
    expect(put.body.Message).toContain('ProjectId');
  });

  it('refuses a create without the fields the model requires, writing nothing', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = fake.store.collection('Project').size;
    const res = await fake.post('/api/projects', { Description: 'no name' });
    expect(res.status).toBe(403);
    expect(res.body.Message).toContain('Name');
    expect(fake.store.collection('Project').size).toBe(before);
  });

  it('answers 404 for a missing package on GET, PUT and DELETE', async () => {
    const missing = '11111111-2222-4333-8444-555555555555';
    for (const res of [await fake.get(`/api/scriptpackage/${missing}`), await fake.put(`/api/scriptpackage/${missing}`, { Name: 'x' }), await fake.del(`/api/scriptpackage/${missing}`)]) {
      expect(res.status).toBe(404);
      expect(res.body.Message).toMatch(/ScriptPackage/);
    }
  });

  it('deletes a project in the background (202) with everything in it, clearing plain references to it', async () => {
    const fake = await makeTestFake({ auth: false });
    const packages = fake.store.collection('ScriptPackage').where('ProjectId', MOBILE_WALLET).map((p) => p.Id);
    expect(packages.length).toBeGreaterThan(0);
    const res = await fake.del(`/api/project/${MOBILE_WALLET}`);
    expect(res.status).toBe(202);
    for (let i = 0; i < 100 && fake.store.collection('Project').get(MOBILE_WALLET); i++) await new Promise((r) => setTimeout(r, 5));
    expect((await fake.get(`/api/project/${MOBILE_WALLET}`)).status).toBe(404);
    for (const id of packages) expect(fake.store.collection('ScriptPackage').get(id)).toBeUndefined();
    expect(fake.store.collection('Script').where('ProjectId', MOBILE_WALLET)).toEqual([]);
    // Nothing left points at the project.
    for (const entity of fake.store.entities())
      for (const rec of fake.store.collection(entity).values()) expect(rec.ProjectId === MOBILE_WALLET, `${entity} ${rec.Id}`).toBe(false);
    expect((await fake.get(`/api/project/${ONLINE_BANKING}`)).status).toBe(200);
  });

  it('refuses to move a package under itself or under its own child', async () => {
    const fake = await makeTestFake({ auth: false });
    const child = fake.store.collection('ScriptPackage').where('ParentId', REGRESSION_PKG)[0]!;
    const self = await fake.put(`/api/scriptpackage/${REGRESSION_PKG}`, { ParentId: REGRESSION_PKG });
    expect(self.status).toBe(403);
    const loop = await fake.put(`/api/scriptpackage/${REGRESSION_PKG}`, { ParentId: child.Id });
    expect(loop.status).toBe(403);
    expect(loop.body.Message).toContain('ParentId');
    expect(fake.store.collection('ScriptPackage').get(REGRESSION_PKG)!.ParentId ?? null).toBeNull();
    const moved = await fake.put(`/api/scriptpackage/${child.Id}`, { ParentId: null });
    expect(moved.status).toBe(200);
  });

  it('renaming a package renames it in the scripts that show its name', async () => {
    const fake = await makeTestFake({ auth: false });
    const scripts = fake.store.collection('Script').where('PackageId', REPORTS_PKG);
    expect(scripts.length).toBeGreaterThan(0);
    expect((await fake.put(`/api/scriptpackage/${REPORTS_PKG}`, { Name: 'Statements and reports' })).status).toBe(200);
    const script = await fake.get(`/api/script/${scripts[0]!.Id}`);
    expect(script.body.PackageName).toBe('Statements and reports');
  });
});
