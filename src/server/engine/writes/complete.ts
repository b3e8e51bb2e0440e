// ET answers every property of its model, null where nothing was set, and numbers and identifies the items it
// keeps inside a record (a run's or a script's steps). A record the fake writes is completed the same way, so
// its answers carry the same keys as ET's: the model's JSON Schema defaults, else null where the model allows
// null, else [] for a list; items of a stored list get an Id (where their model has one) and their OrderNumber by position.
import { randomUUID } from 'node:crypto';
import type { EntityDef } from '../../spec/entities.ts';
import type { OpenApiDoc } from '../../spec/operations.ts';

type Schema = { type?: unknown; properties?: Record<string, Schema>; items?: Schema; $ref?: string; default?: unknown; anyOf?: Schema[]; oneOf?: Schema[] };

const HYPERMEDIA = new Set(['Self', 'Links', 'Expands']);

function resolve(spec: OpenApiDoc, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let hops = 0; s?.$ref && hops < 5; hops++) s = spec.components?.schemas?.[String(s.$ref).split('/').pop()!] as Schema | undefined;
  return s;
}

const types = (s: Schema | undefined): unknown[] => (s?.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);
const allowsNull = (s: Schema | undefined) => types(s).includes('null') || [...(s?.anyOf ?? []), ...(s?.oneOf ?? [])].some((x) => types(x).includes('null'));

/** Fills what a new or changed object leaves out: a default, or null where the model allows it. */
function fillMissing(target: Record<string, unknown>, properties: Record<string, Schema>, skip: (name: string) => boolean): void {
  for (const [name, prop] of Object.entries(properties)) {
    if (name in target || skip(name)) continue;
    if (prop && 'default' in prop) target[name] = structuredClone(prop.default);
    else if (allowsNull(prop)) target[name] = null;
    // A list ET always answers (never null) is empty until something is in it.
    else if (types(prop).includes('array')) target[name] = [];
  }
}

/** The items of a stored list (steps), each completed to its item model. */
function completeItems(spec: OpenApiDoc, list: unknown[], itemSchema: Schema | undefined): unknown[] {
  const model = resolve(spec, itemSchema);
  if (!model?.properties) return list;
  const props = model.properties;
  return list.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
    const out: Record<string, unknown> = { ...(item as Record<string, unknown>) };
    if ('Id' in props && (out.Id === undefined || out.Id === null)) out.Id = randomUUID();
    if ('OrderNumber' in props && typeof out.OrderNumber !== 'number') out.OrderNumber = i;
    fillMissing(out, props, () => false);
    return out;
  });
}

/** Completes the stored lists (field-kind expansions such as Steps) that `fields` sets. */
export function completeStoredLists(spec: OpenApiDoc, def: EntityDef, fields: Record<string, unknown>): void {
  const props = (resolve(spec, { $ref: def.name })?.properties ?? {}) as Record<string, Schema>;
  for (const e of def.expands) {
    if (e.kind !== 'field' || !Array.isArray(fields[e.name])) continue;
    fields[e.name] = completeItems(spec, fields[e.name] as unknown[], props[e.name]?.items);
  }
}

/** Completes a new record to its model (after the engine set what it owns: ids, numbers, stamps, names). */
export function completeNew(spec: OpenApiDoc, def: EntityDef, rec: Record<string, unknown>): void {
  const props = (resolve(spec, { $ref: def.name })?.properties ?? {}) as Record<string, Schema>;
  // Related records are expansions, not stored; stored expansions (Steps, FieldValues) show their own empty value.
  const expansions = new Set(def.expands.map((e) => e.name));
  fillMissing(rec, props, (name) => HYPERMEDIA.has(name) || expansions.has(name) || def.hiddenFields.has(name));
  completeStoredLists(spec, def, rec);
}
