// The write side of the generic engine: builds a stored record from a request body (only the model's
// fields), checks foreign keys, stamps who/when, numbers it, and fills the denormalised names.
import { randomUUID } from 'node:crypto';
import type { EtCall } from './call.ts';
import type { EntityDef } from '../spec/entities.ts';
import { HttpError } from '../http/errors.ts';
import type { Rec } from './store-types.ts';
import { containerFields, containerRefusal } from './writes/containers.ts';
import { completeNew, completeStoredLists } from './writes/complete.ts';
import { fieldValuesOf } from './writes/custom-fields.ts';
import { derivedFields } from './writes/derived.ts';

/** Never taken from a body: the server owns them. */
const SERVER_FIELDS = new Set(['Id', 'Self', 'Links', 'Expands', 'CreatedAt', 'CreatedBy', 'CreatedById', 'LastUpdatedAt', 'LastUpdatedBy', 'LastUpdatedById', 'VersionNumber']);
/** Fields that place a record among siblings, for OrderNumber. */
const ORDER_SCOPE = ['ParentId', 'PackageId', 'ProjectId', 'AssignmentId', 'RunId'];
/** Scope fields a new record takes from the record it is placed in, when the body does not give them. */
const INHERITED_SCOPE = ['ProjectId', 'OrganisationId'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ISO-8601 UTC without fractions, as ET writes dates. Made once a second: every write stamps it. */
export function nowIso(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastIso = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastIso;
}
let lastSecond = NaN;
let lastIso = '';

export const userName = (u: Rec | undefined): string | undefined =>
  u ? String(u.UserName ?? u.DisplayName ?? u.Name ?? u.Id) : undefined;

/** The name ET shows next to a foreign key: users by user name, everything else by its name. */
const displayNameOf = (r: Rec, entity: string): unknown =>
  entity === 'User' ? (r.UserName ?? r.DisplayName) : (r.Name ?? r.DisplayName ?? r.UserName ?? r.Text ?? r.Key);

/** The body's fields the model declares (all of them when the model declares none). */
export function acceptedFields(def: EntityDef, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const sent of Object.keys(body)) {
    const key = storedFieldOf(def, sent);
    if (key === undefined) continue;
    if (def.properties.size && !def.properties.has(key) && !def.hiddenFields.has(key)) continue;
    let v = body[sent];
    // A write model may be looser than what is stored (ET's "any" Number): store what the model shows.
    if (typeof v === 'string' && def.integerFields.has(key)) v = wholeNumber(key, v);
    if (v === null && def.nonNullFields.has(key)) continue;
    if (typeof v === 'string' && key in def.references && GUID.test(v)) v = v.toLowerCase();
    out[key] = v;
  }
  return out;
}

/**
 * The field a body property is stored under (the catalogue's bodyNames rename some), or undefined when a body
 * never sets it: fields the server owns, and relations, which only expand.
 */
export function storedFieldOf(def: EntityDef, sent: string): string | undefined {
  // Own keys only: a body may send `__proto__`.
  const key = Object.hasOwn(def.bodyNames, sent) ? def.bodyNames[sent]! : sent;
  if (SERVER_FIELDS.has(key)) return undefined;
  const expand = def.expandByLower.get(key.toLowerCase());
  return expand && expand.kind !== 'field' ? undefined : key;
}

/** `"12"` -> 12, `""` -> null; other text is refused (ET's validation failure, 403). */
function wholeNumber(field: string, text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  if (/^-?\d{1,15}$/.test(t)) return Number(t);
  throw new HttpError(403, `${field} must be a whole number (got '${text.length > 40 ? `${text.slice(0, 40)}...` : text}').`);
}

/** Status for a foreign key that points at nothing: ET's validation failure (403) unless only 404 is documented. */
function missingRefStatus(call: EtCall): number {
  const s = call.op.statuses;
  return s.includes(404) && !s.includes(403) ? 404 : 403;
}

/** A foreign key, what it points at, and the scope fields a record it points at lends the new one. */
interface Reference {
  field: string;
  target: string;
  lent: readonly string[];
}

const referenceOrder = new WeakMap<EntityDef, Reference[]>();

/** The model's foreign keys in the order they are resolved, worked out once per entity (every write asks). */
function referencesOf(def: EntityDef): Reference[] {
  let refs = referenceOrder.get(def);
  if (refs) return refs;
  // A parent of the same kind first (it may lend the container), scope fields last (they may be inherited).
  const rank = ([field, target]: [string, string]) => (target === def.name ? 0 : INHERITED_SCOPE.includes(field) ? 2 : 1);
  refs = Object.entries(def.references)
    .sort((a, b) => rank(a) - rank(b))
    .map(([field, target]) => ({
      field,
      target,
      // A record placed inside another lives in the same project (a child package given only its ParentId),
      // and one placed under another of its kind in the same container (a child requirement in its parent's package).
      lent: target === def.name ? [...INHERITED_SCOPE, ...(containerFields(def) ?? [])] : INHERITED_SCOPE,
    }));
  referenceOrder.set(def, refs);
  return refs;
}

