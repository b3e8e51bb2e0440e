// Operations without a stored entity: GET answers the documented example; a PUT keeps the fields it sends
// (passwords kept but shown as null) until the fake is reset.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

describe('documented resources without an entity', () => {
  it('keeps what a PUT sends and shows it over the documented example', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = await fake.get('/api/mailsender/default/settings');
    expect(before.status).toBe(200);
    const documented = fake.engine.operations.find((o) => o.path === '/api/mailsender/default/settings' && o.method === 'GET')!.exampleBodies.get(200);
    expect(before.body).toEqual(documented);

    const put = await fake.put('/api/mailsender/default/settings', { HostName: 'smtp.example.org', Port: 2525, Password: 'Secret-1' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ HostName: 'smtp.example.org', Port: 2525, Password: null, FromAddress: (documented as { FromAddress: string }).FromAddress });
    const after = await fake.get('/api/mailsender/default/settings');
    expect(after.body).toEqual(put.body);
    expect(JSON.stringify(after.body)).not.toContain('Secret-1');

    fake.reset();
    expect((await fake.get('/api/mailsender/default/settings')).body).toEqual(documented);
  });
});

describe('documented-only resources with path values', () => {
  it('answer 404 for a value no example was for, and for a project that does not exist', async () => {
    const fake = await makeTestFake({ auth: false });
    expect((await fake.get('/api/exportfile/scripts-online-banking-20260302.csv')).status).toBe(200);
    const missing = await fake.get('/api/exportfile/missing.csv');
    expect(missing.status).toBe(404);
    expect(missing.body.Message).toContain('missing.csv');
    // Any existing project has dashboard positions, not only the documented one; an unknown one is 404.
    expect((await fake.get('/api/gridwidgethost/ProjectDashboard/project/4545fe95-e9c2-40e9-8f4a-3f000d14526f/positions')).status).toBe(200);
    const noProject = await fake.get('/api/gridwidgethost/ProjectDashboard/project/0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c/positions');
    expect(noProject.status).toBe(404);
    expect(noProject.body.Message).toContain('Project');
  });
});

describe('documented-only collections and their queries', () => {
  it('answer the example documented for the same query string, and filter the plain one with OData', async () => {
    const fake = await makeTestFake({ auth: false });
    const all = await fake.get('/api/search/indexes');
    expect(all.body.Items.length).toBeGreaterThan(1);
    const shown = await fake.get(`/api/search/indexes?$filter=${encodeURIComponent('IsPresentable eq true')}`);
    expect(shown.body.Items.map((i: { IndexName: string }) => i.IndexName)).toEqual(all.body.Items.filter((i: { IsPresentable: boolean }) => i.IsPresentable).map((i: { IndexName: string }) => i.IndexName));
    const hidden = await fake.get(`/api/search/indexes?$filter=${encodeURIComponent('IsPresentable eq false')}&$inlinecount=allpages`);
    expect(hidden.body.Total).toBe(all.body.Items.length - shown.body.Items.length);
    const sources = await fake.get('/api/externalsourcesmetadata?end=Source&projectId=944aa658-8067-42cf-a6a6-ce71535a73bc');
    expect(sources.body.Items.every((i: { End: string }) => i.End === 'Source')).toBe(true);
    const destinations = await fake.get('/api/externalsourcesmetadata?end=Destination&compatibleWithKey=ET.RequirementPackage');
    expect(destinations.body.Items.every((i: { End: string }) => i.End === 'Destination')).toBe(true);
  });
});
