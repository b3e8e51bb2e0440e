// Relationships between records (a script covers a requirement, a requirement depends on another): stored as
// `Relationship` records {Id, RelationshipTypeKey, RelationshipDirection, SourceEntityId, SourceEntityType,
// DestinationEntityId, DestinationEntityType} (the form TQL's `Relationships IN {...}` reads), with their types
// in `RelationshipType` (Id = Key). ET shows them as a view of a record with its related records as Children.
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import { jsonBody } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec, Store } from '../engine/store-types.ts';

const REL = 'Relationship';
const TYPES = 'RelationshipType';
const DIRECTIONS = ['None', 'SourceToDestination', 'DestinationToSource', 'Both'];
/** ET's names for scripts and their assignments in relationships differ from the entity names. */
const ET_TYPE: Record<string, string> = { Script: 'TestScript', ScriptAssignment: 'TestScriptAssignment' };
const ENTITY_OF: Record<string, string> = { testscript: 'Script', testscriptassignment: 'ScriptAssignment' };
/** Records whose relationships also count in a record's "all relationships" (a script and its assignments). */
const LINKED_BY = ['ScriptId', 'AutomatedTestId'];

export const etType = (entity: string) => ET_TYPE[entity] ?? entity;

/** An entity name as ET's messages write it: AgileRun -> agile run. */
const spoken = (entity: string) => entity.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The stored entity behind one of ET's relationship entity types (TestScript -> Script). */
function entityOf(engine: Engine, type: unknown): string | undefined {
  if (typeof type !== 'string') return undefined;
  const mapped = ENTITY_OF[type.toLowerCase()];
  if (mapped) return mapped;
  for (const name of engine.catalog.byName.keys()) if (name.toLowerCase() === type.toLowerCase()) return name;
  return undefined;
}

const pickText = (store: Store, id: unknown): string | null => {
  if (typeof id !== 'string') return null;
  const p = store.collection('Picklist').get(id);
  return p ? String(p.Text ?? p.Name ?? '') : null;
};

/** Names from the top of a tree down to `rec` in ET's path form ("/Requirements/Reports"; "" for none). */
function pathOf(store: Store, entity: string, rec: Rec | undefined): string {
  const names: string[] = [];
  for (let r = rec, hops = 0; r && hops < 50; hops++) {
    names.unshift(String(r.Name ?? ''));
    r = typeof r.ParentId === 'string' ? store.collection(entity).get(r.ParentId) : undefined;
  }
  return names.map((n) => `/${n}`).join('');
}

/** A string field of the record, or the text of the pick list value its `<field>Id` names. */
function shown(store: Store, rec: Rec | undefined, field: string): string | null {
  if (!rec) return null;
  if (typeof rec[field] === 'string') return rec[field] as string;
  return pickText(store, rec[`${field}Id`]);
}

/** ET's relationship view of one record: what it is, where it lives, and its status, priority and type. */
export function viewOf(engine: Engine, entity: string, rec: Rec): Record<string, unknown> {
  const { store } = engine;
  const def = engine.catalog.get(entity);
  const pkgEntity = def?.references.PackageId;
  const pkg = pkgEntity && typeof rec.PackageId === 'string' ? store.collection(pkgEntity).get(rec.PackageId) : undefined;
  const parent = typeof rec.ParentId === 'string' ? store.collection(entity).get(rec.ParentId) : undefined;
  const number = rec.Number ?? rec.IncidentNumber;
  const packagePath = pkg ? pathOf(store, pkgEntity!, pkg) : '';
  const parentPath = parent ? pathOf(store, entity, parent) : '';
  // An assignment has no priority of its own: ET shows its script's.
  const script = typeof rec.ScriptId === 'string' ? store.collection('Script').get(rec.ScriptId) : undefined;
  // In ET's order; a record seen on its own is in no relationship, so those fields are null.
  return {
    EntityId: rec.Id,
    Number: number === undefined || number === null ? null : String(number),
    Name: rec.Name ?? rec.Summary ?? null,
    EntityType: etType(entity),
    AssignedTo: rec.AssignedTo ?? null,
    Status: shown(store, rec, 'Status'),
    Priority: shown(store, rec, 'Priority') ?? shown(store, script, 'Priority'),
    Type: shown(store, rec, 'Type'),
    PackageId: pkg?.Id ?? null,
    PackageName: pkg?.Name ?? null,
    PackageEntityType: pkg ? pkgEntity : null,
    PackagePath: packagePath,
    ParentId: parent?.Id ?? null,
    // A parent's path starts at the package the records live in; "" at the top.
    ParentPath: parentPath && `${packagePath}${parentPath}`,
    ParentName: parent?.Name ?? null,
    RelationshipId: null,
    RelationshipTypeKey: null,
    RelationshipType: null,
    Relation: null,
    RelationshipDirection: null,
    CanDelete: false,
    CanEdit: false,
    Children: [],
  };
}

