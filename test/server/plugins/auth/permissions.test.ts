import { beforeEach, describe, expect, it } from 'vitest';
import type { TestFake } from '../../../helpers/fake.ts';
import { NIGHTLY_ASSIGNMENT } from '../../../helpers/spec-supplement.ts';
import { makeTestFake, MOBILE_WALLET, ONLINE_BANKING, REGRESSION_PKG } from '../../../helpers/test-fake.ts';
import { basic, makeUser, send, stateOf } from '../../../helpers/security-fake.ts';

const SMOKE_TESTS_PKG = '175f5bab-074f-4e2b-88a7-4a18a069f2d4'; // a script package of Mobile Wallet
const READ_ONLY_GROUP = 'cfe0137c-082b-4b02-9d2a-08026c87a463';

describe('per-operation permissions', () => {
  let fake: TestFake;
  beforeEach(async () => {
    fake = await makeTestFake();
  });

  it('lets a view-only user created through the API read, and refuses its writes with 403 naming the permission', async () => {
    const viewer = await makeUser(fake, 'viewer', { global: ['/TestManagement/View'] });
    const list = await send(fake, 'GET', '/api/scriptpackages', { auth: viewer.auth });
    expect(list.status).toBe(200);
    expect(list.body.Total).toBeGreaterThan(0);
    expect((await send(fake, 'GET', `/api/scriptpackage/${REGRESSION_PKG}`, { auth: viewer.auth })).status).toBe(200);

    const before = stateOf(fake);
    const create = await send(fake, 'POST', '/api/scriptpackages', { auth: viewer.auth, body: { Name: 'Nope', ProjectId: ONLINE_BANKING } });
    expect(create.status).toBe(403);
    expect(create.body.Message).toContain('TestManagement/ManageScripts');
    const rename = await send(fake, 'PUT', `/api/scriptpackage/${REGRESSION_PKG}`, { auth: viewer.auth, body: { Name: 'Renamed' } });
    expect(rename.status).toBe(403);
    expect(rename.body.Message).toContain('TestManagement/ManageScripts/Edit');
    const del = await send(fake, 'DELETE', `/api/scriptpackage/${REGRESSION_PKG}?deleteChildren=true`, { auth: viewer.auth });
    expect(del.status).toBe(403);
    expect(del.body.Message).toContain('TestManagement/ManageScripts/Delete');
    expect(stateOf(fake)).toBe(before);
  });

  it('grants every key below a parent key, compared without the slash and in any case', async () => {
    const manager = await makeUser(fake, 'manager', { global: ['/TestManagement/ManageScripts'] });
    const r = await send(fake, 'PUT', `/api/scriptpackage/${REGRESSION_PKG}`, { auth: manager.auth, body: { Name: 'Renamed by manager' } });
    expect(r.status).toBe(200);
    // ManageScripts does not reach execution packages.
    const other = await send(fake, 'POST', '/api/executionpackages', { auth: manager.auth, body: { Name: 'Cycle 9', ProjectId: ONLINE_BANKING } });
    expect(other.status).toBe(403);
    fake.engine.store.collection('PermissionGrant').insert({ Id: 'aaaaaaaa-0000-4000-8000-000000000001', HolderType: 'User', HolderId: manager.id, ProjectId: null, Key: 'testmanagement/MANAGEEXECUTIONS/' });
    const now = await send(fake, 'POST', '/api/executionpackages', { auth: manager.auth, body: { Name: 'Cycle 9', ProjectId: ONLINE_BANKING } });
    expect(now.status).toBe(201);
  });

  it('applies project grants only inside their project', async () => {
    const tester = await makeUser(fake, 'tester', { projects: { [ONLINE_BANKING]: ['/TestManagement'] } });
    const inside = await send(fake, 'POST', '/api/scriptpackages', { auth: tester.auth, body: { Name: 'Mine', ProjectId: ONLINE_BANKING } });
    expect(inside.status).toBe(201);
    const child = await send(fake, 'POST', '/api/scriptpackages', { auth: tester.auth, body: { Name: 'Child', ParentId: REGRESSION_PKG } });
    expect(child.status).toBe(201);
    const before = stateOf(fake);
    const outside = await send(fake, 'POST', '/api/scriptpackages', { auth: tester.auth, body: { Name: 'Theirs', ProjectId: MOBILE_WALLET } });
    expect(outside.status).toBe(403);
    expect(outside.body.Message).toContain(MOBILE_WALLET);
    expect((await send(fake, 'GET', `/api/scriptpackage/${SMOKE_TESTS_PKG}`, { auth: tester.auth })).status).toBe(403);
    expect((await send(fake, 'PUT', `/api/scriptpackage/${SMOKE_TESTS_PKG}`, { auth: tester.auth, body: { Name: 'x' } })).status).toBe(403);
    expect(stateOf(fake)).toBe(before);
    expect((await send(fake, 'GET', `/api/scriptpackage/${REGRESSION_PKG}`, { auth: tester.auth })).status).toBe(200);
  });

  it('lists only the records of projects the caller may see, in collections and in search', async () => {
    const tester = await makeUser(fake, 'tester', { projects: { [ONLINE_BANKING]: ['/TestManagement/View', '/TestManagement/ManageScripts/View'] } });
    const admin = await send(fake, 'GET', '/api/scriptpackages?$top=100');
    const mine = await send(fake, 'GET', '/api/scriptpackages?$top=100', { auth: tester.auth });
    expect(mine.status).toBe(200);
    const projects = new Set(mine.body.Items.map((p: { ProjectId: string }) => p.ProjectId));
    expect([...projects]).toEqual([ONLINE_BANKING]);
    expect(mine.body.Total).toBeLessThan(admin.body.Total);
    expect(admin.body.Items.some((p: { ProjectId: string }) => p.ProjectId === MOBILE_WALLET)).toBe(true);

    // Scripts have no ProjectId of their own in every data set: visibility also follows PackageId.
    const scripts = await send(fake, 'GET', '/api/scripts?$top=100', { auth: tester.auth });
    expect(scripts.status).toBe(200);
    for (const s of scripts.body.Items) expect(fake.engine.store.collection('ScriptPackage').get(s.PackageId)?.ProjectId).toBe(ONLINE_BANKING);

    const projectList = await send(fake, 'GET', '/api/projects', { auth: tester.auth });
    expect(projectList.body.Items.map((p: { Id: string }) => p.Id)).toEqual([ONLINE_BANKING]);

    const tql = encodeURIComponent('EntityType = ScriptPackage');
    const all = await send(fake, 'GET', `/api/search?tql=${tql}&$top=100`);
    const search = await send(fake, 'GET', `/api/search?tql=${tql}&$top=100`, { auth: tester.auth });
    expect(search.status).toBe(200);
    expect(search.body.Total).toBe(mine.body.Total);
    expect(search.body.Total).toBeLessThan(all.body.Total);
    for (const item of search.body.Items) expect(item.ProjectId).toBe(ONLINE_BANKING);
    // The same search sent as a form (long queries) is a read too.
    const posted = await send(fake, 'POST', '/api/search?$top=100', { auth: tester.auth, body: `tql=${tql}`, contentType: 'application/x-www-form-urlencoded' });
    expect(posted.status).toBe(200);
    expect(posted.body.Total).toBe(search.body.Total);
  });

  it('reads grants given to a group the user joined through the API', async () => {
    const member = await makeUser(fake, 'member');
    expect((await send(fake, 'GET', `/api/scriptpackage/${REGRESSION_PKG}`, { auth: member.auth })).status).toBe(403);
    const put = await send(fake, 'PUT', `/api/group/${READ_ONLY_GROUP}/permissions/project/${ONLINE_BANKING}`, { body: [{ Key: '/TestManagement/View' }] });
    expect(put.status).toBe(200);
    const join = await send(fake, 'PUT', `/api/user/${member.id}/groups`, { body: { Items: [{ Id: READ_ONLY_GROUP }] } });
    expect(join.status).toBe(200);
    expect((await send(fake, 'GET', `/api/scriptpackage/${REGRESSION_PKG}`, { auth: member.auth })).status).toBe(200);
    expect((await send(fake, 'GET', `/api/scriptpackage/${SMOKE_TESTS_PKG}`, { auth: member.auth })).status).toBe(403);
    // Leaving the group takes its grants away.
    expect((await send(fake, 'PUT', `/api/group/${READ_ONLY_GROUP}/users`, { body: { Items: [] } })).status).toBe(200);
    expect((await send(fake, 'GET', `/api/scriptpackage/${REGRESSION_PKG}`, { auth: member.auth })).status).toBe(403);
  });

  it('lets a user without ManageUserAndGroupSecurity neither create users nor grant itself permissions', async () => {
    const viewer = await makeUser(fake, 'viewer', { global: ['/TestManagement/View'] });
    const before = stateOf(fake);
    expect((await send(fake, 'POST', '/api/users', { auth: viewer.auth, body: { UserName: 'sneaky', Password: 'x' } })).status).toBe(403);
    const grant = await send(fake, 'PUT', `/api/user/${viewer.id}/permissions/global`, { auth: viewer.auth, body: [{ Key: '/Administration' }] });
    expect(grant.status).toBe(403);
    expect(grant.body.Message).toContain('Administration/ManageUserAndGroupSecurity');
    expect(stateOf(fake)).toBe(before);
  });

  it('lets any authenticated user call operations that need no permission', async () => {
    const nobody = await makeUser(fake, 'nobody');
    expect((await send(fake, 'GET', '/api/users', { auth: nobody.auth })).status).toBe(200);
    // ...but it sees no project's records.
    const packages = await send(fake, 'GET', '/api/projects', { auth: nobody.auth });
    expect(packages.body.Items).toEqual([]);
  });
});

