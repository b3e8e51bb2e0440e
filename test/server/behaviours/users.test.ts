// Users: creation keeps the password apart (never serialised) and links GlobalPermissions; permission
// assignments are replaced with PUT and read back with GET, globally and per project.
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../../src/server/accounts/credentials.ts';
import { hasPermission } from '../../../src/server/accounts/grants.ts';
import { ADMIN_ID, JOEB_ID, makeTestFake, ONLINE_BANKING } from '../../helpers/test-fake.ts';

describe('users', () => {
  it('creates a user with a password that no response shows, and a GlobalPermissions link', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.post('/api/users', { UserName: 'kate', FirstName: 'Kate', LastName: 'Tester', Email: 'kate@example.com', Password: 'Secret-123' });
    expect([200, 201]).toContain(res.status);
    expect(res.body).toMatchObject({ UserName: 'kate', Enabled: true });
    expect(JSON.stringify(res.body)).not.toContain('Secret-123');
    expect(res.body.Links).toContainEqual({ Href: `http://localhost/api/user/${res.body.Id}/permissions/global`, Rel: 'GlobalPermissions' });
    expect(checkPassword(fake.store, 'KATE', 'Secret-123')?.Id).toBe(res.body.Id);
    expect(checkPassword(fake.store, 'kate', 'wrong')).toBeUndefined();
    const listed = await fake.get('/api/users?$top=500');
    expect(JSON.stringify(listed.body)).not.toContain('Secret-123');
    expect(JSON.stringify(listed.body)).not.toContain('Password');
  });

  it('refuses a user without a UserName or with one that is taken', async () => {
    const fake = await makeTestFake({ auth: false });
    expect((await fake.post('/api/users', { FirstName: 'Nobody' })).status).toBe(403);
    const dup = await fake.post('/api/users', { UserName: 'administrator' });
    expect(dup.status).toBe(403);
    expect(dup.body.Message).toContain('administrator');
  });

  it('changes a password, refusing a weak one', async () => {
    const fake = await makeTestFake({ auth: false });
    expect((await fake.put(`/api/user/${ADMIN_ID}/password`, { Password: 'abc' })).status).toBe(403);
    expect(checkPassword(fake.store, 'Administrator', 'password')).toBeDefined();
    expect((await fake.put(`/api/user/${ADMIN_ID}/password`, { Password: 'Blue-Kettle-42' })).status).toBe(200);
    expect(checkPassword(fake.store, 'Administrator', 'Blue-Kettle-42')).toBeDefined();
    expect(checkPassword(fake.store, 'Administrator', 'password')).toBeUndefined();
  });

  it('replaces and reads global permission assignments', async () => {
    const fake = await makeTestFake({ auth: false });
    const user = (await fake.post('/api/users', { UserName: 'pat', Password: 'Secret-123' })).body;
    expect((await fake.get(`/api/user/${user.Id}/permissions/global`)).body).toEqual([]);
    const put = await fake.put(`/api/user/${user.Id}/permissions/global`, [{ Key: '/TestManagement/View' }, { Key: 'Reports' }]);
    expect(put.status).toBe(200);
    expect(put.body.map((p: { Key: string }) => p.Key)).toEqual(['/TestManagement/View', '/Reports']);
    const perm = fake.store.collection('Permission').where('Key', '/TestManagement/View')[0]!;
    expect(put.body[0]).toEqual({ Id: perm.Id, Key: '/TestManagement/View', Links: [{ Href: `http://localhost/api/permission/${perm.Id}`, Rel: 'Permission' }] });
    expect((await fake.get(`/api/user/${user.Id}/permissions/global`)).body).toEqual(put.body);
    const stored = fake.store.collection('User').get(user.Id)!;
    expect(hasPermission(fake.store, stored, ['TestManagement/View'])).toBe(true);
    expect(hasPermission(fake.store, stored, ['TestManagement/ManageScripts/Edit'])).toBe(false);

    const bad = await fake.put(`/api/user/${user.Id}/permissions/global`, [{ Key: '/No/Such/Key' }]);
    expect(bad.status).toBe(403);
    expect((await fake.get(`/api/user/${user.Id}/permissions/global`)).body).toEqual(put.body);
  });

  it('keeps project permissions apart from global ones', async () => {
    const fake = await makeTestFake({ auth: false });
    const user = (await fake.post('/api/users', { UserName: 'lee', Password: 'Secret-123' })).body;
    const put = await fake.put(`/api/user/${user.Id}/permissions/project/${ONLINE_BANKING}`, [{ Key: '/TestManagement' }]);
    expect(put.status).toBe(200);
    expect((await fake.get(`/api/user/${user.Id}/permissions/global`)).body).toEqual([]);
    expect((await fake.get(`/api/user/${user.Id}/permissions/project/${ONLINE_BANKING}`)).body.map((p: { Key: string }) => p.Key)).toEqual(['/TestManagement']);
    const stored = fake.store.collection('User').get(user.Id)!;
    expect(hasPermission(fake.store, stored, ['TestManagement/ManageScripts/Edit'], ONLINE_BANKING)).toBe(true);
    expect(hasPermission(fake.store, stored, ['TestManagement/ManageScripts/Edit'])).toBe(false);
  });

  it('answers 404 for the permissions of a missing user', async () => {
    const fake = await makeTestFake({ auth: false });
    expect((await fake.get('/api/user/00000000-0000-4000-8000-000000000000/permissions/global')).status).toBe(404);
  });

  it('clears a sub-collection with DELETE (a user\'s notifications) and leaves other users\' alone', async () => {
    const fake = await makeTestFake({ auth: false });
    const notes = fake.store.collection('NotificationMessage');
    const others = notes.size - notes.where('UserId', JOEB_ID).length;
    expect(notes.where('UserId', JOEB_ID).length).toBeGreaterThan(0);
    expect((await fake.del(`/api/user/${JOEB_ID}/notifications`)).status).toBe(200);
    expect(notes.where('UserId', JOEB_ID)).toEqual([]);
    expect(notes.size).toBe(others);
    const listed = await fake.get(`/api/user/${JOEB_ID}/notifications`);
    expect(listed.body.Items).toEqual([]);
  });

  it('gives the Administrator every permission', async () => {
    const fake = await makeTestFake({ auth: false });
    const admin = fake.store.collection('User').get(ADMIN_ID)!;
    for (const key of ['Administration/ManageUserAndGroupSecurity', 'TestManagement/ManageExecutions/Delete', 'Resources/Import', 'Reports', 'Project/EditProjectPickLists'])
      expect(hasPermission(fake.store, admin, [key])).toBe(true);
  });

  it('lists and replaces group memberships from either side, and permissions follow them', async () => {
    const fake = await makeTestFake({ auth: false });
    const TESTERS = '45c40093-44e6-4021-aa7d-5547805e5f5e';
    const READ_ONLY = 'cfe0137c-082b-4b02-9d2a-08026c87a463';
    const VERA = 'b8126696-2273-4478-94f7-c019cf1c6069';
    const MOBILE_WALLET = '4545fe95-e9c2-40e9-8f4a-3f000d14526f';
    const joebGroups = await fake.get(`/api/user/${JOEB_ID}/groups`);
    expect(joebGroups.body.Items.map((g: { Id: string }) => g.Id)).toEqual([TESTERS]);
    const vera = () => fake.store.collection('User').get(VERA)!;
    expect(hasPermission(fake.store, vera(), ['TestManagement/ManageScripts/Edit'], MOBILE_WALLET)).toBe(false);

    const put = await fake.put(`/api/user/${VERA}/groups`, { Items: [{ Id: READ_ONLY }, { Id: TESTERS }] });
    expect(put.status).toBe(200);
    expect(put.body.Items.map((g: { Id: string }) => g.Id).sort()).toEqual([READ_ONLY, TESTERS].sort());
    expect(hasPermission(fake.store, vera(), ['TestManagement/ManageScripts/Edit'], MOBILE_WALLET)).toBe(true);

    const users = await fake.put(`/api/group/${TESTERS}/users`, { Items: [{ UserName: 'joeb' }] });
    expect(users.status).toBe(200);
    expect(users.body.Items.map((u: { Id: string }) => u.Id)).toEqual([JOEB_ID]);
    expect((await fake.get(`/api/group/${TESTERS}/users`)).body.Items.map((u: { Id: string }) => u.Id)).toEqual([JOEB_ID]);
    expect(hasPermission(fake.store, vera(), ['TestManagement/ManageScripts/Edit'], MOBILE_WALLET)).toBe(false);
    expect((await fake.put(`/api/group/${TESTERS}/users`, { Items: [{ UserName: 'nobody' }] })).status).toBe(404);
  });

  it('lists every project with a link to a user\'s or a group\'s permissions in it', async () => {
    const fake = await makeTestFake({ auth: false });
    const projects = Array.from(fake.store.collection('Project').values()).map((p) => p.Id);
    const mine = await fake.get(`/api/user/${JOEB_ID}/permissions/projects`);
    expect(mine.body.Projects.map((p: { ProjectId: string }) => p.ProjectId)).toEqual(projects);
    expect(mine.body.Projects[0].Links).toEqual([{ Href: `http://localhost/api/user/${JOEB_ID}/permissions/project/${projects[0]}`, Rel: 'Permissions' }]);
    const group = await fake.get('/api/group/45c40093-44e6-4021-aa7d-5547805e5f5e/permissions/projects');
    expect(group.body.Projects[0].Links[0].Href).toContain('/api/group/45c40093-44e6-4021-aa7d-5547805e5f5e/permissions/project/');
    expect((await fake.get('/api/user/00000000-0000-4000-8000-000000000000/permissions/projects')).status).toBe(404);
  });

  it('deleting a user takes its password, memberships and grants along', async () => {
    const fake = await makeTestFake({ auth: false });
    const user = (await fake.post('/api/users', { UserName: 'temp', Password: 'Secret-123' })).body;
    await fake.put(`/api/user/${user.Id}/permissions/global`, [{ Key: '/Reports' }]);
    await fake.put(`/api/user/${user.Id}/groups`, { Items: [{ Id: '45c40093-44e6-4021-aa7d-5547805e5f5e' }] });
    expect((await fake.del(`/api/user/${user.Id}`)).status).toBe(200);
    expect((await fake.get(`/api/user/${user.Id}`)).status).toBe(404);
    expect(checkPassword(fake.store, 'temp', 'Secret-123')).toBeUndefined();
    expect(fake.store.collection('UserCredential').get(user.Id)).toBeUndefined();
    expect(fake.store.collection('GroupMembership').where('UserId', user.Id)).toEqual([]);
    expect(fake.store.collection('PermissionGrant').where('HolderId', user.Id)).toEqual([]);
  });
});

