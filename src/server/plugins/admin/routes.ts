// The admin API's own routes, under `/__admin` of a scope: the fake's (`/__admin/...`) or a sandbox's
// (`/sandboxes/{id}/__admin/...`). Answers use ET's error shape ({"Message"}); success bodies are plain JSON.
import { readFile } from 'node:fs/promises';
import type { Context } from 'hono';
import { json, message, noContent } from '../../http/responses.ts';
import { StoreError, type Data } from '../../../store/index.ts';
import { FaultRuleError, parseRule } from './faults.ts';
import type { JournalEntry } from './journal.ts';
import { streamJournal, wantsStream } from './journal-stream.ts';
import { PatternError } from './pattern.ts';
import type { Sandbox, Sandboxes, Scope } from './scopes.ts';
import type { Store } from '../../engine/store-types.ts';

export interface AdminContext {
  scope: Scope;
  own: Scope;
  sandboxes: Sandboxes;
  /** The origin and base path the request came in under, e.g. `http://127.0.0.1:8080/EnterpriseTester`. */
  base: string;
  /** Why this data would lock the caller out of it (see guard.ts), or undefined. */
  lockout(store: Store, needAdmin: boolean): string | undefined;
}

type Route = (c: Context, a: AdminContext, rest: string[]) => Promise<Response> | Response;

const ROUTES: Record<string, Partial<Record<string, Route>>> = {
  '': { GET: overview },
  reset: { POST: reset },
  snapshot: { GET: getSnapshot, PUT: putSnapshot },
  sandboxes: { GET: listSandboxes, POST: createSandbox, DELETE: dropSandbox },
  requests: { GET: listRequests, DELETE: clearRequests },
  faults: { GET: listFaults, POST: addFault, DELETE: removeFaults },
  entities: { GET: countEntities },
};

/** `sub` is the path after `/__admin`, e.g. `/sandboxes/1234`. */
export async function adminRoute(c: Context, a: AdminContext, sub: string): Promise<Response> {
  const [name = '', ...rest] = sub.split('/').filter(Boolean);
  const methods = ROUTES[name.toLowerCase()];
  if (!methods) return message(404, `The admin API has no resource '${name}'. It has: ${Object.keys(ROUTES).filter(Boolean).join(', ')}.`);
  const route = methods[c.req.method];
  if (!route) return message(405, `/__admin/${name} does not support ${c.req.method}.`, { Allow: Object.keys(methods).join(', ') });
  try {
    return await route(c, a, rest);
  } catch (err) {
    if (err instanceof StoreError || err instanceof FaultRuleError || err instanceof PatternError || err instanceof BadInput) return message(400, err.message);
    throw err;
  }
}

class BadInput extends Error {}

async function jsonInput(c: Context, optional = false): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) {
    if (optional) return undefined;
    throw new BadInput('The request body is empty: send JSON.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BadInput('The request body is not valid JSON.');
  }
}

function overview(_c: Context, a: AdminContext): Response {
  return json({
    Sandbox: a.scope.id,
    Requests: a.scope.journal.size,
    Faults: a.scope.faults.size,
    Sandboxes: a.scope.id === null ? a.sandboxes.size : undefined,
  });
}

function reset(_c: Context, a: AdminContext): Response {
  a.scope.reset();
  return noContent();
}

function getSnapshot(_c: Context, a: AdminContext): Response {
  return json(a.scope.store().snapshot());
}

async function putSnapshot(c: Context, a: AdminContext): Promise<Response> {
  const data = asData(await jsonInput(c));
  const store = a.scope.store();
  const before = store.snapshot();
  // load() checks the shape and keeps the current state when it is wrong.
  store.load(data);
  const reason = a.lockout(store, a.scope.id === null);
  if (reason) {
    store.load(before);
    throw new BadInput(`The snapshot is refused and the state kept: ${reason}, so every later call would be refused. ${KEEP_A_USER}`);
  }
  return noContent();
}

const KEEP_A_USER = 'Include your user (GET /__admin/snapshot shows it, password and grants included), or run the fake with --no-auth.';

/** `{"Entity": [records with an Id], ...}`; the store checks the rest (unique ids, record shapes). */
function asData(v: unknown): Data {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadInput('A snapshot is a JSON object of entity names to arrays of records, as GET /__admin/snapshot gives it.');
  return v as Data;
}

function sandboxView(s: Sandbox, base: string) {
  const url = `${base}/sandboxes/${s.id}`;
  return { Id: s.id, Url: url, ApiUrl: `${url}/api`, CreatedAt: s.createdAt.toISOString(), LastUsedAt: new Date(s.lastUsed).toISOString() };
}

function ownScopeOnly(a: AdminContext): Response | undefined {
  return a.scope.id === null ? undefined : message(404, 'Sandboxes are made from the fake\'s own /__admin/sandboxes, not inside another sandbox.');
}

