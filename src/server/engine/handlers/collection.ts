// Generic collection endpoints: GET pages (TQL or OData filtered) and POST creates.
import type { EtCall } from '../call.ts';
import { jsonBody, parsedJsonBody } from '../call.ts';
import { HttpError } from '../../http/errors.ts';
import { parseExpand } from '../hypermedia.ts';
import { json } from '../../http/responses.ts';
import { envelope, pagingOf } from '../paging.ts';
import { odataFieldsOf, queryContext } from '../query-bridge.ts';
import { buildNew, insertNew } from '../records.ts';
import type { Rec } from '../store-types.ts';
import type { EntityDef } from '../../spec/entities.ts';
import { entityOf, parentOf } from './lookup.ts';

/**
 * The records of the collection the path names, filtered by the query parameters. With `inOrder`, only
 * that many leading records need to be sorted (the page asked for); the rest follow in no set order.
 */
export async function selectRecords(call: EtCall, inOrder?: number): Promise<{ records: Rec[] } | { aggregate: unknown }> {
  const def = entityOf(call);
  const { store } = call.engine;
  const q = call.query;
  const tql = call.op.query === 'tql' ? q.get('tql')?.trim() && q.get('tql') : undefined;
  const filter = call.op.query === 'odata' ? (q.get('$filter') ?? undefined) : undefined;
  const orderby = call.op.query === 'odata' ? (q.get('$orderby') ?? undefined) : undefined;
  if (!tql && !filter && !orderby) return { records: Array.from(narrowedRecords(call, def)) };
  // A query's selection is kept for its next pages. It depends, besides the store, on the operation and its
  // path (the method too: permissions, hence visibility, are the operation's), the caller (visibility,
  // currentUser()) and the query parameters; not on $skip and $top.
  const memo = call.engine.queryResults;
  const key = [call.op.method, call.op.path, ...call.op.params.map((p) => call.params[p]), call.user?.Id, tql ?? '', q.get('timeZone'), filter ?? '', orderby ?? ''].join('\u0000');
  const kept = memo.get(store, key, inOrder);
  if (kept) return { records: kept };
  const queries = await call.engine.queries();
  const ordered = memo.orderFor(inOrder);
  let selected: Iterable<Rec>;
  if (tql) {
    const out = queries.tql(def.name, narrowedRecords(call, def), tql, queryContext(store, call.user, q.get('timeZone')), { inOrder: ordered });
    if (out.kind === 'aggregate') return { aggregate: out.results };
    selected = out.items as Iterable<Rec>;
  } else selected = queries.odata(narrowedRecords(call, def), { filter, orderby, fields: odataFieldsOf(def), inOrder: ordered }, queryContext(store, call.user)) as Iterable<Rec>;
  const records = Array.isArray(selected) ? selected : Array.from(selected);
  memo.put(store, key, records, ordered);
  return { records };
}

/** The collection's records under the path's parent and other path parameters that the caller may see. */
function narrowedRecords(call: EtCall, def: ReturnType<typeof entityOf>): Iterable<Rec> {
  const parent = parentOf(call);
  const col = call.engine.store.collection(def.name);
  const narrowing: ((rec: Rec) => boolean)[] = [];
  // Only the records the caller may see (the auth plug-in's project permissions).
  const visible = call.engine.visibility?.(call, def.name);
  if (visible) narrowing.push(visible);
  // Other path parameters narrow by the field they name (/api/project/{projectId}/picklist/{type} -> Type).
  for (const name of call.op.params) {
    if (name === call.op.parent?.param) continue;
    const field = def.fieldByLower.get(name.toLowerCase());
    if (!field) continue;
    const want = String(call.params[name]).toLowerCase();
    narrowing.push((r) => String(r[field] ?? '').toLowerCase() === want);
  }
  // The store's own iterator goes to the query when nothing narrows first: no copy of a big collection.
  const source: Iterable<Rec> = parent ? col.where(parent.foreignKey, parent.value) : col.values();
  return narrowing.length ? keep(source, narrowing) : source;
}

/** The records every test passes, in order. */
function keep(records: Iterable<Rec>, tests: ((rec: Rec) => boolean)[]): Rec[] {
  const out: Rec[] = [];
  for (const rec of records) if (tests.every((t) => t(rec))) out.push(rec);
  return out;
}

