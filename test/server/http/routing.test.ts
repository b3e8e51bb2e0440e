// Routing as ET does it: case-insensitive templates and GUIDs, optional trailing slash, a base path,
// 404 for unknown paths and 405 (with Allow) for a known path with the wrong method.
import { describe, expect, it } from 'vitest';
import { makeTestFake, ONLINE_BANKING, REPORTS_PKG } from '../../helpers/test-fake.ts';

describe('routing', () => {
  it('matches paths and GUIDs in any case, with or without a trailing slash', async () => {
    const fake = await makeTestFake({ auth: false });
    const upper = await fake.get(`/API/ScriptPackage/${REPORTS_PKG.toUpperCase()}/`);
    expect(upper.status).toBe(200);
    expect(upper.body.Id).toBe(REPORTS_PKG);
    expect((await fake.get('/api/scriptpackages/')).status).toBe(200);
    expect((await fake.get('/Api/ScriptPackages')).status).toBe(200);
  });

  it('answers unknown paths with 404 and a Message', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get('/api/nosuchthing');
    expect(res.status).toBe(404);
    expect(res.body.Message).toContain('/api/nosuchthing');
    expect((await fake.get(`/api/scriptpackage/${REPORTS_PKG}/nosuchchild`)).status).toBe(404);
  });

  it('answers a wrong method with 405, a Message and the Allow header', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.del('/api/scriptpackages');
    expect(res.status).toBe(405);
    expect(res.body.Message).toContain('DELETE');
    expect(res.headers.get('allow')!.split(', ').sort()).toEqual(['GET', 'POST']);
  });

  it('serves the API under the base path (any case) and builds links with it', async () => {
    const fake = await makeTestFake({ auth: false, basePath: 'EnterpriseTester/' });
    const res = await fake.get(`/EnterpriseTester/api/scriptpackage/${REPORTS_PKG}`);
    expect(res.status).toBe(200);
    expect(res.body.Self).toBe(`http://localhost/EnterpriseTester/api/scriptpackage/${REPORTS_PKG}`);
    expect(res.body.Links.find((l: { Rel: string }) => l.Rel === 'Project').Href).toBe(`http://localhost/EnterpriseTester/api/project/${ONLINE_BANKING}`);
    const lower = await fake.get(`/enterprisetester/API/scriptpackage/${REPORTS_PKG}`);
    expect(lower.status).toBe(200);
    expect(lower.body.Self).toBe(`http://localhost/EnterpriseTester/api/scriptpackage/${REPORTS_PKG}`);
    const created = await fake.post('/EnterpriseTester/api/scriptpackages', { Name: 'Under base', ProjectId: ONLINE_BANKING });
    expect(created.headers.get('location')).toBe(`http://localhost/EnterpriseTester/api/scriptpackage/${created.body.Id}`);
    // Without the prefix the API still answers, and links follow the request.
    const bare = await fake.get(`/api/scriptpackage/${REPORTS_PKG}`);
    expect(bare.body.Self).toBe(`http://localhost/api/scriptpackage/${REPORTS_PKG}`);
  });

  it('takes the link origin from the request', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get(`http://et.example.com:8443/api/scriptpackage/${REPORTS_PKG}`);
    expect(res.body.Self).toBe(`http://et.example.com:8443/api/scriptpackage/${REPORTS_PKG}`);
  });
});