/** The far end of `rel` seen from `id`, with the relationship's fields as that side sees them. */
function childView(engine: Engine, rel: Rec, fromId: string): Record<string, unknown> | undefined {
  const fromSource = String(rel.SourceEntityId).toLowerCase() === fromId.toLowerCase();
  const otherType = fromSource ? rel.DestinationEntityType : rel.SourceEntityType;
  const otherId = String(fromSource ? rel.DestinationEntityId : rel.SourceEntityId);
  const entity = entityOf(engine, otherType);
  const other = entity ? engine.store.collection(entity).get(otherId) : undefined;
  if (!entity || !other) return undefined;
  return { ...viewOf(engine, entity, other), ...relationFields(engine, rel, fromSource) };
}

function relationFields(engine: Engine, rel: Rec, fromSource: boolean): Record<string, unknown> {
  const type = engine.store.collection(TYPES).get(String(rel.RelationshipTypeKey));
  return {
    CanDelete: true,
    CanEdit: true,
    Relation: type ? (fromSource ? type.SourceToDestinationLabel : type.DestinationToSourceLabel) ?? null : null,
    RelationshipDirection: rel.RelationshipDirection ?? null,
    RelationshipId: rel.Id,
    RelationshipType: type?.Name ?? null,
    RelationshipTypeKey: rel.RelationshipTypeKey ?? null,
  };
}

function relationshipsOf(store: Store, id: string): Rec[] {
  const col = store.collection(REL);
  const seen = new Set<string>();
  // Relationships pointing at the record first, then its own, each in Id order (as ET's examples list them).
  const byId = (a: Rec, b: Rec) => String(a.Id).localeCompare(String(b.Id));
  return [...col.where('DestinationEntityId', id).sort(byId), ...col.where('SourceEntityId', id).sort(byId)].filter((r) => !seen.has(r.Id) && seen.add(r.Id));
}

/** GET /api/{entity}/{id}/relationships and .../allrelationships. */
export const relationshipsOfRecord = (op: OperationSpec, engine: Engine) => {
  const segment = /^\/api\/([^/]+)\/\{[^}]+\}\//i.exec(op.path)?.[1]?.toLowerCase();
  const entity = [...engine.catalog.byName.values()].find((d) => d.self?.toLowerCase() === `/api/${segment}/{id}`)?.name;
  const all = /\/allrelationships$/i.test(op.path);
  return (call: EtCall): Response => {
    const id = call.params[op.params[0]!]!;
    const rec = entity ? call.engine.store.collection(entity).get(id) : undefined;
    if (!entity || !rec) throw new HttpError(404, `No ${spoken(entity ?? 'record')} with id ${id} exists.`);
    const holders: Rec[] = [rec];
    if (all) {
      // A script's relationships include its assignments' and an assignment's include its script's.
      for (const field of LINKED_BY) {
        const target = call.engine.catalog.get(entity)?.references[field];
        if (target && typeof rec[field] === 'string') {
          const linked = call.engine.store.collection(target).get(rec[field] as string);
          if (linked) holders.push(linked);
        }
        for (const def of call.engine.catalog.byName.values())
          if (def.references[field] === entity) holders.push(...call.engine.store.collection(def.name).where(field, rec.Id));
      }
      // A record's child records (requirements under a requirement) count as well, all the way down.
      const col = call.engine.store.collection(entity);
      if (call.engine.catalog.get(entity)?.references.ParentId === entity)
        for (let i = 0; i < holders.length; i++) for (const child of col.where('ParentId', holders[i]!.Id)) if (!holders.includes(child)) holders.push(child);
    }
    const seen = new Set<string>();
    const children: Record<string, unknown>[] = [];
    for (const holder of holders) {
      for (const rel of relationshipsOf(call.engine.store, holder.Id)) {
        if (seen.has(rel.Id)) continue;
        seen.add(rel.Id);
        const child = childView(call.engine, rel, holder.Id);
        if (child) children.push(child);
      }
    }
    return json({ ...viewOf(call.engine, entity, rec), Children: children });
  };
};

/** The organisation the path names: relationships of an unknown one are 404, as ET documents. */
function organisationOr404(call: EtCall): void {
  const param = call.op.params.find((p) => /^(id|organisationId)$/i.test(p));
  const id = param ? call.params[param]! : undefined;
  if (id !== undefined && !call.engine.store.collection('Organisation').get(id)) throw new HttpError(404, `No Organisation with the Id '${id}' exists.`);
}

