// What the sandbox explorer reads from the admin API: the entity types of a scope with their counts, and the
// journal as a live stream of server-sent events (the calls kept so far, then each new one).
import { describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from '../../../helpers/fake.ts';
import { makeTestFake, ONLINE_BANKING } from '../../../helpers/test-fake.ts';
import { admin, inSandbox, newSandbox } from './admin-helpers.ts';

/** Reads server-sent events from a streaming response until `count` data events have arrived. */
async function readEvents(res: Response, count: number): Promise<{ id: string; data: any }[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { id: string; data: any }[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
      const data = field('data');
      if (data !== undefined) events.push({ id: field('id')!, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

const streamHeaders = { Authorization: ADMIN_AUTH, Accept: 'text/event-stream' };

describe('admin API for the explorer', () => {
  it('counts the records of every entity type, per scope', async () => {
    const fake = await makeTestFake();
    const before = (await admin(fake, 'GET', '/__admin/entities')).body.Items as { Name: string; Count: number }[];
    const packages = before.find((e) => e.Name === 'ScriptPackage')!;
    expect(packages.Count).toBe(fake.store.collection('ScriptPackage').size);
    expect(packages.Count).toBeGreaterThan(0);
    expect(before.map((e) => e.Name)).toEqual([...before.map((e) => e.Name)].sort());
    const id = await newSandbox(fake);
    expect((await inSandbox(fake, id, 'POST', '/api/scriptpackages', { Name: 'Counted', ProjectId: ONLINE_BANKING })).status).toBe(201);
    const inside = (await admin(fake, 'GET', `/sandboxes/${id}/__admin/entities`)).body.Items as { Name: string; Count: number }[];
    expect(inside.find((e) => e.Name === 'ScriptPackage')!.Count).toBe(packages.Count + 1);
    const own = (await admin(fake, 'GET', '/__admin/entities')).body.Items as { Name: string; Count: number }[];
    expect(own.find((e) => e.Name === 'ScriptPackage')!.Count).toBe(packages.Count);
  });

  it('streams the journal: the calls kept so far, then new ones as they finish, filtered', async () => {
    const fake = await makeTestFake();
    await fake.get('/api/projects');
    const res = await fake.app.request('http://localhost/__admin/requests?path=/api/project**', { headers: streamHeaders });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = readEvents(res, 2);
    await fake.get('/api/users'); // filtered out
    await fake.get(`/api/project/${ONLINE_BANKING}`);
    const [first, second] = await events;
    expect(first!.data).toMatchObject({ Method: 'GET', Path: '/api/projects', Status: 200 });
    expect(second!.data).toMatchObject({ Method: 'GET', Path: `/api/project/${ONLINE_BANKING}`, Status: 200 });
    expect(Number(second!.id)).toBe(second!.data.Id);
    expect(Number(second!.id)).toBeGreaterThan(Number(first!.id));
  });

  it('resumes after Last-Event-ID, and streams one sandbox\'s calls only', async () => {
    const fake = await makeTestFake();
    await fake.get('/api/projects');
    await fake.get('/api/users');
    const kept = (await admin(fake, 'GET', '/__admin/requests')).body.Items as { Id: number }[];
    const resumed = await fake.app.request('http://localhost/__admin/requests', { headers: { ...streamHeaders, 'Last-Event-ID': String(kept[0]!.Id) } });
    const [next] = await readEvents(resumed, 1);
    expect(next!.data.Path).toBe('/api/users');
    const id = await newSandbox(fake);
    const res = await fake.app.request(`http://localhost/sandboxes/${id}/__admin/requests`, { headers: streamHeaders });
    const events = readEvents(res, 1);
    await fake.get('/api/projects'); // the fake's own state: not this sandbox's
    await inSandbox(fake, id, 'GET', '/api/users');
    const [only] = await events;
    expect(only!.data).toMatchObject({ Path: '/api/users', Sandbox: id });
  });

  it('refuses a bad path pattern before streaming, and a caller without credentials', async () => {
    const fake = await makeTestFake();
    const bad = await fake.app.request('http://localhost/__admin/requests?path=^(', { headers: streamHeaders });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { Message: string }).Message).toMatch(/not a valid regular expression/);
    const anonymous = await fake.app.request('http://localhost/__admin/requests', { headers: { Accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
  });
});
