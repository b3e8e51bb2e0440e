// Finding the records a path names; a missing one is ET's 404 {"Message"}.
import type { EtCall } from '../call.ts';
import { itemId } from '../call.ts';
import type { EntityDef } from '../entities.ts';
import { HttpError } from '../errors.ts';
import type { Rec } from '../store-types.ts';

export function entityOf(call: EtCall): EntityDef {
  const def = call.op.entity ? call.engine.catalog.get(call.op.entity) : undefined;
  if (!def) throw new HttpError(501, `The fake has no entity model for ${call.op.method} ${call.op.path}.`);
  return def;
}

export function findOr404(call: EtCall, entity: string, id: string): Rec {
  const rec = call.engine.store.collection(entity).get(id);
  if (!rec) throw new HttpError(404, `No ${entity} with the Id '${id}' exists.`);
  return rec;
}

export const findItem = (call: EtCall, def: EntityDef) => findOr404(call, def.name, itemId(call));

/** For sub-collections: the parent record the path names (404 when it does not exist). */
export function parentOf(call: EtCall): { rec: Rec; foreignKey: string } | undefined {
  const p = call.op.parent;
  if (!p) return undefined;
  const id = call.params[p.param];
  if (id === undefined) return undefined;
  return { rec: findOr404(call, p.entity, id), foreignKey: p.foreignKey };
}
