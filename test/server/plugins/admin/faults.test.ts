// Fault rules: latency, an ET-shaped error status, a dropped connection; always, with a probability or for the
// next N calls; per method and path; per sandbox; and gone when removed.
import { afterEach, describe, expect, it } from 'vitest';
import { startFake, type RunningFake } from '../../../../src/index.ts';
import { ADMIN_AUTH } from '../../../helpers/fake.ts';
import { makeTestFake, ONLINE_BANKING } from '../../../helpers/test-fake.ts';
import { admin, inSandbox, newSandbox } from './admin-helpers.ts';

const statusOf = async (fake: Awaited<ReturnType<typeof makeTestFake>>, path: string, method = 'GET', headers: Record<string, string> = {}) =>
  (await fake.app.request(`http://localhost${path}`, { method, headers: { Authorization: ADMIN_AUTH, ...headers } })).status;

let running: RunningFake | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('fault rules', () => {
  it('answers a status with ET\'s error body, or the body given, until the rule is removed', async () => {
    const fake = await makeTestFake();
    const rule = await admin(fake, 'POST', '/__admin/faults', { Method: 'GET', Path: '/api/projects', Status: 503 });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ Method: 'GET', Path: '/api/projects', Status: 503, Fired: 0 });
    const failed = await fake.app.request('http://localhost/api/projects', { headers: { Authorization: ADMIN_AUTH } });
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { Message: string }).Message).toMatch(/503/);
    // Other methods and paths are not touched.
    expect(await statusOf(fake, `/api/project/${ONLINE_BANKING}`)).toBe(200);
    const custom = await admin(fake, 'POST', '/__admin/faults', { Path: '/api/users', Status: 500, Body: { Message: 'Database timeout' } });
    const users = await fake.app.request('http://localhost/api/users', { headers: { Authorization: ADMIN_AUTH } });
    expect(users.status).toBe(500);
    expect(await users.json()).toEqual({ Message: 'Database timeout' });
    expect((await admin(fake, 'GET', '/__admin/faults')).body.Items.map((r: { Fired: number }) => r.Fired)).toEqual([1, 1]);
    expect((await admin(fake, 'DELETE', `/__admin/faults/${rule.body.Id}`)).status).toBe(204);
    expect(await statusOf(fake, '/api/projects')).toBe(200);
    expect(await statusOf(fake, '/api/users')).toBe(500);
    expect((await admin(fake, 'DELETE', '/__admin/faults')).status).toBe(204);
    expect(await statusOf(fake, '/api/users')).toBe(200);
    expect((await admin(fake, 'DELETE', `/__admin/faults/${custom.body.Id}`)).status).toBe(404);
  });

  it('fires for the next Count calls only', async () => {
    const fake = await makeTestFake();
    await admin(fake, 'POST', '/__admin/faults', { Path: '/api/scriptpackages', Method: 'POST', Status: 500, Count: 2 });
    const post = () => fake.app.request('http://localhost/api/scriptpackages', {
      method: 'POST',
      headers: { Authorization: ADMIN_AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Name: 'Retried', ProjectId: ONLINE_BANKING }),
    });
    expect([(await post()).status, (await post()).status, (await post()).status]).toEqual([500, 500, 201]);
    // A faulted call never reaches the engine: one package was made.
    expect((await fake.get(`/api/scriptpackages?tql=${encodeURIComponent("Name = 'Retried'")}`)).body.Total).toBe(1);
  });

  it('fires with the given probability', async () => {
    const fake = await makeTestFake();
    await admin(fake, 'POST', '/__admin/faults', { Path: '/api/projects', Status: 502, Probability: 0.5 });
    let failed = 0;
    for (let i = 0; i < 400; i++) if ((await statusOf(fake, '/api/projects')) === 502) failed++;
    // Binomial(400, 0.5): 200 ± 10; outside 120..280 is 8 standard deviations away.
    expect(failed).toBeGreaterThan(120);
    expect(failed).toBeLessThan(280);
    await admin(fake, 'DELETE', '/__admin/faults');
    await admin(fake, 'POST', '/__admin/faults', { Path: '/api/projects', Status: 502, Probability: 0 });
    for (let i = 0; i < 50; i++) expect(await statusOf(fake, '/api/projects')).toBe(200);
  });

  it('delays calls by a fixed or a random latency, then answers normally', async () => {
    const fake = await makeTestFake();
    await statusOf(fake, '/api/projects'); // warm
    await admin(fake, 'POST', '/__admin/faults', { Path: '/api/projects', Latency: { FixedMs: 150 } });
    let t = performance.now();
    expect(await statusOf(fake, '/api/projects')).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(145);
    await admin(fake, 'DELETE', '/__admin/faults');
    await admin(fake, 'POST', '/__admin/faults', { Path: '/api/**', Latency: { MinMs: 60, MaxMs: 90 } });
    t = performance.now();
    expect(await statusOf(fake, `/api/project/${ONLINE_BANKING}`)).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(55);
    const journal = (await admin(fake, 'GET', '/__admin/requests?path=/api/project/*')).body.Items;
    expect(journal.at(-1).DurationMs).toBeGreaterThanOrEqual(55);
  });

  it('drops the connection of a real server (and answers 599 in-process)', async () => {
    running = await startFake();
    const et = await running.sandbox();
    const { remove } = await et.fault({ Path: '/api/projects', Drop: true });
    await expect(fetch(`${et.url}/api/projects`, { headers: { Authorization: ADMIN_AUTH } })).rejects.toThrow();
    // The fake keeps serving other calls, and the rule stops when removed.
    expect((await fetch(`${running.url}/api/projects`, { headers: { Authorization: ADMIN_AUTH } })).status).toBe(200);
    await remove();
    expect((await fetch(`${et.url}/api/projects`, { headers: { Authorization: ADMIN_AUTH } })).status).toBe(200);
    expect((await et.journal({ path: '/api/projects' })).map((e) => e.Status)).toEqual([0, 200]);
    const fake = await makeTestFake();
    await admin(fake, 'POST', '/__admin/faults', { Path: '/api/projects', Drop: true });
    const res = await fake.app.request('http://localhost/api/projects', { headers: { Authorization: ADMIN_AUTH } });
    expect(res.status).toBe(599);
    expect(res.headers.get('x-et-fault')).toBe('drop');
  });

  it('keeps a sandbox\'s rules to that sandbox', async () => {
    const fake = await makeTestFake();
    const id = await newSandbox(fake);
    await admin(fake, 'POST', `/sandboxes/${id}/__admin/faults`, { Path: '/api/projects', Status: 503 });
    expect(await statusOf(fake, `/sandboxes/${id}/api/projects`)).toBe(503);
    expect(await statusOf(fake, '/api/projects', 'GET', { 'X-Et-Sandbox': id })).toBe(503);
    expect(await statusOf(fake, '/api/projects')).toBe(200);
    expect((await inSandbox(fake, await newSandbox(fake), 'GET', '/api/projects')).status).toBe(200);
  });

  it.each([
    [{ Status: 503 }, 'Path'],
    [{ Path: '/api/projects' }, 'Latency, Status or Drop'],
    [{ Path: '/api/projects', Status: 42 }, 'Status'],
    [{ Path: '/api/projects', Status: 503, Probability: 2 }, 'Probability'],
    [{ Path: '/api/projects', Status: 503, Count: 0 }, 'Count'],
    [{ Path: '/api/projects', Latency: { MinMs: 9, MaxMs: 1 } }, 'Latency'],
    [{ Path: '/api/projects', Drop: true, Status: 500 }, 'not both'],
    [{ Path: '^(', Status: 500 }, 'regular expression'],
    ['"not a rule"', 'JSON object'],
    ['{"Path": ', 'not valid JSON'],
  ])('refuses the rule %j naming %s', async (rule, named) => {
    const fake = await makeTestFake();
    const res = await admin(fake, 'POST', '/__admin/faults', rule);
    expect(res.status).toBe(400);
    expect(res.body.Message).toContain(named);
    expect((await admin(fake, 'GET', '/__admin/faults')).body.Items).toEqual([]);
  });
});
