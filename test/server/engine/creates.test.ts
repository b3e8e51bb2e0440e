// Every create, as ET answers it: each documented create of docs-spec/ is sent with the smallest body the fake
// accepts (the documented body, then each field left out in turn while the create still succeeds), each try in
// a fresh sandbox of the default data. The answer has the documented status (201 where ET documents it), a
// Location naming the new record's Self that answers GET, and no field the model requires left null. A child
// needs no more than its container: its project comes from there; an unknown or missing container is refused
// in ET's own sentence.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFromDocs } from '../../../src/compile/index.ts';
import { documentedExamples, urlOf, type DocumentedExample } from '../../../src/contracts/examples.ts';
import { containerFields } from '../../../src/server/engine/writes/containers.ts';
import { Router } from '../../../src/server/http/router.ts';
import { operationsOf, type OperationSpec } from '../../../src/server/spec/operations.ts';
import type { Reply, TestFake } from '../../helpers/fake.ts';
import type { Store } from '../../../src/server/engine/store-types.ts';
import { makeTestFake, testSpec } from '../../helpers/test-fake.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const spec = await testSpec();
const ops = operationsOf(spec);
const routes = new Router<string>();
for (const op of ops) routes.add(op.path, op.method, op.method);
const opOf = (e: DocumentedExample) => ops.find((o) => o.path === e.resource.path && o.method === e.op.method)!;

/** A POST that makes a record: a documented success with a JSON object body whose answer is a record. */
function isCreate(e: DocumentedExample): boolean {
  const op = opOf(e);
  const body = e.ex.responseBody as Record<string, unknown> | undefined;
  return (
    e.op.method === 'POST' &&
    (e.ex.status === 200 || e.ex.status === 201) &&
    !op.envelopeResponse &&
    !!op.entity &&
    !!e.ex.requestBody &&
    typeof e.ex.requestBody === 'object' &&
    !Array.isArray(e.ex.requestBody) &&
    !!body &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    ('Id' in body || 'Self' in body)
  );
}

const UNKNOWN = '0badc0de-0000-4000-8000-000000000000';
/** ET's sentences for a create whose container is missing or unknown. */
const CONTAINER_SENTENCE = /^You must specify (a valid \w+Id which the [a-z ]+ can be added to|either a \w+Id or a \w+Id for the new [a-z ]+)\.$/;

interface Create {
  e: DocumentedExample;
  op: OperationSpec;
  url: string;
  body: Record<string, unknown>;
  reply: Reply;
  /** The sandbox the answered create wrote to. */
  store: Store;
}

/** One create in a fresh sandbox of the default data, so tries do not see each other's records. */
async function inSandbox(fake: TestFake, url: string, body: unknown): Promise<{ reply: Reply; store: Store }> {
  const store = fake.store.fork();
  return { reply: await fake.engine.withStore(store, () => fake.request('POST', url, { body })), store };
}

/** The documented body, with names made unique (the default data holds what other examples created). */
async function firstAccepted(fake: TestFake, url: string, documented: Record<string, unknown>) {
  let body = structuredClone(documented);
  let tried = await inSandbox(fake, url, body);
  if (tried.reply.status === 409 || tried.reply.status === 403) {
    body = { ...body };
    for (const k of ['Name', 'UserName']) if (typeof body[k] === 'string') body[k] = `${body[k]} (second)`;
    tried = await inSandbox(fake, url, body);
  }
  return { body, ...tried };
}

async function smallestCreate(fake: TestFake, e: DocumentedExample): Promise<Create> {
  const url = urlOf(e);
  let { body, reply, store } = await firstAccepted(fake, url, e.ex.requestBody as Record<string, unknown>);
  if (reply.status < 300) {
    for (const key of Object.keys(body)) {
      const { [key]: _, ...without } = body;
      const tried = await inSandbox(fake, url, without);
      if (tried.reply.status < 300) ({ reply, store } = tried), (body = without);
    }
  }
  return { e, op: opOf(e), url, body, reply, store };
}

