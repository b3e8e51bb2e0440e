// The pages over HTTP (the browser test drives them): /docs and its reference spec, the explorer shell and
// their assets, under the base path too, public and never journalled.
import { describe, expect, it } from 'vitest';
import { collectionsOf } from '../../../src/server/pages/index.ts';
import { ADMIN_AUTH } from '../../helpers/fake.ts';
import { makeTestFake } from '../../helpers/test-fake.ts';

describe('the pages', () => {
  it('serve the reference spec with the fake as its server, Basic auth and the sandbox header', async () => {
    const fake = await makeTestFake({ basePath: '/EnterpriseTester' });
    for (const prefix of ['', '/EnterpriseTester']) {
      const spec = (await (await fake.app.request(`http://localhost${prefix}/docs/openapi.json`)).json()) as any;
      expect(spec.servers).toEqual([{ url: prefix || '/', description: 'this fake' }]);
      expect(spec.components.securitySchemes.sandbox).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Et-Sandbox' });
      expect(spec.security).toEqual([{ basic: [], sandbox: [] }]);
      expect(Object.keys(spec.paths)).toEqual(Object.keys(fake.spec.paths!));
      expect(spec.tags.map((t: { name: string }) => t.name)).toContain('Script Packages');
      const html = await (await fake.app.request(`http://localhost${prefix}/docs`)).text();
      expect(html).toContain(`src="${prefix}/docs/assets/swagger-ui-bundle.js"`);
      expect(html).toContain('data-user="Administrator" data-password="password"');
      expect(html).not.toMatch(/(src|href)="https?:/);
      const bundle = await fake.app.request(`http://localhost${prefix}/docs/assets/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
      const explorer = await fake.app.request(`http://localhost${prefix}/__admin/ui`);
      expect(explorer.status).toBe(200);
      const shell = await explorer.text();
      expect(shell).toContain(`src="${prefix}/__admin/ui/explorer.js" data-prefix="${prefix}"`);
      expect((await fake.app.request(`http://localhost${prefix}/__admin/ui/explorer.js`)).status).toBe(200);
    }
    // Public, and not calls of the API: nothing in the journal.
    const journal = await fake.app.request('http://localhost/__admin/requests', { headers: { Authorization: ADMIN_AUTH } });
    expect(((await journal.json()) as { Items: unknown[] }).Items).toEqual([]);
  });

  it('serve only the files they name (no path walking) and leave credentials out without auth', async () => {
    const fake = await makeTestFake({ auth: false });
    for (const name of ['package.json', '..%2F..%2Fpackage.json', 'index.js'])
      expect((await fake.app.request(`http://localhost/docs/assets/${name}`)).status, name).toBe(404);
    expect((await fake.app.request('http://localhost/__admin/ui/..%2Fdocs-page.ts')).status).toBe(404);
    expect(await (await fake.app.request('http://localhost/docs')).text()).not.toContain('data-user');
    expect(await (await fake.app.request('http://localhost/__admin/ui')).text()).toContain('data-no-auth');
  });

  it('list each entity under its top-level collection only', async () => {
    const fake = await makeTestFake();
    const collections = collectionsOf(fake.engine.operations);
    expect(collections.ScriptPackage).toBe('/api/scriptpackages');
    expect(collections.Project).toBe('/api/projects');
    for (const path of Object.values(collections)) expect(path).not.toContain('{');
  });
});
