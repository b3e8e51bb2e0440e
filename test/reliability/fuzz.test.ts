// Every operation of generated/openapi.json, fuzzed: fast-check requests built from the spec's own schemas
// and parameters (valid and near-valid bodies, path values, query strings with TQL and OData), sent to the
// fake in strict mode, where any answer that breaks the spec becomes a 500. None may be a 500 (or any 5xx),
// and every refusal must carry ET's {"Message"}.
// Default: a few requests per operation (well within a minute); ET_FAKE_LONG_TESTS=1 runs many more.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_AUTH, ORIGIN } from '../helpers/fake.ts';
import { makeTestFake, testSpec } from '../helpers/test-fake.ts';
import type { TestFake } from '../helpers/fake.ts';
import { oddString, SchemaArbitraries } from '../helpers/schema-arbitrary.ts';
import type { OpenApiDoc } from '../../src/server/spec/operations.ts';

const LONG = process.env.ET_FAKE_LONG_TESTS === '1';
const RUNS_PER_OPERATION = LONG ? 300 : 25;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Schema = Record<string, any>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** Documented request media types and their schemas. */
  content: Record<string, { schema?: Schema }>;
}

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function operationsOf(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, any][]) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      out.push({ method: m.toUpperCase(), path, parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])], content: op.requestBody?.content ?? {} });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- queries
const FIELDS = ['Name', 'Id', 'Status', 'CreatedAt', 'LastUpdatedAt', 'AssignedTo', 'Priority', 'Type', 'Project', 'Package', 'EntityType', 'OrderNumber', 'Description', 'Summary', 'NoSuchField', 'Script.Name', 'Month(CreatedAt)'];
const tqlValue = fc.oneof(
  oddString().map((s) => JSON.stringify(s)),
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.constantFrom('EMPTY', 'NULL', '2026-03-02', '"2026-03-02 10:00"', 'ScriptAssignment', 'TestScript', 'Incident', 'Requirement', 'Passed', '[1, 2]', '("a", "b")', '{x}', '\\'),
);
const tqlCompare = fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom('=', '!=', '~', '!~', '>', '>=', '<', '<=', 'IN', 'NOT IN', 'IS', 'IS NOT', 'CONTAINS', 'DOES NOT CONTAIN'), tqlValue).map((p) => p.join(' '));
const { tql: tqlExpr } = fc.letrec<{ tql: string }>((tie) => ({
  tql: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tqlCompare,
    fc.tuple(tie('tql'), fc.constantFrom('AND', 'OR', 'and', '&&'), tie('tql')).map((p) => p.join(' ')),
    tie('tql').map((e) => `NOT (${e})`),
    tie('tql').map((e) => `(${e})`),
  ),
}));
const TQL_WORDS = ['AND', 'OR', 'NOT', 'ORDER', 'BY', 'ASC', 'DESC', 'COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'GROUP', 'AS', 'IN', 'IS', 'EMPTY', 'WHERE', 'FILL', '(', ')', '[', ']', '{', '}', ',', '=', '~', '!=', '"', "'", ...FIELDS];
const tokenSoup = (words: string[]) => fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 })), { maxLength: 8 }).map((w) => w.join(' '));
const tqlArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: tqlExpr },
  { weight: 2, arbitrary: fc.tuple(tqlExpr, fc.constantFrom(...FIELDS), fc.constantFrom('ASC', 'DESC', '')).map(([e, f, d]) => `${e} ORDER BY ${f} ${d}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('COUNT', 'SUM(OrderNumber)', 'AVG(OrderNumber)', 'MIN(CreatedAt)', 'MAX(Priority)'), fc.constantFrom(...FIELDS)).map(([a, f]) => `SELECT ${a} GROUP BY ${f}`.replace('SELECT ', '')) },
  { weight: 1, arbitrary: fc.constantFrom('EntityType = ScriptAssignment', 'EntityType = TestScript', 'EntityType = ScriptRun', 'EntityType = Incident ORDER BY Name', 'Name ~ "Login"', 'COUNT GROUP BY EntityType', '') },
  { weight: 2, arbitrary: tokenSoup(TQL_WORDS) },
  { weight: 1, arbitrary: oddString() },
);

const odataValue = fc.oneof(
  oddString().map((s) => `'${s.replace(/'/g, "''")}'`),
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.uuid().map((u) => `guid'${u}'`),
  fc.constantFrom('null', 'true', 'false', "datetime'2026-03-02T00:00:00'", "datetime'not a date'", "'unterminated", '(1,2)'),
);
const odataCompare = fc.oneof(
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le', 'EQ', 'like'), odataValue).map((p) => p.join(' ')),
  fc.tuple(fc.constantFrom('substringof', 'startswith', 'endswith', 'tolower', 'length', 'nosuchfunction'), oddString(), fc.constantFrom(...FIELDS)).map(([f, s, n]) => `${f}('${s.replace(/'/g, "''")}', ${n})`),
);
const { odata: odataExpr } = fc.letrec<{ odata: string }>((tie) => ({
  odata: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    odataCompare,
    fc.tuple(tie('odata'), fc.constantFrom('and', 'or', 'AND'), tie('odata')).map((p) => p.join(' ')),
    tie('odata').map((e) => `not (${e})`),
    tie('odata').map((e) => `(${e})`),
  ),
}));
const ODATA_WORDS = ['eq', 'ne', 'gt', 'lt', 'and', 'or', 'not', '(', ')', "'", ',', 'guid', 'datetime', 'null', 'true', ...FIELDS];
const filterArb = fc.oneof({ weight: 4, arbitrary: odataExpr }, { weight: 2, arbitrary: tokenSoup(ODATA_WORDS) }, { weight: 1, arbitrary: oddString() });
const orderbyArb = fc.oneof(
  fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom('', ' asc', ' desc', ' sideways')).map(([f, d]) => f + d), { minLength: 1, maxLength: 3 }).map((a) => a.join(',')),
  oddString(),
);
const expandArb = fc.oneof(
  fc.array(fc.constantFrom('Project', 'Package', 'Script', 'Steps', 'Statuses', 'Priorities', 'CustomFields', 'Assignments', 'Children', 'NoSuchExpand', 'Project.Statuses', '*'), { maxLength: 4 }).map((a) => a.join(',')),
  oddString(),
);
const timeZoneArb = fc.constantFrom('UTC', 'Pacific/Auckland', 'America/New_York', '+13:00', '-05:30', 'Mars/Olympus', '', 'NZST');

