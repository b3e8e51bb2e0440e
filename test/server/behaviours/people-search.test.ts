// The people pickers: assignee candidates and the user-and-group search, by text, by ids, and as a form POST.
import { describe, expect, it } from 'vitest';
import { ADMIN_ID, JOEB_ID, makeTestFake } from '../../helpers/test-fake.ts';

const JANED = 'e657bb3f-bad5-4eab-a1b5-9b7375135bb3';
const TESTERS = '45c40093-44e6-4021-aa7d-5547805e5f5e';

describe('people search', () => {
  it('offers users, groups and "Me" as assignees by any part of their names', async () => {
    const fake = await makeTestFake({ auth: false });
    const j = await fake.get('/api/assignedtosearch?query=j');
    expect(j.body.Items.map((c: { Id: string }) => c.Id).sort()).toEqual([JANED, JOEB_ID].sort());
    expect(j.body.Items.find((c: { Id: string }) => c.Id === JOEB_ID)).toEqual({ CssClass: 'assignee-user', GlobalId: `user:${JOEB_ID}`, Id: JOEB_ID, Name: 'Joe Bloggs (joeb)', Type: 'User' });
    const test = await fake.get('/api/assignedtosearch?query=test');
    expect(test.body.Items).toEqual([{ CssClass: 'assignee-group', GlobalId: `group:${TESTERS}`, Id: TESTERS, Name: 'Testers', Type: 'Group' }]);
    const byIds = await fake.get(`/api/assignedtosearch?valuesqry=true&query=${JANED}|${JOEB_ID}`);
    expect(byIds.status, JSON.stringify(byIds.body)).toBe(200);
    expect(byIds.body.Items).toHaveLength(2);
  });

  it('finds users and groups by display name, also from a form POST', async () => {
    const fake = await makeTestFake({ auth: false });
    const re = await fake.get('/api/usergroupsearch?query=read');
    expect(re.body).toMatchObject({ Skip: 0, Top: 25, Total: 1, Items: [{ DisplayName: 'Read Only' }] });
    const posted = await fake.request('POST', '/api/usergroupsearch', {
      raw: new URLSearchParams({ valuesqry: 'true', query: `${ADMIN_ID}|${TESTERS}` }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.body.Items.map((c: { Id: string }) => c.Id).sort()).toEqual([ADMIN_ID, TESTERS].sort());
  });
});
