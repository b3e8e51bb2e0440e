// The root resource, system information and search.
import { describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from '../../helpers/fake.ts';
import { LOGIN_SCRIPT, makeTestFake } from '../../helpers/test-fake.ts';

describe('root and system information', () => {
  it('lists every root relation with its methods and query style', async () => {
    const fake = await makeTestFake({ auth: false, basePath: '/EnterpriseTester' });
    const res = await fake.get('/EnterpriseTester/api/');
    expect(res.status).toBe(200);
    const byRel = new Map(res.body.Links.map((l: { Rel: string }) => [l.Rel, l]));
    expect(byRel.get('ScriptPackages')).toMatchObject({ Href: 'http://localhost/EnterpriseTester/api/scriptpackages', SupportsTQL: true, SupportsOData: false });
    expect((byRel.get('ScriptPackages') as { SupportedHttpMethods: string[] }).SupportedHttpMethods.sort()).toEqual(['GET', 'POST']);
    expect(byRel.get('Projects')).toMatchObject({ SupportsOData: true, SupportsTQL: false });
    const rels = new Set(fake.engine.operations.filter((o) => o.rootRelation).map((o) => o.rootRelation));
    expect(new Set(byRel.keys())).toEqual(rels);
  });

  it('reports system information with the RootUrl of the request', async () => {
    const fake = await makeTestFake({ auth: false, basePath: '/EnterpriseTester' });
    const res = await fake.get('http://et.example.com/EnterpriseTester/api/systeminfo');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ RootUrl: 'http://et.example.com/EnterpriseTester/', PackagePathSeparator: '|' });
    expect(typeof res.body.Version).toBe('string');
    // The rest comes from the documented example.
    const op = fake.engine.operations.find((o) => o.behaviour === 'systeminfo')!;
    const documented = op.exampleBodies.get(200) as Record<string, unknown> | undefined;
    if (documented) expect(res.body.Modules).toEqual(documented.Modules);
  });

  it("has ET's SystemInfo shape: every field set, Modules a map of lists of ModuleInfo", async () => {
    const fake = await makeTestFake({ auth: false });
    const info = (await fake.get('/api/systeminfo')).body;
    expect(Object.keys(info).sort()).toEqual(['Modules', 'PackagePathSeparator', 'RootUrl', 'StaticContentRootUrl', 'TimeZoneId', 'UtcOffset', 'Version']);
    for (const [key, value] of Object.entries(info)) if (key !== 'Modules') expect(typeof value, key).toBe('string');
    const groups = Object.values(info.Modules) as unknown[];
    expect(groups.length).toBeGreaterThan(0);
    const fields = ['Description', 'LoadStatus', 'Name', 'State', 'SupportsStateChange', 'TypeName', 'VendorName', 'VendorUrl', 'Version'];
    for (const group of groups) {
      expect(Array.isArray(group)).toBe(true);
      for (const module of group as Record<string, unknown>[]) expect(Object.keys(module).sort()).toEqual(fields);
    }
  });
});

