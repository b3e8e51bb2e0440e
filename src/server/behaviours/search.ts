// GET and POST /api/search: TQL across every searchable entity. POST takes the query as a form field
// (long queries). Items are each entity's usual representation plus EntityType; aggregates answer Results.
import type { EtCall } from '../engine/call.ts';
import { HttpError } from '../http/errors.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import { queryContext } from '../engine/query-bridge.ts';

async function formFields(call: EtCall): Promise<URLSearchParams> {
  const type = call.c.req.header('content-type') ?? '';
  const text = await call.c.req.text();
  if (type.includes('application/json') && text.trim()) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v ?? '')]));
    } catch {
      throw new HttpError(400, 'The request body is not valid JSON.');
    }
  }
  return new URLSearchParams(text);
}

export const search = () => async (call: EtCall): Promise<Response> => {
  const fields = call.c.req.method === 'POST' ? await formFields(call) : call.query;
  const tql = fields.get('tql') ?? call.query.get('tql') ?? '';
  const { engine } = call;
  // timeZone comes with the query: a form field of a POST, or the query string.
  const ctx = queryContext(engine.store, call.user, fields.get('timeZone') ?? call.query.get('timeZone'));
  const visibility = engine.visibility;
  if (visibility) {
    // Search sees only what the caller may see (the auth plug-in's project permissions), aggregates included.
    const all = ctx.all;
    ctx.all = (entity) => {
      const keep = visibility(call, entity);
      return keep ? Array.from(all(entity)).filter(keep) : all(entity);
    };
  }
  const query = await engine.queries();
  const paging = pagingOf(call.query);
  const outcome = query.search(tql, ctx, undefined, { inOrder: paging.skip + paging.top });
  if (outcome.kind === 'aggregate') {
    const format = (call.query.get('format') ?? '').toLowerCase();
    return json({ Results: format === 'extjstree' ? query.extJsTree(outcome.results) : outcome.results });
  }
  const expand = parseExpand(call.query.get('$expand'));
  // format=grid rows carry what a grid shows: the title (Name, an incident's Summary, a run's script name),
  // the type, the EditLink a row opens (relative to ET's root) and when the record last changed.
  const grid = (call.query.get('format') ?? '').toLowerCase() === 'grid';
  const page = outcome.items.slice(paging.skip, paging.skip + paging.top).map(({ entity, record }) => ({
    ...engine.presenter.present(entity, record, call.base, expand),
    EntityType: entity,
    ...(grid
      ? { Name: engine.presenter.titleOf(entity, record), EditLink: query.gridItem(entity, record).EditLink, LastUpdatedAt: record.LastUpdatedAt ?? null }
      : {}),
  }));
  return json(envelope('tql', paging, outcome.items.length, page, call.c.req.url));
};
