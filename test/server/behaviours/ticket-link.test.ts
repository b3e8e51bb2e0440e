// Creating an incident from a remote ticket: 202 with a background task that makes the incident once.
import { describe, expect, it } from 'vitest';
import { ONLINE_BANKING, makeTestFake } from '../../helpers/test-fake.ts';
import type { TestFake } from '../../helpers/fake.ts';
import { taskEntity } from '../../../src/server/engine/tasks.ts';

const JIRA_LINK = '6c6599a6-f39b-472c-873e-01040adb40ee';

async function finished(fake: TestFake, self: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const task = await fake.get(self);
    expect(task.status).toBe(200);
    if (task.body.Complete) return task.body;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the task never completed');
}

const incidentsFrom = (fake: TestFake, key: string) =>
  Array.from(fake.engine.store.collection('Incident').values()).filter((i) => i.ExternalKeys === key);

describe('incident from a remote ticket', () => {
  it('starts a task (no body needed) that creates the incident in the link\'s project', async () => {
    const fake = await makeTestFake();
    const before = fake.engine.store.collection('Incident').size;
    const started = await fake.request('POST', `/api/externalsystemlink/${JIRA_LINK}/ticket/OB-150/link`);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ Complete: false, TotalElements: 1, ProcessedElements: 0, Message: 'Creating an incident from OB-150.' });
    expect(started.body.Id).toMatch(/^createincident-/);
    expect(started.headers.get('location')).toBe(started.body.Self);

    const done = await finished(fake, started.body.Self);
    expect(done).toMatchObject({ Complete: true, Error: null, ProcessedElements: 1 });
    expect(fake.engine.store.collection('Incident').size).toBe(before + 1);
    const [made] = incidentsFrom(fake, 'OB-150');
    // The summary comes from the documented ticket search.
    expect(made).toMatchObject({ ProjectId: ONLINE_BANKING, Summary: 'Statement PDF shows wrong closing balance', ExternalSystemLinkIds: [JIRA_LINK] });
    const shown = await fake.get(`/api/incident/${made!.Id}`);
    expect(shown.status).toBe(200);
    expect(done.Message).toBe(`Incident ${String(made!.IncidentNumber)} is linked to OB-150.`);

    // Linking the same ticket again makes no second incident.
    const again = await fake.request('POST', `/api/externalsystemlink/${JIRA_LINK}/ticket/OB-150/link`);
    await finished(fake, again.body.Self);
    expect(incidentsFrom(fake, 'OB-150')).toHaveLength(1);
  });

  it('makes an incident for a ticket the documentation does not show, named after its key', async () => {
    const fake = await makeTestFake({ auth: false });
    const started = await fake.request('POST', `/api/externalsystemlink/${JIRA_LINK}/ticket/OB-999/link`);
    await finished(fake, started.body.Self);
    expect(incidentsFrom(fake, 'OB-999')).toEqual([expect.objectContaining({ Summary: 'Ticket OB-999', ProjectId: ONLINE_BANKING })]);
  });

  it('refuses an unknown link with 403 and a Message, starting nothing', async () => {
    const fake = await makeTestFake({ auth: false });
    await fake.request('POST', `/api/externalsystemlink/${JIRA_LINK}/ticket/OB-150/link`);
    const tasks = fake.engine.store.collection(taskEntity(fake.engine)).size;
    const refused = await fake.request('POST', '/api/externalsystemlink/0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c/ticket/OB-150/link');
    expect(refused.status).toBe(403);
    expect(refused.body.Message).toMatch(/external system link/);
    expect(tasks).toBeGreaterThan(0);
    expect(fake.engine.store.collection(taskEntity(fake.engine)).size).toBe(tasks);
  });

  it('shows the remote tickets of a project\'s defect tracker links, and the incident made from one', async () => {
    const fake = await makeTestFake({ auth: false });
    const search = await fake.get(`/api/project/${ONLINE_BANKING}/tickets?q=ob-1`);
    expect(search.body).toMatchObject({ Skip: 0, Top: 25, Total: 2 });
    expect(search.body.Items.map((t: { Key: string }) => t.Key)).toEqual(['OB-142', 'OB-150']);
    expect(search.body.Items[1].IncidentId).toBeNull();
    expect((await fake.get(`/api/project/${ONLINE_BANKING}/tickets?q=closing%20BALANCE`)).body.Items.map((t: { Key: string }) => t.Key)).toEqual(['OB-150']);

    const started = await fake.request('POST', `/api/externalsystemlink/${JIRA_LINK}/ticket/OB-150/link`);
    await finished(fake, started.body.Self);
    const [made] = incidentsFrom(fake, 'OB-150');
    const ticket = await fake.get(`/api/externalsystemlink/${JIRA_LINK}/ticket/OB-150?$expand=ExternalSystem`);
    expect(ticket.status).toBe(200);
    expect(ticket.body).toMatchObject({ Key: 'OB-150', IncidentId: made!.Id, ExternalSystem: { Id: JIRA_LINK } });
    // By the remote id too.
    expect((await fake.get(`/api/externalsystemlink/${JIRA_LINK}/ticket/10150`)).body.Key).toBe('OB-150');
    expect((await fake.get(`/api/project/${ONLINE_BANKING}/tickets?q=OB-150`)).body.Items[0].IncidentId).toBe(made!.Id);
  });

  it('404 for an unknown link or ticket, and no tickets for a project without a defect tracker link', async () => {
    const fake = await makeTestFake({ auth: false });
    expect((await fake.get('/api/externalsystemlink/0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c/ticket/OB-142')).status).toBe(404);
    const unknown = await fake.get(`/api/externalsystemlink/${JIRA_LINK}/ticket/OB-4040`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.Message).toContain('OB-4040');
    const projects = Array.from(fake.engine.store.collection('Project').values());
    const links = Array.from(fake.engine.store.collection('ExternalSystemLink').values());
    const without = projects.find((p) => !links.some((l) => l.ProjectId === p.Id && l.Type === 'DefectTracker'))!;
    expect((await fake.get(`/api/project/${without.Id}/tickets`)).body).toMatchObject({ Total: 0, Items: [] });
  });
});
