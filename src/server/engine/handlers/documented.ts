// Operations with no stored entity behind them (settings, positions, lookups) answer what the documentation
// shows. A PUT to such a path keeps the fields it sends (in ResourceState, keyed by the request path), and a
// later GET of the same path shows them over the documented example, so settings stick like ET's do. A
// state marked Absent (a provider state: nothing measured yet) answers the documented 404 instead.
import type { EtCall } from '../call.ts';
import { SECRET_FIELDS } from '../../spec/entities.ts';
import { HttpError } from '../../http/errors.ts';
import { json } from '../../http/responses.ts';
import { envelope, pagingOf } from '../paging.ts';
import { odataFieldsOfItems, queryContext } from '../query-bridge.ts';
import type { Rec } from '../store-types.ts';

const STATE = 'ResourceState';

/** The path the state is kept under: the request's API path (param values included), lower-cased. */
function stateKey(call: EtCall): string {
  let path = call.op.path;
  for (const p of call.op.params) path = path.replace(`{${p}}`, call.params[p] ?? '');
  return path.toLowerCase();
}

/** Stored state as shown: passwords sent in a PUT are kept but never shown back. */
function shown(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const key of SECRET_FIELDS) if (key in out) out[key] = null;
  return out;
}

/**
 * A path value none of the documented examples was for (an export file nobody made), when the operation
 * documents a 404 for it. Values a PUT stored state for count as known.
 */
function undocumentedPathValue(call: EtCall): { name: string; value: string; entity?: string } | undefined {
  const { op } = call;
  // A PUT sets state for a new path (a dashboard position not used before).
  if (op.method === 'PUT' || !op.statuses.includes(404) || !op.documentedPathValues) return undefined;
  const { store } = call.engine;
  if (store.entities().includes(STATE) && store.collection(STATE).get(stateKey(call))) return undefined;
  for (const [name, values] of Object.entries(op.documentedPathValues)) {
    const value = call.params[name];
    if (value === undefined) continue;
    // `projectId`, `userId`: any record that exists, not only the documented one.
    const entity = /^(\w+)Id$/.exec(name)?.[1];
    const def = entity ? call.engine.catalog.get(entity[0]!.toUpperCase() + entity.slice(1)) : undefined;
    const known = def ? !!store.collection(def.name).get(value) : values.some((v) => v.toLowerCase() === value.toLowerCase());
    if (!known) return { name, value, entity: def?.name };
  }
  return undefined;
}

/** The example documented for exactly this query string (keys in any case), if there is one. */
function documentedQueryAnswer(call: EtCall): { status: number; body: unknown } | undefined {
  const asked = [...call.query.entries()];
  if (!asked.length) return undefined;
  return call.op.queryExamples.find((ex) => {
    const documented = Object.entries(ex.query);
    return documented.length === asked.length && documented.every(([k, v]) => asked.some(([ak, av]) => ak.toLowerCase() === k.toLowerCase() && av === v));
  });
}

/** An OData collection answered from its plain example, filtered and sorted as asked. */
async function odataOverExample(call: EtCall, ok: number | undefined): Promise<Response | undefined> {
  const { op } = call;
  const filter = call.query.get('$filter') ?? undefined;
  const orderby = call.query.get('$orderby') ?? undefined;
  if (op.query !== 'odata' || ok === undefined || (!filter && !orderby)) return undefined;
  const body = op.exampleBodies.get(ok) as { Items?: unknown } | undefined;
  if (!body || !Array.isArray(body.Items)) return undefined;
  const documented = body.Items as Rec[];
  const fields = odataFieldsOfItems(op.entity ?? `An item of ${op.path}`, documented);
  const items = (await call.engine.queries()).odata(documented, { filter, orderby, fields }, queryContext(call.engine.store, call.user));
  const paging = pagingOf(call.query);
  return json(envelope('odata', paging, items.length, items.slice(paging.skip, paging.skip + paging.top), call.c.req.url), ok);
}

/** A documented collection answer names its own request in Self: this request's URL, as ET's does. */
function ownSelf(call: EtCall, body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Array.isArray((body as { Items?: unknown }).Items)) return body;
  return { ...(body as object), Self: call.c.req.url };
}

/**
 * A documented answer in the media type the operation documents it in: a file (CSV export) or a feed (Atom)
 * is its own text, not a JSON string.
 */
function answer(call: EtCall, body: unknown, status: number): Response {
  const type = call.op.responseTypes.get(status);
  if (typeof body === 'string' && type && !/json/i.test(type)) return new Response(body, { status, headers: { 'Content-Type': `${type}; charset=utf-8` } });
  return json(body, status);
}

function documentedMessage(call: EtCall, status: number): string | undefined {
  const body = call.op.exampleBodies.get(status) as { Message?: unknown } | undefined;
  return typeof body?.Message === 'string' ? body.Message : undefined;
}

function documentedGet(call: EtCall): unknown {
  const get = call.engine.operations.find((o) => o.path === call.op.path && o.method === 'GET');
  return get?.exampleBodies.get(200);
}

export async function documentedExample(call: EtCall): Promise<Response> {
  const { op } = call;
  const unknown = undocumentedPathValue(call);
  if (unknown) throw new HttpError(404, unknown.entity ? `No ${unknown.entity} with the Id '${unknown.value}' exists.` : `No ${unknown.name} '${unknown.value}' exists.`);
  const ok = op.statuses.find((s) => s >= 200 && s < 300);
  const states = call.engine.store.collection(STATE);
  if (op.method === 'PUT' && ok !== undefined && op.requestTypes.some((t) => t.includes('json'))) {
    const text = await call.c.req.text();
    let body: unknown;
    try {
      body = text.trim() ? JSON.parse(text) : {};
    } catch {
      throw new HttpError(400, 'The request body is not valid JSON.');
    }
    const key = stateKey(call);
    const current = states.get(key)?.Body ?? documentedGet(call);
    const merged =
      body && typeof body === 'object' && !Array.isArray(body) && current && typeof current === 'object' && !Array.isArray(current)
        ? { ...(current as object), ...(body as object) }
        : body;
    states.replace({ Id: key, Body: merged });
    if (!op.bodyStatuses.has(ok)) return new Response(null, { status: ok });
    return json(shown(merged), ok);
  }
  if (op.method === 'GET') {
    const saved = states.get(stateKey(call));
    // State that says nothing is there (no performance test run since start-up): the documented 404.
    if (saved?.Absent === true) throw new HttpError(404, documentedMessage(call, 404) ?? `Nothing is held at ${call.c.req.path} yet.`);
    if (saved) return answer(call, shown(saved.Body), ok ?? 200);
    const asked = documentedQueryAnswer(call);
    if (asked) return answer(call, ownSelf(call, asked.body), asked.status);
    const filtered = await odataOverExample(call, ok);
    if (filtered) return filtered;
  }
  if (ok !== undefined && op.exampleBodies.has(ok)) return answer(call, ownSelf(call, op.exampleBodies.get(ok)), ok);
  // A success documented without a body (204, or e.g. 202 "started") needs nothing more.
  if (ok !== undefined && !op.bodyStatuses.has(ok)) return new Response(null, { status: ok });
  throw new HttpError(501, `The fake does not simulate ${op.method} ${op.path} yet.`);
}