describe('search', () => {
  it('finds entities with GET and a TQL query, each with its EntityType', async () => {
    const fake = await makeTestFake({ auth: false });
    const tql = "EntityType = Script AND Name ~ 'Login'";
    const res = await fake.get(`/api/search?tql=${encodeURIComponent(tql)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ Skip: 0, Top: 25 });
    const ids = res.body.Items.map((i: { Id: string }) => i.Id);
    expect(ids).toContain(LOGIN_SCRIPT);
    const item = res.body.Items.find((i: { Id: string }) => i.Id === LOGIN_SCRIPT);
    expect(item).toMatchObject({ EntityType: 'Script', Self: `http://localhost/api/script/${LOGIN_SCRIPT}` });
    expect(res.body.Total).toBe(ids.length);
  });

  it('adds each item\'s EditLink with format=grid', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get(`/api/search?format=grid&tql=${encodeURIComponent("EntityType = Script AND Name ~ 'Login'")}`);
    const item = res.body.Items.find((i: { Id: string }) => i.Id === LOGIN_SCRIPT);
    expect(typeof item.EditLink).toBe('string');
    expect(item.EditLink.length).toBeGreaterThan(0);
    const plain = await fake.get(`/api/search?tql=${encodeURIComponent("EntityType = Script AND Name ~ 'Login'")}`);
    expect(plain.body.Items[0]).not.toHaveProperty('EditLink');
  });

  it('gives every grid row what a grid shows: Name (or the title field), EntityType, EditLink, LastUpdatedAt', async () => {
    const fake = await makeTestFake({ auth: false });
    const types = ['Script', 'Requirement', 'Incident', 'ScriptAssignment', 'ScriptRun', 'AutomatedTestRun', 'ScriptPackage'];
    for (const type of types) {
      const res = await fake.get(`/api/search?format=grid&$top=100&tql=${encodeURIComponent(`EntityType = ${type}`)}`);
      expect(res.body.Items.length, type).toBeGreaterThan(0);
      for (const row of res.body.Items) {
        expect(row, type).toMatchObject({ EntityType: type, EditLink: expect.any(String) });
        expect(row, type).toHaveProperty('LastUpdatedAt');
        expect(typeof row.Name, `${type} ${row.Id}`).toBe('string');
      }
    }
    // The title comes from the entity's own field when it has no Name: an incident's Summary, a run's script name.
    const incident = fake.store.collection('Incident').values().next().value!;
    const rows = (await fake.get(`/api/search?format=grid&$top=500&tql=${encodeURIComponent('EntityType = Incident')}`)).body.Items;
    expect(rows.find((r: { Id: string }) => r.Id === incident.Id).Name).toBe(incident.Summary);
    const run = fake.store.collection('ScriptRun').values().next().value!;
    const runRows = (await fake.get(`/api/search?format=grid&$top=500&tql=${encodeURIComponent('EntityType = ScriptRun')}`)).body.Items;
    expect(runRows.find((r: { Id: string }) => r.Id === run.Id).Name).toBe(fake.store.collection('Script').get(String(run.ScriptId))!.Name);
  });

  it('takes the query as a form field with POST', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.request('POST', '/api/search', {
      raw: new URLSearchParams({ tql: "EntityType = Script AND Name ~ 'Login'" }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.body.Items.map((i: { Id: string }) => i.Id)).toContain(LOGIN_SCRIPT);
  });

  it('answers aggregate queries with Results and broken queries with 403', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get(`/api/search?tql=${encodeURIComponent('COUNT WHERE EntityType = Script')}`);
    expect(res.status).toBe(200);
    expect(res.body.Results.COUNT).toBe(fake.store.collection('Script').size);
    const broken = await fake.get(`/api/search?tql=${encodeURIComponent('Name ~')}`);
    expect(broken.status).toBe(403);
    expect(typeof broken.body.Message).toBe('string');
  });
});

describe('the fake describes itself', () => {
  it('serves its spec at /openapi.json and a reference page at /docs, also under the base path', async () => {
    const fake = await makeTestFake({ auth: false, basePath: '/EnterpriseTester' });
    for (const prefix of ['', '/EnterpriseTester']) {
      const spec = await fake.app.request(`http://localhost${prefix}/openapi.json`, { headers: { Authorization: ADMIN_AUTH } });
      expect(spec.status).toBe(200);
      expect(Object.keys(((await spec.json()) as { paths: object }).paths)).toEqual(Object.keys(fake.spec.paths!));
      const docs = await fake.app.request(`http://localhost${prefix}/docs`, { headers: { Authorization: ADMIN_AUTH } });
      expect(docs.headers.get('content-type')).toContain('text/html');
      const html = await docs.text();
      expect(html).toContain('/api/scriptpackages');
      expect(html).toContain(`${fake.engine.operations.length} operations`);
      expect(html).toContain('/__admin/sandboxes');
    }
    const root = await fake.get('/EnterpriseTester/api/');
    const link = root.body.Links.find((l: { Rel: string }) => l.Rel === 'ScriptPackages');
    expect(link.Help).toBe('http://localhost/EnterpriseTester/docs');
  });
});
