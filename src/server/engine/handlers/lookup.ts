// Finding the records a path names; a missing one is ET's 404 {"Message"}.
import type { EtCall } from '../call.ts';
import { itemId } from '../call.ts';
import type { EntityDef } from '../../spec/entities.ts';
import { HttpError } from '../../http/errors.ts';
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

/**
 * The record the item path names. Earlier path parameters that name one of its fields must match it too
 * (/api/automatedtestrun/{runId}/node/{nodeId}: the node must belong to that run).
 */
export function findItem(call: EtCall, def: EntityDef): Rec {
  const key = keyFieldOf(def, call.op.params.at(-1));
  const { params } = call.op;
  // A nested item (a run's node, an incident's attachment) is missing from the record the path names first.
  const container = params.length > 1 ? containerOf(call) : undefined;
  const missing = () => new HttpError(404, `The ${container!.words} '${container!.id}' has no ${words(def.name)} with the Id '${itemId(call)}'.`);
  if (container && key === 'Id' && !call.engine.store.collection(def.name).get(itemId(call))) throw missing();
  const rec = key === 'Id' ? findOr404(call, def.name, itemId(call)) : findByField(call, def, key, itemId(call));
  for (let i = 0; i < params.length - 1; i++) {
    const field = def.fieldByLower.get(params[i]!.toLowerCase());
    const value = field ? rec[field] : undefined;
    if (typeof value === 'string' && value.toLowerCase() !== call.params[params[i]!]!.toLowerCase()) throw missing();
  }
  return rec;
}

/** `ResultNode` -> `result node`. */
const words = (entity: string) => entity.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** The record a nested path names first: `/api/automatedtestrun/{runId}/node/{nodeId}` -> the automated test run. */
function containerOf(call: EtCall): { words: string; id: string } {
  const first = call.op.params[0]!;
  const id = call.params[first]!;
  const entity = call.op.parent?.param === first ? call.op.parent.entity : undefined;
  if (entity) return { words: words(entity), id };
  const segment = new RegExp(`/([^/{}]+)/\\{${first}\\}`).exec(call.op.path)?.[1];
  const def = segment ? [...call.engine.catalog.byName.values()].find((d) => d.self?.toLowerCase().startsWith(`/api/${segment.toLowerCase()}/{`)) : undefined;
  return { words: def ? words(def.name) : (segment ?? first), id };
}

/**
 * For sub-collections: the records' `foreignKey` must equal `value`, the Id of the parent record the path
 * names (404 when it does not exist). When the key is a plain field rather than a foreign key (pick lists
 * by `{type}`), the path value itself is what the field must hold.
 */
export function parentOf(call: EtCall): { foreignKey: string; value: string; rec?: Rec } | undefined {
  const p = call.op.parent;
  if (!p) return undefined;
  const id = call.params[p.param];
  if (id === undefined) return undefined;
  const def = call.op.entity ? call.engine.catalog.get(call.op.entity) : undefined;
  if (def && !(p.foreignKey in def.references) && p.foreignKey !== 'Id' && p.entity === def.name) return { foreignKey: p.foreignKey, value: id };
  const rec = findOr404(call, p.entity, id);
  return { rec, foreignKey: p.foreignKey, value: rec.Id };
}

/**
 * The field an item path's last parameter names: the Id, unless the parameter is named after another field of
 * the entity (custom fields and their types are addressed by name: /api/customfield/{name}).
 */
export function keyFieldOf(def: EntityDef, param: string | undefined): string {
  const lower = param?.toLowerCase();
  if (!lower || lower.endsWith('id')) return 'Id';
  return def.fieldByLower.get(lower) ?? 'Id';
}

/** Names compare case-insensitively, as ET's do. */
function findByField(call: EtCall, def: EntityDef, field: string, value: string): Rec {
  const rec = call.engine.store.collection(def.name).where(field, value)[0];
  if (!rec) throw new HttpError(404, `No ${def.name} with the ${field} '${value}' exists.`);
  return rec;
}
