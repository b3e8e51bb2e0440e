// Which project a request acts in: the project of the record it addresses, of the parent of a
// sub-collection, or of what a create's body points at (ProjectId, PackageId, ParentId...). Project grants
// apply only there.
import { itemId, type EtCall } from '../../engine/call.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Rec } from '../../engine/store-types.ts';

/** Reference fields to follow first when a record has no ProjectId of its own (containers before lookups). */
const CONTAINERS = ['PackageId', 'ParentId', 'AssignmentId', 'RunId', 'ScriptId', 'TestId', 'AutomatedTestId', 'RequirementId', 'IncidentId', 'StepResultId'];
const MAX_HOPS = 8;

/** A project's id (lower case), `null` for records outside any project, undefined when it cannot be told. */
export function projectOf(engine: Engine, entity: string, rec: Rec | undefined, hops = 0): string | null {
  if (!rec) return null;
  if (entity === 'Project') return rec.Id.toLowerCase();
  if (typeof rec.ProjectId === 'string' && rec.ProjectId) return rec.ProjectId.toLowerCase();
  if (hops >= MAX_HOPS) return null;
  const def = engine.catalog.get(entity);
  if (!def) return null;
  const refs = def.references;
  const order = [...CONTAINERS.filter((f) => f in refs), ...Object.keys(refs).filter((f) => !CONTAINERS.includes(f))];
  for (const field of order) {
    const target = refs[field]!;
    const id = rec[field];
    if (typeof id !== 'string' || !id || target === 'User' || target === 'Group') continue;
    const next = engine.store.collection(target).get(id);
    if (!next || next === rec) continue;
    const p = projectOf(engine, target, next, hops + 1);
    if (p) return p;
  }
  return null;
}

export type Scope =
  /** The call acts in this project. */
  | { kind: 'project'; id: string }
  /** It acts on records outside any project. */
  | { kind: 'global' }
  /** It names a record that does not exist (the handler answers 404 or a validation failure). */
  | { kind: 'missing' }
  /** Nothing names a target (plain collections, searches). */
  | { kind: 'none' };

const scopeOfRecord = (engine: Engine, entity: string, rec: Rec | undefined): Scope => {
  if (!rec) return { kind: 'missing' };
  const p = projectOf(engine, entity, rec);
  return p ? { kind: 'project', id: p } : { kind: 'global' };
};

/** The scopes a call acts in: the addressed record's, plus the body's when it places the record somewhere. */
export function scopesOf(call: EtCall, body: Record<string, unknown> | undefined): Scope[] {
  const { engine, op } = call;
  const { store } = engine;
  const scopes: Scope[] = [];
  if (op.kind === 'item' && op.entity && engine.catalog.get(op.entity) && op.params.length) {
    scopes.push(scopeOfRecord(engine, op.entity, store.collection(op.entity).get(itemId(call))));
  } else if (op.parent && call.params[op.parent.param] !== undefined) {
    scopes.push(scopeOfRecord(engine, op.parent.entity, store.collection(op.parent.entity).get(call.params[op.parent.param]!)));
  } else {
    const projectParam = op.params.find((p) => p.toLowerCase() === 'projectid');
    if (projectParam) scopes.push(scopeOfRecord(engine, 'Project', store.collection('Project').get(call.params[projectParam]!)));
  }
  if (body) {
    const def = op.entity ? engine.catalog.get(op.entity) : undefined;
    if (typeof body.ProjectId === 'string' && body.ProjectId) {
      scopes.push(scopeOfRecord(engine, 'Project', store.collection('Project').get(body.ProjectId)));
    } else if (def) {
      for (const field of [...CONTAINERS, ...Object.keys(def.references)]) {
        const target = def.references[field];
        const id = body[field];
        if (!target || typeof id !== 'string' || !id || target === 'User' || target === 'Group') continue;
        scopes.push(scopeOfRecord(engine, target, store.collection(target).get(id)));
        break;
      }
    }
  }
  return scopes.length ? scopes : [{ kind: 'none' }];
}
