import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  compareOperations,
  formatCoverageReport,
  openApiOperations,
  operationKey,
  parseOperationList,
  runCoverageCommand,
} from '../../src/compile/coverage/coverage.ts';

describe('operationKey', () => {
  it('ignores parameter names and letter case', () => {
    expect(operationKey({ method: 'get', path: '/api/user/{id}' })).toBe(
      operationKey({ method: 'GET', path: '/API/User/{userId}' }),
    );
  });
  it('keeps methods and literal segments apart', () => {
    expect(operationKey({ method: 'GET', path: '/api/user/{id}' })).not.toBe(
      operationKey({ method: 'PUT', path: '/api/user/{id}' }),
    );
    expect(operationKey({ method: 'GET', path: '/api/user/{id}/groups' })).not.toBe(
      operationKey({ method: 'GET', path: '/api/user/{id}' }),
    );
  });
  it('treats the root with and without its trailing slash alike', () => {
    expect(operationKey({ method: 'GET', path: '/api/' })).toBe(operationKey({ method: 'GET', path: '/api' }));
  });
});

describe('parseOperationList', () => {
  it('reads METHOD /path lines and skips blanks and comments', () => {
    expect(parseOperationList('# ET 6.1\nGET /api/users\n\npost /api/groups\n')).toEqual([
      { method: 'GET', path: '/api/users' },
      { method: 'POST', path: '/api/groups' },
    ]);
  });
  it('rejects a line it cannot read', () => {
    expect(() => parseOperationList('GET')).toThrow(/cannot read/);
  });
});

describe('the committed reference list', () => {
  it('holds the 273 operations of ET 6.1, sorted and without duplicates', async () => {
    const text = await readFile(path.resolve('docs-spec/et-operations.txt'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(273);
    expect(new Set(lines).size).toBe(273);
    expect([...lines].sort()).toEqual(lines);
    expect(lines).toContain('PUT /api/user/{id}/permissions/global');
  });
});

describe('compareOperations', () => {
  const reference = parseOperationList('GET /api/users\nPOST /api/users\nGET /api/user/{id}\nDELETE /api/user/{id}\n');
  const spec = openApiOperations({
    openapi: '3.1.0',
    paths: {
      '/api/users': { get: {}, post: {}, parameters: [] },
      '/api/user/{userId}': { get: {}, summary: 'not a method' },
      '/api/automatedtestassignment/{id}/runs': { post: {} },
    },
  });

  it('counts documented, missing and extra operations', () => {
    const report = compareOperations(spec, reference);
    expect(report.total).toBe(4);
    expect(report.documented.map(operationKey)).toEqual(['GET /api/user/{}', 'GET /api/users', 'POST /api/users']);
    expect(report.missing).toEqual([{ method: 'DELETE', path: '/api/user/{id}' }]);
    expect(report.extra).toEqual([{ method: 'POST', path: '/api/automatedtestassignment/{id}/runs' }]);
  });

  it('prints the summary line, then the missing and the extra operations', () => {
    const text = formatCoverageReport(compareOperations(spec, reference));
    expect(text.split('\n')[0]).toBe('documented 3 of 4 ET operations (75.0%)');
    expect(text).toContain('  DELETE /api/user/{id}');
    expect(text).toContain('  POST /api/automatedtestassignment/{id}/runs');
  });

  it('lists nothing missing when everything is documented', () => {
    const text = formatCoverageReport(compareOperations(reference, reference));
    expect(text).toBe('documented 4 of 4 ET operations (100.0%)\n');
  });
});

describe('runCoverageCommand', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads the spec and the list under --root, prints the report and exits 0', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'et-coverage-'));
    await mkdir(path.join(root, 'generated'));
    await mkdir(path.join(root, 'docs-spec'));
    await writeFile(
      path.join(root, 'generated/openapi.json'),
      JSON.stringify({ openapi: '3.1.0', paths: { '/api/': { get: {} } } }),
    );
    await writeFile(path.join(root, 'docs-spec/et-operations.txt'), 'GET /api/\nGET /api/systeminfo\n');
    let output = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output += String(chunk);
      return true;
    });
    const code = await runCoverageCommand(['--root', root]);
    expect(code).toBe(0);
    expect(output).toBe('documented 1 of 2 ET operations (50.0%)\nmissing (1):\n  GET /api/systeminfo\n');
  });
});
