// The two seed pages, one per export format, parsed to the exact operations they document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../src/compile/model.ts';
import { parsePage } from '../../src/compile/pages/page-parser.ts';
import { parseKeyValueRow, parseStatusRow, splitValueAndDescription } from '../../src/compile/pages/page-text.ts';

const seed = (name: string) => parsePage(readFileSync(new URL(`../../docs-spec/pages/${name}`, import.meta.url), 'utf8'), `pages/${name}`);
const ASSIGNMENT = '2264a622-2869-4ef8-8183-a0040106ca9d';

describe('the pipe-table page (Script Assignment Runs)', () => {
  const page = seed('000_66d96bd42e1d7613.txt');
  const [get, post] = page.resource.operations;

  it('reads the resource, its path and the navigation list', () => {
    expect(page.resource.name).toBe('Script Assignment Runs');
    expect(page.resource.path).toBe('/api/scriptassignment/{id}/runs');
    expect(page.resource.operations.map((o) => o.method)).toEqual(['GET', 'POST']);
    expect(page.navigation.length).toBeGreaterThan(200);
    expect(page.navigation).toContain('Script Assignment Runs');
    expect(page.navigation).not.toContain('-');
  });

  it('reads GET: OData parameters, permission, statuses and two examples', () => {
    expect(get!.queryStyle).toBe('odata');
    expect(get!.queryParams).toEqual(['$filter', '$top', '$take', '$orderby', '$inlinecount']);
    expect(get!.permissions).toEqual(['TestManagement/ManageExecutions/View']);
    expect(get!.statuses.map((s) => s.code)).toEqual([200, 403, 404]);
    expect(get!.statuses[2]!.meaning).toBe('Returned if the script assignment does not exist.');
    expect(get!.examples).toHaveLength(2);
    const [all, byYear] = get!.examples;
    expect(all!.pathParams).toEqual({ id: ASSIGNMENT });
    expect(all!.requestHeaders).toEqual({ Accept: 'application/json' });
    expect(all!.responseHeaders).toEqual({ 'Content-Type': 'application/json; charset=utf-8' });
    expect(all!.status).toBe(200);
    expect((all!.responseBody as { Items: unknown[] }).Items).toHaveLength(2);
    expect(byYear!.title).toBe('Retrieves the runs filtered by year.');
    expect(byYear!.queryParams).toEqual({ $filter: 'year(CreatedAt) eq 2011' });
    expect(byYear!.paramDescriptions.$filter).toBe('Return all runs where the CreatedAt year is 2011.');
  });

  it('reads POST: two permissions, four statuses, three examples with bodies and Location', () => {
    expect(post!.queryStyle).toBeUndefined();
    expect(post!.permissions).toEqual(['TestManagement/ManageExecutions/ExecuteAllTests', 'TestManagement/ManageExecutions/ExecuteOnlyMyTests']);
    expect(post!.statuses.map((s) => [s.code, s.meaning])).toEqual([
      [200, 'Returned if the existing run was returned.'],
      [201, 'Returned if a new run was created.'],
      [403, 'Returned if you do not have permission to create a new run.'],
      [404, 'Returned if the script assignment does not exist.'],
    ]);
    expect(post!.examples.map((e) => e.status)).toEqual([201, 201, 200]);
    const withBody = post!.examples[1]!;
    expect(withBody.queryParams).toEqual({ $expand: 'StepResults' });
    expect(withBody.requestBody).toEqual({ TesterId: 'e7157154-5f93-4ec4-bde3-0a3e5c66b04a', WidgetValues: null, FieldValues: null });
    expect(withBody.responseHeaders.Location).toBe('http://localhost/api/scriptrun/eb6b327c-df59-4f26-aa8d-a089009f0d1b');
    expect((withBody.responseBody as { StepResults: unknown[] }).StepResults).toHaveLength(2);
  });
});