/** Text for a query parameter: by its name where it carries a language, else from its schema (or near it). */
function queryValue(p: Parameter, schemas: SchemaArbitraries): fc.Arbitrary<string> {
  const name = p.name.toLowerCase();
  if (name === 'tql') return tqlArb;
  if (name === '$filter') return filterArb;
  if (name === '$orderby') return orderbyArb;
  if (name === '$expand') return expandArb;
  if (name === 'timezone') return timeZoneArb;
  if (name === '$top' || name === '$skip' || name === '$take') return fc.oneof({ weight: 6, arbitrary: fc.oneof(fc.nat(30), fc.nat(1_000)).map(String) }, { weight: 1, arbitrary: fc.constantFrom('-1', '1001', '2.5', 'ten', '') });
  const schema = p.schema ?? {};
  const near = fc.oneof(oddString(), fc.constantFrom('-1', '1e9', '99999999999999999999', '0x10', 'NaN', 'TRUE', 'yes', ''));
  const valid = schemas.valid(schema).map((v) => (v === null || v === undefined ? '' : String(v)));
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: near });
}

// ----------------------------------------------------------------------------------------------- bodies
const MULTIPART_BOUNDARY = 'fuzz-boundary-7d1e';

function multipartBody(fileName: string, contentType: string, data: string): Uint8Array {
  const text = `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n${data}\r\n--${MULTIPART_BOUNDARY}--\r\n`;
  return new TextEncoder().encode(text);
}

const JUNIT = '<?xml version="1.0"?><testsuite name="fuzz" tests="2"><testcase classname="c" name="a" time="0.1"/><testcase classname="c" name="b"><failure message="x"/></testcase></testsuite>';

