// Infers one JSON Schema from all the example values of a body, and merges schemas.
import type { JsonSchema } from '../model.ts';
import { EntityRef } from './samples.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** Hypermedia ET adds to every entity; the build declares it once per entity schema instead. */
const HYPERMEDIA = new Set(['Self', 'Links', 'Expands']);

export function inferSchema(values: unknown[]): JsonSchema {
  const types = new Set<string>();
  const strings: string[] = [];
  const objects: Record<string, unknown>[] = [];
  const arrayItems: unknown[] = [];
  const refs = new Set<string>();
  for (const v of values) {
    if (v instanceof EntityRef) refs.add(v.entity);
    else if (v === null) types.add('null');
    else if (typeof v === 'boolean') types.add('boolean');
    else if (typeof v === 'number') types.add(Number.isInteger(v) ? 'integer' : 'number');
    else if (typeof v === 'string') {
      types.add('string');
      strings.push(v);
    } else if (Array.isArray(v)) {
      types.add('array');
      arrayItems.push(...v);
    } else if (typeof v === 'object') {
      types.add('object');
      objects.push(v as Record<string, unknown>);
    }
  }
  if (types.has('integer') && types.has('number')) types.delete('integer');
  const schema: JsonSchema = {};
  if (types.size > 0) {
    const list = [...types].sort();
    schema.type = list.length === 1 ? list[0] : list;
  }
  if (strings.length > 0) {
    if (strings.every((s) => GUID.test(s))) schema.format = 'uuid';
    else if (strings.every((s) => DATE_TIME.test(s))) schema.format = 'date-time';
  }
  if (objects.length > 0) Object.assign(schema, inferObject(objects));
  if (types.has('array')) schema.items = arrayItems.length > 0 ? inferSchema(arrayItems) : {};
  if (refs.size === 0) return schema;
  const refSchemas: JsonSchema[] = [...refs].sort().map((r) => ({ $ref: schemaRef(r) }));
  const alternatives = types.size > 0 ? [...refSchemas, schema] : refSchemas;
  return alternatives.length === 1 ? alternatives[0]! : { anyOf: alternatives };
}

export const schemaRef = (model: string) => `#/components/schemas/${model}`;

function inferObject(objects: Record<string, unknown>[]): JsonSchema {
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))].filter((k) => !HYPERMEDIA.has(k)).sort();
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const key of keys) {
    const present = objects.filter((o) => key in o);
    properties[key] = inferSchema(present.map((o) => o[key]));
    if (present.length === objects.length) required.push(key);
  }
  return required.length > 0 ? { properties, required } : { properties };
}

const typeList = (s: JsonSchema): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]);

/**
 * Extends `base` (the catalogue's schema, which wins on types and formats) with what `extra` (inferred
 * from examples) knows: properties the catalogue lacks, and null where examples show null.
 */
export function extendSchema(base: JsonSchema, extra: JsonSchema): JsonSchema {
  if (base.$ref !== undefined || extra.$ref !== undefined) return base;
  const out: JsonSchema = { ...base };
  const baseTypes = typeList(base);
  const extraTypes = typeList(extra);
  if (baseTypes.length > 0 && extraTypes.includes('null') && !baseTypes.includes('null')) {
    out.type = [...baseTypes, 'null'].sort();
  } else if (baseTypes.length === 0 && extraTypes.length > 0 && base.anyOf === undefined && base.oneOf === undefined) {
    out.type = extra.type;
  }
  const baseProps = (base.properties ?? {}) as Record<string, JsonSchema>;
  const extraProps = (extra.properties ?? {}) as Record<string, JsonSchema>;
  // A map the catalogue declares open (custom field values by name) keeps any key: the keys the examples
  // happen to show are data, not the map's shape, and any of them may be null until set.
  const openMap = base.additionalProperties !== undefined && base.additionalProperties !== false && base.properties === undefined;
  if (Object.keys(extraProps).length > 0 && !openMap) {
    const props: Record<string, JsonSchema> = { ...baseProps };
    for (const [k, s] of Object.entries(extraProps)) props[k] = k in baseProps ? extendSchema(baseProps[k]!, s) : s;
    out.properties = props;
  }
  if (base.items !== undefined && extra.items !== undefined) out.items = extendSchema(base.items as JsonSchema, extra.items as JsonSchema);
  else if (base.items === undefined && extra.items !== undefined && out.type === 'array') out.items = extra.items;
  return out;
}