/** The schema of an answer, with its $refs followed. */
function responseSchema(op: OperationSpec, status: number): { required?: string[]; properties?: Record<string, unknown> } | undefined {
  let schema = spec.paths?.[op.path]?.[op.method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']?.schema;
  for (let hops = 0; schema?.$ref && hops < 5; hops++) schema = spec.components?.schemas?.[String(schema.$ref).split('/').pop()!];
  return schema;
}

describe('creates', async () => {
  const docs = await buildFromDocs(`${root}docs-spec`);
  const seen = new Set<string>();
  const examples = documentedExamples(docs).examples.filter((e) => {
    if (!isCreate(e) || seen.has(e.resource.path)) return false;
    seen.add(e.resource.path);
    return true;
  });
  let fake: TestFake;
  const creates: Create[] = [];
  beforeAll(async () => {
    fake = await makeTestFake({ auth: false });
    for (const e of examples) creates.push(await smallestCreate(fake, e));
  }, 120_000);

  it('cover every documented kind of create', () => {
    expect(examples.length).toBeGreaterThanOrEqual(25);
    const refused = creates.filter((c) => c.reply.status >= 300).map((c) => `${c.url}: ${c.reply.status} ${JSON.stringify(c.reply.body)}`);
    expect(refused).toEqual([]);
  });

  it('answer 201 where ET documents it, else the documented success', () => {
    const wrong = creates
      .filter((c) => c.reply.status !== (c.op.statuses.includes(201) ? 201 : 200))
      // A link or run that is already there is answered as it is (200), where ET documents that too.
      .filter((c) => !(c.reply.status === 200 && c.op.statuses.includes(200) && c.op.behaviour))
      .map((c) => `POST ${c.op.path}: ${c.reply.status}, documented ${c.op.statuses.join('/')}`);
    expect(wrong).toEqual([]);
  });

  it("carry a Location that is the new record's Self and answers GET", async () => {
    const wrong: string[] = [];
    for (const c of creates) {
      if (!c.op.locations.has(c.reply.status)) continue;
      const location = c.reply.headers.get('location');
      if (!location) {
        wrong.push(`POST ${c.op.path}: no Location`);
        continue;
      }
      if (typeof c.reply.body?.Self === 'string' && location !== c.reply.body.Self) wrong.push(`POST ${c.op.path}: Location ${location}, Self ${c.reply.body.Self}`);
      // The record the create made is there to read, in the sandbox it was made in.
      const again = await fake.engine.withStore(c.store, () => fake.get(location));
      const allowed = again.status === 200 || (again.status === 405 && !routes.match(new URL(location).pathname)?.methods.has('GET'));
      if (!allowed) wrong.push(`GET ${location} (made by POST ${c.op.path}): ${again.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('hand out links that resolve on the new record too (Self and every Links[].Href)', async () => {
    const broken: string[] = [];
    for (const c of creates) {
      const body = c.reply.body;
      const links = [body?.Self, ...(Array.isArray(body?.Links) ? body.Links.map((l: { Href: string }) => l.Href) : [])].filter((l): l is string => typeof l === 'string');
      for (const link of links) {
        const res = await fake.engine.withStore(c.store, () => fake.get(link));
        const allowed = res.status === 200 || (res.status === 405 && !routes.match(new URL(link).pathname)?.methods.has('GET'));
        if (!allowed) broken.push(`${link} (from POST ${c.op.path}): ${res.status}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('leave no field the model requires null', () => {
    const nulls: string[] = [];
    for (const c of creates) {
      const schema = responseSchema(c.op, c.reply.status);
      for (const field of schema?.required ?? []) if (c.reply.body?.[field] === null || c.reply.body?.[field] === undefined) nulls.push(`POST ${c.op.path}: ${field}`);
    }
    expect(nulls).toEqual([]);
  });

  it('answer every property their model declares, as ET does (null where nothing was set)', () => {
    const missing: string[] = [];
    for (const c of creates) {
      const def = fake.engine.catalog.get(c.op.entity!)!;
      const schema = responseSchema(c.op, c.reply.status);
      if (!schema?.properties || !c.reply.body || typeof c.reply.body !== 'object') continue;
      const expansions = new Set(def.expands.map((e) => e.name));
      for (const [field, prop] of Object.entries<any>(schema.properties)) {
        if (['Self', 'Links', 'Expands'].includes(field) || expansions.has(field) || def.hiddenFields.has(field)) continue;
        // What the fake cannot know unasked (a typed value with no default) is left to the body; the rest is answered.
        const kinds = [prop?.type ?? []].flat();
        if (!kinds.includes('null') && !kinds.includes('array') && !('default' in (prop ?? {})) && !prop?.anyOf) continue;
        if (!(field in c.reply.body)) missing.push(`POST ${c.op.path}: ${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('take the project from the container, needing nothing more', () => {
    const checked: string[] = [];
    for (const c of creates) {
      const def = fake.engine.catalog.get(c.op.entity!)!;
      const fields = containerFields(def);
      if (!fields || fields[0] === 'ProjectId' || !('ProjectId' in def.references) || !c.reply.body?.Id) continue;
      expect(c.body, `POST ${c.op.path} needed a ProjectId`).not.toHaveProperty('ProjectId');
      // The container given (a package, or the parent of a child requirement) lends its project and package.
      const given = fields.find((f) => typeof c.body[f] === 'string')!;
      const holder = fake.store.collection(def.references[given]!).get(String(c.body[given]))!;
      expect(c.reply.body.ProjectId, `POST ${c.op.path}`).toBe(holder.ProjectId);
      for (const f of fields) if (f !== given && typeof holder[f] === 'string') expect(c.reply.body[f], `POST ${c.op.path}: ${f}`).toBe(holder[f]);
      checked.push(def.name);
    }
    expect(checked).toEqual(expect.arrayContaining(['AgileRun', 'Script', 'AutomatedTest', 'Requirement']));
  });

  it("are refused in ET's sentence when the container is unknown or missing, and write nothing", async () => {
    const checked: string[] = [];
    for (const c of creates) {
      const def = fake.engine.catalog.get(c.op.entity!)!;
      const fields = containerFields(def);
      const given = fields?.find((f) => typeof c.body[f] === 'string');
      if (!fields || !given) continue;
      const before = fake.store.collection(def.name).size;
      const unknown = await fake.post(c.url, { ...c.body, [given]: UNKNOWN });
      expect([403, 404], `POST ${c.op.path} with an unknown ${given}`).toContain(unknown.status);
      expect(unknown.body.Message).toMatch(CONTAINER_SENTENCE);
      const { [given]: _, ...without } = c.body;
      const missing = await fake.post(c.url, without);
      expect(missing.status, `POST ${c.op.path} without ${given}`).toBe(403);
      expect(missing.body.Message).toMatch(CONTAINER_SENTENCE);
      expect(fake.store.collection(def.name).size).toBe(before);
      checked.push(def.name);
    }
    expect(checked.length).toBeGreaterThanOrEqual(6);
  });

  it('lend the container when the body names it as null (a child requirement in its parent\'s package)', async () => {
    const parent = fake.store.collection('Requirement').values().next().value!;
    const child = await fake.engine.withStore(fake.store.fork(), () => fake.post('/api/requirements', { Name: 'Null package', ParentId: parent.Id, PackageId: null, ProjectId: null }));
    expect(child.body).toMatchObject({ ParentId: parent.Id, PackageId: parent.PackageId, ProjectId: parent.ProjectId });
    expect(typeof child.body.PackageName).toBe('string');
  });

  it("word the refusal as ET does for an agile run, a script and an assignment", async () => {
    const agile = await fake.post('/api/agileruns', { Name: 'Lost session', PackageId: UNKNOWN });
    expect(agile.body.Message).toBe('You must specify a valid PackageId which the agile run can be added to.');
    const script = await fake.post('/api/scripts', { Name: 'Orphan script' });
    expect(script.body.Message).toBe('You must specify a valid PackageId which the script can be added to.');
    const pkg = await fake.post('/api/requirementpackages', { Name: 'Orphan' });
    expect(pkg.body.Message).toBe('You must specify either a ProjectId or a ParentId for the new package.');
  });
});
