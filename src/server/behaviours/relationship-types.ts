// GET /api/relationshiptypes, /api/organisation/{id}/relationshiptypes and .../relationshiptype/{key}: the
// relationship types kept as RelationshipType records (Id = Key), so new relationships and these lists agree.
import type { EtCall } from '../call.ts';
import type { Engine } from '../engine.ts';
import { HttpError } from '../errors.ts';
import { json } from '../http.ts';
import { envelope, pagingOf } from '../paging.ts';
import type { OperationSpec } from '../spec.ts';
import type { Rec } from '../store-types.ts';

/** ET's relationship type has no Id of its own: the Key names it. */
const shown = ({ Id: _id, ...rest }: Rec) => rest;

export const relationshipTypes = (op: OperationSpec, _engine: Engine) => {
  const keyParam = op.params.find((p) => p.toLowerCase() === 'key');
  const orgParam = op.params.find((p) => p !== keyParam);
  return (call: EtCall): Response => {
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
    const paging = pagingOf(call.query);
    return json(envelope(call.op.query ?? 'odata', paging, types.length, types.slice(paging.skip, paging.skip + paging.top).map(shown)));
  };
};
