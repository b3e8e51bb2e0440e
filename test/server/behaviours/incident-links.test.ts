// Incidents linked to agile-run steps and to automated test result nodes: links without an Id of their own,
// addressed by run, step or node, and incident.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

const AGILE_RUN = '814a6948-bb12-4ff0-b306-d6dab1ccfd46';
const LINKED_STEP = '4db2d2a8-ff4e-4cf3-bc1a-8ef476f72772';
const OTHER_STEP = '8ebb74c8-78e6-40a9-815a-42b5e8f17c18';
const TRANSFER_INCIDENT = '0915be4f-e1d8-4cfa-a2ce-b2a364960884';
const WALLET_INCIDENT = '27d511b7-7106-46d8-b6cf-94b1d5972902';
const AUTO_RUN = '652062cd-215a-43e7-8b02-2b7a827896b8';
const FAILED_NODE = '45fe982f-e551-448d-9468-da3fb6973dca';
const PARENT_NODE = 'c8c76a9b-62d6-45b5-8ed5-ec78fff82c53';
const UNKNOWN = '0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c';

describe('incidents of agile-run steps', () => {
  it('lists the documented link and reads it by incident', async () => {
    const fake = await makeTestFake({ auth: false });
    const list = await fake.get(`/api/agilerun/${AGILE_RUN}/step/${LINKED_STEP}/incidents`);
    expect(list.body.Items).toEqual([expect.objectContaining({ RunId: AGILE_RUN, StepId: LINKED_STEP, IncidentId: TRANSFER_INCIDENT })]);
    expect(list.body.Items[0]).not.toHaveProperty('Id');
    const one = await fake.get(`/api/agilerun/${AGILE_RUN}/step/${LINKED_STEP}/incident/${TRANSFER_INCIDENT}`);
    expect(one.body.Self).toBe(`http://localhost/api/agilerun/${AGILE_RUN}/step/${LINKED_STEP}/incident/${TRANSFER_INCIDENT}`);
    expect((await fake.get(`/api/agilerun/${AGILE_RUN}/step/${OTHER_STEP}/incident/${TRANSFER_INCIDENT}`)).status).toBe(404);
  });

  it('links an incident (201), answers the link again with 200, marks the step and unlinks it', async () => {
    const fake = await makeTestFake({ auth: false });
    const base = `/api/agilerun/${AGILE_RUN}/step/${OTHER_STEP}`;
    const made = await fake.post(`${base}/incidents`, { IncidentId: WALLET_INCIDENT });
    expect(made.status).toBe(201);
    expect(made.headers.get('location')).toBe(made.body.Self);
    expect((await fake.post(`${base}/incidents`, { IncidentId: WALLET_INCIDENT })).status).toBe(200);
    expect((await fake.get(`${base}/incidents`)).body.Items).toHaveLength(1);
    const step = () => (fake.engine.store.collection('AgileRun').get(AGILE_RUN)!.Steps as { Id: string; HasIncidents: boolean }[]).find((s) => s.Id === OTHER_STEP)!;
    expect(step().HasIncidents).toBe(true);

    expect((await fake.del(`${base}/incident/${WALLET_INCIDENT}`)).status).toBe(200);
    expect((await fake.get(`${base}/incidents`)).body.Items).toEqual([]);
    expect(step().HasIncidents).toBe(false);
    expect((await fake.del(`${base}/incident/${WALLET_INCIDENT}`)).status).toBe(404);
  });

  it('404 for an unknown run, step or incident; a refusal without IncidentId; nothing written', async () => {
    const fake = await makeTestFake({ auth: false });
    expect((await fake.get(`/api/agilerun/${UNKNOWN}/step/${LINKED_STEP}/incidents`)).status).toBe(404);
    const before = fake.engine.store.collection('AgileRunStepIncident').size;
    expect(before).toBeGreaterThan(0);
    expect((await fake.get(`/api/agilerun/${AGILE_RUN}/step/${UNKNOWN}/incidents`)).status).toBe(404);
    const noIncident = await fake.post(`/api/agilerun/${AGILE_RUN}/step/${OTHER_STEP}/incidents`, { IncidentId: UNKNOWN });
    expect(noIncident.status).toBe(404);
    expect(noIncident.body.Message).toContain(UNKNOWN);
    // The body fails its model (ET's 403 for validation failures).
    const empty = await fake.post(`/api/agilerun/${AGILE_RUN}/step/${OTHER_STEP}/incidents`, {});
    expect(empty.status).toBe(403);
    expect(empty.body.Message).toMatch(/IncidentId/);
    expect(fake.engine.store.collection('AgileRunStepIncident').size).toBe(before);
  });
});

describe('incidents of automated test result nodes', () => {
  it('reads the documented link with expansions', async () => {
    const fake = await makeTestFake({ auth: false });
    const one = await fake.get(`/api/automatedtestrun/${AUTO_RUN}/node/${FAILED_NODE}/incident/${TRANSFER_INCIDENT}?$expand=Node,Incident`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ RunId: AUTO_RUN, NodeId: FAILED_NODE, Node: { Id: FAILED_NODE }, Incident: { Id: TRANSFER_INCIDENT }, Expands: ['Run'] });
  });

  it('links a node to an incident, keeps HasIncidents in line, and refuses a node of another run', async () => {
    const fake = await makeTestFake({ auth: false });
    const base = `/api/automatedtestrun/${AUTO_RUN}/node/${PARENT_NODE}`;
    const node = () => fake.engine.store.collection('ResultNode').get(PARENT_NODE)!;
    const made = await fake.post(`${base}/incidents`, { IncidentId: WALLET_INCIDENT });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ RunId: AUTO_RUN, NodeId: PARENT_NODE, IncidentId: WALLET_INCIDENT });
    expect(node().HasIncidents).toBe(true);
    expect((await fake.del(`${base}/incident/${WALLET_INCIDENT}`)).status).toBe(200);
    expect(node().HasIncidents).toBe(false);
    // ET documents 400 for a node link without IncidentId.
    const empty = await fake.post(`${base}/incidents`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.Message).toBe('IncidentId is required.');
    const otherRun = Array.from(fake.engine.store.collection('AutomatedTestRun').values()).find((r) => r.Id !== AUTO_RUN)!;
    expect((await fake.get(`/api/automatedtestrun/${otherRun.Id}/node/${FAILED_NODE}/incidents`)).status).toBe(404);
  });

  it('comes back after a reset', async () => {
    const fake = await makeTestFake({ auth: false });
    expect((await fake.del(`/api/automatedtestrun/${AUTO_RUN}/node/${FAILED_NODE}/incident/${TRANSFER_INCIDENT}`)).status).toBe(200);
    expect((await fake.get(`/api/automatedtestrun/${AUTO_RUN}/node/${FAILED_NODE}/incidents`)).body.Items).toEqual([]);
    fake.reset();
    expect((await fake.get(`/api/automatedtestrun/${AUTO_RUN}/node/${FAILED_NODE}/incidents`)).body.Items).toHaveLength(1);
  });
});
