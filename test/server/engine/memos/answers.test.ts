// Kept GET answers (src/server/engine/memos/answers.ts): a repeated read skips the engine's work, and is never
// what a changed store, other credentials, another sandbox or another host would be answered.
import { describe, expect, it } from 'vitest';
import type { EtCall } from '../../../../src/server/engine/call.ts';
import { makeTestFake, MOBILE_WALLET, ONLINE_BANKING, REPORTS_PKG } from '../../../helpers/test-fake.ts';
import { basic, makeUser, send } from '../../../helpers/security-fake.ts';
import type { TestFake } from '../../../helpers/fake.ts';

/** Counts the calls that reach the engine's hooks, i.e. the ones not answered from the memo. */
function countComputed(fake: TestFake, pure = true): { count: number } {
  const seen = { count: 0 };
  const hook = (call: EtCall) => {
    if (call.c.req.method === 'GET') seen.count++;
  };
  fake.engine.beforeHandle.push(pure ? fake.engine.pure(hook) : hook);
  return seen;
}

describe('kept GET answers', () => {
  it('keeps the answer to a URL asked a second time, and answers it from then on without computing it, byte for byte', async () => {
    const fake = await makeTestFake();
    const computed = countComputed(fake);
    const first = await fake.get(`/api/scriptpackage/${REPORTS_PKG}`);
    for (let i = 0; i < 3; i++) {
      const again = await fake.get(`/api/scriptpackage/${REPORTS_PKG}`);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    }
    expect(computed.count).toBe(2);
    for (let i = 0; i < 4; i++) await fake.get('/api/scriptpackages?$top=2');
    expect(computed.count).toBe(4);
  });

  it('answers what the store holds now after any write, to the item and to the lists it is in', async () => {
    const fake = await makeTestFake();
    const before = await fake.get(`/api/scriptpackage/${REPORTS_PKG}`);
    const page = await fake.get(`/api/scriptpackages?tql=${encodeURIComponent("Name = 'Renamed'")}`);
    expect(page.body.Total).toBe(0);
    expect((await fake.put(`/api/scriptpackage/${REPORTS_PKG}`, { Name: 'Renamed' })).status).toBe(200);
    const after = await fake.get(`/api/scriptpackage/${REPORTS_PKG}`);
    expect(before.body.Name).not.toBe('Renamed');
    expect(after.body.Name).toBe('Renamed');
    expect((await fake.get(`/api/scriptpackages?tql=${encodeURIComponent("Name = 'Renamed'")}`)).body.Total).toBe(1);
    // A write elsewhere in the store (another entity) counts too: lists may show derived values.
    const created = await fake.post('/api/scriptpackages', { Name: 'Child', ProjectId: ONLINE_BANKING, ParentId: REPORTS_PKG });
    expect(created.status).toBe(201);
    const withChild = await fake.get(`/api/scriptpackage/${REPORTS_PKG}?$expand=Children`);
    expect(withChild.body.Children.map((c: { Id: string }) => c.Id)).toContain(created.body.Id);
    fake.reset();
    expect((await fake.get(`/api/scriptpackage/${REPORTS_PKG}`)).body.Name).toBe(before.body.Name);
  });

  it('never hands one caller the answer another got: other credentials are another key', async () => {
    const fake = await makeTestFake();
    const viewer = await makeUser(fake, 'memo-viewer', { projects: { [MOBILE_WALLET]: ['TestManagement/View'] } });
    const admin = await send(fake, 'GET', `/api/scriptpackage/${REPORTS_PKG}`);
    expect(admin.status).toBe(200);
    const refused = await send(fake, 'GET', `/api/scriptpackage/${REPORTS_PKG}`, { auth: viewer.auth });
    expect(refused.status).toBe(403);
    const wrongPassword = await send(fake, 'GET', `/api/scriptpackage/${REPORTS_PKG}`, { auth: basic('Administrator', 'nope') });
    expect(wrongPassword.status).toBe(401);
    expect((await send(fake, 'GET', `/api/scriptpackage/${REPORTS_PKG}`)).status).toBe(200);
    // A changed password is a write: the old header stops working at once, kept answer or not.
    // The same list, other callers: each sees what it may see.
    const all = await send(fake, 'GET', '/api/scriptpackages?$top=100');
    const list = await send(fake, 'GET', '/api/scriptpackages?$top=100', { auth: viewer.auth });
    expect(list.status).toBe(200);
    expect(list.body.Total).toBeLessThan(all.body.Total);
    expect(list.body.Items.every((p: { ProjectId: string }) => p.ProjectId === MOBILE_WALLET)).toBe(true);
    expect((await send(fake, 'PUT', `/api/user/${viewer.id}/password`, { body: { Password: 'Changed-Kettle-43' } })).status).toBe(200);
    expect((await send(fake, 'GET', '/api/scriptpackages?$top=100', { auth: viewer.auth })).status).toBe(401);
  });

  it('keeps each sandbox apart, and links follow the host the request named', async () => {
    const fake = await makeTestFake();
    const sandbox = await fake.sandbox();
    const inSandbox = { 'X-Et-Sandbox': sandbox.id };
    const own = await fake.get(`/api/scriptpackage/${REPORTS_PKG}`);
    expect((await fake.get(`/api/scriptpackage/${REPORTS_PKG}`, inSandbox)).body).toEqual(own.body);
    const renamed = await fake.request('PUT', `/api/scriptpackage/${REPORTS_PKG}`, { body: { Name: 'Sandbox only' }, headers: inSandbox });
    expect(renamed.status).toBe(200);
    expect((await fake.get(`/api/scriptpackage/${REPORTS_PKG}`, inSandbox)).body.Name).toBe('Sandbox only');
    expect((await fake.get(`/api/scriptpackage/${REPORTS_PKG}`)).body.Name).toBe(own.body.Name);
    const elsewhere = await fake.request('GET', `http://et.example:8080/api/scriptpackage/${REPORTS_PKG}`);
    expect(elsewhere.body.Self).toBe(`http://et.example:8080/api/scriptpackage/${REPORTS_PKG}`);
    expect((await fake.get(`/api/scriptpackage/${REPORTS_PKG}`)).body.Self).toBe(`http://localhost/api/scriptpackage/${REPORTS_PKG}`);
  });

  it('keeps nothing while a plug-in hook is not declared pure: such a hook runs on every call', async () => {
    const fake = await makeTestFake();
    const computed = countComputed(fake, false);
    for (let i = 0; i < 3; i++) expect((await fake.get(`/api/scriptpackage/${REPORTS_PKG}`)).status).toBe(200);
    expect(computed.count).toBe(3);
  });

  it('computes ET-specific reads every time (they may read the clock) and keeps no refusal', async () => {
    const fake = await makeTestFake();
    const computed = countComputed(fake);
    await fake.get('/api/systeminfo');
    await fake.get('/api/systeminfo');
    expect(computed.count).toBe(2);
    const missing = '/api/scriptpackage/00000000-0000-0000-0000-000000000001';
    expect((await fake.get(missing)).status).toBe(404);
    expect((await fake.get(missing)).status).toBe(404);
    expect(computed.count).toBe(4);
  });
});