/** Checks each foreign key the patch sets, and fills the names ET denormalises next to them. */
export function resolveReferences(call: EtCall, def: EntityDef, fields: Record<string, unknown>): void {
  const store = call.engine.store;
  for (const { field, target, lent } of referencesOf(def)) {
    if (!(field in fields)) continue;
    const id = fields[field];
    const nameField = def.nameFields.get(field);
    if (id === null || id === undefined || id === '') {
      if (nameField) fields[nameField] = null;
      continue;
    }
    const ref = typeof id === 'string' ? store.collection(target).get(id) : undefined;
    if (!ref) {
      const container = containerFields(def);
      if (container?.includes(field)) throw new HttpError(missingRefStatus(call), containerRefusal(def, [field]));
      throw new HttpError(missingRefStatus(call), `You must specify a valid ${field}: no ${target} has the Id '${String(id)}'.`);
    }
    for (const inherited of lent)
      if (inherited !== field && inherited in def.references && (fields[inherited] === undefined || fields[inherited] === null) && typeof ref[inherited] === 'string')
        fields[inherited] = ref[inherited];
    if (nameField) fields[nameField] = displayNameOf(ref, target) ?? null;
  }
}

/** A new record of `def` from a request body; `fixed` holds fields the path decides (the parent key). */
export function buildNew(call: EtCall, def: EntityDef, body: Record<string, unknown>, fixed: Record<string, unknown> = {}): {
  rec: Rec;
  counters: { key: string; value: number }[];
} {
  const fields: Record<string, unknown> = { ...acceptedFields(def, body), ...fixed };
  const missing = (field: string) => fields[field] === undefined || fields[field] === null || (typeof fields[field] === 'string' && !fields[field].trim());
  // A record created inside something names its container; which one it is decides the rest (its project).
  const container = containerFields(def);
  if (container && container.every(missing)) throw new HttpError(403, containerRefusal(def, container));
  resolveReferences(call, def, fields);
  // Checked after the container lent what it could: an agile run given only its PackageId has its ProjectId.
  for (const field of def.requiredReferences) {
    if (!missing(field)) continue;
    if (container) throw new HttpError(403, containerRefusal(def, container));
    throw new HttpError(403, `You must specify a valid ${field} for the new ${def.name}.`);
  }
  // ET refuses a create that lacks what the model requires, as a validation failure, before writing anything.
  for (const field of def.requiredFields) {
    // Only what the client can send: a required field the request model lacks is derived by ET, not demanded.
    if (call.op.requestFields && !call.op.requestFields.has(field)) continue;
    const v = fields[field];
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim()))
      throw new HttpError(403, `You must specify ${field} for the new ${def.name}.`);
  }
  // What ET fills in when the body leaves it out (JSON Schema defaults of the model).
  for (const field in def.defaults)
    if (Object.hasOwn(def.defaults, field) && (fields[field] === undefined || fields[field] === null)) fields[field] = copyOf(def.defaults[field]);
  const rec: Rec = { Id: randomUUID(), ...fields };
  stampCreated(call, def, rec);
  const counters: { key: string; value: number }[] = [];
  const { engine } = call;
  if (def.numbering && rec[def.numbering.field] === undefined) {
    const per = def.numbering.per;
    const n = engine.counters.next(engine.store, def.name, def.numbering.field, per ? [[per, rec[per] ?? null]] : [], 1);
    rec[def.numbering.field] = n.value;
    counters.push(n);
  }
  if (def.properties.has('OrderNumber') && typeof rec.OrderNumber !== 'number') {
    const scope = orderScopeOf(def).map((f) => [f, rec[f] ?? null] as [string, unknown]);
    const n = engine.counters.next(engine.store, def.name, 'OrderNumber', scope, 0);
    rec.OrderNumber = n.value;
    counters.push(n);
  }
  completeNew(engine.spec, def, rec);
  if (def.expandByLower.get('fieldvalues')?.kind === 'field') rec.FieldValues = fieldValuesOf(engine.store, def.name, rec);
  Object.assign(rec, derivedFields(def.name, engine.store, rec));
  return { rec, counters };
}

const orderScopes = new WeakMap<EntityDef, string[]>();

