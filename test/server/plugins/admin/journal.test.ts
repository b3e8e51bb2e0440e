// The request journal: what each call sent (credentials left out) and how it was answered, per sandbox,
// filtered by method and path, bounded however many calls arrive.
import { describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from '../../../helpers/fake.ts';
import { makeTestFake, ONLINE_BANKING } from '../../../helpers/test-fake.ts';
import { admin, inSandbox, newSandbox } from './admin-helpers.ts';

describe('request journal', () => {
  it('records method, path, query, headers without credentials, body, status and duration', async () => {
    const fake = await makeTestFake();
    await fake.post('/api/scriptpackages', { Name: 'Journalled', ProjectId: ONLINE_BANKING });
    await fake.get('/api/scriptpackages?$top=2&tql=Name%20~%20Journalled', { 'X-Client': 'suite' });
    await fake.post('/api/scriptpackages', { Name: 'Journalled', ProjectId: 'not-a-guid' });
    const { body } = await admin(fake, 'GET', '/__admin/requests');
    expect(body.Items).toHaveLength(3);
    const [post, get, refused] = body.Items;
    expect(post).toMatchObject({ Method: 'POST', Path: '/api/scriptpackages', Status: 201, Body: { Name: 'Journalled', ProjectId: ONLINE_BANKING }, Sandbox: null });
    expect(post.Headers['content-type']).toBe('application/json');
    expect(get).toMatchObject({ Method: 'GET', Query: { $top: '2', tql: 'Name ~ Journalled' }, Status: 200, Body: null });
    expect(get.Headers['x-client']).toBe('suite');
    expect(refused.Status).toBeGreaterThanOrEqual(400);
    for (const e of body.Items) {
      expect(typeof e.DurationMs).toBe('number');
      expect(Date.parse(e.At)).not.toBeNaN();
      expect(e.Headers).not.toHaveProperty('authorization');
    }
    const text = JSON.stringify(body);
    expect(text).not.toContain(ADMIN_AUTH.slice('Basic '.length));
    expect(text).not.toMatch(/authorization/i);
  });

  it('filters by method and by a path glob or regular expression, and clears', async () => {
    const fake = await makeTestFake();
    await fake.get('/api/projects');
    await fake.get(`/api/project/${ONLINE_BANKING}`);
    await fake.post('/api/scriptpackages', { Name: 'Filtered', ProjectId: ONLINE_BANKING });
    const paths = async (q: string) => (await admin(fake, 'GET', `/__admin/requests?${q}`)).body.Items.map((e: { Method: string; Path: string }) => `${e.Method} ${e.Path}`);
    expect(await paths('method=post')).toEqual(['POST /api/scriptpackages']);
    expect(await paths('path=/api/project/*')).toEqual([`GET /api/project/${ONLINE_BANKING}`]);
    expect(await paths('path=/api/**')).toHaveLength(3);
    expect(await paths(`path=${encodeURIComponent('^/api/(projects|scriptpackages)$')}`)).toEqual(['GET /api/projects', 'POST /api/scriptpackages']);
    expect((await admin(fake, 'GET', `/__admin/requests?path=${encodeURIComponent('^(')}`)).status).toBe(400);
    expect((await admin(fake, 'DELETE', '/__admin/requests')).status).toBe(204);
    expect(await paths('')).toEqual([]);
  });

  it('keeps each sandbox\'s calls in its own journal', async () => {
    const fake = await makeTestFake();
    const id = await newSandbox(fake);
    await inSandbox(fake, id, 'GET', '/api/projects');
    await fake.get('/api/users');
    const own = (await admin(fake, 'GET', '/__admin/requests')).body.Items;
    expect(own.map((e: { Path: string }) => e.Path)).toEqual(['/api/users']);
    const inside = (await admin(fake, 'GET', `/sandboxes/${id}/__admin/requests`)).body.Items;
    expect(inside).toHaveLength(1);
    expect(inside[0]).toMatchObject({ Path: '/api/projects', Sandbox: id });
    expect((await admin(fake, 'GET', `/__admin/requests?sandbox=${id}`)).body.Items).toEqual(inside);
    expect((await admin(fake, 'GET', '/__admin/requests?sandbox=*')).body.Items).toHaveLength(2);
  });

  it('stays within its bound after 10,000 calls, keeping the latest', async () => {
    const fake = await makeTestFake({ auth: false, journalLimit: 1000 });
    for (let i = 0; i < 10_000; i++) await fake.app.request(`http://localhost/api/projects?call=${i}`);
    const { body } = await admin(fake, 'GET', '/__admin/requests');
    expect(body.Items).toHaveLength(1000);
    expect(body.Items[0].Query.call).toBe('9000');
    expect(body.Items[999].Query.call).toBe('9999');
  });

  it('keeps a call repeated with the same URL and headers as an entry of its own, across the ring\'s wrap', async () => {
    const fake = await makeTestFake({ auth: false, journalLimit: 3 });
    for (let i = 0; i < 4; i++) await fake.app.request('http://localhost/api/projects', { headers: { 'X-Try': 'same' } });
    await fake.app.request('http://localhost/api/project/00000000-0000-0000-0000-000000000009', { headers: { 'X-Try': 'other' } });
    const { body } = await admin(fake, 'GET', '/__admin/requests');
    expect(body.Items.map((e: { Path: string; Status: number; Headers: Record<string, string> }) => [e.Path, e.Status, e.Headers['x-try']])).toEqual([
      ['/api/projects', 200, 'same'],
      ['/api/projects', 200, 'same'],
      ['/api/project/00000000-0000-0000-0000-000000000009', 404, 'other'],
    ]);
    const ids = body.Items.map((e: { Id: number }) => e.Id);
    expect(new Set(ids).size).toBe(3);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('records large bodies by size only', async () => {
    const fake = await makeTestFake();
    const big = { Name: 'x'.repeat(70 * 1024), ProjectId: ONLINE_BANKING };
    await fake.post('/api/scriptpackages', big);
    const [entry] = (await admin(fake, 'GET', '/__admin/requests')).body.Items;
    expect(entry.Body).toBeNull();
    expect(entry.BodySize).toBeGreaterThan(70 * 1024);
  });
});
