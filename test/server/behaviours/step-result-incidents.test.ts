// Linking incidents to step results: 201 for a new link, 200 with the existing one, 404 for an unknown
// incident, listing, reading and removing a link, and HasIncidents following along.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

const TRANSFER_INCIDENT = '0915be4f-e1d8-4cfa-a2ce-b2a364960884';

describe('step result incidents', () => {
  it('links an incident once, lists it, reads it and removes it', async () => {
    const fake = await makeTestFake({ auth: false });
    const step = Array.from(fake.store.collection('StepResult').values()).find((s) => !s.HasIncidents)!;
    const created = await fake.post(`/api/stepresult/${step.Id}/incidents`, { IncidentId: TRANSFER_INCIDENT });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ IncidentId: TRANSFER_INCIDENT, StepResultId: step.Id });
    expect(created.headers.get('location')).toBe(`http://localhost/api/stepresult/${step.Id}/incident/${TRANSFER_INCIDENT}`);
    expect(fake.store.collection('StepResult').get(step.Id)!.HasIncidents).toBe(true);
    const again = await fake.post(`/api/stepresult/${step.Id}/incidents`, { IncidentId: TRANSFER_INCIDENT });
    expect(again.status).toBe(200);
    const listed = await fake.get(`/api/stepresult/${step.Id}/incidents?$inlinecount=allpages`);
    expect(listed.body).toMatchObject({ Total: 1, Items: [{ IncidentId: TRANSFER_INCIDENT, StepResultId: step.Id }] });
    expect((await fake.get(`/api/stepresult/${step.Id}/incident/${TRANSFER_INCIDENT}`)).status).toBe(200);
    expect((await fake.del(`/api/stepresult/${step.Id}/incident/${TRANSFER_INCIDENT}`)).status).toBe(200);
    expect((await fake.get(`/api/stepresult/${step.Id}/incident/${TRANSFER_INCIDENT}`)).status).toBe(404);
    expect(fake.store.collection('StepResult').get(step.Id)!.HasIncidents).toBe(false);
  });

  it('answers 404 for an unknown incident or step result', async () => {
    const fake = await makeTestFake({ auth: false });
    const step = fake.store.collection('StepResult').values().next().value!;
    const unknown = await fake.post(`/api/stepresult/${step.Id}/incidents`, { IncidentId: '91bd391d-8661-4928-9cae-9c67e40695d7' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.Message).toBe('The incident does not exist.');
    expect((await fake.get('/api/stepresult/00000000-0000-4000-8000-000000000000/incidents')).status).toBe(404);
  });

  it('starts from the documented links', async () => {
    const fake = await makeTestFake({ auth: false });
    const linked = fake.store.collection('StepRunResultIncident').values().next().value!;
    const res = await fake.get(`/api/stepresult/${linked.StepResultId}/incidents`);
    expect(res.body.Items).toContainEqual({ IncidentId: linked.IncidentId, StepResultId: linked.StepResultId });
  });
});
