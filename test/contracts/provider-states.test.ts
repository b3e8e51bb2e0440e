// POST /__admin/provider-states: each set-up starts a fresh sandbox that later calls run against, so an
// interaction sees its own state whatever ran before it; a teardown goes back to the fake's own data.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/index.ts';

const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;
const RUNS = '/api/scriptassignment/2264a622-2869-4ef8-8183-a0040106ca9d/runs';

async function fake() {
  const f = await createApp({ auth: true });
  const call = (method: string, path: string, body?: unknown) =>
    Promise.resolve(f.app.request(path, { method, headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }));
  const state = (state: string, action = 'setup', params?: unknown) => call('POST', '/__admin/provider-states', { state, action, params });
  return { f, call, state };
}

describe('provider states', () => {
  it('sets a state up in a fresh sandbox, each interaction on its own', async () => {
    const { f, call, state } = await fake();
    expect((await state('script assignment 2264a622-2869-4ef8-8183-a0040106ca9d exists with a completed run')).status).toBe(200);
    expect((await call('POST', RUNS)).status).toBe(201); // a new run: the current one was complete
    expect((await call('POST', RUNS)).status).toBe(200); // and now that new run is the open one
    await state('x', 'teardown');
    // The next interaction's sandbox is fresh: the run started above is not in it.
    expect((await state('script assignment 2264a622-2869-4ef8-8183-a0040106ca9d exists with a completed run')).status).toBe(200);
    expect((await call('POST', RUNS)).status).toBe(201);
    await state('x', 'teardown');
    // The fake's own data never changed: its current run is still in progress.
    expect((await call('POST', RUNS)).status).toBe(200);
    await f.close();
  });

  it('removes what a create needs absent, and applies the records a state carries', async () => {
    const { f, call, state } = await fake();
    const body = { UserName: 'sams', Email: 'sam.smith@catchdemo.example', FirstName: 'Sam', LastName: 'Smith', Password: 'Welcome-2026!', Enabled: true, IsExternal: false };
    expect((await call('POST', '/api/users', body)).status).toBe(403); // sams exists in the start data
    await state("no user named 'sams'");
    expect((await call('POST', '/api/users', body)).status).toBe(200);
    await state('x', 'teardown');
    const pkg = { Id: '0b4f1a52-8c57-4a61-9b6e-2f0d9a7c1e33', Name: 'Recorded', ParentId: null, OrderNumber: 99 };
    await state('the data as the recorded session left it', 'setup', { upsert: { ScriptPackage: [pkg] } });
    expect((await call('GET', `/api/scriptpackage/${pkg.Id}`)).status).toBe(200);
    await f.close();
  });

  it('shows the records a read shows, as it shows them, and no others of a whole list', async () => {
    const { f, call, state } = await fake();
    const all = (await (await call('GET', '/api/projects')).json()) as { Items: { Id: string; Name: string }[] };
    expect(all.Items.length).toBeGreaterThan(2);
    const [keep, other, ...rest] = all.Items;
    await state('ET holds the records this example shows', 'setup', {
      merge: { Project: [{ Id: other!.Id, Name: 'Renamed in the example' }, { Id: keep!.Id }] },
      remove: { Project: rest.map((p) => p.Id) },
      first: { Project: [other!.Id, keep!.Id] },
    });
    const shown = (await (await call('GET', '/api/projects')).json()) as { Items: { Id: string; Name: string }[] };
    expect(shown.Items.map((p) => [p.Id, p.Name])).toEqual([
      [other!.Id, 'Renamed in the example'],
      [keep!.Id, keep!.Name],
    ]);
    await state('x', 'teardown');
    expect(((await (await call('GET', '/api/projects')).json()) as { Items: unknown[] }).Items.length).toBe(all.Items.length);
    await f.close();
  });

  it('holds nothing at a documented resource, and lets a user make a call the answer says they made', async () => {
    const { f, call, state } = await fake();
    const LATEST = '/api/diagnostics/performancemeasurement/latest';
    expect((await call('GET', LATEST)).status).toBe(200);
    await state(`nothing is held at ${LATEST}`);
    const none = await call('GET', LATEST);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { Message: string }).Message).toBe('The performance test has not been run since the server started.');
    await state('x', 'teardown');
    const janed = `Basic ${Buffer.from('janed:password').toString('base64')}`;
    const edit = () => f.app.request('/api/requirement/7cfe8f88-9b19-412f-b42e-49b17bfe4ac6', { method: 'PUT', headers: { Authorization: janed, 'Content-Type': 'application/json' }, body: '{"Status": "Accepted"}' });
    expect((await edit()).status).toBe(403);
    await state('user janed holds the permission TestManagement/ManageRequirements/Edit');
    expect((await edit()).status).toBe(200);
    expect((await state('user nobody holds the permission TestManagement')).status).toBe(400);
    await f.close();
  });

  it('says what is wrong with a state it cannot set up', async () => {
    const { f, state, call } = await fake();
    const unknown = await state('the moon is full');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { Message: string }).Message).toMatch(/^Unknown provider state 'the moon is full'\. The fake knows: /);
    const missing = await state('script package 00000000-0000-0000-0000-000000000000 exists');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { Message: string }).Message).toBe("The fake's data has no script package with the Id '00000000-0000-0000-0000-000000000000'.");
    expect((await call('POST', '/__admin/provider-states', undefined)).status).toBe(400);
    const list = (await (await call('GET', '/__admin/provider-states')).json()) as { States: string[] };
    expect(list.States).toContain('no {kind} named \'{name}\'');
    await f.close();
  });

  it('is the admin API: Administrator only', async () => {
    const f = await createApp({ auth: true });
    const res = await f.app.request('/__admin/provider-states', { method: 'POST', body: '{"state":"ET holds its documented example data"}' });
    expect(res.status).toBe(401);
    await f.close();
  });
});
