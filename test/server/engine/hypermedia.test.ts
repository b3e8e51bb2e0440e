// Self, Links and Expands built from the entity declarations, and $expand inlining (case-insensitive),
// with expanded names dropped from Expands and stored "field" expands hidden until asked for.
import { describe, expect, it } from 'vitest';
import { LOGIN_ASSIGNMENT, LOGIN_SCRIPT, makeTestFake, ONLINE_BANKING, REGRESSION_PKG, REPORTS_PKG } from '../../helpers/test-fake.ts';

describe('hypermedia', () => {
  it('gives Self, the Links whose fields are set, and the Expands in ET order', async () => {
    const fake = await makeTestFake({ auth: false });
    const top = (await fake.get(`/api/scriptpackage/${REGRESSION_PKG}`)).body;
    expect(top.Self).toBe(`http://localhost/api/scriptpackage/${REGRESSION_PKG}`);
    expect(top.Links).toEqual([
      { Href: `http://localhost/api/scriptpackage/${REGRESSION_PKG}/children`, Rel: 'Children' },
      { Href: `http://localhost/api/project/${ONLINE_BANKING}`, Rel: 'Project' },
    ]);
    const child = (await fake.get(`/api/scriptpackage/${REPORTS_PKG}`)).body;
    expect(child.Links.map((l: { Rel: string }) => l.Rel)).toEqual(['Children', 'Parent', 'Project']);
    const script = (await fake.get(`/api/script/${LOGIN_SCRIPT}`)).body;
    const documented = fake.engine.operations.find((o) => o.path === '/api/script/{id}' && o.method === 'GET')!.expands;
    expect(script.Expands).toEqual(documented.filter((e) => script.Expands.includes(e)));
    expect(script.Expands.slice(0, 3)).toEqual(['Widgets', 'FieldValues', 'Package']);
  });

  it('hides stored field expands (Steps, FieldValues) until they are expanded', async () => {
    const fake = await makeTestFake({ auth: false });
    const plain = (await fake.get(`/api/script/${LOGIN_SCRIPT}`)).body;
    expect(plain).not.toHaveProperty('Steps');
    expect(plain).not.toHaveProperty('FieldValues');
    const stored = fake.store.collection('Script').get(LOGIN_SCRIPT)!;
    const expanded = (await fake.get(`/api/script/${LOGIN_SCRIPT}?$expand=steps,FieldValues`)).body;
    expect(expanded.Steps).toEqual(stored.Steps);
    expect(expanded.FieldValues).toEqual(stored.FieldValues);
    expect(expanded.Expands).not.toContain('Steps');
    expect(expanded.Expands).not.toContain('FieldValues');
  });

  it('inlines one-to-one and one-to-many expands with their own hypermedia', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = (await fake.get(`/api/script/${LOGIN_SCRIPT}?$expand=Package,Assignments`)).body;
    expect(res.Package.Id).toBe(REPORTS_PKG);
    expect(res.Package.Self).toBe(`http://localhost/api/scriptpackage/${REPORTS_PKG}`);
    expect(res.Package.Expands).toContain('Children');
    const expected = fake.store.collection('ScriptAssignment').where('ScriptId', LOGIN_SCRIPT).map((a) => a.Id);
    expect(res.Assignments.map((a: { Id: string }) => a.Id).sort()).toEqual(expected.sort());
    expect(res.Assignments[0].Self).toMatch(/^http:\/\/localhost\/api\/scriptassignment\//);
  });

  it('expands a single latest record (an assignment\'s LastRun) and ignores unknown names', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = (await fake.get(`/api/scriptassignment/${LOGIN_ASSIGNMENT}?$expand=LastRun,NoSuchThing`)).body;
    const runs = fake.store.collection('ScriptRun').where('AssignmentId', LOGIN_ASSIGNMENT);
    const latest = [...runs].sort((a, b) => String(a.CreatedAt).localeCompare(String(b.CreatedAt))).pop()!;
    expect(res.LastRun.Id).toBe(latest.Id);
    expect(res.Expands).not.toContain('LastRun');
    expect(res).not.toHaveProperty('NoSuchThing');
  });

  it('expands items of a collection too', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = (await fake.get(`/api/scriptpackages?$expand=Project&$top=100`)).body;
    for (const item of res.Items) {
      expect(item.Project?.Id ?? null).toBe(item.ProjectId ?? null);
      expect(item.Expands).not.toContain('Project');
    }
  });

  it('fills denormalised names and the caller on create, and numbers scripts per project', async () => {
    const fake = await makeTestFake({ auth: false });
    const scripts = fake.store.collection('Script').where('ProjectId', ONLINE_BANKING);
    const maxNumber = Math.max(...scripts.map((s) => Number(s.Number ?? 0)));
    const res = await fake.post('/api/scripts', { Name: 'Transfer between own accounts', PackageId: REPORTS_PKG });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ PackageId: REPORTS_PKG, PackageName: 'Reports', ProjectId: ONLINE_BANKING, ProjectName: 'Online Banking', Number: maxNumber + 1 });
    expect(res.body.CreatedBy).toBe('Administrator');
    expect(res.body.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(res.body.LastUpdatedAt).toBe(res.body.CreatedAt);
    const next = await fake.post('/api/scripts', { Name: 'Another', PackageId: REPORTS_PKG });
    expect(next.body.Number).toBe(maxNumber + 2);
  });

  it('shows empty Expands and Links where the declaration lists them, and leaves them out where it does not', async () => {
    const fake = await makeTestFake({ auth: false });
    const perm = fake.store.collection('Permission').values().next().value!;
    const shown = await fake.get(`/api/permission/${perm.Id}`);
    expect(shown.body).toMatchObject({ Expands: [], Links: [] });
    const task = await fake.post('/api/backgroundtasks', { Type: 'Reindex' });
    expect(task.body).not.toHaveProperty('Expands');
    expect(task.body).not.toHaveProperty('Links');
    expect(task.body.Self).toMatch(/\/api\/backgroundtask\//);
  });

  it('expands a project pick list with only the values of its own type', async () => {
    const fake = await makeTestFake({ auth: false });
    const project = (await fake.get(`/api/project/${ONLINE_BANKING}?$expand=Statuses,Priorities`)).body;
    expect(project.Statuses.length).toBeGreaterThan(0);
    expect(project.Priorities.length).toBeGreaterThan(0);
    expect(new Set(project.Statuses.map((p: { Type: string }) => p.Type))).toEqual(new Set(['Statuses']));
    expect(new Set(project.Priorities.map((p: { Type: string }) => p.Type))).toEqual(new Set(['Priorities']));
    const listed = (await fake.get(`/api/project/${ONLINE_BANKING}/picklist/Statuses`)).body;
    const items = Array.isArray(listed) ? listed : listed.Items;
    expect(project.Statuses.map((p: { Id: string }) => p.Id).sort()).toEqual(items.map((p: { Id: string }) => p.Id).sort());
  });
  it('keeps the Has* flags in step with the expansion of that name (HasParent, HasChildren, HasProjects)', async () => {
    const fake = await makeTestFake({ auth: false });
    const top = await fake.post('/api/projectcategories', { Name: 'Flags top' });
    expect(top.body).toMatchObject({ HasParent: false, HasChildren: false, HasProjects: false });
    const child = await fake.post('/api/projectcategories', { Name: 'Flags child', ParentId: top.body.Id });
    expect(child.body).toMatchObject({ HasParent: true, HasChildren: false });
    expect((await fake.get(`/api/projectcategory/${top.body.Id}`)).body).toMatchObject({ HasChildren: true, HasProjects: false });
    await fake.post('/api/projects', { Name: 'Flags project', ProjectCategoryId: top.body.Id });
    expect((await fake.get(`/api/projectcategory/${top.body.Id}`)).body.HasProjects).toBe(true);
    await fake.del(`/api/projectcategory/${child.body.Id}`);
    expect((await fake.get(`/api/projectcategory/${top.body.Id}`)).body.HasChildren).toBe(false);
  });

  it('gives a new record every custom field that applies to it, null until set', async () => {
    const fake = await makeTestFake({ auth: false });
    const fields = [...fake.store.collection('CustomField').values()];
    const forScripts = fields.filter((f) => (f.Entities as string[]).includes('TestScript'));
    expect(forScripts.length).toBeGreaterThan(1);
    const res = await fake.post('/api/scripts?$expand=FieldValues', { Name: 'With custom fields', PackageId: REPORTS_PKG, FieldValues: { IsRegression: true } });
    expect(res.body.FieldValues.IsRegression).toBe(true);
    // Fields of the organisation, or of this project, apply; another project's do not.
    for (const f of forScripts) {
      const scopes = f.Scopes as { Id: string; Type: string }[];
      const here = scopes.some((s) => s.Type === 'Organisation' || s.Id === ONLINE_BANKING);
      expect(String(f.Name) in res.body.FieldValues, String(f.Name)).toBe(here);
      if (here && f.Name !== 'IsRegression') expect(res.body.FieldValues[f.Name as string]).toBeNull();
    }
    const incidentOnly = fields.find((f) => (f.Entities as string[]).every((e) => e === 'Incident'));
    if (incidentOnly) expect(res.body.FieldValues).not.toHaveProperty(String(incidentOnly.Name));
  });
});