function typeOr404(call: EtCall, key: string): Rec {
  organisationOr404(call);
  const type = call.engine.store.collection(TYPES).get(key);
  if (!type) throw new HttpError(404, `No relationship type with the key '${key}' exists.`);
  return type;
}

const successStatus = (call: EtCall) => call.op.statuses.find((s) => s >= 200 && s < 300) ?? 200;

/** The view ET answers for one relationship: its destination, with the relationship's fields. */
function relationshipView(call: EtCall, rel: Rec): Record<string, unknown> {
  const entity = entityOf(call.engine, rel.DestinationEntityType)!;
  const dest = call.engine.store.collection(entity).get(String(rel.DestinationEntityId))!;
  return { ...viewOf(call.engine, entity, dest), ...relationFields(call.engine, rel, true) };
}

/** POST /api/organisation/{id}/relationshiptype/{key}/relationships. */
export const createRelationship = (op: OperationSpec, _engine: Engine) => {
  const keyParam = op.params.find((p) => p.toLowerCase() === 'key') ?? op.params[op.params.length - 1]!;
  return async (call: EtCall): Promise<Response> => {
    const type = typeOr404(call, call.params[keyParam]!);
    const body = await jsonBody(call);
    const ends = (['Source', 'Destination'] as const).map((side) => {
      const entity = entityOf(call.engine, body[`${side}EntityType`]);
      const wanted = type[`${side}EntityType`];
      if (!entity || (typeof wanted === 'string' && entityOf(call.engine, wanted) !== entity))
        throw new HttpError(403, `${side}EntityType must be ${String(wanted)} for relationships of type ${type.Id}.`);
      const id = String(body[`${side}EntityId`] ?? '');
      const rec = call.engine.store.collection(entity).get(id);
      if (!rec) throw new HttpError(404, `No ${entity} with the Id '${id}' exists (${side}EntityId).`);
      return { entity, rec };
    });
    const direction = body.RelationshipDirection ?? 'SourceToDestination';
    if (typeof direction !== 'string' || !DIRECTIONS.includes(direction))
      throw new HttpError(403, `RelationshipDirection must be one of ${DIRECTIONS.join(', ')}.`);
    const [src, dst] = ends as [{ entity: string; rec: Rec }, { entity: string; rec: Rec }];
    const col = call.engine.store.collection(REL);
    if (col.where('SourceEntityId', src.rec.Id).some((r) => r.RelationshipTypeKey === type.Id && String(r.DestinationEntityId).toLowerCase() === dst.rec.Id))
      throw new HttpError(403, 'A relationship of this type already exists between these records.');
    const rel = col.insert({
      Id: randomUUID(),
      RelationshipTypeKey: type.Id,
      RelationshipDirection: direction,
      SourceEntityId: src.rec.Id,
      SourceEntityType: etType(src.entity),
      DestinationEntityId: dst.rec.Id,
      DestinationEntityType: etType(dst.entity),
    });
    return json(relationshipView(call, rel), successStatus(call));
  };
};

/** GET, PUT (direction) and DELETE /api/organisation/{organisationId}/relationshiptype/{key}/relationship/{id}. */
export const relationshipItem = (op: OperationSpec, _engine: Engine) => {
  const keyParam = op.params.find((p) => p.toLowerCase() === 'key')!;
  const idParam = op.params[op.params.length - 1]!;
  return async (call: EtCall): Promise<Response> => {
    const type = typeOr404(call, call.params[keyParam]!);
    const col = call.engine.store.collection(REL);
    const id = call.params[idParam]!;
    const rel = col.get(id);
    if (!rel || rel.RelationshipTypeKey !== type.Id) throw new HttpError(404, `No relationship with the Id '${id}' exists for type ${type.Id}.`);
    if (call.op.method === 'DELETE') {
      col.remove(rel.Id);
      return new Response(null, { status: successStatus(call) });
    }
    if (call.op.method === 'PUT') {
      const body = await jsonBody(call);
      if (typeof body.RelationshipDirection !== 'string' || !DIRECTIONS.includes(body.RelationshipDirection))
        throw new HttpError(403, `RelationshipDirection must be one of ${DIRECTIONS.join(', ')}.`);
      return json(relationshipView(call, col.update(rel.Id, { RelationshipDirection: body.RelationshipDirection }) ?? rel), successStatus(call));
    }
    return json(relationshipView(call, rel));
  };
};