describe('the run-together page (Script Packages)', () => {
  const page = seed('002_93a5246876e47da0.txt');
  const [get, post] = page.resource.operations;

  it('reads the resource and its root relation', () => {
    expect(page.resource).toMatchObject({ name: 'Script Packages', path: '/api/scriptpackages', rootRelation: 'ScriptPackages' });
    expect(page.navigation).toEqual([]);
  });

  it('reads GET: TQL parameters, permission, status and the two titled examples', () => {
    expect(get!.queryStyle).toBe('tql');
    expect(get!.queryParams).toEqual(['tql', '$top', '$take', '$inlinecount']);
    expect(get!.permissions).toEqual(['TestManagement/View']);
    expect(get!.statuses).toEqual([{ code: 200, meaning: 'Returned if the request was completed successfully.' }]);
    expect(get!.examples.map((e) => e.title)).toEqual(['GET (filtered by TQL Query)', 'GET (no TQL query)']);
    const filtered = get!.examples[0]!;
    expect(filtered.description).toBe('Retrieves packages matching a TQL query.');
    expect(filtered.queryParams).toEqual({ tql: "Name ~ 'Report'", $top: '5', $skip: '0' });
    expect(filtered.paramDescriptions.tql).toBe('The TQL query to execute.');
    expect(filtered.requestHeaders).toEqual({ Accept: 'application/json' });
    expect(filtered.responseBody).toMatchObject({ Skip: 0, Top: 5, Total: 1 });
    expect((get!.examples[1]!.responseBody as { Items: { Name: string }[] }).Items.map((i) => i.Name)).toEqual(['Reports', 'Data Import']);
  });

  it('reads POST: permission, statuses, request bodies and Location headers', () => {
    expect(post!.permissions).toEqual(['TestManagement/ManageScripts']);
    expect(post!.statuses.map((s) => s.code)).toEqual([201, 403]);
    expect(post!.examples.map((e) => e.requestBody)).toEqual([
      { Name: 'New Package', ProjectId: '4545fe95-e9c2-40e9-8f4a-3f000d14526f' },
      { Name: 'New Child Package', ParentId: '9bfeb244-06a6-4440-b6b6-a8bcc0847673' },
    ]);
    expect(post!.examples.every((e) => e.status === 201 && e.responseHeaders.Location?.startsWith('http://localhost/api/scriptpackage/'))).toBe(true);
  });
});

describe('table rows whose cells are run together', () => {
  it('splits status rows on the reason phrase', () => {
    expect(parseStatusRow('404 - NotFoundReturned if it is gone.')).toEqual({ code: 404, reason: 'NotFound', meaning: 'Returned if it is gone.' });
    expect(parseStatusRow('200 - OK | Fine. |')).toEqual({ code: 200, reason: 'OK', meaning: 'Fine.' });
  });

  it('splits keys by the known vocabulary and values where a sentence starts', () => {
    const at = { file: 'x', line: 1 };
    expect(parseKeyValueRow('Content-Typeapplication/json; charset=utf-8', 'header', [], at)).toEqual({ key: 'Content-Type', value: 'application/json; charset=utf-8', description: '' });
    expect(parseKeyValueRow("tqlProject = 'Online Banking'The query.", 'param', [], at)).toEqual({ key: 'tql', value: "Project = 'Online Banking'", description: 'The query.' });
    expect(parseKeyValueRow('{id}FC68461E-5921-4240-BB8B-2D00549D923AThe package.', 'param', ['{id}'], at)).toEqual({ key: '{id}', value: 'FC68461E-5921-4240-BB8B-2D00549D923A', description: 'The package.' });
    expect(splitValueAndDescription('In Progress')).toEqual({ value: 'In Progress', description: '' });
    expect(() => parseKeyValueRow('Frobnicatebar', 'header', [], at)).toThrow(BuildError);
  });
});

describe('bad pages', () => {
  const page = (body: string) => `Resource: Things ( /api/things/{id} )\nA thing.\nMethods\nGET\nGets it.\n${body}`;

  it('names the file and line of broken example JSON', () => {
    const text = page('Status Codes\nStatus | Description |\n200 - OK | Fine. |\nExample - one\nResponse Body\n{ "Id": 1,, }\nStatus Code\n200 - OK');
    expect(() => parsePage(text, 'pages/bad.txt')).toThrow(/pages\/bad\.txt:11: expected a JSON body/);
  });

  it('refuses a page without a resource line, and a path parameter the template lacks', () => {
    expect(() => parsePage('Hello\nWorld', 'pages/x.txt')).toThrow(/pages\/x\.txt:1: expected a line 'Resource:/);
    const text = page('Example - one\nRequest Parameters\nKey | Value | Description |\n{other} | 1 | An id |\nStatus Code\n200 - OK');
    expect(() => parsePage(text, 'pages/y.txt')).toThrow(/pages\/y\.txt:9: parameter \{other\} is not in the path template/);
  });

  it('refuses a method the page declares but does not document', () => {
    const text = 'Resource: Things ( /api/things )\nThis resource supports the following methods: GET, POST\nMethods\nGET\nGets.';
    expect(() => parsePage(text, 'pages/z.txt')).toThrow(/declares POST but has no POST section/);
  });
});
