// A corpus of bad requests: every one must be refused with a 4xx and ET's {"Message"}, none may reach a 500,
// and together they must leave the store exactly as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestFake } from '../../../helpers/fake.ts';
import { makeTestFake, LOGIN_SCRIPT, ONLINE_BANKING, REGRESSION_PKG } from '../../../helpers/test-fake.ts';
import { basic, sendRaw, stateOf, type RawOptions } from '../../../helpers/security-fake.ts';

interface BadRequest {
  label: string;
  method: string;
  path: string;
  options?: RawOptions;
}

const MISSING = '00000000-0000-4000-8000-000000000000';
const HOSTILE = [
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000\u0001\u0002',
  '𝕏'.repeat(500),
  '${7*7}',
  '{{constructor.constructor("return 1")()}}',
];

const post = (label: string, path: string, body: unknown, extra: RawOptions = {}): BadRequest => ({ label, method: 'POST', path, options: { body, ...extra } });
const put = (label: string, path: string, body: unknown, extra: RawOptions = {}): BadRequest => ({ label, method: 'PUT', path, options: { body, ...extra } });
const get = (label: string, path: string, extra: RawOptions = {}): BadRequest => ({ label, method: 'GET', path, options: extra });

const CORPUS: BadRequest[] = [
  // Broken JSON
  post('truncated object', '/api/scriptpackages', '{"Name": "x"'),
  post('trailing comma', '/api/scriptpackages', '{"Name": "x",}'),
  post('single quotes', '/api/scriptpackages', "{'Name': 'x'}"),
  post('bare word', '/api/scriptpackages', 'hello'),
  post('unquoted key', '/api/projects', '{Name: "x"}'),
  post('NaN literal', '/api/projects', '{"Name": NaN}'),
  post('two objects', '/api/projects', '{"Name":"a"}{"Name":"b"}'),
  post('array instead of object', '/api/scriptpackages', '[{"Name":"x"}]'),
  post('string instead of object', '/api/scriptpackages', '"just a string"'),
  post('number instead of object', '/api/projects', '42'),
  post('null body', '/api/scripts', 'null'),
  put('broken JSON on PUT', `/api/scriptpackage/${REGRESSION_PKG}`, '{"Name":'),
  put('broken JSON on permissions', `/api/user/${MISSING}/permissions/global`, '[{"Key":'),
  // Wrong Content-Type
  post('XML body', '/api/scriptpackages', '<Name>x</Name>', { contentType: 'application/xml' }),
  post('plain text body', '/api/projects', 'Name=x', { contentType: 'text/plain' }),
  post('JSON sent as an image', '/api/projects', '{"Name":"x"}', { contentType: 'image/png' }),
  // Wrong types
  post('Name as a number', '/api/scriptpackages', { Name: 1, ProjectId: ONLINE_BANKING }),
  post('Name as an object', '/api/projects', { Name: { first: 'x' } }),
  post('OrderNumber as text', '/api/scriptpackages', { Name: 'x', ProjectId: ONLINE_BANKING, OrderNumber: 'one' }),
  post('OrderNumber as a fraction', '/api/executionpackages', { Name: 'x', ProjectId: ONLINE_BANKING, OrderNumber: 1.5 }),
  post('Steps as a string', '/api/scripts', { Name: 'x', PackageId: REGRESSION_PKG, Steps: 'do it' }),
  post('boolean as a string', '/api/projects', { Name: 'Typed project', AutoNumberScripts: 'yes' }),
  post('UserName as an array', '/api/users', { UserName: ['a', 'b'] }),
  post('FieldValues as an array', '/api/scripts', { Name: 'x', PackageId: REGRESSION_PKG, FieldValues: [1, 2] }),
  // Missing fields
  post('script without PackageId', '/api/scripts', { Name: 'Orphan' }),
  post('package without ProjectId or ParentId', '/api/scriptpackages', { Name: 'Orphan' }),
  post('execution package without a project', '/api/executionpackages', { Name: 'Orphan' }),
  post('requirement without a package', '/api/requirements', { Name: 'Orphan' }),
  post('incident without a project', '/api/incidents', { Summary: 'Orphan' }),
  post('agile run without a package', '/api/agileruns', { Name: 'Orphan' }),
  post('user without UserName', '/api/users', { FirstName: 'Anon' }),
  post('custom field without HandlerType', '/api/customfields', { Name: 'NoHandler' }),
  post('empty object for a script', '/api/scripts', {}),
  // Unknown ids
  get('unknown project', `/api/project/${MISSING}`),
  get('unknown script package', `/api/scriptpackage/${MISSING}`),
  put('rename an unknown package', `/api/scriptpackage/${MISSING}`, { Name: 'x' }),
  { label: 'delete an unknown script', method: 'DELETE', path: `/api/script/${MISSING}` },
  post('script in an unknown package', '/api/scripts', { Name: 'x', PackageId: MISSING }),
  post('package in an unknown project', '/api/scriptpackages', { Name: 'x', ProjectId: MISSING }),
  post('package under an unknown parent', '/api/scriptpackages', { Name: 'x', ParentId: MISSING }),
  put('grant an unknown permission', `/api/user/${MISSING}/permissions/global`, [{ Key: '/NoSuchThing' }]),
  get('children of an unknown package', `/api/scriptpackage/${MISSING}/children`),
  // Conflicts
  post('duplicate project name', '/api/projects', { Name: 'online banking' }),
  // Bad GUIDs
  get('GUID too short', '/api/project/944aa658-8067-42cf-a6a6'),
  get('GUID with bad hex', '/api/project/zzzzzzzz-8067-42cf-a6a6-ce71535a73bc'),
  get('GUID with braces', `/api/project/%7B${ONLINE_BANKING}%7D`),
  get('number as an id', '/api/script/12345'),
  { label: 'delete with a bad GUID', method: 'DELETE', path: '/api/scriptpackage/not-a-guid' },
  // Hostile strings, where they cannot be valid
  ...HOSTILE.map((h, i) => get(`hostile id #${i}`, `/api/scriptpackage/${encodeURIComponent(h)}`)),
  ...HOSTILE.map((h, i) => post(`hostile PackageId #${i}`, '/api/scripts', { Name: h, PackageId: h })),
  post('prototype pollution keys', '/api/scripts', JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}, "Name": "x"}')),
  // Bad callbacks
  get('callback with parentheses', '/api/groups?callback=alert(document.cookie)'),
  get('callback with a semicolon', '/api/groups?callback=a;b'),
  get('callback with a script tag', `/api/groups?callback=${encodeURIComponent('</script><script>')}`),
  get('callback starting with a digit', '/api/groups?callback=9lives'),
  // Bad paging
  get('$top too large', '/api/projects?$top=100000'),
  get('$top negative', '/api/scriptpackages?$top=-5'),
  get('$top not a number', '/api/scriptpackages?$top=all'),
  get('$top in hex', '/api/scriptpackages?$top=0x10'),
  get('$skip negative', '/api/projects?$skip=-1'),
  get('$skip as text', '/api/scriptpackages?$skip=first'),
  get('$skip huge', '/api/scriptpackages?$skip=1e400'),
  get('$inlinecount unknown', '/api/projects?$inlinecount=yes'),
  // Bad queries
  get('TQL that does not parse', `/api/scriptpackages?tql=${encodeURIComponent('Name = = (')}`),
  get('TQL with an unknown field', `/api/scripts?tql=${encodeURIComponent("NoSuchField = 'x'")}`),
  get('TQL unterminated string', `/api/search?tql=${encodeURIComponent("Name = 'abc")}`),
  get('TQL with hostile text', `/api/search?tql=${encodeURIComponent(HOSTILE[0]!)}`),
  get('OData filter that does not parse', `/api/projects?$filter=${encodeURIComponent("Name eq 'x' and")}`),
  get('OData filter with an unknown function', `/api/projects?$filter=${encodeURIComponent("explode(Name) eq 'x'")}`),
  get('OData orderby nonsense', `/api/projects?$orderby=${encodeURIComponent('Name sideways')}`),
  // Credentials
  get('no credentials', `/api/project/${ONLINE_BANKING}`, { auth: null }),
  get('wrong password', `/api/project/${ONLINE_BANKING}`, { auth: basic('Administrator', 'letmein') }),
  get('hostile user name', `/api/project/${ONLINE_BANKING}`, { auth: basic(HOSTILE[0]!, 'x') }),
  // Methods the resource does not have
  { label: 'PATCH a project', method: 'PATCH', path: `/api/project/${ONLINE_BANKING}`, options: { body: { Name: 'x' } } },
  { label: 'DELETE a collection', method: 'DELETE', path: '/api/projects' },
  // Run updates and script edits with bad bodies
  put('script update with wrong types', `/api/script/${LOGIN_SCRIPT}`, { Name: false }),
];

