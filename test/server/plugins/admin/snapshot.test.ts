// Reset and snapshots of the fake's own state: export, load, round trips byte for byte, and a bad snapshot
// refused with the state kept.
import { describe, expect, it } from 'vitest';
import { makeTestFake, ONLINE_BANKING, REPORTS_PKG } from '../../../helpers/test-fake.ts';
import { admin } from './admin-helpers.ts';

const snapshotText = async (fake: Awaited<ReturnType<typeof makeTestFake>>) => {
  const res = await fake.app.request('http://localhost/__admin/snapshot', { headers: { Authorization: `Basic ${Buffer.from('Administrator:password').toString('base64')}` } });
  expect(res.status).toBe(200);
  return res.text();
};

describe('reset and snapshot', () => {
  it('resets to the start data byte for byte', async () => {
    const fake = await makeTestFake();
    const start = await snapshotText(fake);
    await fake.post('/api/scriptpackages', { Name: 'Temporary', ProjectId: ONLINE_BANKING });
    await fake.put(`/api/scriptpackage/${REPORTS_PKG}`, { Name: 'Renamed' });
    expect(await snapshotText(fake)).not.toBe(start);
    expect((await admin(fake, 'POST', '/__admin/reset')).status).toBe(204);
    expect(await snapshotText(fake)).toBe(start);
  });

  it('refuses data that would lock the caller out, keeping the state, unless authentication is off', async () => {
    const fake = await makeTestFake();
    const before = await snapshotText(fake);
    const projectsOnly = { Project: [{ Id: ONLINE_BANKING, Name: 'Online Banking' }] };
    const own = await admin(fake, 'PUT', '/__admin/snapshot', projectsOnly);
    expect(own.status).toBe(400);
    expect(own.body.Message).toMatch(/^The snapshot is refused and the state kept: it has no enabled user with the credentials of this call/);
    expect(await snapshotText(fake)).toBe(before);
    // The Administrator without the Administration grant could no longer open the admin API either.
    const data = JSON.parse(before);
    const grantsLeft = { ...data, PermissionGrant: [] };
    const noAdmin = await admin(fake, 'PUT', '/__admin/snapshot', grantsLeft);
    expect(noAdmin.status).toBe(400);
    expect(noAdmin.body.Message).toContain('would not hold the global Administration permission');
    expect(await snapshotText(fake)).toBe(before);
    // A sandbox from such data is not made (calls into it would all be 401).
    const count = (await admin(fake, 'GET', '/__admin/sandboxes')).body.Items.length;
    const sandbox = await admin(fake, 'POST', '/__admin/sandboxes', { Snapshot: projectsOnly });
    expect(sandbox.status).toBe(400);
    expect(sandbox.body.Message).toMatch(/^No sandbox was made from this data/);
    expect((await admin(fake, 'GET', '/__admin/sandboxes')).body.Items).toHaveLength(count);
    // Without authentication nobody can be locked out: the same data loads.
    const open = await makeTestFake({ auth: false });
    expect((await admin(open, 'PUT', '/__admin/snapshot', projectsOnly, null)).status).toBe(204);
  });

  it('loads an exported snapshot back, byte for byte', async () => {
    const fake = await makeTestFake();
    await fake.post('/api/scriptpackages', { Name: 'Kept in the snapshot', ProjectId: ONLINE_BANKING });
    const saved = await snapshotText(fake);
    await admin(fake, 'POST', '/__admin/reset');
    expect(await snapshotText(fake)).not.toBe(saved);
    expect((await admin(fake, 'PUT', '/__admin/snapshot', saved)).status).toBe(204);
    expect(await snapshotText(fake)).toBe(saved);
    const found = await fake.get(`/api/scriptpackages?tql=${encodeURIComponent("Name = 'Kept in the snapshot'")}`);
    expect(found.body.Total).toBe(1);
  });

  it.each([
    ['not JSON', '{"ScriptPackage": ['],
    ['not an object', '[1, 2]'],
    ['a record without an Id', JSON.stringify({ ScriptPackage: [{ Name: 'no id' }] })],
    ['records that are not objects', JSON.stringify({ ScriptPackage: ['x'] })],
    ['an entity that is not a list', JSON.stringify({ ScriptPackage: { Id: 'x' } })],
    ['an empty body', ''],
  ])('refuses a snapshot that is %s and keeps the state', async (_what, body) => {
    const fake = await makeTestFake();
    await fake.post('/api/scriptpackages', { Name: 'Before the bad load', ProjectId: ONLINE_BANKING });
    const before = await snapshotText(fake);
    const res = await admin(fake, 'PUT', '/__admin/snapshot', body);
    expect(res.status).toBe(400);
    expect(res.body.Message).toBeTruthy();
    expect(await snapshotText(fake)).toBe(before);
  });
});
