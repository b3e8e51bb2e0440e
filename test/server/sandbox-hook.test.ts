// Engine.withStore: the hook sandboxes use to run requests against another store.
import { describe, expect, it } from 'vitest';
import { makeTestFake, ONLINE_BANKING } from '../helpers/test-fake.ts';

describe('engine.withStore', () => {
  it('runs requests against the given store, leaving the fake\'s own untouched', async () => {
    const fake = await makeTestFake({ auth: false });
    const sandbox = fake.store.fork();
    const created = await fake.engine.withStore(sandbox, () => fake.post('/api/scriptpackages', { Name: 'Only in the sandbox', ProjectId: ONLINE_BANKING }));
    expect(created.status).toBe(201);
    expect(sandbox.collection('ScriptPackage').get(created.body.Id)).toBeDefined();
    expect(fake.store.collection('ScriptPackage').get(created.body.Id)).toBeUndefined();
    expect((await fake.get(`/api/scriptpackage/${created.body.Id}`)).status).toBe(404);
    const inside = await fake.engine.withStore(sandbox, () => fake.get(`/api/scriptpackage/${created.body.Id}?$expand=Project`));
    expect(inside.status).toBe(200);
    expect(inside.body.Project.Id).toBe(ONLINE_BANKING);
  });
});