/** True when nothing narrows the collection: it can be paged straight off the store. */
function unfiltered(call: EtCall): boolean {
  const { op, query } = call;
  if (op.parent || op.params.length || op.arrayResponse) return false;
  if (op.entity && call.engine.visibility?.(call, op.entity)) return false;
  if (op.query === 'tql') return !query.get('tql')?.trim();
  if (op.query === 'odata') return !query.get('$filter') && !query.get('$orderby');
  return true;
}

/** Pages an unfiltered collection without copying it (GET /api/scripts at 100k records). */
function pageOfAll(call: EtCall, entity: string): { page: Rec[]; total: number } {
  const col = call.engine.store.collection(entity);
  const paging = pagingOf(call.query);
  const page: Rec[] = [];
  let i = 0;
  for (const rec of col.values()) {
    if (i++ < paging.skip) continue;
    if (page.length >= paging.top) break;
    page.push(rec);
  }
  return { page, total: col.size };
}

export async function listCollection(call: EtCall): Promise<Response> {
  const def = entityOf(call);
  if (unfiltered(call)) {
    const { page, total } = pageOfAll(call, def.name);
    const expand = parseExpand(call.query.get('$expand'));
    const items = page.map((r) => call.engine.presenter.present(def.name, r, call.base, expand));
    return json(envelope(call.op.query, pagingOf(call.query), total, items, call.c.req.url));
  }
  const paging = call.op.arrayResponse ? undefined : pagingOf(call.query);
  const selected = await selectRecords(call, paging && paging.skip + paging.top);
  // A collection documents a page of its records, nothing else: summaries are /api/search's (its Results).
  if ('aggregate' in selected) throw new HttpError(403, `Aggregate queries (COUNT, SUM, AVG, MIN, MAX, GROUP BY) are answered by /api/search; the tql of ${call.op.path} filters and sorts its ${def.name} records.`);
  const { records } = selected;
  const expand = parseExpand(call.query.get('$expand'));
  const present = (r: Rec) => call.engine.presenter.present(def.name, r, call.base, expand);
  if (!paging) return json(records.map(present));
  const page = records.slice(paging.skip, paging.skip + paging.top).map(present);
  return json(envelope(call.op.query, paging, records.length, page, call.c.req.url));
}

/** 201 unless the spec documents only 200 for the creation. */
export function createdStatus(call: EtCall): number {
  const s = call.op.statuses;
  return s.includes(200) && !s.includes(201) ? 200 : 201;
}

/** Not an async function: a body validation has parsed is created without a promise. */
export function createInCollection(call: EtCall): Response | Promise<Response> {
  const def = entityOf(call);
  const body = parsedJsonBody(call);
  return body ? create(call, def, body) : jsonBody(call).then((read) => create(call, def, read));
}

function create(call: EtCall, def: EntityDef, body: Record<string, unknown>): Response {
  const parent = parentOf(call);
  const fixed = parent ? { [parent.foreignKey]: parent.value } : {};
  const saved = insertNew(call, def.name, buildNew(call, def, body, fixed));
  const out = call.engine.presenter.present(def.name, saved, call.base, parseExpand(call.query.get('$expand')));
  const headers: Record<string, string> = {};
  if (typeof out.Self === 'string') headers.Location = out.Self;
  const status = createdStatus(call);
  // Some creates are documented without a body (the new record is at Location).
  if (call.op.statuses.includes(status) && !call.op.bodyStatuses.has(status)) return new Response(null, { status, headers });
  return json(out, status, headers);
}

/** A POST that searches (long queries): the form (or JSON) fields join the query string's. */
export async function searchByForm(call: EtCall): Promise<Response> {
  const type = call.c.req.header('content-type') ?? '';
  const text = await call.c.req.text();
  const query = new URLSearchParams(call.query);
  if (text.trim()) {
    if (type.includes('json')) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'The request body is not valid JSON.');
      }
      if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (v !== null && v !== undefined) query.set(k, String(v));
    } else for (const [k, v] of new URLSearchParams(text)) query.set(k, v);
  }
  return listCollection({ ...call, query });
}
