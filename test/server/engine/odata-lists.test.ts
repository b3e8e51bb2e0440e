// Lists a behaviour works out itself take $filter and $orderby as ET's OData collections do: a group's users,
// a user's groups, relationship types; an unknown property is refused with a Message.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

const GROUP = '45c40093-44e6-4021-aa7d-5547805e5f5e';
const names = (body: { Items: { UserName?: string; Name?: string }[] }) => body.Items.map((i) => i.UserName ?? i.Name);

describe('OData over computed lists', () => {
  it("filters and sorts a group's users", async () => {
    const fake = await makeTestFake({ auth: false });
    const all = await fake.get(`/api/group/${GROUP}/users`);
    expect(all.body.Items.length).toBeGreaterThan(1);
    const one = all.body.Items[0].UserName as string;
    const filtered = await fake.get(`/api/group/${GROUP}/users?$filter=${encodeURIComponent(`UserName eq '${one}'`)}`);
    expect(filtered.status).toBe(200);
    expect(names(filtered.body)).toEqual([one]);
    const asc = names((await fake.get(`/api/group/${GROUP}/users?$orderby=UserName`)).body);
    const desc = names((await fake.get(`/api/group/${GROUP}/users?$orderby=${encodeURIComponent('UserName desc')}`)).body);
    expect(asc).toEqual([...asc].sort());
    expect(desc).toEqual([...asc].reverse());
  });

  it("filters a user's groups and refuses an unknown property", async () => {
    const fake = await makeTestFake({ auth: false });
    const member = (await fake.get(`/api/group/${GROUP}/users`)).body.Items[0].Id as string;
    const groups = await fake.get(`/api/user/${member}/groups?$filter=${encodeURIComponent("Name eq 'No such group'")}`);
    expect(groups.status).toBe(200);
    expect(groups.body.Items).toEqual([]);
    const bad = await fake.get(`/api/user/${member}/groups?$filter=${encodeURIComponent('Zzz eq 1')}`);
    expect(bad.status).toBe(403);
    expect(bad.body.Message).toMatch(/Zzz/);
  });

  it('refuses an unknown property on relationship types', async () => {
    const fake = await makeTestFake({ auth: false });
    const bad = await fake.get(`/api/relationshiptypes?$filter=${encodeURIComponent('Zzz eq 1')}`);
    expect(bad.status).toBe(403);
    expect(bad.body.Message).toMatch(/Zzz/);
    const sorted = await fake.get(`/api/relationshiptypes?$orderby=${encodeURIComponent('Key desc')}`);
    const keys = sorted.body.Items.map((t: { Key: string }) => t.Key);
    expect(keys.length).toBeGreaterThan(1);
    expect(keys).toEqual([...keys].sort((a: string, b: string) => b.localeCompare(a, 'en', { sensitivity: 'base' })));
  });
});
