// How faithful is the fake? Every example in docs-spec/ (pages and catalogue) is replayed against the fake
// in the state it assumes: a sandbox of its own, set up with the provider states the Pact export gives the
// same example (src/contracts/derive.ts: the records it shows as it shows them, the records its path names,
// no record of the name a create uses, ...). The whole answer is compared with the documented one: status,
// Location, Content-Type and body, errors included; see compare.ts for the rules and report.ts for the classes.
import path from 'node:path';
import { buildFromDocs } from '../compile/index.ts';
import { statesFor, withActingUser, type ProviderState } from '../contracts/derive.ts';
import { DEFAULT_AUTHORIZATION, documentedExamples, requestInit, urlOf, type DocumentedExample } from '../contracts/examples.ts';
import { setUpState } from '../contracts/provider/states.ts';
import { createApp } from '../server/app.ts';
import { compareAnswer, type Difference, type Documented } from './compare.ts';
import { guidsIn, Volatile } from './volatile.ts';

export interface ReplayOutcome {
  method: string;
  url: string;
  title: string;
  source: string;
  expectedStatus: number;
  status: number;
  /** The provider states the example was replayed in. */
  states: string[];
  /** Whether a body is documented (then `bodyMatches` says whether the answer's is the same). */
  bodyMatches?: boolean;
  differences: Difference[];
  /** What the example documents, for the per-class counts. */
  documents: { location: boolean; contentType: boolean; links: boolean; envelope: boolean; expands: boolean; ordering: boolean; create: boolean };
}

export interface ReplayReport {
  outcomes: ReplayOutcome[];
  /** Examples that could not be sent (a path parameter the example does not give). */
  skipped: number;
}

export async function replayExamples(root: string): Promise<ReplayReport> {
  const docs = await buildFromDocs(path.join(root, 'docs-spec'));
  const fake = await createApp({ auth: true });
  const outcomes: ReplayOutcome[] = [];
  const { examples, skipped } = documentedExamples(docs);
  const shown = (e: DocumentedExample) => docs.exampleRecords(e.resource, e.op, e.ex);
  for (const documentedExample of examples) {
    const e = withActingUser(documentedExample, fake.store);
    const states = statesFor(e, fake.store, examples, shown);
    const sandbox = fake.store.fork();
    const send = (url: string, init: RequestInit) => Promise.resolve(fake.app.request(`http://localhost${url}`, init));
    const { res, text, volatile } = await fake.engine.withStore(sandbox, async () => {
      await setUp(states, sandbox, send);
      const known = guidsIn([urlOf(e), e.body ?? '']);
      for (const entity of sandbox.entities()) for (const rec of sandbox.collection(entity).values()) known.add(rec.Id.toLowerCase());
      const volatile = new Volatile(known, Date.now());
      const res = await send(urlOf(e), requestInit(e));
      return { res, text: await res.text(), volatile };
    });
    const doc = documented(e);
    const differences = compareAnswer(doc, { status: res.status, headers: res.headers, text }, volatile);
    outcomes.push({
      method: e.op.method,
      url: urlOf(e),
      title: e.ex.title,
      source: `${e.ex.source.file}:${e.ex.source.line}`,
      expectedStatus: e.ex.status,
      status: res.status,
      states: states.map((s) => s.name),
      bodyMatches: doc.body === undefined ? undefined : !differences.some(isBodyDifference),
      differences,
      documents: documents(doc),
    });
  }
  await fake.close();
  return { outcomes, skipped };
}

/** A difference in what the body says (a different status makes the whole body differ). */
export function isBodyDifference(d: Difference): boolean {
  return d.where === 'status' || d.where.startsWith('$');
}

async function setUp(states: ProviderState[], store: Parameters<typeof setUpState>[0]['store'], send: (url: string, init: RequestInit) => Promise<Response>): Promise<void> {
  const request = (method: string, p: string, body?: unknown) =>
    send(p, {
      method,
      headers: { Authorization: DEFAULT_AUTHORIZATION, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  for (const s of states) await setUpState({ store, request }, s.name, s.params);
}

function documented(e: DocumentedExample): Documented {
  const body = e.ex.requestBody;
  const query = Object.fromEntries(Object.entries(e.query).map(([k, v]) => [k.toLowerCase(), v]));
  const expand = query.$expand ?? query.expand ?? '';
  const tqlOrder = /\border\s+by\s+(\w+)/i.exec(query.tql ?? '')?.[1];
  const odataOrder = /^\s*(\w+)/.exec(query.$orderby ?? '')?.[1];
  return {
    method: e.op.method,
    status: e.ex.status,
    headers: e.ex.responseHeaders,
    body: e.ex.responseBody,
    exactMessages: e.ex.source.file.startsWith('pages/'),
    requestFields: new Set(body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : []),
    expanded: new Set(expand.split(/[,/]/).map((s) => s.trim().toLowerCase()).filter(Boolean)),
    orderBy: tqlOrder ?? odataOrder,
  };
}

function documents(doc: Documented): ReplayOutcome['documents'] {
  const text = JSON.stringify(doc.body ?? null);
  const hasKey = (k: string) => text.includes(`"${k}":`);
  const body = doc.body as Record<string, unknown> | undefined;
  return {
    location: doc.status === 201 || Object.keys(doc.headers).some((k) => k.toLowerCase() === 'location'),
    contentType: Object.keys(doc.headers).some((k) => k.toLowerCase() === 'content-type'),
    links: hasKey('Self') || hasKey('Links') || hasKey('EditLink'),
    envelope: !!body && typeof body === 'object' && 'Items' in body,
    expands: hasKey('Expands') || doc.expanded.size > 0,
    ordering: /\[\s*\{[^\]]*\},\s*\{/.test(text),
    create: doc.method === 'POST' && doc.status === 201,
  };
}
