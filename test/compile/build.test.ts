// The build end to end: docs-spec/ in, a valid OpenAPI 3.1 document and linked fixtures out.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuildCommand } from '../../src/compile/command.ts';
import { buildFromDocs, type BuildResult } from '../../src/compile/index.ts';
import { stableJson } from '../../src/compile/stable-json.ts';
import { validateExamples } from '../../src/compile/schemas/validate-examples.ts';

const root = new URL('../..', import.meta.url).pathname;
const docs = join(root, 'docs-spec');

/** A scratch project whose docs-spec/ holds only the given folders of the real one. */
function scratch(folders: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'et-build-'));
  for (const f of folders) if (existsSync(join(docs, f))) cpSync(join(docs, f), join(dir, 'docs-spec', f), { recursive: true });
  mkdirSync(join(dir, 'docs-spec'), { recursive: true });
  return dir;
}

describe('a build from the two seed pages alone', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await buildFromDocs(join(scratch(['pages']), 'docs-spec'));
  });

  it('makes one operation per documented method with the x-et extensions the server needs', () => {
    const runs = result.openapi.paths!['/api/scriptassignment/{id}/runs']!;
    expect(runs.get).toMatchObject({
      'x-et-kind': 'collection', 'x-et-entity': 'ScriptRun', 'x-et-query': 'odata',
      'x-et-permissions': ['TestManagement/ManageExecutions/View'],
      'x-et-parent': { param: 'id', entity: 'ScriptAssignment', foreignKey: 'AssignmentId' },
    });
    expect(Object.keys(runs.post!.responses!)).toEqual(['200', '201', '403', '404']);
    const packages = result.openapi.paths!['/api/scriptpackages']!;
    expect(packages.get!['x-et-query']).toBe('tql');
    expect(packages.get!['x-et-root-relation']).toBe('ScriptPackages');
    expect(packages.get!['x-et-expands']).toEqual(['Children', 'Parent', 'Project']);
    expect(packages.get!.parameters!.map((p) => ('name' in p ? p.name : ''))).toEqual(['tql', '$top', '$skip', '$inlinecount', '$take']);
    expect(packages.get!.responses!['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/QueryResultsOfScriptPackage' });
  });

  it('infers named schemas from the examples: required where every example has it, null makes nullable', () => {
    const schemas = result.openapi.components!.schemas! as Record<string, any>;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['ScriptPackage', 'ScriptRun', 'StepResult', 'QueryResultsOfScriptRun', 'QueryResultsOfScriptPackage']));
    expect(schemas.StepResult.properties.Data.type).toEqual('null');
    expect(schemas.ScriptRun.properties.Id).toEqual({ type: 'string', format: 'uuid' });
    expect(schemas.ScriptRun.properties.CreatedAt).toEqual({ type: 'string', format: 'date-time' });
    expect(schemas.ScriptRun.required).toContain('AssignmentId');
    expect(schemas.ScriptRun.required).not.toContain('ActualDuration');
    expect(schemas.ScriptRun.properties.StepResults).toEqual({ type: 'array', items: { $ref: '#/components/schemas/StepResult' } });
    expect(schemas.ScriptPackage.required).not.toContain('ProjectId');
  });

  it('extracts the entities of example responses as linked fixtures', () => {
    const names = result.fixtures.ScriptPackage!.map((p) => p.Name);
    expect(names).toEqual(expect.arrayContaining(['Reports', 'Data Import']));
    const runs = result.fixtures.ScriptRun!.filter((r) => r.AssignmentId === '2264a622-2869-4ef8-8183-a0040106ca9d');
    expect(runs.map((r) => r.Id)).toEqual(['eb6b327c-df59-4f26-aa8d-a089009f0d1b']);
    // Step results nested in a run point at it, although the page shows a zero GUID.
    expect(result.fixtures.StepResult!.map((s) => s.RunId)).toEqual(['eb6b327c-df59-4f26-aa8d-a089009f0d1b', 'eb6b327c-df59-4f26-aa8d-a089009f0d1b']);
    expect(result.fixtures.ScriptPackage![0]).not.toHaveProperty('Self');
  });

  it('counts the documented resources against the navigation list', () => {
    expect(result.coverage.resources.length).toBeGreaterThan(180);
    expect(result.coverage.documented).toEqual(expect.arrayContaining(['Script Assignment Runs', 'Script Packages']));
  });
});

