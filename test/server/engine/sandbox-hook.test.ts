// The hooks sandboxes use: engine.withStore runs requests against another store, and the `pathPrefix`
// variable serves the API under an extra prefix that links keep.
import { describe, expect, it } from 'vitest';
import { checkedReply } from '../../helpers/fake.ts';
import { makeTestFake, ONLINE_BANKING, REPORTS_PKG } from '../../helpers/test-fake.ts';

describe('engine.withStore', () => {
  it('runs requests against the given store, leaving the fake\'s own untouched', async () => {
    const fake = await makeTestFake({ auth: false });
    const sandbox = fake.store.fork();
    const created = await fake.engine.withStore(sandbox, () => fake.post('/api/scriptpackages', { Name: 'Only in the sandbox', ProjectId: ONLINE_BANKING }));
    expect(created.status).toBe(201);
    expect(sandbox.collection('ScriptPackage').get(created.body.Id)).toBeDefined();
    expect(fake.store.collection('ScriptPackage').get(created.body.Id)).toBeUndefined();
    expect((await fake.get(`/api/scriptpackage/${created.body.Id}`)).status).toBe(404);
    const inside = await fake.engine.withStore(sandbox, () => fake.get(`/api/scriptpackage/${created.body.Id}?$expand=Project`));
    expect(inside.status).toBe(200);
    expect(inside.body.Project.Id).toBe(ONLINE_BANKING);
  });
});

describe('pathPrefix', () => {
  it('serves the API under a prefix set by a middleware, after the base path, and keeps it in links', async () => {
    const fake = await makeTestFake({ auth: false, basePath: '/EnterpriseTester' });
    // A middleware of the kind a sandbox plug-in installs, put in front for the test.
    const { Hono } = await import('hono/tiny');
    const outer = new Hono<import('../../../src/server/engine/call.ts').ServerEnv>();
    outer.use('*', async (c, next) => {
      const m = /^(?:\/EnterpriseTester)?(\/sandboxes\/[^/]+)\//i.exec(new URL(c.req.url).pathname);
      if (m) c.set('pathPrefix', m[1]);
      await next();
    });
    outer.all('*', (c) => fake.engine.handle(c));
    const get = async (path: string) => {
      const res = await outer.request(`http://localhost${path}`);
      // The API path without the sandbox prefix is what the spec documents.
      return checkedReply(fake.validator, 'GET', path.replace('/sandboxes/abc', ''), res);
    };
    const res = await get(`/EnterpriseTester/sandboxes/abc/api/scriptpackage/${REPORTS_PKG}`);
    expect(res.status).toBe(200);
    expect(res.body.Self).toBe(`http://localhost/EnterpriseTester/sandboxes/abc/api/scriptpackage/${REPORTS_PKG}`);
    const plain = await get(`/EnterpriseTester/api/scriptpackage/${REPORTS_PKG}`);
    expect(plain.body.Self).toBe(`http://localhost/EnterpriseTester/api/scriptpackage/${REPORTS_PKG}`);
  });
});
