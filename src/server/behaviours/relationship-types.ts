// GET /api/relationshiptypes, /api/organisation/{id}/relationshiptypes and .../relationshiptype/{key}: the
// relationship types kept as RelationshipType records (Id = Key), so new relationships and these lists agree.
// Lists follow ET's documented order and take OData's $filter/$orderby.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import { odataOver } from '../engine/odata-lists.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';

/** ET's relationship type has no Id of its own: the Key names it. */
const shown = ({ Id: _id, ...rest }: Rec) => rest;

/** Keys in the order ET's documented list shows them; types it does not show follow in store order. */
function documentedOrder(op: OperationSpec): Map<string, number> {
  const items = (op.exampleBodies.get(200) as { Items?: { Key?: unknown }[] } | undefined)?.Items ?? [];
  return new Map(items.filter((t) => typeof t.Key === 'string').map((t, i) => [String(t.Key).toLowerCase(), i]));
}

export const relationshipTypes = (op: OperationSpec, _engine: Engine) => {
  const keyParam = op.params.find((p) => p.toLowerCase() === 'key');
  const orgParam = op.params.find((p) => p !== keyParam);
  const rank = documentedOrder(op);
  const place = (t: Rec) => rank.get(t.Id.toLowerCase()) ?? rank.size;
  return async (call: EtCall): Promise<Response> => {
    const { store } = call.engine;
    let types = Array.from(store.collection('RelationshipType').values());
    if (orgParam) {
      const orgId = call.params[orgParam]!;
      if (!store.collection('Organisation').get(orgId)) throw new HttpError(404, `No Organisation with the Id '${orgId}' exists.`);
      types = types.filter((t) => !t.OrganisationId || String(t.OrganisationId).toLowerCase() === orgId.toLowerCase());
    }
    if (keyParam) {
      const key = call.params[keyParam]!.toLowerCase();
      const type = types.find((t) => t.Id.toLowerCase() === key);
      if (!type) throw new HttpError(404, `No relationship type with the key '${call.params[keyParam]}' exists.`);
      return json(shown(type));
    }
    types = types.map((t, i) => ({ t, i })).sort((a, b) => place(a.t) - place(b.t) || a.i - b.i).map(({ t }) => t);
    types = await odataOver(call, 'RelationshipType', types);
    const paging = pagingOf(call.query);
    return json(envelope(call.op.query ?? 'odata', paging, types.length, types.slice(paging.skip, paging.skip + paging.top).map(shown), call.c.req.url));
  };
};