function listSandboxes(_c: Context, a: AdminContext, rest: string[]): Response {
  const refused = ownScopeOnly(a);
  if (refused) return refused;
  if (rest[0]) {
    const one = a.sandboxes.list().find((s) => s.id === rest[0]!.toLowerCase());
    return one ? json(sandboxView(one, a.base)) : message(404, `No sandbox with the Id '${rest[0]}' exists (it may have expired).`);
  }
  return json({ Items: a.sandboxes.list().map((s) => sandboxView(s, a.base)) });
}

async function createSandbox(c: Context, a: AdminContext): Promise<Response> {
  const refused = ownScopeOnly(a);
  if (refused) return refused;
  const input = (await jsonInput(c, true)) ?? {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new BadInput('Send nothing, {"Snapshot": {...}} or {"Fixtures": "<file>"}.');
  const field = (name: string) => (input as Record<string, unknown>)[Object.keys(input).find((k) => k.toLowerCase() === name) ?? name];
  const snapshot = field('snapshot');
  const fixtures = field('fixtures');
  let start: Data | undefined;
  if (snapshot !== undefined) start = asData(snapshot);
  else if (fixtures !== undefined) start = await fixturesFile(fixtures);
  const sandbox = a.sandboxes.create(start);
  const reason = start && a.lockout(sandbox.store(), false);
  if (reason) {
    a.sandboxes.drop(sandbox.id);
    throw new BadInput(`No sandbox was made from this data: ${reason}, so every call into it would be refused. ${KEEP_A_USER}`);
  }
  const view = sandboxView(sandbox, a.base);
  return json(view, 201, { Location: `${a.base}/__admin/sandboxes/${sandbox.id}` });
}

async function fixturesFile(name: unknown): Promise<Data> {
  if (typeof name !== 'string' || !name.endsWith('.json')) throw new BadInput('Fixtures names a JSON file of data, e.g. "fixtures/small.json".');
  let text: string;
  try {
    text = await readFile(name, 'utf8');
  } catch (err) {
    throw new BadInput(`The fixtures file ${name} cannot be read: ${(err as Error).message}.`);
  }
  try {
    return asData(JSON.parse(text));
  } catch (err) {
    throw err instanceof BadInput ? err : new BadInput(`The fixtures file ${name} is not valid JSON.`);
  }
}

function dropSandbox(_c: Context, a: AdminContext, rest: string[]): Response {
  const refused = ownScopeOnly(a);
  if (refused) return refused;
  if (!rest[0]) return message(405, 'Name the sandbox to drop: DELETE /__admin/sandboxes/{id}.', { Allow: 'GET, POST' });
  return a.sandboxes.drop(rest[0]) ? noContent() : message(404, `No sandbox with the Id '${rest[0]}' exists (it may have expired).`);
}

/** The journals a request asks for: its scope's, or at the fake's own scope `?sandbox=<id>` or `?sandbox=*`. */
function journalsOf(c: Context, a: AdminContext): Scope[] | Response {
  const which = c.req.query('sandbox');
  if (which === undefined || a.scope.id !== null) return [a.scope];
  if (which === '*') return [a.own, ...a.sandboxes.list()];
  const sandbox = a.sandboxes.use(which);
  return sandbox ? [sandbox] : message(404, `No sandbox with the Id '${which}' exists (it may have expired).`);
}

function listRequests(c: Context, a: AdminContext): Response {
  const scopes = journalsOf(c, a);
  if (scopes instanceof Response) return scopes;
  const filter = { method: c.req.query('method'), path: c.req.query('path') };
  if (wantsStream(c)) return streamJournal(c, scopes, filter);
  const items: JournalEntry[] = scopes.flatMap((s) => s.journal.list(filter));
  if (scopes.length > 1) items.sort((x, y) => x.Id - y.Id);
  return json({ Items: items, Total: items.length });
}

function clearRequests(c: Context, a: AdminContext): Response {
  const scopes = journalsOf(c, a);
  if (scopes instanceof Response) return scopes;
  for (const s of scopes) s.journal.clear();
  return noContent();
}

function listFaults(_c: Context, a: AdminContext, rest: string[]): Response {
  const rules = a.scope.faults.list();
  if (!rest[0]) return json({ Items: rules });
  const one = rules.find((r) => r.Id === rest[0]!.toLowerCase());
  return one ? json(one) : message(404, `No fault rule with the Id '${rest[0]}' exists.`);
}

async function addFault(c: Context, a: AdminContext): Promise<Response> {
  const rule = a.scope.faults.add(parseRule(await jsonInput(c)));
  const where = a.scope.id === null ? a.base : `${a.base}/sandboxes/${a.scope.id}`;
  return json(rule, 201, { Location: `${where}/__admin/faults/${rule.Id}` });
}

function removeFaults(_c: Context, a: AdminContext, rest: string[]): Response {
  if (!rest[0]) {
    a.scope.faults.clear();
    return noContent();
  }
  return a.scope.faults.remove(rest[0]) ? noContent() : message(404, `No fault rule with the Id '${rest[0]}' exists.`);
}

/** The entity types of the scope's data with their record counts (the explorer's overview). */
function countEntities(_c: Context, a: AdminContext): Response {
  const store = a.scope.store();
  return json({ Items: store.entities().map((name) => ({ Name: name, Count: store.collection(name).size })) });
}