describe('deletes ET refuses while other records point at the target', () => {
  it('keeps a user who has run tests (403), and deletes one who has not', async () => {
    const fake = await makeTestFake({ auth: false });
    const refused = await fake.del(`/api/user/${JOEB_ID}`);
    expect(refused.status).toBe(403);
    expect(refused.body.Message).toMatch(/disable the account/);
    expect(fake.store.collection('User').get(JOEB_ID)).toBeDefined();
    const made = await fake.post('/api/users', { UserName: 'shortlived', FirstName: 'Short', LastName: 'Lived', Email: 's@example.com', Password: 'Pw-12345' });
    expect((await fake.del(`/api/user/${made.body.Id}`)).status).toBe(200);
    expect((await fake.get(`/api/user/${made.body.Id}`)).status).toBe(404);
  });

  it('keeps an automated test that still has assignments, until they are gone', async () => {
    const fake = await makeTestFake({ auth: false });
    const test = 'a7be3122-cfd3-409a-a734-9b70fcf9d84d';
    const refused = await fake.del(`/api/automatedtest/${test}`);
    expect(refused.status).toBe(403);
    expect(refused.body.Message).toMatch(/assignments/);
    for (const a of [...fake.store.collection('AutomatedTestAssignment').where('AutomatedTestId', test)]) {
      expect((await fake.del(`/api/automatedtestassignment/${a.Id}`)).status).toBeLessThan(300);
    }
    expect((await fake.del(`/api/automatedtest/${test}`)).status).toBe(200);
  });
});
