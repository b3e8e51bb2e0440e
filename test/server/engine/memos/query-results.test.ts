// Kept query selections (src/server/engine/memos/query-results.ts): the pages of one TQL or OData query come from one
// selection, which never outlives a write and is never another caller's.
import { describe, expect, it } from 'vitest';
import { makeTestFake, MOBILE_WALLET, ONLINE_BANKING } from '../../../helpers/test-fake.ts';
import { makeUser, send } from '../../../helpers/security-fake.ts';

const tql = (q: string) => encodeURIComponent(q);

describe('kept query selections', () => {
  it('pages through a sorted TQL result as one ordering, past the first 1,024, and a write shows on the next page', async () => {
    const fake = await makeTestFake();
    const names = Array.from({ length: 1100 }, (_, i) => `Memo ${String(i).padStart(4, '0')}`);
    for (const Name of names) expect((await fake.post('/api/scriptpackages', { Name, ProjectId: MOBILE_WALLET })).status).toBe(201);
    const query = `/api/scriptpackages?tql=${tql("Name ~ 'Memo' ORDER BY Name DESC")}`;
    const seen: string[] = [];
    for (let skip = 0; skip < 1100; skip += 100) {
      const page = await fake.get(`${query}&$top=100&$skip=${skip}`);
      expect(page.body.Total).toBe(1100);
      seen.push(...page.body.Items.map((p: { Name: string }) => p.Name));
    }
    expect(seen).toEqual([...names].reverse());
    // A new package sorts first: the kept selection is gone with the write.
    expect((await fake.post('/api/scriptpackages', { Name: 'Memo 9999', ProjectId: MOBILE_WALLET })).status).toBe(201);
    const after = await fake.get(`${query}&$top=2&$skip=0`);
    expect(after.body.Total).toBe(1101);
    expect(after.body.Items.map((p: { Name: string }) => p.Name)).toEqual(['Memo 9999', 'Memo 1099']);
  });

  it('selects for each caller what that caller may see, and OData pages the same way', async () => {
    const fake = await makeTestFake();
    const viewer = await makeUser(fake, 'query-viewer', { projects: { [MOBILE_WALLET]: ['TestManagement/View'] } });
    const query = `/api/scriptpackages?tql=${tql('ORDER BY Name')}&$top=100`;
    const all = await send(fake, 'GET', query);
    const mine = await send(fake, 'GET', query, { auth: viewer.auth });
    expect(mine.status).toBe(200);
    expect(mine.body.Total).toBeLessThan(all.body.Total);
    expect(mine.body.Items.every((p: { ProjectId: string }) => p.ProjectId === MOBILE_WALLET)).toBe(true);
    expect((await send(fake, 'GET', query)).body.Total).toBe(all.body.Total);
    expect(all.body.Items.some((p: { ProjectId: string }) => p.ProjectId === ONLINE_BANKING)).toBe(true);
    const odata = '/api/projects?$orderby=Name desc';
    const first = await fake.get(`${odata}&$top=1`);
    const second = await fake.get(`${odata}&$top=1&$skip=1`);
    const both = await fake.get(`${odata}&$top=2`);
    expect([first.body.Items[0].Id, second.body.Items[0].Id]).toEqual(both.body.Items.map((p: { Id: string }) => p.Id));
  });
});
