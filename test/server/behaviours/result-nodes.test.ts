// Walking an automated test run's result tree: root nodes, children, the empty GUID as the root, statuses.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

const RUN = '652062cd-215a-43e7-8b02-2b7a827896b8';
const SUITE = 'c8c76a9b-62d6-45b5-8ed5-ec78fff82c53';
const EMPTY = '00000000-0000-0000-0000-000000000000';
const names = (nodes: { Name: string }[]) => nodes.map((n) => n.Name);

describe('result nodes', () => {
  it('lists only the root nodes of a run, also as the children of the empty GUID', async () => {
    const fake = await makeTestFake({ auth: false });
    const roots = await fake.get(`/api/automatedtestrun/${RUN}/nodes`);
    expect(roots.status).toBe(200);
    expect(roots.body.map((n: { Id: string }) => n.Id)).toEqual([SUITE]);
    expect(roots.body.every((n: { ParentId: unknown }) => n.ParentId === null)).toBe(true);
    expect((await fake.get(`/api/automatedtestrun/${RUN}/node/${EMPTY}/children`)).body).toEqual(roots.body);
  });

  it('lists children in the order the tests ran, filtered by statuses', async () => {
    const fake = await makeTestFake({ auth: false });
    const all = await fake.get(`/api/automatedtestrun/${RUN}/node/${SUITE}/children`);
    expect(names(all.body)).toEqual(['transferWithinDailyLimit', 'transferBetweenOwnAccounts', 'transferOverTenThousand', 'transferToClosedAccount']);
    const bad = await fake.get(`/api/automatedtestrun/${RUN}/node/${SUITE}/children?statuses=failed,skipped`);
    expect(names(bad.body)).toEqual(['transferOverTenThousand', 'transferToClosedAccount']);
    // A node that ran first is listed first.
    fake.engine.store.collection('ResultNode').insert({ Id: '6f1f0c55-3a55-4c1e-9d71-2f6f4f7f0a01', RunId: RUN, ParentId: SUITE, Name: 'aSetUpCheck', Status: 'Passed', StartedAt: '2026-03-03T01:59:59Z', HasChildren: false, HasAttachments: false, HasIncidents: false });
    expect(names((await fake.get(`/api/automatedtestrun/${RUN}/node/${SUITE}/children`)).body)[0]).toBe('aSetUpCheck');
    // Expanded children follow the same order.
    const expanded = await fake.get(`/api/automatedtestrun/${RUN}/nodes?$expand=Children`);
    expect(names(expanded.body[0].Children).slice(0, 2)).toEqual(['aSetUpCheck', 'transferWithinDailyLimit']);
  });

  it('400 for an outcome ET does not know, 404 for an unknown run or a node of another run', async () => {
    const fake = await makeTestFake({ auth: false });
    const broken = await fake.get(`/api/automatedtestrun/${RUN}/node/${SUITE}/children?statuses=Failed,Broken`);
    expect(broken.status).toBe(400);
    expect(broken.body.Message).toBe("'Broken' is not a result status.");
    expect((await fake.get('/api/automatedtestrun/0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c/nodes')).status).toBe(404);
    const otherRun = Array.from(fake.engine.store.collection('AutomatedTestRun').values()).find((r) => r.Id !== RUN)!;
    expect((await fake.get(`/api/automatedtestrun/${otherRun.Id}/node/${SUITE}/children`)).status).toBe(404);
  });
});
