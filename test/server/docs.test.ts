// GET /docs: the reference page rendered from the spec the fake serves, and the spec itself.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';

describe('/docs', () => {
  it('lists every served operation with what the fake enforces, without credentials', async () => {
    const { app, spec } = await createApp();
    const res = await app.request('http://localhost/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    const count = Object.values(spec.paths ?? {}).reduce((n, item) => n + Object.keys(item).filter((k) => /^(get|post|put|patch|delete)$/.test(k)).length, 0);
    expect(html).toContain(`${count} operations`);
    expect(html).toContain('<code>/api/scriptassignment/{id}/runs</code>');
    expect(html).toContain('<code>TestManagement/ManageExecutions/View</code>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)[a-z]/i);
  });

  it('serves the spec, also under the base path', async () => {
    const { app, spec } = await createApp({ basePath: '/EnterpriseTester' });
    const res = await app.request('http://localhost/EnterpriseTester/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(spec);
    expect(await (await app.request('http://localhost/EnterpriseTester/docs')).text()).toContain('<code>/EnterpriseTester/api/scriptpackages</code>');
  });
});