describe('self-service calls', () => {
  it('lets a user set its own password without any permission, but not another user\'s', async () => {
    const fake = await makeTestFake();
    const alice = await makeUser(fake, 'alice');
    const bob = await makeUser(fake, 'bob');
    const before = stateOf(fake);
    const other = await send(fake, 'PUT', `/api/user/${bob.id}/password`, { auth: alice.auth, body: { Password: 'Hijacked-1' } });
    expect(other.status).toBe(403);
    expect(other.body.Message).toContain('Administration/ManageUserAndGroupSecurity');
    expect(stateOf(fake)).toBe(before);
    const own = await send(fake, 'PUT', `/api/user/${alice.id}/password`, { auth: alice.auth, body: { Password: 'New-Secret-1' } });
    expect(own.status).toBe(200);
    expect((await send(fake, 'GET', '/api/users', { auth: basic('alice', 'New-Secret-1') })).status).toBe(200);
    expect((await send(fake, 'GET', '/api/users', { auth: alice.auth })).status).toBe(401);
  });
});

describe('Execute Only My Tests', () => {
  const JANES_ASSIGNMENT = '7a0486fe-fa1d-4b06-acf8-2405bd937a65';
  const start = (testerId: string) => ({ TesterId: testerId, FieldValues: null, WidgetValues: null });

  it('lets a tester run only the assignments given to them', async () => {
    const fake = await makeTestFake();
    const runner = await makeUser(fake, 'runner', { global: ['/TestManagement/ManageExecutions/ExecuteOnlyMyTests'] });
    const before = stateOf(fake);
    const refused = await send(fake, 'POST', `/api/scriptassignment/${JANES_ASSIGNMENT}/runs`, { auth: runner.auth, body: start(runner.id) });
    expect(refused.status).toBe(403);
    expect(refused.body.Message).toMatch(/only run tests assigned to you/);
    expect(stateOf(fake)).toBe(before);

    const given = await send(fake, 'PUT', `/api/scriptassignment/${JANES_ASSIGNMENT}`, { body: { AssignedToId: runner.id } });
    expect(given.status).toBe(200);
    const run = await send(fake, 'POST', `/api/scriptassignment/${JANES_ASSIGNMENT}/runs`, { auth: runner.auth, body: start(runner.id) });
    expect([200, 201]).toContain(run.status);
  });

  it('lets a tester with Execute All Tests run anyone\'s assignment', async () => {
    const fake = await makeTestFake();
    const lead = await makeUser(fake, 'lead', { projects: { [ONLINE_BANKING]: ['/TestManagement/ManageExecutions/ExecuteAllTests'] } });
    const run = await send(fake, 'POST', `/api/scriptassignment/${JANES_ASSIGNMENT}/runs`, { auth: lead.auth, body: start(lead.id) });
    expect([200, 201]).toContain(run.status);
  });
});

