// GET /api/permissions answers the permission tree: five top-level permissions, the rest nested by Key.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

interface Node {
  Key: string;
  Children: Node[];
}
const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.Children)]);

describe('permission tree', () => {
  it('lists the five top-level permissions with everything else below them, by Key', async () => {
    const fake = await makeTestFake({ auth: false });
    const tree = await fake.get('/api/permissions');
    expect(tree.status).toBe(200);
    expect(tree.body.Items.map((n: Node) => n.Key)).toEqual(['/Administration', '/Resources', '/Reports', '/Project', '/TestManagement']);
    const all = flatten(tree.body.Items);
    // Every stored permission appears exactly once.
    expect(all).toHaveLength(fake.engine.store.collection('Permission').size);
    expect(new Set(all.map((n) => n.Key)).size).toBe(all.length);
    for (const node of all) for (const child of node.Children) expect(child.Key.startsWith(node.Key + '/')).toBe(true);
    const tm = tree.body.Items[4] as Node;
    const scripts = tm.Children.find((n) => n.Key === '/TestManagement/ManageScripts')!;
    expect(scripts.Children.map((n) => n.Key)).toEqual(['View', 'Edit', 'Delete'].map((k) => `/TestManagement/ManageScripts/${k}`));
    // The same as ET's documented tree.
    const documented = fake.engine.operations.find((o) => o.path === '/api/permissions' && o.method === 'GET')!.exampleBodies.get(200);
    expect(tree.body).toEqual(documented);
  });

  it('puts the permissions a $filter matches at the top, each with its subtree', async () => {
    const fake = await makeTestFake({ auth: false });
    const reports = await fake.get(`/api/permissions?$filter=${encodeURIComponent("Key eq '/Reports'")}`);
    expect(reports.body.Items).toEqual([expect.objectContaining({ Key: '/Reports', Name: 'Reports', Children: [] })]);
    const incidents = await fake.get(`/api/permissions?$filter=${encodeURIComponent("Key eq '/TestManagement/ManageIncidents'")}&$inlinecount=allpages`);
    expect(incidents.body).toMatchObject({ Total: 1, Items: [{ Key: '/TestManagement/ManageIncidents' }] });
    expect(incidents.body.Items[0].Children.map((n: Node) => n.Key)).toEqual(['View', 'Edit', 'Delete'].map((k) => `/TestManagement/ManageIncidents/${k}`));
  });

  it('shows one permission with its subtree, and 404 for an unknown one', async () => {
    const fake = await makeTestFake({ auth: false });
    const tree = (await fake.get('/api/permissions')).body.Items as (Node & { Id: string })[];
    const executions = flatten(tree).find((n) => n.Key === '/TestManagement/ManageExecutions') as Node & { Id: string };
    const one = await fake.get(`/api/permission/${executions.Id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(executions);
    expect(one.body.Children).toHaveLength(6);
    const unknown = await fake.get('/api/permission/0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c');
    expect(unknown.status).toBe(404);
    expect(typeof unknown.body.Message).toBe('string');
  });
});
