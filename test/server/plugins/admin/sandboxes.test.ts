// Sandboxes: isolated copies of the start data behind /sandboxes/{id} (or the X-Et-Sandbox header), created in
// microseconds, invisible to each other and to the fake's own state, dropped on DELETE or when idle.
import { describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from '../../../helpers/fake.ts';
import { makeTestFake, ONLINE_BANKING, REPORTS_PKG } from '../../../helpers/test-fake.ts';
import { admin, inSandbox, newSandbox } from './admin-helpers.ts';

const names = (reply: { body: { Items: { Name: string }[] } }) => reply.body.Items.map((p) => p.Name);
const byName = (name: string) => `/api/scriptpackages?tql=${encodeURIComponent(`Name = '${name}'`)}`;

describe('sandboxes', () => {
  it('keeps concurrent writes of two sandboxes apart from each other and from the default state', async () => {
    const fake = await makeTestFake();
    const [a, b] = await Promise.all([newSandbox(fake), newSandbox(fake)]);
    expect(a).not.toBe(b);
    const writes = [];
    for (let i = 0; i < 10; i++) {
      writes.push(inSandbox(fake, a, 'POST', '/api/scriptpackages', { Name: `A ${i}`, ProjectId: ONLINE_BANKING }));
      writes.push(inSandbox(fake, b, 'POST', '/api/scriptpackages', { Name: `B ${i}`, ProjectId: ONLINE_BANKING }));
    }
    const created = await Promise.all(writes);
    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201));
    // Links point back into the sandbox they were made in.
    expect(created[0]!.body.Self).toBe(`http://localhost/sandboxes/${a}/api/scriptpackage/${created[0]!.body.Id}`);
    const inA = await inSandbox(fake, a, 'GET', `/api/scriptpackages?tql=${encodeURIComponent('Name ~ "A*" OR Name ~ "B*"')}&$top=50`);
    const inB = await inSandbox(fake, b, 'GET', `/api/scriptpackages?tql=${encodeURIComponent('Name ~ "A*" OR Name ~ "B*"')}&$top=50`);
    expect(names(inA).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `A ${i}`).sort());
    expect(names(inB).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `B ${i}`).sort());
    const outside = await fake.get(`/api/scriptpackages?tql=${encodeURIComponent('Name ~ "A*" OR Name ~ "B*"')}`);
    expect(outside.body.Total).toBe(0);
    // A rename in one sandbox leaves the other's copy of the same record alone.
    await inSandbox(fake, a, 'PUT', `/api/scriptpackage/${REPORTS_PKG}`, { Name: 'Renamed in A' });
    expect((await inSandbox(fake, b, 'GET', `/api/scriptpackage/${REPORTS_PKG}`)).body.Name).toBe('Reports');
    expect((await fake.get(`/api/scriptpackage/${REPORTS_PKG}`)).body.Name).toBe('Reports');
  });

  it('is also chosen with the X-Et-Sandbox header on the normal paths', async () => {
    const fake = await makeTestFake();
    const id = await newSandbox(fake);
    const created = await fake.request('POST', '/api/scriptpackages', { body: { Name: 'By header', ProjectId: ONLINE_BANKING }, headers: { 'X-Et-Sandbox': id } });
    expect(created.status).toBe(201);
    expect((await fake.get(byName('By header'), { 'X-Et-Sandbox': id })).body.Total).toBe(1);
    expect((await fake.get(byName('By header'))).body.Total).toBe(0);
    expect((await inSandbox(fake, id, 'GET', byName('By header'))).body.Total).toBe(1);
  });

  it('starts from a snapshot when given one, and its reset goes back to that snapshot', async () => {
    const fake = await makeTestFake();
    const source = await newSandbox(fake);
    await inSandbox(fake, source, 'POST', '/api/scriptpackages', { Name: 'From the snapshot', ProjectId: ONLINE_BANKING });
    const snapshot = (await admin(fake, 'GET', `/sandboxes/${source}/__admin/snapshot`)).body;
    const copy = await newSandbox(fake, { Snapshot: snapshot });
    expect((await inSandbox(fake, copy, 'GET', byName('From the snapshot'))).body.Total).toBe(1);
    await inSandbox(fake, copy, 'POST', '/api/scriptpackages', { Name: 'Later', ProjectId: ONLINE_BANKING });
    expect((await admin(fake, 'POST', `/sandboxes/${copy}/__admin/reset`)).status).toBe(204);
    expect((await inSandbox(fake, copy, 'GET', byName('From the snapshot'))).body.Total).toBe(1);
    expect((await inSandbox(fake, copy, 'GET', byName('Later'))).body.Total).toBe(0);
    const bad = await admin(fake, 'POST', '/__admin/sandboxes', { Snapshot: { ScriptPackage: [{ Name: 'no id' }] } });
    expect(bad.status).toBe(400);
  });

  it('lists sandboxes, drops one on DELETE, and answers 404 for an unknown one', async () => {
    const fake = await makeTestFake();
    const id = await newSandbox(fake);
    const listed = await admin(fake, 'GET', '/__admin/sandboxes');
    expect(listed.body.Items).toContainEqual(expect.objectContaining({ Id: id, Url: `http://localhost/sandboxes/${id}`, ApiUrl: `http://localhost/sandboxes/${id}/api` }));
    expect((await admin(fake, 'DELETE', `/__admin/sandboxes/${id}`)).status).toBe(204);
    const gone = await admin(fake, 'GET', `/sandboxes/${id}/api/projects`);
    expect(gone.status).toBe(404);
    expect(gone.body.Message).toContain(id);
    expect((await admin(fake, 'DELETE', `/__admin/sandboxes/${id}`)).status).toBe(404);
    expect((await fake.get('/api/projects', { 'X-Et-Sandbox': 'no-such-sandbox' })).status).toBe(404);
    expect((await admin(fake, 'GET', '/sandboxes/%E0%A4%A/api/projects')).status).toBe(404);
  });

  it('drops a sandbox left idle for longer than sandboxIdleMs', async () => {
    const fake = await makeTestFake({ sandboxIdleMs: 400 });
    const idle = await newSandbox(fake);
    const busy = await newSandbox(fake);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 120));
      expect((await inSandbox(fake, busy, 'GET', '/api/projects')).status).toBe(200);
    }
    expect((await admin(fake, 'GET', `/sandboxes/${idle}/api/projects`)).status).toBe(404);
    expect((await admin(fake, 'GET', '/__admin/sandboxes')).body.Items.map((s: { Id: string }) => s.Id)).toEqual([busy]);
  });

  it('serves sandboxes under the base path too', async () => {
    const fake = await makeTestFake({ basePath: '/EnterpriseTester' });
    const made = await admin(fake, 'POST', '/EnterpriseTester/__admin/sandboxes');
    expect(made.body.ApiUrl).toBe(`http://localhost/EnterpriseTester/sandboxes/${made.body.Id}/api`);
    const res = await fake.app.request(`${made.body.ApiUrl}/scriptpackage/${REPORTS_PKG}`, { headers: { Authorization: ADMIN_AUTH } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { Self: string }).Self).toBe(`${made.body.ApiUrl}/scriptpackage/${REPORTS_PKG}`);
  });

  it('lets only the Administrator use the admin API', async () => {
    const fake = await makeTestFake();
    expect((await admin(fake, 'POST', '/__admin/sandboxes', undefined, null)).status).toBe(401);
    const user = await fake.post('/api/users', { UserName: 'tess', FirstName: 'Tess', LastName: 'Ter', Email: 'tess@example.com', Password: 'Pw-12345' });
    expect([200, 201]).toContain(user.status);
    const tess = `Basic ${Buffer.from('tess:Pw-12345').toString('base64')}`;
    const refused = await admin(fake, 'POST', '/__admin/reset', undefined, tess);
    expect(refused.status).toBe(403);
    expect(refused.body.Message).toContain('Administration');
    // Without authentication everyone acts as the Administrator.
    const open = await makeTestFake({ auth: false });
    expect((await admin(open, 'GET', '/__admin/sandboxes', undefined, null)).status).toBe(200);
  });

  it('starts over completely on reset, including what behaviours seed per store', async () => {
    const fake = await makeTestFake();
    const id = await newSandbox(fake);
    const links = `/api/agilerun/814a6948-bb12-4ff0-b306-d6dab1ccfd46/step/4db2d2a8-ff4e-4cf3-bc1a-8ef476f72772`;
    const seeded = (await inSandbox(fake, id, 'GET', `${links}/incidents`)).body.Items;
    expect(seeded).toHaveLength(1);
    expect((await inSandbox(fake, id, 'DELETE', `${links}/incident/${seeded[0].IncidentId}`)).status).toBe(200);
    expect((await inSandbox(fake, id, 'GET', `${links}/incidents`)).body.Items).toEqual([]);
    await admin(fake, 'POST', `/sandboxes/${id}/__admin/reset`);
    expect((await inSandbox(fake, id, 'GET', `${links}/incidents`)).body.Items).toEqual(seeded);
  });
});
