import { beforeAll, describe, expect, it } from 'vitest';
import type { TestFake } from '../../../helpers/fake.ts';
import { makeTestFake, ONLINE_BANKING, REGRESSION_PKG } from '../../../helpers/test-fake.ts';
import { ADMIN, basic, makeUser, send } from '../../../helpers/security-fake.ts';

describe('HTTP Basic authentication', () => {
  let fake: TestFake;
  beforeAll(async () => {
    fake = await makeTestFake();
  });

  it('answers 401 with a Basic challenge and a Message when no credentials are sent', async () => {
    const r = await send(fake, 'GET', '/api/projects', { auth: null });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Basic realm="Enterprise Tester"');
    expect(r.body.Message).toMatch(/credentials/);
  });

  it.each([
    ['a wrong password', basic('Administrator', 'wrong')],
    ['an unknown user', basic('nobody', 'password')],
    ['a header that is not Basic', 'Bearer abc.def'],
    ['base64 without a colon', `Basic ${Buffer.from('Administrator').toString('base64')}`],
    ['garbage after Basic', 'Basic !!!'],
  ])('answers 401 for %s', async (_label, auth) => {
    const r = await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Basic realm="Enterprise Tester"');
    expect(r.body.Message).toMatch(/denied/);
  });

  it('lets the Administrator in, with the user name in any case', async () => {
    expect((await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth: ADMIN })).status).toBe(200);
    expect((await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth: basic('administrator', 'password') })).status).toBe(200);
  });

  it('accepts a password with a colon in it, and refuses a disabled user', async () => {
    const created = await send(fake, 'POST', '/api/users', { body: { UserName: 'colon', Password: 'a:b:c' } });
    expect(created.status).toBeLessThan(300);
    await send(fake, 'PUT', `/api/user/${created.body.Id}/permissions/global`, { body: [{ Key: '/TestManagement/View' }] });
    expect((await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth: basic('colon', 'a:b:c') })).status).toBe(200);
    await send(fake, 'PUT', `/api/user/${created.body.Id}`, { body: { UserName: 'colon', Enabled: false } });
    expect((await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth: basic('colon', 'a:b:c') })).status).toBe(401);
  });

  it('stamps the caller as CreatedBy on what it creates', async () => {
    const writer = await makeUser(fake, 'writer', { global: ['/TestManagement'] });
    const r = await send(fake, 'POST', '/api/scripts', { auth: writer.auth, body: { Name: 'By writer', PackageId: REGRESSION_PKG } });
    expect(r.status).toBe(201);
    const stored = fake.engine.store.collection('Script').get(r.body.Id)!;
    expect(stored.CreatedBy).toBe('writer');
    expect(stored.CreatedById).toBe(writer.id);
  });

  it('does not ask for credentials on a CORS pre-flight', async () => {
    const res = await fake.app.request('http://localhost/api/projects', {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(204);
  });
});

describe('--no-auth', () => {
  it('serves every call as the Administrator without credentials', async () => {
    const fake = await makeTestFake({ auth: false });
    const r = await send(fake, 'POST', '/api/scripts', { auth: null, body: { Name: 'Anonymous', PackageId: REGRESSION_PKG } });
    expect(r.status).toBe(201);
    expect(fake.engine.store.collection('Script').get(r.body.Id)!.CreatedBy).toBe('Administrator');
    expect((await send(fake, 'GET', '/api/projects', { auth: basic('nobody', 'x') })).status).toBe(200);
  });
});

describe('credentials follow the data the request works on', () => {
  it('forgets users created through the API when the fake is reset', async () => {
    const fake = await makeTestFake();
    const temp = await makeUser(fake, 'temporary', { global: ['/TestManagement/View'] });
    expect((await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth: temp.auth })).status).toBe(200);
    fake.reset();
    expect((await send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth: temp.auth })).status).toBe(401);
  });

  it('authenticates against a sandbox store inside engine.withStore', async () => {
    const fake = await makeTestFake();
    const sandbox = fake.store.fork();
    const inSandbox = await fake.engine.withStore(sandbox, () => makeUser(fake, 'sandboxed', { global: ['/TestManagement/View'] }));
    const read = () => send(fake, 'GET', `/api/project/${ONLINE_BANKING}`, { auth: inSandbox.auth });
    expect((await fake.engine.withStore(sandbox, read)).status).toBe(200);
    expect((await read()).status).toBe(401);
  });
});
