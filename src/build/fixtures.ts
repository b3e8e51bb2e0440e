// Extracts the fixture store from example responses: every entity, de-duplicated by Id, in stored form.
import { createHash } from 'node:crypto';
import type { EntityRegistry } from './entities.ts';
import type { EntityDoc, ExampleDoc, ResourceDoc } from './model.ts';
import { isEntityObject } from './samples.ts';

export type Rec = Record<string, unknown> & { Id: string };
export type Fixtures = Record<string, Rec[]>;

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HYPERMEDIA = new Set(['Self', 'Links', 'Expands']);

/**
 * Walks 2xx example responses (GET examples first, so reads win over writes) and keeps each entity once.
 * When two examples disagree, the first one seen wins field by field and later ones only fill gaps.
 * `declared` limits an entity's stored fields to its catalogue model's properties.
 */
export function extractFixtures(
  resources: ResourceDoc[], registry: EntityRegistry, entityDocs: Map<string, EntityDoc>, declared: Map<string, Set<string>> = new Map(),
): Fixtures {
  const byEntity = new Map<string, Map<string, Rec>>();
  // Unfiltered top-level lists first (/api/users), then other unfiltered lists (a group's users), so records
  // keep the order ET lists them in; then other reads; then writes.
  const passOf = (path: string, method: string, ex: ExampleDoc): number => {
    if (method !== 'GET') return 3;
    if (Object.keys(ex.queryParams).length > 0 || !isList(ex.responseBody)) return 2;
    return path.includes('{') ? 1 : 0;
  };
  const examples: ExampleDoc[] = [];
  for (const pass of [0, 1, 2, 3]) {
    for (const r of [...resources].sort((a, b) => a.path.localeCompare(b.path))) {
      for (const op of r.operations) for (const ex of op.examples) if (passOf(r.path, op.method, ex) === pass) examples.push(ex);
    }
  }
  const keep = (entity: string, rec: Rec) => {
    const records = byEntity.get(entity) ?? new Map<string, Rec>();
    byEntity.set(entity, records);
    const id = rec.Id.toLowerCase();
    const existing = records.get(id);
    // GUIDs are stored in lower case (ET's form); other keys (an external system type's "JIRA") as written.
    if (!existing) records.set(id, { ...rec, Id: GUID.test(rec.Id) ? id : rec.Id });
    else for (const [k, v] of Object.entries(rec)) if (!(k in existing) || existing[k] === null) existing[k] = v;
  };

  const visit = (value: unknown, hint: string | undefined, parent?: { entity: string; id: string }): unknown => {
    if (Array.isArray(value)) return value.map((v) => visit(v, hint, parent));
    if (typeof value !== 'object' || value === null) return value;
    const obj = value as Record<string, unknown>;
    const keyed = typeof obj.Id === 'string' ? undefined : keyedByField(obj, registry, entityDocs, hint);
    if (keyed) obj.Id = keyed.id; // a working copy: responseBody objects are visited once
    const entity = keyed?.entity ?? (isEntityObject(obj) && typeof obj.Id === 'string' ? registry.resolveSelf(obj.Self, hint ? [hint] : []) : undefined);
    const stored: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (entity && HYPERMEDIA.has(k)) continue;
      const child = visit(v, k, entity ? { entity, id: obj.Id as string } : parent);
      // Inlined expansions live in their own collection; the record keeps only its foreign keys. An expansion
      // of related records is not stored even when empty ([] or null), or an expanded example would leave it
      // on the record for every later, unexpanded answer.
      const expansion = entity ? entityDocs.get(entity)?.expands?.[k] : undefined;
      if (entity && (holdsEntities(v) || (expansion && !expansion.field))) continue;
      stored[k] = child;
    }
    if (!entity) return stored;
    // Fields a response adds for its own purpose (search results' EntityType) are not part of the record.
    const fields = declared.get(entity);
    if (fields) for (const k of Object.keys(stored)) if (!fields.has(k) && k !== 'Id') delete stored[k];
    if (parent && hint) linkToParent(stored, entity, parent, hint, entityDocs);
    keep(entity, stored as Rec);
    return stored;
  };
  for (const ex of examples) if (ex.status >= 200 && ex.status < 300) visit(structuredClone(ex.responseBody), undefined);

  // Records keep the order the documentation first shows them in (steps in step order, lists as ET lists them).
  const out: Fixtures = {};
  for (const entity of [...byEntity.keys()].sort()) out[entity] = [...byEntity.get(entity)!.values()];
  return out;
}

/**
 * Entities ET addresses by another field (custom field types by Name: `/api/customfieldtype/{Name}`) have no
 * Id in their examples. The store keys every record by Id, so such a record gets one derived from its key
 * (stable across builds); the server hides it again because the model has no Id.
 */
function keyedByField(obj: Record<string, unknown>, registry: EntityRegistry, docs: Map<string, EntityDoc>, hint: string | undefined): { entity: string; id: string } | undefined {
  if (typeof obj.Self !== 'string' || 'Id' in obj) return undefined;
  const entity = registry.resolveSelf(obj.Self, hint ? [hint] : []);
  const key = entity ? /^[^{]*\{(\w+)\}$/.exec(docs.get(entity)?.self ?? '')?.[1] : undefined;
  const value = key && key !== 'Id' ? obj[key] : undefined;
  if (!entity || typeof value !== 'string' || !value) return undefined;
  return { entity, id: idFromKey(entity, value) };
}

/** A GUID-shaped id from an entity name and a key value (case-insensitive, as ET's names are). */
export function idFromKey(entity: string, value: string): string {
  const h = createHash('sha1').update(`${entity}\0${value.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A JSON array, or ET's paging envelope {Items: [...]}. */
function isList(body: unknown): boolean {
  return Array.isArray(body) || (typeof body === 'object' && body !== null && Array.isArray((body as { Items?: unknown }).Items));
}

function holdsEntities(v: unknown): boolean {
  if (isEntityObject(v)) return true;
  return Array.isArray(v) && v.length > 0 && v.every(isEntityObject);
}

/** A nested `many` expansion's records point at the record they were nested in (docs often show a zero GUID). */
function linkToParent(stored: Record<string, unknown>, entity: string, parent: { entity: string; id: string }, hint: string, docs: Map<string, EntityDoc>): void {
  const expand = docs.get(parent.entity)?.expands?.[hint];
  const fk = expand?.many === entity ? expand.foreignKey : undefined;
  if (fk && (stored[fk] === undefined || stored[fk] === null || stored[fk] === ZERO_GUID)) stored[fk] = parent.id;
}

export interface DanglingReference {
  entity: string;
  id: string;
  field: string;
  target: string;
  value: string;
}

/** Foreign keys (`references` of each entity) that point at no record. */
export function danglingReferences(fixtures: Fixtures, entityDocs: Map<string, EntityDoc>): DanglingReference[] {
  const ids = new Map(Object.entries(fixtures).map(([e, recs]) => [e, new Set(recs.map((r) => r.Id.toLowerCase()))]));
  const out: DanglingReference[] = [];
  for (const [entity, records] of Object.entries(fixtures)) {
    const refs = entityDocs.get(entity)?.references ?? {};
    for (const rec of records) {
      for (const [field, target] of Object.entries(refs)) {
        const values = Array.isArray(rec[field]) ? (rec[field] as unknown[]) : [rec[field]];
        for (const v of values) {
          if (typeof v !== 'string' || v === '' || v === ZERO_GUID) continue;
          if (!ids.get(target)?.has(v.toLowerCase())) out.push({ entity, id: rec.Id, field, target, value: v });
        }
      }
    }
  }
  return out;
}