describe('bodies read for the permission check', () => {
  it('reach the handler intact (a project-scoped tester uploads a result file)', async () => {
    const fake = await makeTestFake();
    const tester = await makeUser(fake, 'uploader', { projects: { [ONLINE_BANKING]: ['/TestManagement/ManageExecutions/ExecuteAllTests'] } });
    const xml = `<?xml version="1.0" encoding="UTF-8"?><testsuites><testsuite name="Überweisung – ünïcödé" tests="1"><testcase classname="c" name="größe" time="0.1"/></testsuite></testsuites>`;
    const body = ['--b0', 'Content-Disposition: form-data; name="fileupload"; filename="r.xml"', 'Content-Type: text/xml', '', xml, '--b0--', ''].join('\r\n');
    const res = await send(fake, 'POST', `/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs`, { auth: tester.auth, body, contentType: 'multipart/form-data; boundary=b0' });
    expect(res.status).toBe(202);
    let task = res.body;
    for (let i = 0; i < 200 && !task.Complete; i++) {
      await new Promise((r) => setTimeout(r, 5));
      task = (await send(fake, 'GET', new URL(res.body.Self).pathname, { auth: tester.auth })).body;
    }
    expect(task.Complete).toBe(true);
    const names = Array.from(fake.engine.store.collection('ResultNode').values()).map((n) => String(n.Name));
    expect(names.some((n) => n.includes('Überweisung – ünïcödé'))).toBe(true);
    expect(names).toContain('c.größe');
  });
});
