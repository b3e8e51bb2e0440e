import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestFake } from '../../../helpers/fake.ts';
import { NIGHTLY_ASSIGNMENT } from '../../../helpers/spec-supplement.ts';
import { makeTestFake, ONLINE_BANKING, REGRESSION_PKG } from '../../../helpers/test-fake.ts';
import { schemasOf } from '../../../../src/server/plugins/validation/spec-schemas.ts';
import { send, sendRaw, stateOf } from '../../../helpers/security-fake.ts';

const MOBILE_WALLET_NAME = 'Mobile Wallet';

describe('request validation', () => {
  let fake: TestFake;
  let before: string;
  beforeEach(async () => {
    fake = await makeTestFake();
    before = stateOf(fake);
  });

  it('answers malformed JSON with 400 and writes nothing', async () => {
    const r = await send(fake, 'POST', '/api/scriptpackages', { body: '{"Name": "x",' });
    expect(r.status).toBe(400);
    expect(r.body.Message).toMatch(/not valid JSON/);
    expect(stateOf(fake)).toBe(before);
  });

  it('answers a Content-Type the operation does not take with 400', async () => {
    const r = await send(fake, 'POST', '/api/scriptpackages', { body: 'Name=x', contentType: 'text/xml' });
    expect(r.status).toBe(400);
    expect(r.body.Message).toContain('text/xml');
    expect(r.body.Message).toContain('application/json');
    expect(stateOf(fake)).toBe(before);
  });

  it('refuses a body that breaks the schema with 403 naming the field and the rule, plus an Errors list', async () => {
    const r = await send(fake, 'POST', '/api/scriptpackages', { body: { Name: 42, ProjectId: ONLINE_BANKING, OrderNumber: 'first' } });
    expect(r.status).toBe(403);
    expect(r.body.Message).toMatch(/^The request is invalid: (Name|OrderNumber) must be of type/);
    expect(r.body.Errors).toHaveLength(2);
    expect(r.body.Errors.some((e: string) => /^Name must be of type string/.test(e))).toBe(true);
    expect(r.body.Errors.some((e: string) => /^OrderNumber must be of type integer/.test(e))).toBe(true);
    expect(stateOf(fake)).toBe(before);
  });

  it('names a missing required field', async () => {
    const r = await send(fake, 'POST', '/api/users', { body: { FirstName: 'No user name' } });
    expect(r.status).toBe(403);
    expect(r.body.Message).toContain('UserName is required');
    expect(r.body.Errors).toEqual(['UserName is required']);
    expect(stateOf(fake)).toBe(before);
  });

  it('refuses creates without the package or project ET needs, naming the field', async () => {
    const script = await send(fake, 'POST', '/api/scripts', { body: { Name: 'Orphan script' } });
    expect(script.status).toBe(403);
    expect(script.body.Message).toContain('PackageId');
    const pkg = await send(fake, 'POST', '/api/scriptpackages', { body: { Name: 'Orphan' } });
    expect(pkg.status).toBe(403);
    expect(pkg.body.Message).toMatch(/ProjectId.*ParentId/);
    expect(stateOf(fake)).toBe(before);
    expect((await send(fake, 'POST', '/api/scripts', { body: { Name: 'Placed', PackageId: REGRESSION_PKG } })).status).toBe(201);
  });

  it('refuses an id that points at nothing, and writes nothing', async () => {
    const r = await send(fake, 'POST', '/api/scripts', { body: { Name: 'Lost', PackageId: '00000000-0000-4000-8000-000000000000' } });
    expect([403, 404]).toContain(r.status);
    expect(r.body.Message).toContain('PackageId');
    expect(stateOf(fake)).toBe(before);
  });

  it('answers 409 for a name that already exists, in any case, and allows keeping one\'s own name', async () => {
    const dup = await send(fake, 'POST', '/api/projects', { body: { Name: MOBILE_WALLET_NAME.toUpperCase() } });
    expect(dup.status).toBe(409);
    expect(dup.body.Message).toContain('Name');
    const rename = await send(fake, 'PUT', `/api/project/${ONLINE_BANKING}`, { body: { Name: MOBILE_WALLET_NAME } });
    expect(rename.status).toBe(409);
    expect(stateOf(fake)).toBe(before);
    const same = await send(fake, 'PUT', `/api/project/${ONLINE_BANKING}`, { body: { Name: 'Online Banking', Description: 'Kept its name' } });
    expect(same.status).toBe(200);
  });

  it('answers 404 rather than 409 when the project to rename does not exist', async () => {
    const r = await send(fake, 'PUT', '/api/project/00000000-0000-4000-8000-000000000000', { body: { Name: MOBILE_WALLET_NAME } });
    expect(r.status).toBe(404);
  });

  it('checks path parameters: a GUID where the spec says uuid', async () => {
    const r = await send(fake, 'GET', '/api/scriptpackage/not-a-guid');
    expect(r.status).toBe(400);
    expect(r.body.Message).toContain('path parameter id');
    const upper = await send(fake, 'GET', `/api/scriptpackage/${REGRESSION_PKG.toUpperCase()}`);
    expect(upper.status).toBe(200);
  });

  it.each([
    ['$top=1001', /\$top must be a whole number from 0 to 1000/],
    ['$top=-1', /\$top must be a whole number from 0 to 1000/],
    ['$top=ten', /\$top must be a whole number/],
    ['$top=1.5', /\$top must be a whole number/],
    ['$skip=-3', /\$skip must be 0 or more/],
    ['$skip=99999999999999999999', /\$skip must be a whole number/],
    ['$inlinecount=sometimes', /\$inlinecount must be one of allpages, none/],
  ])('refuses %s with 400 and a Message', async (query, message) => {
    const r = await send(fake, 'GET', `/api/projects?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.Message).toMatch(message);
  });

  it('accepts the largest page, paging values in any case, and an empty $top as absent', async () => {
    const r = await send(fake, 'GET', '/api/projects?$top=1000&$inlinecount=AllPages');
    expect(r.status).toBe(200);
    expect(r.body.Top).toBe(1000);
    expect((await send(fake, 'GET', '/api/projects?$top=')).status).toBe(200);
  });

  it('compiles each operation\'s schema once, on first use', async () => {
    const schemas = schemasOf(fake.spec);
    await send(fake, 'POST', '/api/executionpackages', { body: { Name: 'Compile me', ProjectId: ONLINE_BANKING } });
    const after = schemas.compiledCount;
    await send(fake, 'POST', '/api/executionpackages', { body: { Name: 'Again', ProjectId: ONLINE_BANKING } });
    expect(schemas.compiledCount).toBe(after);
  });
});

describe('body size limits', () => {
  it('answers 413 above the configured size, by Content-Length or by the bytes read, and writes nothing', async () => {
    const fake = await makeTestFake({ maxBodyBytes: 1000 });
    const before = stateOf(fake);
    const big = { Name: 'x'.repeat(2000), ProjectId: ONLINE_BANKING };
    const r = await send(fake, 'POST', '/api/scriptpackages', { body: big });
    expect(r.status).toBe(413);
    expect(r.body.Message).toMatch(/too large/);
    const declared = await send(fake, 'POST', '/api/scriptpackages', { body: { Name: 'small', ProjectId: ONLINE_BANKING }, headers: { 'Content-Length': '5000000' } });
    expect(declared.status).toBe(413);
    // Declared sizes are refused before the credentials are even looked at.
    const anonymous = await send(fake, 'POST', '/api/scriptpackages', { auth: null, body: { Name: 'small' }, headers: { 'Content-Length': '5000000' } });
    expect(anonymous.status).toBe(413);
    expect(stateOf(fake)).toBe(before);
    expect((await send(fake, 'POST', '/api/scriptpackages', { body: { Name: 'small', ProjectId: ONLINE_BANKING } })).status).toBe(201);
  });

  it('gives file uploads their own, larger limit', async () => {
    const fake = await makeTestFake({ maxBodyBytes: 1000, maxUploadBytes: 20_000 });
    const junit = (padding: number) =>
      [
        '--b0undary',
        'Content-Disposition: form-data; name="fileupload"; filename="results.xml"',
        'Content-Type: text/xml',
        '',
        `<?xml version="1.0"?><!-- ${'p'.repeat(padding)} --><testsuites><testsuite name="s" tests="1"><testcase classname="c" name="t" time="0.1"/></testsuite></testsuites>`,
        '--b0undary--',
        '',
      ].join('\r\n');
    const path = `/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs`;
    const type = 'multipart/form-data; boundary=b0undary';
    const within = await sendRaw(fake, 'POST', path, { body: junit(5000), contentType: type });
    expect(within.status).toBe(202);
    const over = await sendRaw(fake, 'POST', path, { body: junit(30_000), contentType: type });
    expect(over.status).toBe(413);
    expect(((await over.json()) as { Message: string }).Message).toMatch(/file uploads may send at most 19\.5 KB/);
    const asJson = await sendRaw(fake, 'POST', path, { body: { file: 'x' } });
    expect(asJson.status).toBe(415);
  });

  it('refuses a body over the 10 MB default', async () => {
    const fake = await makeTestFake();
    const r = await send(fake, 'POST', '/api/scriptpackages', { body: { Name: 'x'.repeat(10 * 1024 * 1024 + 10), ProjectId: ONLINE_BANKING } });
    expect(r.status).toBe(413);
    expect(r.body.Message).toContain('10 MB');
  });
});

describe('strict response validation', () => {
  const saved = process.env.ET_FAKE_STRICT;
  afterEach(() => {
    if (saved === undefined) delete process.env.ET_FAKE_STRICT;
    else process.env.ET_FAKE_STRICT = saved;
  });

  it('turns a response that breaks the spec into a 500 naming the violation', async () => {
    process.env.ET_FAKE_STRICT = '1';
    const fake = await makeTestFake();
    fake.engine.store.collection('Project').update(ONLINE_BANKING, { Name: 12345 });
    const res = await sendRaw(fake, 'GET', `/api/project/${ONLINE_BANKING}`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { Message: string };
    expect(body.Message).toContain('GET /api/project/{id} -> 200');
    expect(body.Message).toContain('Name must be of type string');
  });

  it('lets the same response through when strict mode is off', async () => {
    delete process.env.ET_FAKE_STRICT;
    const fake = await makeTestFake({ strict: false });
    fake.engine.store.collection('Project').update(ONLINE_BANKING, { Name: 12345 });
    const res = await sendRaw(fake, 'GET', `/api/project/${ONLINE_BANKING}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { Name: unknown }).Name).toBe(12345);
  });

  it('is on with the strict option alone', async () => {
    delete process.env.ET_FAKE_STRICT;
    const fake = await makeTestFake({ strict: true });
    fake.engine.store.collection('Project').update(ONLINE_BANKING, { Name: 12345 });
    expect((await sendRaw(fake, 'GET', `/api/project/${ONLINE_BANKING}`)).status).toBe(500);
  });
});
