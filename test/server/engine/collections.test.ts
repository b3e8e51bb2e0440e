// Paging envelopes: TQL collections always answer {Skip, Top, Total, Items, Self}; OData ones answer {Items,
// Self} unless $inlinecount=allpages. Self is the request's own URL. $top defaults to 25 and Top echoes what was asked; sub-collections
// filter by their parent and answer 404 when it does not exist.
import { describe, expect, it } from 'vitest';
import { makeTestFake, ONLINE_BANKING, REGRESSION_PKG } from '../../helpers/test-fake.ts';

describe('collections', () => {
  it('TQL collections carry Skip/Top/Total with the default page of 25', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get('/api/scriptpackages');
    const total = fake.store.collection('ScriptPackage').size;
    expect(res.body).toMatchObject({ Skip: 0, Top: 25, Total: total });
    expect(Object.keys(res.body).sort()).toEqual(['Items', 'Self', 'Skip', 'Top', 'Total']);
    expect(res.body.Items).toHaveLength(Math.min(25, total));
  });

  it('pages with $top and $skip, Top echoing the page size asked for', async () => {
    const fake = await makeTestFake({ auth: false });
    const all = (await fake.get('/api/scriptpackages?$top=1000')).body;
    expect(all.Top).toBe(1000);
    const page = (await fake.get('/api/scriptpackages?$top=2&$skip=1')).body;
    expect(page).toMatchObject({ Skip: 1, Top: 2, Total: all.Total });
    expect(page.Items.map((i: { Id: string }) => i.Id)).toEqual(all.Items.slice(1, 3).map((i: { Id: string }) => i.Id));
    const beyond = (await fake.get('/api/scriptpackages?$skip=1000')).body;
    expect(beyond).toMatchObject({ Skip: 1000, Top: 25, Total: all.Total, Items: [] });
  });

  it('refuses a $top that is not a whole number', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get('/api/scriptpackages?$top=lots');
    expect(res.status).toBe(400);
    expect(res.body.Message).toContain('$top');
  });

  it('OData collections answer Items only, and the counts with $inlinecount=allpages', async () => {
    const fake = await makeTestFake({ auth: false });
    const plain = await fake.get('/api/projects');
    expect(Object.keys(plain.body)).toEqual(['Items', 'Self']);
    expect(plain.body.Items.length).toBe(fake.store.collection('Project').size);
    const counted = await fake.get('/api/projects?$inlinecount=allpages&$top=1');
    expect(counted.body).toMatchObject({ Skip: 0, Top: 1, Total: fake.store.collection('Project').size });
    expect(counted.body.Items).toHaveLength(1);
  });

  it('filters sub-collections by their parent and answers 404 for a missing parent', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get(`/api/scriptpackage/${REGRESSION_PKG}/children?$inlinecount=allpages`);
    const expected = fake.store.collection('ScriptPackage').where('ParentId', REGRESSION_PKG).map((r) => r.Id);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.body.Items.map((i: { Id: string }) => i.Id).sort()).toEqual(expected.sort());
    expect(res.body.Total).toBe(expected.length);
    const missing = await fake.get('/api/scriptpackage/00000000-0000-4000-8000-00000000abcd/children');
    expect(missing.status).toBe(404);
    expect(missing.body.Message).toContain('00000000-0000-4000-8000-00000000abcd');
  });

  it('narrows by the other path parameters (pick lists by type)', async () => {
    const fake = await makeTestFake({ auth: false });
    const all = fake.store.collection('Picklist').where('ProjectId', ONLINE_BANKING);
    const type = String(all[0]!.Type);
    const res = await fake.get(`/api/project/${ONLINE_BANKING}/picklist/${type.toLowerCase()}?$inlinecount=allpages&$top=500`);
    expect(res.status).toBe(200);
    const expected = all.filter((p) => String(p.Type).toLowerCase() === type.toLowerCase());
    expect(res.body.Total).toBe(expected.length);
    expect(res.body.Items.every((p: { Type: string }) => p.Type.toLowerCase() === type.toLowerCase())).toBe(true);
  });

  it('treats a GET that answers a list as a collection even when its path ends in a parameter', async () => {
    const fake = await makeTestFake({ auth: false });
    const org = fake.store.collection('Organisation').values().next().value!;
    const orgLists = fake.store.collection('Picklist').where('OrganisationId', org.Id);
    if (!orgLists.length) throw new Error('the demo data has no organisation pick lists');
    const type = String(orgLists[0]!.Type);
    const res = await fake.get(`/api/organisation/${org.Id}/picklist/${type}?$inlinecount=allpages&$top=500`);
    expect(res.status).toBe(200);
    expect(res.body.Items.map((p: { Id: string }) => p.Id).sort()).toEqual(orgLists.filter((p) => p.Type === type).map((p) => p.Id).sort());
  });

  it('filters TQL collections with tql and OData ones with $filter/$orderby', async () => {
    const fake = await makeTestFake({ auth: false });
    const tql = await fake.get(`/api/scriptpackages?tql=${encodeURIComponent("Name ~ 'Reports'")}`);
    expect(tql.status).toBe(200);
    expect(tql.body.Items.map((i: { Name: string }) => i.Name)).toEqual(['Reports']);
    expect(tql.body.Total).toBe(1);
    const odata = await fake.get(`/api/projects?$filter=${encodeURIComponent("Name eq 'Online Banking'")}`);
    expect(odata.body.Items.map((i: { Id: string }) => i.Id)).toEqual([ONLINE_BANKING]);
    const sorted = await fake.get(`/api/projects?$orderby=${encodeURIComponent('Name desc')}`);
    const names = sorted.body.Items.map((i: { Name: string }) => i.Name);
    expect(names).toEqual([...names].sort().reverse());
  });

  it("refuses an OData property the collection's items do not have, and reads users' Name as ET's help does", async () => {
    const fake = await makeTestFake({ auth: false });
    const typo = await fake.get(`/api/projects?$filter=${encodeURIComponent("Nmae eq 'Online Banking'")}`);
    expect(typo.status).toBe(403);
    expect(typo.body.Message).toMatch(/^Invalid OData \$filter at column 1: Project has no property 'Nmae' \(it has: .*Name/);
    // Hypermedia and expansions are not stored, so they are neither offered nor accepted.
    expect(typo.body.Message).not.toMatch(/\b(Self|Links|Expands|Statuses)\b/);
    expect((await fake.get(`/api/projects?$orderby=Statuses`)).status).toBe(403);
    const order = await fake.get(`/api/users?$orderby=${encodeURIComponent('Surname')}`);
    expect(order.status).toBe(403);
    expect(order.body.Message).toContain("User has no property 'Surname'");
    const named = await fake.get(`/api/users?$filter=${encodeURIComponent("Name eq 'administrator'")}`);
    expect(named.status).toBe(200);
    expect(named.body.Items.map((u: { UserName: string }) => u.UserName)).toEqual(['Administrator']);
    const anyCase = await fake.get(`/api/projects?$filter=${encodeURIComponent("name eq 'online banking'")}&$orderby=NAME`);
    expect(anyCase.body.Items.map((i: { Id: string }) => i.Id)).toEqual([ONLINE_BANKING]);
  });

  it('answers a broken query with 403 and a Message', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get(`/api/scriptpackages?tql=${encodeURIComponent('Name = ')}`);
    expect(res.status).toBe(403);
    expect(typeof res.body.Message).toBe('string');
  });
});

describe('collection Self', () => {
  it("names the request's own URL on every kind of collection answer, base path and sandbox prefix included", async () => {
    const fake = await makeTestFake({ auth: false });
    for (const url of ['/api/scriptpackages?tql=Name%20~%20Report&$top=5', '/api/projects', '/api/projects?$inlinecount=allpages', `/api/scriptpackage/${REGRESSION_PKG}/children`, '/api/search?tql=EntityType%20%3D%20Script', '/api/userssearch?query=j']) {
      const res = await fake.get(url);
      expect(res.status, url).toBe(200);
      expect(res.body.Self, url).toBe(`http://localhost${url}`);
    }
    const based = await makeTestFake({ auth: false, basePath: '/EnterpriseTester' });
    expect((await based.get('/EnterpriseTester/api/projects')).body.Self).toBe('http://localhost/EnterpriseTester/api/projects');
  });
});
