// Field resolution for one TQL compilation: which FieldDef a name means for an entity
// type, and how a field's value reads as text, as a group key and as a sort key.
import { canonicalEntity } from './entities.ts';
import type { Env } from '../env.ts';
import { errorAt } from '../errors.ts';
import { builtinField, customField, customValues, fullTextFields, isKnownBuiltin, relationshipField, type FieldDef } from './fields.ts';
import type { Rec, RelationshipView } from '../types.ts';
import { toNumber, toTime, type SortKey } from '../values.ts';

/** What a field name denotes in a scope. */
export type Resolved =
  | { type: 'field'; def: FieldDef }
  | { type: 'entityType'; entity: string }
  | { type: 'text' }
  | { type: 'relationships' };

export interface Scope {
  env: Env;
  /** The query text, for error positions. */
  source: string;
  resolve(name: string, pos: number | undefined): Resolved;
  /** Everything `Text ~` searches on a record of this scope. */
  fullText(rec: Rec): string;
}

/** Custom field names: CustomField records plus FieldValues keys seen on records of `entity`. */
function customFieldNames(env: Env, entity: string): Set<string> {
  return env.memo(`customNames:${entity}`, () => {
    const names = new Set<string>();
    for (const cf of env.all('CustomField')) if (typeof cf.Name === 'string') names.add(cf.Name.toLowerCase());
    for (const rec of env.all(entity)) {
      const values = rec.FieldValues;
      if (typeof values === 'object' && values !== null) for (const key of Object.keys(values)) names.add(key.toLowerCase());
    }
    return names;
  });
}

const ABSENT = (name: string): FieldDef => ({ name, kind: 'custom', get: () => undefined });

/** Text of a record's value for `~` matching. */
export function textOf(def: FieldDef, rec: Rec, env: Env): string {
  const value = def.get(rec, env);
  const one = (v: unknown): string => {
    if (v === undefined || v === null) return '';
    if (def.kind === 'ref' && def.ref && typeof v === 'string') return def.ref.display(v, env) ?? '';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return Array.isArray(value) ? value.map(one).join('\n') : one(value);
}

/** The main scope: fields of records of one entity type. */
export function entityScope(entity: string, env: Env, source: string): Scope {
  const fullTextDefs = fullTextFields(entity);
  return {
    env,
    source,
    resolve(name, pos) {
      const lower = name.toLowerCase();
      if (lower === 'entitytype') return { type: 'entityType', entity };
      if (lower === 'text') return { type: 'text' };
      if (lower === 'relationships') return { type: 'relationships' };
      const def = builtinField(entity, name);
      if (def) return { type: 'field', def };
      if (lower === 'relatedto' || lower === 'directlyrelatedto') {
        // Ids of the records at the other end of this record's relationships.
        return { type: 'field', def: { name, kind: 'string', get: (rec, e) => e.relatedIds(String(rec.Id)) } };
      }
      // Another entity type's field: these records simply have no value for it.
      if (isKnownBuiltin(name)) return { type: 'field', def: ABSENT(name) };
      if (customFieldNames(env, entity).has(lower)) return { type: 'field', def: customField(name) };
      if (lower === 'query') {
        throw errorAt('TQL', source, pos, "the field 'Query' names a saved query, and the fake keeps no saved queries");
      }
      if (lower.startsWith('relatedto')) {
        throw errorAt('TQL', source, pos, `the field '${name}' can only be used inside Relationships IN { ... }`);
      }
      throw errorAt('TQL', source, pos, `unknown field '${name}'`);
    },
    fullText(rec) {
      const parts: string[] = [];
      for (const def of fullTextDefs) {
        const v = def.get(rec, env);
        if (typeof v === 'string') parts.push(v);
      }
      for (const v of customValues(rec)) if (typeof v === 'string' || typeof v === 'number') parts.push(String(v));
      return parts.join('\n');
    },
  };
}

export type { RelationshipView } from '../types.ts';

/** Scope of a `Relationships IN { ... }` sub-select whose far end is of type `otherEntity`. */
export function relationshipScope(otherEntity: string, env: Env, source: string): Scope {
  const inner = entityScope(otherEntity, env, source);
  const wrap = (def: FieldDef, name: string): FieldDef => ({ ...def, name, get: (v, e) => def.get((v as RelationshipView).other, e) });
  return {
    env,
    source,
    resolve(name, pos) {
      const lower = name.toLowerCase();
      const fixed = relationshipField(name);
      if (fixed) return { type: 'field', def: fixed };
      if (lower === 'relatedto' || lower === 'relatedtoid') {
        return { type: 'field', def: { name, kind: 'string', get: (v) => String((v as RelationshipView).other.Id).toLowerCase() } };
      }
      if (!lower.startsWith('relatedto')) {
        throw errorAt('TQL', source, pos, `unknown field '${name}' in a Relationships sub-select (use RelatedTo... fields)`);
      }
      const rest = name.slice('relatedto'.length);
      const resolved = inner.resolve(rest, pos);
      if (resolved.type === 'field') return { type: 'field', def: wrap(resolved.def, name) };
      if (resolved.type === 'entityType') return resolved;
      throw errorAt('TQL', source, pos, `the field '${name}' is not supported in a sub-select`);
    },
    fullText: (v) => inner.fullText((v as RelationshipView).other),
  };
}

/** Canonical entity type named by a TQL value, or a QueryError. */
export function entityTypeValue(text: string, scope: Scope, pos: number | undefined): string {
  const entity = canonicalEntity(text);
  if (!entity) throw errorAt('TQL', scope.source, pos, `unknown entity type '${text}'`);
  return entity;
}

function groupKeyOfValue(def: FieldDef, v: unknown, env: Env): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (def.kind === 'ref' && def.ref && typeof v === 'string') return def.ref.display(v, env) ?? v;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * How a record groups: the display text ET keys aggregate results by (project name,
 * picklist text...). One key, several for multi-valued fields, or undefined.
 */
export function groupKeysOf(def: FieldDef, rec: Rec, env: Env): string | string[] | undefined {
  const value = def.get(rec, env);
  if (!Array.isArray(value)) return groupKeyOfValue(def, value, env);
  const keys: string[] = [];
  for (const v of value) {
    const key = groupKeyOfValue(def, v, env);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** Sort key of a record's field value (first value of multi-valued fields). */
export function sortKeyOf(def: FieldDef, rec: Rec, env: Env): SortKey {
  let value = def.get(rec, env);
  if (Array.isArray(value)) value = value[0];
  if (value === undefined || value === null || value === '') return undefined;
  switch (def.kind) {
    case 'number':
      return toNumber(value);
    case 'date':
      return toTime(value);
    case 'bool':
      return value === true ? 1 : 0;
    case 'ref': {
      if (typeof value !== 'string' || !def.ref) return undefined;
      const key = def.ref.sortKey ? def.ref.sortKey(value, env) : def.ref.display(value, env);
      return typeof key === 'string' ? key.toLowerCase() : key;
    }
    default:
      return typeof value === 'number' ? value : String(value).toLowerCase();
  }
}
