// Creating and copying external system links from their two ends (the ET source, the remote destination).
import { describe, expect, it } from 'vitest';
import { MOBILE_WALLET, ONLINE_BANKING, makeTestFake } from '../../helpers/test-fake.ts';

const JIRA = '84b019c9-b0e5-4999-be94-ba0c36ce0bf3';
const JIRA_LINK = '6c6599a6-f39b-472c-873e-01040adb40ee';
const OB_REQUIREMENTS = 'a371fdae-e8b0-4428-9d35-e6040b690ec6';
const UNKNOWN = '0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c';

describe('external system links', () => {
  it('makes a defect tracker link from a project and a Jira project key', async () => {
    const fake = await makeTestFake();
    const made = await fake.post('/api/externalsystemlinks', {
      Name: 'Wallet tickets',
      Source: { Key: 'ET.ProjectIncidents', Id: MOBILE_WALLET, FieldValues: {} },
      Destination: { Key: 'JIRA.Project', Id: JIRA, FieldValues: { Project: 'MW' } },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      Name: 'Wallet tickets',
      Enabled: true,
      Type: 'DefectTracker',
      TypeForDisplay: 'Defect Tracker',
      AutoSelect: 'Yes',
      ProjectId: MOBILE_WALLET,
      ProjectName: 'Mobile Wallet',
      ExternalSystemId: JIRA,
      ExternalSystemName: 'Catch Demo Jira',
      ExternalSystemImplementationType: 'JIRA',
      DefectTrackerProjectId: 'MW',
      LastSynchronizedAt: null,
    });
    expect(made.headers.get('location')).toBe(made.body.Self);
    const again = await fake.get(`/api/externalsystemlink/${made.body.Id}?$expand=Configuration`);
    expect(again.body.Configuration).toEqual({ Project: 'MW' });
    // The project's link search finds it.
    expect((await fake.get(`/api/project/${MOBILE_WALLET}/searchlinks?query=WALLET%20tick`)).body.Items.map((l: { Id: string }) => l.Id)).toEqual([made.body.Id]);
  });

  it('makes a requirements link from a requirement package', async () => {
    const fake = await makeTestFake({ auth: false });
    const made = await fake.post('/api/externalsystemlinks', {
      Name: 'Stories',
      Enabled: false,
      Source: { Key: 'ET.RequirementPackage', Id: OB_REQUIREMENTS, FieldValues: {} },
      Destination: { Key: 'JIRA.Project', Id: JIRA, FieldValues: { Project: 'OB', IssueType: 'Story' } },
    });
    expect(made.body).toMatchObject({ Type: 'Requirements', AutoSelect: 'NotApplicable', Enabled: false, ProjectId: ONLINE_BANKING, RequirementPackageId: OB_REQUIREMENTS, InternalPackageName: 'Online Banking Requirements', DefectTrackerProjectId: null });
  });

  it('refuses unknown ends with 403 and a Message, writing nothing', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = fake.engine.store.collection('ExternalSystemLink').size;
    const bodies = [
      { Name: 'x', Source: { Key: 'ET.Nothing', Id: ONLINE_BANKING }, Destination: { Key: 'JIRA.Project', Id: JIRA } },
      { Name: 'x', Source: { Key: 'ET.ProjectIncidents', Id: UNKNOWN }, Destination: { Key: 'JIRA.Project', Id: JIRA } },
      { Name: 'x', Source: { Key: 'ET.ProjectIncidents', Id: ONLINE_BANKING }, Destination: { Key: 'JIRA.Project', Id: UNKNOWN } },
      { Source: { Key: 'ET.ProjectIncidents', Id: ONLINE_BANKING }, Destination: { Key: 'JIRA.Project', Id: JIRA } },
    ];
    for (const body of bodies) {
      const refused = await fake.post('/api/externalsystemlinks', body);
      expect(refused.status, JSON.stringify(body)).toBe(403);
      expect(typeof refused.body.Message).toBe('string');
    }
    expect(fake.engine.store.collection('ExternalSystemLink').size).toBe(before);
  });

  it('copies a link to another project and remote project, keeping its kind and settings', async () => {
    const fake = await makeTestFake({ auth: false });
    const copy = await fake.post(`/api/externalsystemlink/${JIRA_LINK}/copy`, {
      Name: 'Mobile Wallet bugs (MW)',
      CopyFromLinkId: JIRA_LINK,
      Source: { Key: 'ET.ProjectIncidents', Id: MOBILE_WALLET, FieldValues: {} },
      Destination: { Key: 'JIRA.Project', Id: JIRA, FieldValues: { Project: 'MW' } },
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ Name: 'Mobile Wallet bugs (MW)', Type: 'DefectTracker', ProjectId: MOBILE_WALLET, DefectTrackerProjectId: 'MW', LastSynchronizedAt: null });
    expect(copy.body.Id).not.toBe(JIRA_LINK);
    // The original is unchanged.
    expect((await fake.get(`/api/externalsystemlink/${JIRA_LINK}`)).body).toMatchObject({ ProjectId: ONLINE_BANKING, DefectTrackerProjectId: 'OB' });
    // Without ends, the copy keeps the original's.
    const plain = await fake.post(`/api/externalsystemlink/${JIRA_LINK}/copy`, {});
    expect(plain.body).toMatchObject({ Name: 'Online Banking bugs (OB) (copy)', ProjectId: ONLINE_BANKING, DefectTrackerProjectId: 'OB' });
    expect((await fake.post(`/api/externalsystemlink/${UNKNOWN}/copy`, {})).status).toBe(404);
  });
});
