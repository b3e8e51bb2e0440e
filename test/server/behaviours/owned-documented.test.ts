// Documented read-only answers that belong to a record: only for a record that exists, with its own Id/name.
import { describe, expect, it } from 'vitest';
import { MOBILE_WALLET, ONLINE_BANKING, makeTestFake } from '../../helpers/test-fake.ts';

const UNKNOWN = '0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c';
const AUTO_RUN = '652062cd-215a-43e7-8b02-2b7a827896b8';

describe('documented answers owned by a record', () => {
  it('shows a project\'s widgets with that project\'s Id and name, the expanded entity types only', async () => {
    const fake = await makeTestFake({ auth: false });
    const ob = await fake.get(`/api/project/${ONLINE_BANKING}/widgets?$expand=Incident`);
    expect(ob.status).toBe(200);
    expect(ob.body).toMatchObject({ ProjectId: ONLINE_BANKING, ProjectName: 'Online Banking', Incident: { EntityType: 'Incident' } });
    const mw = await fake.get(`/api/project/${MOBILE_WALLET}/widgets?$expand=Incident`);
    expect(mw.body).toMatchObject({ ProjectId: MOBILE_WALLET, ProjectName: 'Mobile Wallet' });
    const plain = await fake.get(`/api/project/${ONLINE_BANKING}/widgets`);
    expect(plain.body).not.toHaveProperty('Incident');
    expect((await fake.get(`/api/project/${UNKNOWN}/widgets`)).status).toBe(404);
  });

  it('404 for the comments of a requirement or the data of a run that does not exist', async () => {
    const fake = await makeTestFake({ auth: false });
    const requirement = fake.engine.store.collection('Requirement').values().next().value!;
    expect((await fake.get(`/api/requirement/${requirement.Id}/comments`)).body).toMatchObject({ Items: [] });
    const missing = await fake.get(`/api/requirement/${UNKNOWN}/comments`);
    expect(missing.status).toBe(404);
    expect(missing.body.Message).toContain(UNKNOWN);
    expect((await fake.get(`/api/automatedtestrun/${AUTO_RUN}/testdata`)).status).toBe(200);
    expect((await fake.get(`/api/automatedtestrun/${UNKNOWN}/testdata`)).status).toBe(404);
  });

  it('narrows a remote field\'s documented values by query, for a link that exists', async () => {
    const fake = await makeTestFake({ auth: false });
    const link = '6c6599a6-f39b-472c-873e-01040adb40ee';
    const all = await fake.get(`/api/externalsystemlink/${link}/field/priority`);
    expect(all.body.Total).toBe(all.body.Items.length);
    const med = await fake.get(`/api/externalsystemlink/${link}/field/priority?query=MED`);
    expect(med.body).toMatchObject({ Total: 1, Items: [{ Text: 'Medium' }] });
    const exact = await fake.get(`/api/externalsystemlink/${link}/field/priority?query=Highest,Medium&valuesqry=true`);
    expect(exact.body.Items.map((v: { Text: string }) => v.Text)).toEqual(['Highest', 'Medium']);
    expect((await fake.get(`/api/externalsystemlink/${UNKNOWN}/field/priority`)).status).toBe(404);
  });
});
