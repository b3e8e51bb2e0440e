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
    if (prop && 'default' in prop) target[name] = copyOf(prop.default);
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

/** A copy of a default for a new record (a list or object default must not be shared between records). */
const copyOf = (value: unknown) => (typeof value === 'object' && value !== null ? structuredClone(value) : value);

/** What completing a record of one entity takes, worked out once per entity and spec (every create asks). */
interface Completion {
  spec: OpenApiDoc;
  /** What a new record gets for each property it leaves out, in the model's order. */
  fills: { name: string; value: () => unknown }[];
  /** The stored lists (field-kind expansions such as Steps) and their item schemas. */
  lists: { name: string; items: Schema | undefined }[];
}

const completions = new WeakMap<EntityDef, Completion>();

function completionOf(spec: OpenApiDoc, def: EntityDef): Completion {
  const known = completions.get(def);
  if (known?.spec === spec) return known;
  const props = (resolve(spec, { $ref: def.name })?.properties ?? {}) as Record<string, Schema>;
  // Related records are expansions, not stored; stored expansions (Steps, FieldValues) show their own empty value.
  const expansions = new Set(def.expands.map((e) => e.name));
  const fills: Completion['fills'] = [];
  for (const [name, prop] of Object.entries(props)) {
    if (HYPERMEDIA.has(name) || expansions.has(name) || def.hiddenFields.has(name)) continue;
    // As fillMissing decides, once.
    if (prop && 'default' in prop) fills.push({ name, value: () => copyOf(prop.default) });
    else if (allowsNull(prop)) fills.push({ name, value: () => null });
    else if (types(prop).includes('array')) fills.push({ name, value: () => [] });
  }
  const lists = def.expands.filter((e) => e.kind === 'field').map((e) => ({ name: e.name, items: props[e.name]?.items }));
  const completion = { spec, fills, lists };
  completions.set(def, completion);
  return completion;
}

/** Completes the stored lists (field-kind expansions such as Steps) that `fields` sets. */
export function completeStoredLists(spec: OpenApiDoc, def: EntityDef, fields: Record<string, unknown>): void {
  for (const { name, items } of completionOf(spec, def).lists) {
    if (!Array.isArray(fields[name])) continue;
    fields[name] = completeItems(spec, fields[name] as unknown[], items);
  }
}

/** Completes a new record to its model (after the engine set what it owns: ids, numbers, stamps, names). */
export function completeNew(spec: OpenApiDoc, def: EntityDef, rec: Record<string, unknown>): void {
  for (const { name, value } of completionOf(spec, def).fills) if (!(name in rec)) rec[name] = value();
  completeStoredLists(spec, def, rec);
}