describe('bad input corpus', () => {
  let fake: TestFake;
  let before: string;
  beforeAll(async () => {
    fake = await makeTestFake({ maxBodyBytes: 64 * 1024 });
    before = stateOf(fake);
  });

  it('has at least 60 requests', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CORPUS.map((c) => [c.label, c] as const))('refuses %s with a 4xx and a Message', async (_label, c) => {
    const res = await sendRaw(fake, c.method, c.path, c.options);
    const text = await res.text();
    expect(res.status, text).toBeGreaterThanOrEqual(400);
    expect(res.status, text).toBeLessThan(500);
    const body = JSON.parse(text) as { Message?: unknown };
    expect(typeof body.Message).toBe('string');
    expect((body.Message as string).length).toBeGreaterThan(10);
  });

  it('refuses huge bodies with 413', async () => {
    const huge = { Name: 'x'.repeat(100 * 1024), ProjectId: ONLINE_BANKING };
    for (const [method, path] of [['POST', '/api/scriptpackages'], ['PUT', `/api/scriptpackage/${REGRESSION_PKG}`], ['POST', '/api/projects']] as const) {
      const res = await sendRaw(fake, method, path, { body: huge });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { Message: string }).Message).toMatch(/too large/);
    }
  });

  it('leaves the store exactly as it was', () => {
    expect(stateOf(fake)).toBe(before);
  });
});