describe('the build of the whole docs-spec/', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await buildFromDocs(docs);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const res = await validator.validate(structuredClone(result.openapi) as unknown as Parameters<Validator["validate"]>[0]);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has every documented example valid against its schema', () => {
    expect(validateExamples(result.openapi)).toEqual([]);
  });

  it('has at least one example for every GET, POST, PUT and PATCH, and a successful one for every GET', () => {
    const ops = result.resources.flatMap((r) => r.operations.map((op) => ({ op, name: `${op.method} ${r.path}` })));
    const writes = ops.filter(({ op }) => ['GET', 'POST', 'PUT', 'PATCH'].includes(op.method));
    expect(writes.length).toBeGreaterThan(230);
    expect(writes.filter(({ op }) => op.examples.length === 0).map(({ name }) => name)).toEqual([]);
    const gets = ops.filter(({ op }) => op.method === 'GET');
    expect(gets.filter(({ op }) => !op.examples.some((e) => e.status >= 200 && e.status < 300)).map(({ name }) => name)).toEqual([]);
  });

  it('stores no expansion of related records on a fixture, not even an empty one an expanded example showed', () => {
    const stored: string[] = [];
    for (const model of result.models) {
      const expansions = Object.entries(model.entity?.expands ?? {}).filter(([, e]) => !e.field).map(([name]) => name);
      for (const rec of result.fixtures[model.name] ?? []) for (const name of expansions) if (name in rec) stored.push(`${model.name} ${rec.Id} ${name}`);
    }
    expect(stored).toEqual([]);
    const rally = result.fixtures.ExternalSystem!.find((s) => s.Name === 'Rally Workspace')!;
    expect(rally).not.toHaveProperty('ExternalSystemLinks');
  });

  it('has every fixture foreign key pointing at an existing record', () => {
    expect(result.dangling).toEqual([]);
  });

  it('is deterministic, and generated/ is what docs-spec/ builds', async () => {
    const again = await buildFromDocs(docs);
    expect(stableJson(again.openapi)).toBe(stableJson(result.openapi));
    expect(stableJson(again.fixtures)).toBe(stableJson(result.fixtures));
    expect(readFileSync(join(root, 'generated/openapi.json'), 'utf8')).toBe(stableJson(result.openapi));
    expect(readFileSync(join(root, 'generated/fixtures.json'), 'utf8')).toBe(stableJson(result.fixtures));
  });
});

describe('bad input', () => {
  const brokenExample = (dir: string) => writeFileSync(join(dir, 'docs-spec/resources/things.json'), JSON.stringify({
    resource: 'Things', path: '/api/things', entity: 'Thing',
    operations: { GET: { responses: { 200: { description: 'ok', model: 'Thing' } }, examples: [{ title: 'bad one', response: { status: 200, body: { Id: 7 } } }] } },
  }, null, 2));

  it('stops with the file, line and problem, and writes nothing', async () => {
    const dir = scratch(['pages']);
    mkdirSync(join(dir, 'docs-spec/resources'), { recursive: true });
    mkdirSync(join(dir, 'docs-spec/models'), { recursive: true });
    writeFileSync(join(dir, 'docs-spec/models/Thing.json'), JSON.stringify({ type: 'object', properties: { Id: { type: 'string' } }, entity: { self: '/api/thing/{Id}' } }));
    brokenExample(dir);
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => errors.push(s) > 0) as unknown as typeof process.stderr.write;
    try {
      expect(await runBuildCommand({ root: dir, lenient: false })).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toMatch(/resources\/things\.json:\d+: 1 example\(s\) do not match.*'bad one'.*\/Id must be string/s);
    expect(existsSync(join(dir, 'generated'))).toBe(false);

    const lenient = await buildFromDocs(join(dir, 'docs-spec'), { lenient: true });
    expect(lenient.warnings.join('\n')).toMatch(/skipped .*bad one/);
  });

  it('names the line of broken JSON in a catalogue file', async () => {
    const dir = scratch(['pages']);
    mkdirSync(join(dir, 'docs-spec/resources'), { recursive: true });
    writeFileSync(join(dir, 'docs-spec/resources/oops.json'), '{\n  "resource": "Oops",\n  "path": "/api/oops",,\n}\n');
    await expect(buildFromDocs(join(dir, 'docs-spec'))).rejects.toThrow(/resources\/oops\.json:3: expected valid JSON/);
    const lenient = await buildFromDocs(join(dir, 'docs-spec'), { lenient: true });
    expect(lenient.warnings[0]).toMatch(/skipped resources\/oops\.json:3/);
  });
});