/** A body and its Content-Type for the operation: what it documents, something near it, or something else. */
function bodyOf(op: Operation, schemas: SchemaArbitraries): fc.Arbitrary<{ type?: string; body?: string | Uint8Array }> {
  const types = Object.keys(op.content);
  const jsonType = types.find((t) => t.includes('json'));
  const options: fc.WeightedArbitrary<{ type?: string; body?: string | Uint8Array }>[] = [];
  if (jsonType) {
    const schema = op.content[jsonType]!.schema;
    options.push({ weight: 5, arbitrary: schemas.valid(schema).map((v) => ({ type: 'application/json', body: JSON.stringify(v) })) });
    options.push({ weight: 4, arbitrary: schemas.nearValid(schema).map((v) => ({ type: 'application/json', body: JSON.stringify(v) ?? 'null' })) });
    options.push({ weight: 1, arbitrary: schemas.valid(schema).chain((v) => fc.nat().map((n) => { const t = JSON.stringify(v) ?? ''; return { type: 'application/json', body: t.slice(0, n % (t.length + 1)) }; })) });
  }
  if (types.some((t) => t.startsWith('multipart/'))) {
    const file = fc.record({
      name: fc.oneof(fc.constantFrom('results.xml', 'notes.txt', 'report.zip', 'a b.pdf', 'réçu.csv', '../x.txt', ''), oddString()),
      type: fc.constantFrom('text/plain', 'application/xml', 'application/zip', 'application/octet-stream'),
      data: fc.oneof(fc.constant(JUNIT), fc.constant('<testsuite><testcase'), oddString()),
    });
    options.push({ weight: 6, arbitrary: file.map((f) => ({ type: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, body: multipartBody(f.name.replace(/["\r\n]/g, '_'), f.type, f.data) })) });
    options.push({ weight: 1, arbitrary: fc.constant({ type: 'multipart/form-data', body: 'no boundary' }) });
  }
  if (types.includes('application/x-www-form-urlencoded')) {
    const schema = op.content['application/x-www-form-urlencoded']!.schema;
    const fields = Object.keys(schemas.propertiesOf(schema));
    const field = fields.length ? fc.constantFrom(...fields) : fc.constant('tql');
    const pairs = fc.array(fc.tuple(field, fc.oneof(tqlArb, oddString())), { maxLength: 3 });
    options.push({ weight: 5, arbitrary: pairs.map((p) => ({ type: 'application/x-www-form-urlencoded', body: new URLSearchParams(p).toString() })) });
  }
  // Whatever the operation documents: no body, the wrong kind, or JSON that is not what it takes.
  options.push({ weight: 1, arbitrary: fc.constant({}) });
  options.push({ weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=latin1', 'image/png').map((type) => ({ type, body: '{"Name":"x"}' })) });
  options.push({ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ type: 'application/json', body: JSON.stringify(v) })) });
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------- requests
/** Every URL path the spec's examples show (Self and Href values), which name records that exist. */
function examplePaths(doc: OpenApiDoc): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = /^https?:\/\/[^/]+(\/api\/[^?#\s]*)/.exec(v);
      if (m) found.add(m[1]!);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(doc.paths);
  return [...found].sort();
}

/** The path values of the examples' URLs that fit this operation's template, one tuple per URL. */
function documentedValues(op: Operation, paths: string[]): string[][] {
  const names = [...op.path.matchAll(/\{[^}]+\}/g)];
  if (!names.length) return [];
  const pattern = new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')}$`, 'i');
  return paths.flatMap((p) => {
    const m = pattern.exec(p);
    return m ? [m.slice(1).map((v) => decodeURIComponent(v))] : [];
  });
}

function requestOf(op: Operation, schemas: SchemaArbitraries, names: string[], documented: string[][]): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValue = (p: Parameter) =>
    fc.oneof(
      { weight: 6, arbitrary: p.schema?.format === 'uuid' || /id$/i.test(p.name) ? schemas.valid({ type: 'string', format: 'uuid' }).map(String) : names.length ? fc.constantFrom(...names) : oddString() },
      { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
      { weight: 2, arbitrary: fc.oneof(oddString(), fc.constantFrom('not-a-guid', '00000000-0000-0000-0000-000000000000', '..', '%2e%2e', ' ', '-1', '9'.repeat(40))) },
    );
  const generated = fc.tuple(...pathParams.map(pathValue));
  // Mostly records that exist (from the examples), so requests get past the lookup to the handler's own work.
  const values = documented.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...documented) }, { weight: 1, arbitrary: generated }) : generated;
  const path = values.map((values) => {
    let i = 0;
    return op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++] ?? 'x') || 'x');
  });
  const query = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.option(queryValue(p, schemas), { nil: undefined, freq: 2 }))),
      // Now and then a parameter the operation does not document, or one every operation reads, with odd text.
      fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('$top', '$skip', '$take', 'callback', 'indent-json', 'format', '$inlinecount', 'junk'), oddString()) }),
    )
    .map(([values, extra]) => {
      const q = new URLSearchParams();
      queryParams.forEach((p, i) => {
        if (values[i] !== undefined) q.append(p.name, values[i]!);
      });
      if (extra) q.append(extra[0], extra[1]);
      const s = q.toString();
      return s ? `?${s}` : '';
    });
  const body = op.method === 'GET' ? fc.constant({} as { type?: string; body?: string | Uint8Array }) : bodyOf(op, schemas);
  return fc.tuple(path, query, body).map(([p, q, b]) => ({
    method: op.method,
    url: `${ORIGIN}${p}${q}`,
    headers: { Authorization: ADMIN_AUTH, Accept: 'application/json', ...(b.type ? { 'Content-Type': b.type } : {}) },
    body: b.body,
  }));
}

