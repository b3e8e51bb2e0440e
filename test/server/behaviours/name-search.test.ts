// Partial-name searches (pickers): by part of a name, by a list of exact values, as a form POST; every
// answer is checked against the spec by the test fake.
import { describe, expect, it } from 'vitest';
import { JOEB_ID, MOBILE_WALLET, ONLINE_BANKING, makeTestFake } from '../../helpers/test-fake.ts';
import type { Reply, TestFake } from '../../helpers/fake.ts';

const ORG = '06e3f216-7665-4252-9ad1-8f3c56999fa0';
const JANED = 'e657bb3f-bad5-4eab-a1b5-9b7375135bb3';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

const postForm = (fake: TestFake, path: string, fields: Record<string, string>): Promise<Reply> =>
  fake.request('POST', path, { raw: new URLSearchParams(fields).toString(), headers: FORM });
const names = (reply: Reply, field = 'Name') => reply.body.Items.map((i: Record<string, unknown>) => i[field]);

describe('partial-name searches', () => {
  it('finds users by part of their user name, first or last name, case-insensitively', async () => {
    const fake = await makeTestFake({ auth: false });
    const jo = await fake.get('/api/userssearch?query=jo');
    expect(jo.status).toBe(200);
    expect(jo.body).toMatchObject({ Skip: 0, Top: 25, Total: 1 });
    expect(names(jo, 'UserName')).toEqual(['joeb']);
    expect(names(await fake.get('/api/userssearch?query=DOE'), 'UserName')).toEqual(['janed']);
    // First and last name together, as a picker shows them.
    expect(names(await fake.get('/api/userssearch?query=jane%20d'), 'UserName')).toEqual(['janed']);
    expect((await fake.get('/api/userssearch?query=nobody-has-this')).body).toMatchObject({ Total: 0, Items: [] });
  });

  it('resolves a list of exact values from a form POST, in the order asked', async () => {
    const fake = await makeTestFake({ auth: false });
    const users = await postForm(fake, '/api/userssearch', { query: 'vera,janed', valuesqry: 'true' });
    expect(users.status).toBe(200);
    expect(names(users, 'UserName')).toEqual(['vera', 'janed']);
    // Ids work too, and "|" separates as well as ",".
    const byId = await postForm(fake, '/api/userssearch', { query: `${JOEB_ID}|${JANED}`, valuesqry: 'true' });
    expect(names(byId, 'Id')).toEqual([JOEB_ID, JANED]);
    // valuesqry matches whole values only.
    expect((await fake.get('/api/userssearch?query=jane&valuesqry=true')).body.Total).toBe(0);
  });

  it('finds groups and projects by name (GET and form POST)', async () => {
    const fake = await makeTestFake({ auth: false });
    expect(names(await fake.get('/api/groupssearch?query=test'))).toEqual(['Testers']);
    expect(names(await postForm(fake, '/api/groupssearch', { query: 'Testers,Read Only', valuesqry: 'true' }))).toEqual(['Testers', 'Read Only']);
    const bank = await fake.get('/api/projectssearch?query=BANK');
    // The project search answers only Items, as ET's page shows.
    expect(bank.body).toEqual({ Items: [expect.objectContaining({ Id: ONLINE_BANKING, Name: 'Online Banking' })], Self: expect.stringContaining('/api/projectssearch') });
    const posted = await postForm(fake, '/api/projectssearch', { query: 'Online Banking,Mobile Wallet', valuesqry: 'true' });
    expect(names(posted, 'Id')).toEqual([ONLINE_BANKING, MOBILE_WALLET]);
  });

  it('finds a project\'s pick list values by text, in sort order', async () => {
    const fake = await makeTestFake({ auth: false });
    const all = await fake.get(`/api/project/${ONLINE_BANKING}/picklist/Priorities`);
    const withI = all.body.Items.filter((p: { Text: string }) => p.Text.toLowerCase().includes('i'));
    expect(withI.length).toBeGreaterThan(0);
    const found = await fake.get(`/api/project/${ONLINE_BANKING}/picklistsearch/Priorities?query=i`);
    expect(found.status).toBe(200);
    expect(names(found, 'Text')).toEqual(withI.sort((a: { SortOrder: number }, b: { SortOrder: number }) => a.SortOrder - b.SortOrder).map((p: { Text: string }) => p.Text));
    expect(found.body.Items.every((p: { Type: string; ProjectId: string }) => p.Type === 'Priorities' && p.ProjectId === ONLINE_BANKING)).toBe(true);
    const exact = await fake.get(`/api/project/${ONLINE_BANKING}/picklistsearch/Components?query=Transfers|Login&valuesqry=true`);
    expect(names(exact, 'Text')).toEqual(['Login', 'Transfers']);
    expect(names(await postForm(fake, `/api/project/${MOBILE_WALLET}/picklistsearch/TestTypes`, { query: 'reg' }), 'Text')).toEqual(['Regression']);
    expect((await fake.get('/api/project/c6a1f0de-2b7e-4c55-9a33-7f1e2d4b8c90/picklistsearch/Priorities?query=i')).status).toBe(404);
  });

  it('finds the organisation\'s pick list values, not a project\'s', async () => {
    const fake = await makeTestFake({ auth: false });
    const ap = await fake.get(`/api/organisation/${ORG}/picklistsearch/Statuses?query=ap`);
    expect(ap.status).toBe(200);
    expect(ap.body).toMatchObject({ Skip: 0, Top: 25, Total: 1, Items: [{ Text: 'Approved', OrganisationId: ORG, ProjectId: null }] });
    const posted = await postForm(fake, `/api/organisation/${ORG}/picklistsearch/Priorities`, { query: 'High,Low', valuesqry: 'true' });
    expect(names(posted, 'Text')).toEqual(['Low', 'High']);
    expect(posted.body.Items.every((p: { OrganisationId: string }) => p.OrganisationId === ORG)).toBe(true);
  });

  it('lists a project\'s assignees by name, and 404 for an unknown project', async () => {
    const fake = await makeTestFake({ auth: false });
    const j = await fake.get(`/api/project/${ONLINE_BANKING}/assignees?query=j`);
    expect(j.body).toMatchObject({ Total: 2 });
    expect(names(j, 'UserName')).toEqual(['janed', 'joeb']);
    // A disabled user is no assignee.
    fake.engine.store.collection('User').update(JOEB_ID, { Enabled: false });
    expect(names(await fake.get(`/api/project/${ONLINE_BANKING}/assignees?query=j`), 'UserName')).toEqual(['janed']);
    expect((await fake.get('/api/project/c6a1f0de-2b7e-4c55-9a33-7f1e2d4b8c90/assignees')).status).toBe(404);
  });

  it('finds a project\'s external system links by name', async () => {
    const fake = await makeTestFake({ auth: false });
    const bug = await fake.get(`/api/project/${ONLINE_BANKING}/searchlinks?query=BUG`);
    expect(names(bug)).toEqual(['Online Banking bugs (OB)']);
    expect(names(await postForm(fake, `/api/project/${ONLINE_BANKING}/searchlinks`, { query: 'Banking use cases', valuesqry: 'true' }))).toEqual(['Banking use cases']);
  });

  it('sees records made after start-up', async () => {
    const fake = await makeTestFake({ auth: false });
    const made = await fake.post('/api/groups', { Name: 'Release Managers', Description: 'Sign releases off.' });
    expect(made.status).toBeLessThan(300);
    expect(names(await fake.get('/api/groupssearch?query=release'))).toEqual(['Release Managers']);
  });
});
