// Generic collection endpoints: GET pages (TQL or OData filtered) and POST creates.
import type { EtCall } from '../call.ts';
import { jsonBody } from '../call.ts';
import { HttpError } from '../errors.ts';
import { parseExpand } from '../hypermedia.ts';
import { json } from '../http.ts';
import { envelope, pagingOf } from '../paging.ts';
import { queryContext } from '../query-bridge.ts';
import { buildNew, insertNew } from '../records.ts';
import type { Rec } from '../store-types.ts';
import { entityOf, parentOf } from './lookup.ts';

/** The records of the collection the path names, filtered by the query parameters. */
export function selectRecords(call: EtCall): { records: Rec[] } | { aggregate: unknown } {
  const def = entityOf(call);
  const { store, query } = call.engine;
  const parent = parentOf(call);
  const col = store.collection(def.name);
  let records = parent ? col.where(parent.foreignKey, parent.rec.Id) : Array.from(col.values());
  // Other path parameters narrow by the field they name (/api/project/{projectId}/picklist/{type} -> Type).
  for (const name of call.op.params) {
    if (name === call.op.parent?.param) continue;
    const field = def.fieldByLower.get(name.toLowerCase());
    if (!field) continue;
    const want = String(call.params[name]).toLowerCase();
    records = records.filter((r) => String(r[field] ?? '').toLowerCase() === want);
  }
  const q = call.query;
  const style = call.op.query;
  if (style === 'tql') {
    const tql = q.get('tql');
    if (tql && tql.trim()) {
      const out = query.tql(def.name, records, tql, queryContext(store, call.user));
      if (out.kind === 'aggregate') return { aggregate: out.results };
      records = out.items;
    }
  } else if (style === 'odata') {
    const filter = q.get('$filter') ?? undefined;
    const orderby = q.get('$orderby') ?? undefined;
    if (filter || orderby) records = query.odata(records, { filter, orderby }, queryContext(store, call.user));
  }
  return { records };
}

export function listCollection(call: EtCall): Response {
  const def = entityOf(call);
  const selected = selectRecords(call);
  if ('aggregate' in selected) return json({ Results: selected.aggregate });
  const { records } = selected;
  const expand = parseExpand(call.query.get('$expand'));
  const present = (r: Rec) => call.engine.presenter.present(def.name, r, call.base, expand);
  if (call.op.arrayResponse) return json(records.map(present));
  const paging = pagingOf(call.query);
  const page = records.slice(paging.skip, paging.skip + paging.top).map(present);
  return json(envelope(call.op.query, paging, records.length, page));
}

/** 201 unless the spec documents only 200 for the creation. */
export function createdStatus(call: EtCall): number {
  const s = call.op.statuses;
  return s.includes(200) && !s.includes(201) ? 200 : 201;
}

export async function createInCollection(call: EtCall): Promise<Response> {
  const def = entityOf(call);
  const body = await jsonBody(call);
  const parent = parentOf(call);
  const fixed = parent ? { [parent.foreignKey]: parent.rec.Id } : {};
  const saved = insertNew(call, def.name, buildNew(call, def, body, fixed));
  const out = call.engine.presenter.present(def.name, saved, call.base, parseExpand(call.query.get('$expand')));
  const headers: Record<string, string> = {};
  if (typeof out.Self === 'string') headers.Location = out.Self;
  return json(out, createdStatus(call), headers);
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