/** What is wrong with the answer (a 5xx; a refusal without a Message), or undefined when it is fine. */
async function problemOf(res: Response): Promise<string | undefined> {
  let text = await res.text();
  // A JSONP answer (callback=fn) wraps the same body: fn({...}).
  const padded = /javascript/.test(res.headers.get('content-type') ?? '') ? /^[\w$.]+\(([\s\S]*)\);?$/.exec(text) : null;
  if (padded) text = padded[1]!;
  if (res.status >= 500) return `${res.status}: ${text.slice(0, 600)}`;
  if (res.status < 400) return undefined;
  return messageProblem(res.status, text);
}

function messageProblem(status: number, text: string): string | undefined {
  try {
    const body = JSON.parse(text);
    return typeof body?.Message === 'string' && body.Message.length > 0 ? undefined : `${status} without a Message: ${text.slice(0, 300)}`;
  } catch {
    return `${status} whose body is not JSON: ${text.slice(0, 300)}`;
  }
}

let fake: TestFake;
let ops: Operation[];
let schemas: SchemaArbitraries;
let names: string[];
let docPaths: string[];
let observers: string[];
let collections: string[];

beforeAll(async () => {
  const doc = await testSpec();
  fake = await makeTestFake();
  ops = operationsOf(doc);
  const ids = new Set<string>();
  const nameSet = new Set<string>();
  for (const records of Object.values(fake.store.snapshot()) as Record<string, unknown>[][]) {
    for (const r of records) {
      if (typeof r.Id === 'string') ids.add(r.Id);
      for (const key of ['Name', 'Key', 'UserName']) if (typeof r[key] === 'string' && (r[key] as string).length < 60) nameSet.add(r[key] as string);
    }
  }
  schemas = new SchemaArbitraries(doc, { ids: [...ids].sort() });
  names = [...nameSet].sort();
  docPaths = examplePaths(doc);
  collections = ops.filter((o) => o.method === 'GET' && !o.path.includes('{')).map((o) => `${o.path}?$top=1000`);
  observers = ['/api/search?$top=1000', '/api/search?$top=1000&format=grid'];
});

afterAll(async () => {
  await fake?.close();
});