/** The fields of ORDER_SCOPE the model has (its siblings share them), once per entity. */
function orderScopeOf(def: EntityDef): string[] {
  let scope = orderScopes.get(def);
  if (!scope) orderScopes.set(def, (scope = ORDER_SCOPE.filter((f) => def.properties.has(f))));
  return scope;
}

/** A default for a new record: lists and objects copied, so records never share one. */
const copyOf = (value: unknown) => (typeof value === 'object' && value !== null ? structuredClone(value) : value);

function stampCreated(call: EtCall, def: EntityDef, rec: Rec): void {
  const now = nowIso();
  const has = (f: string) => def.properties.has(f);
  if (has('CreatedAt')) rec.CreatedAt = now;
  if (def.createdAt !== 'CreatedAt' && has(def.createdAt) && (rec[def.createdAt] === undefined || rec[def.createdAt] === null)) rec[def.createdAt] = now;
  if (has('CreatedById')) rec.CreatedById = call.user?.Id ?? null;
  if (has('CreatedBy')) rec.CreatedBy = userName(call.user) ?? null;
  stampUpdated(call, def, rec, now);
}

/** ET raises a record's VersionNumber on every save (a new record is version 1, its model's default). */
export function raiseVersion(call: EtCall, def: EntityDef, id: string, changes: Record<string, unknown>): void {
  if (!def.properties.has('VersionNumber')) return;
  const current = call.engine.store.collection(def.name).get(id)?.VersionNumber;
  changes.VersionNumber = (typeof current === 'number' ? current : 1) + 1;
}

export function stampUpdated(call: EtCall, def: EntityDef, rec: Record<string, unknown>, now = nowIso()): void {
  const has = (f: string) => def.properties.has(f);
  if (has('LastUpdatedAt')) rec.LastUpdatedAt = now;
  if (has('LastUpdatedById')) rec.LastUpdatedById = call.user?.Id ?? null;
  if (has('LastUpdatedBy')) rec.LastUpdatedBy = userName(call.user) ?? null;
}

/** A record may not be placed under itself or under one of its own descendants (a package into its child). */
function refuseCycles(call: EtCall, def: EntityDef, fields: Record<string, unknown>, selfId: string): void {
  for (const [field, target] of Object.entries(def.references)) {
    if (target !== def.name || typeof fields[field] !== 'string') continue;
    const col = call.engine.store.collection(def.name);
    for (let id: unknown = fields[field], hops = 0; typeof id === 'string' && hops < 1000; hops++) {
      if (id.toLowerCase() === selfId.toLowerCase()) throw new HttpError(403, `${field} cannot point at the ${def.name} itself or at one of its own descendants.`);
      id = col.get(id)?.[field];
    }
  }
}

/**
 * After `rec` changed, the names other records keep next to their foreign key to it (PackageName,
 * ProjectName, AssignedTo...) follow, so a renamed package shows its new name in its scripts.
 */
export function refreshDenormalisedNames(call: EtCall, entity: string, before: Rec, after: Rec): void {
  const shownBefore = displayNameOf(before, entity);
  const shownAfter = displayNameOf(after, entity);
  if (shownBefore === shownAfter) return;
  const { engine } = call;
  for (const { entity: other, field } of engine.catalog.referrers.get(entity) ?? []) {
    const nameField = engine.catalog.get(other)?.nameFields.get(field);
    if (!nameField) continue;
    const col = engine.store.collection(other);
    for (const r of [...col.where(field, after.Id)]) if (r[nameField] !== shownAfter) col.update(r.Id, { [nameField]: shownAfter ?? null });
  }
}

/** Inserts a new record and tells the counters which numbers it used. */
export function insertNew(call: EtCall, entity: string, built: { rec: Rec; counters: { key: string; value: number }[] }): Rec {
  const { engine } = call;
  const saved = engine.store.collection(entity).insert(built.rec);
  for (const n of built.counters) engine.counters.used(engine.store, n.key, n.value);
  return saved;
}

/** The changes a PUT/PATCH body makes to an existing record, checked and stamped. */
export function buildPatch(call: EtCall, def: EntityDef, body: Record<string, unknown>, selfId?: string): Record<string, unknown> {
  const fields = acceptedFields(def, body);
  resolveReferences(call, def, fields);
  if (selfId) refuseCycles(call, def, fields, selfId);
  completeStoredLists(call.engine.spec, def, fields);
  const before = selfId ? call.engine.store.collection(def.name).get(selfId) : undefined;
  if (before) Object.assign(fields, derivedFields(def.name, call.engine.store, fields, before));
  if (selfId) raiseVersion(call, def, selfId, fields);
  stampUpdated(call, def, fields);
  return fields;
}
