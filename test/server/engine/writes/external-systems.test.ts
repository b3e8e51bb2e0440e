// An external system's description fields are ET's, derived from its Type and settings: the type's
// description and categories, its name qualified by the kind, how it connects and where to, and whether the
// settings let it connect. A save that changes the settings moves them along.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../../helpers/test-fake.ts';

const ORGANISATION = '06e3f216-7665-4252-9ad1-8f3c56999fa0';
const JIRA = '84b019c9-b0e5-4999-be94-ba0c36ce0bf3';

describe('external systems: derived fields', () => {
  it('derives a REST system from its type and Url', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.post('/api/externalsystems', { Type: 'RALLY', Name: 'Second Rally', Enabled: true, OrganisationId: ORGANISATION, FieldValues: { Url: 'https://rally.example', ApiKey: 'secret' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ConnectionType: 'Rest',
      ConnectionString: 'https://rally.example',
      DisplayUrl: 'https://rally.example',
      QualifiedName: 'Rally: Second Rally',
      TypeDescription: 'Rally',
      Categories: ['DefectTracker', 'Requirements'],
      ConfigurationComplete: true,
      ConfigurationProblems: [],
      UserName: null,
      HasPassword: false,
    });
  });

  it('connects as the user its settings name, and keeps a password only as the fact that it has one', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.post('/api/externalsystems', { Type: 'JIRA', Name: 'Jira Two', Enabled: true, OrganisationId: ORGANISATION, FieldValues: { Url: 'https://jira2.example', UserName: 'sync', Password: 's3cret' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ UserName: 'sync', HasPassword: true });
    const shown = await fake.get(`/api/externalsystem/${res.body.Id}?$expand=FieldValues`);
    expect(shown.body.FieldValues).toEqual({ Url: 'https://jira2.example', UserName: 'sync' });
    expect(JSON.stringify(fake.store.collection('ExternalSystem').get(res.body.Id))).not.toContain('s3cret');
    // A save without a password keeps the one it has.
    const put = await fake.put(`/api/externalsystem/${res.body.Id}`, { Type: 'JIRA', Name: 'Jira Two', Enabled: true, OrganisationId: ORGANISATION, FieldValues: { Url: 'https://jira2.example', UserName: 'sync2' } });
    expect(put.body).toMatchObject({ UserName: 'sync2', HasPassword: true });
  });

  it('derives a database system (Enterprise Architect) with no URL to show', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.post('/api/externalsystems', { Type: 'EA', Name: 'Models', Enabled: false, OrganisationId: ORGANISATION, FieldValues: { Server: 'ea.example', Database: 'models' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ConnectionType: 'Database',
      ConnectionString: 'Server=ea.example;Database=models',
      DisplayUrl: null,
      QualifiedName: 'Enterprise Architect: Models',
      TypeDescription: 'Sparx Enterprise Architect',
      Categories: ['Requirements', 'Modelling'],
      ConfigurationComplete: true,
    });
  });

  it('is not complete without the settings it connects with', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.post('/api/externalsystems', { Type: 'JIRA', Name: 'No URL yet', Enabled: false, OrganisationId: ORGANISATION, FieldValues: {} });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ConnectionString: null, DisplayUrl: null, ConfigurationComplete: false, QualifiedName: 'Jira: No URL yet', TypeDescription: 'Atlassian Jira' });
    expect(res.body.ConfigurationProblems).toEqual([expect.stringMatching(/Url/)]);
  });

  it('follows a new Url and name on PUT, and keeps them on a PATCH that changes neither', async () => {
    const fake = await makeTestFake({ auth: false });
    const put = await fake.put(`/api/externalsystem/${JIRA}`, { Type: 'JIRA', Name: 'Jira Cloud', Enabled: true, OrganisationId: ORGANISATION, FieldValues: { Url: 'https://catchdemo.atlassian.example', UserName: 'et-sync' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ ConnectionString: 'https://catchdemo.atlassian.example', DisplayUrl: 'https://catchdemo.atlassian.example', QualifiedName: 'Jira: Jira Cloud' });
    const patched = await fake.patch(`/api/externalsystem/${JIRA}`, { Enabled: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ Enabled: false, ConnectionString: 'https://catchdemo.atlassian.example', QualifiedName: 'Jira: Jira Cloud' });
  });
});