describe('search in strict mode', () => {
  it('answers within the spec with script assignments among the hits, new ones included (once a 500)', async () => {
    const created = await fake.post('/api/scriptassignments', { AssignedToId: 'e7157154-5f93-4ec4-bde3-0a3e5c66b04a', PackageId: '9ad25b7d-fc05-4a26-8535-d01afba064c9', ScriptId: '3e95534f-4c7b-4ed8-83cd-2baa7017f62d' });
    expect(created.status).toBe(201);
    for (const query of ['EntityType = ScriptAssignment', 'EntityType = ScriptAssignment ORDER BY Name DESC', `Id = ${created.body.Id}`]) {
      for (const extra of ['', '&format=grid', '&$expand=Script,Package']) {
        // fake.get checks the answer against the spec as well; strict mode would have made a mismatch a 500.
        const res = await fake.get(`/api/search?tql=${encodeURIComponent(query)}${extra}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.Items.some((i: { EntityType: string }) => i.EntityType === 'ScriptAssignment')).toBe(true);
      }
    }
    const posted = await fake.request('POST', '/api/search', { raw: new URLSearchParams({ tql: 'EntityType = ScriptAssignment' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(posted.status).toBe(200);
    expect(posted.body.Items.map((i: { Id: string }) => i.Id)).toContain(created.body.Id);
    fake.reset();
  });
});

describe('fuzzing every operation of the spec', () => {
  it('covers the whole spec', async () => {
    expect(ops.length).toBeGreaterThan(250);
  });

  it(`answers every generated request without a 5xx, and every refusal with a Message (${RUNS_PER_OPERATION} requests per operation)`, async () => {
    const failures: string[] = [];
    let sent = 0;
    let last = '';
    const statuses = new Map<number, number>();
    const succeeded = new Set<string>();
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(requestOf(op, schemas, names, documentedValues(op, docPaths)), async (req) => {
          const res = await fake.app.request(req.url, { method: req.method, headers: req.headers, body: req.body });
          sent++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status < 300) succeeded.add(`${op.method} ${op.path}`);
          const problem = await problemOf(res.clone());
          if (process.env.ET_FAKE_FUZZ_STATS && res.status === 400) console.log('400', (await res.text()).slice(0, 110));
          if (problem) {
            const body = typeof req.body === 'string' ? req.body : req.body ? new TextDecoder().decode(req.body) : '';
            last = `${req.method} ${req.url} [${req.headers['Content-Type'] ?? ''}] ${body.slice(0, 300)}\n  -> ${problem}`;
            throw new Error(last);
          }
        }),
        { numRuns: RUNS_PER_OPERATION, endOnFailure: !LONG, seed: LONG ? undefined : seedOf(op) },
      ).catch((err: Error) => failures.push(`${op.method} ${op.path}: ${last || err.message.slice(0, 600)}`));
      // What the operation wrote must read back within the spec too: every searchable record, as a page and as
      // grid rows, and collections without path parameters (in turn; all of them in the long run).
      const turn = ops.indexOf(op);
      for (const url of [...observers, ...(LONG ? collections : [collections[turn % collections.length]!, collections[(turn * 7 + 3) % collections.length]!])]) {
        const res = await fake.app.request(`${ORIGIN}${url}`, { headers: { Authorization: ADMIN_AUTH } });
        const problem = await problemOf(res);
        if (problem) failures.push(`${op.method} ${op.path}, then GET ${url}: ${problem}`);
      }
      last = '';
      // Every operation starts from the default data, so deletes earlier on leave later ones something to find.
      fake.reset();
    }
    expect(sent).toBeGreaterThanOrEqual(ops.length);
    if (process.env.ET_FAKE_FUZZ_STATS) console.log(sent, [...statuses].sort((a, b) => a[0] - b[0]), succeeded.size, ops.filter((o) => !succeeded.has(`${o.method} ${o.path}`)).map((o) => `${o.method} ${o.path}`).join('\n'));
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, LONG ? 1_800_000 : 120_000);
});

/** A fixed seed per operation in the default run, so it is the same run each time (and a failure repeats). */
function seedOf(op: Operation): number {
  let h = 2166136261;
  for (const ch of `${op.method} ${op.path}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h | 0;
}
