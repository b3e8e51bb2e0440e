// Generic DELETE. Records contained in the deleted one (children, assignments, runs...) go with it; a
// package with contents is refused unless deleteChildren=true, as ET does. Plain lookups that point at the
// deleted record (a status, a user) are cleared instead, so every stored reference stays valid.
import type { EtCall } from '../call.ts';
import type { Engine } from '../engine.ts';
import { HttpError } from '../../http/errors.ts';
import { json } from '../../http/responses.ts';
import type { Rec } from '../store-types.ts';
import { presentTask, startTask } from '../tasks.ts';
import { entityOf, findItem, parentOf } from './lookup.ts';

export function deleteItem(call: EtCall): Response {
  const def = entityOf(call);
  const rec = findItem(call, def);
  const force = (call.query.get('deleteChildren') ?? '').toLowerCase() === 'true';
  if (/package$/i.test(def.name) && !force && hasContents(call.engine, def.name, rec))
    throw new HttpError(403, 'The package is not empty.');
  const guard = call.op.refuseWhileReferenced;
  if (guard && isReferenced(call.engine, guard.by, rec)) throw new HttpError(403, guard.message);
  const status = call.op.statuses.find((s) => s >= 200 && s < 300) ?? 200;
  if (status === 202) {
    // ET removes big things (projects) in the background: the answer is the task doing it.
    const engine = call.engine;
    const task = startTask(call, 'delete', `Deleting ${def.name} ${rec.Id}`, {
      total: 1,
      step: () => {
        if (engine.store.collection(def.name).get(rec.Id)) removeWithContents(engine, def.name, rec);
        return 1;
      },
    });
    return call.op.bodyStatuses.has(202) ? json(presentTask(engine, task, call.base), 202) : new Response(null, { status: 202 });
  }
  const shown = call.op.bodyStatuses.has(status) ? call.engine.presenter.present(def.name, rec, call.base) : undefined;
  removeWithContents(call.engine, def.name, rec);
  return shown ? json(shown, status) : new Response(null, { status });
}

/** Whether any record of the `Entity.Field` pairs points at `rec`. */
function isReferenced(engine: Engine, by: string[], rec: Rec): boolean {
  return by.some((pair) => {
    const [entity, field] = pair.split('.') as [string, string];
    return engine.store.entities().includes(entity) && engine.store.collection(entity).where(field, rec.Id).length > 0;
  });
}

function hasContents(engine: Engine, entity: string, rec: Rec): boolean {
  for (const { entity: e, field } of engine.catalog.referrers.get(entity) ?? []) {
    if (engine.containment.has(field) && engine.store.collection(e).where(field, rec.Id).length) return true;
  }
  return false;
}

export function removeWithContents(engine: Engine, entity: string, rec: Rec): void {
  const { store } = engine;
  for (const { entity: e, field } of engine.catalog.referrers.get(entity) ?? []) {
    const col = store.collection(e);
    for (const dep of [...col.where(field, rec.Id)]) {
      if (!col.get(dep.Id)) continue;
      if (engine.containment.has(field)) removeWithContents(engine, e, dep);
      else col.update(dep.Id, { [field]: null });
    }
  }
  removeInternalLinks(engine, entity, rec);
  if (store.collection(entity).get(rec.Id)) store.collection(entity).remove(rec.Id);
}

/**
 * The server's own records (not in the spec) that hang off others: they go when what they point at goes.
 * `target` is the entity the field points at ('*': any, e.g. either end of a relationship).
 */
const INTERNAL_LINKS: { entity: string; field: string; target: string }[] = [
  { entity: 'UserCredential', field: 'Id', target: 'User' },
  { entity: 'AttachmentContent', field: 'Id', target: '*' },
  { entity: 'PermissionGrant', field: 'HolderId', target: '*' },
  { entity: 'PermissionGrant', field: 'ProjectId', target: 'Project' },
  { entity: 'GroupMembership', field: 'UserId', target: 'User' },
  { entity: 'GroupMembership', field: 'GroupId', target: 'Group' },
  { entity: 'Relationship', field: 'SourceEntityId', target: '*' },
  { entity: 'Relationship', field: 'DestinationEntityId', target: '*' },
  { entity: 'StepRunResultIncident', field: 'StepResultId', target: 'StepResult' },
  { entity: 'StepRunResultIncident', field: 'IncidentId', target: 'Incident' },
];

function removeInternalLinks(engine: Engine, entity: string, rec: Rec): void {
  for (const link of INTERNAL_LINKS) {
    if (link.target !== '*' && link.target !== entity) continue;
    if (engine.catalog.get(link.entity)) continue; // documented entities follow the spec's references instead
    const col = engine.store.collection(link.entity);
    if (link.field === 'Id') {
      if (col.get(rec.Id)) col.remove(rec.Id);
      continue;
    }
    for (const r of [...col.where(link.field, rec.Id)]) col.remove(r.Id);
  }
}

/** DELETE on a (sub-)collection, e.g. a user's notifications: removes every record it lists. */
export function clearCollection(call: EtCall): Response {
  const def = entityOf(call);
  const parent = parentOf(call);
  const col = call.engine.store.collection(def.name);
  const records = parent ? [...col.where(parent.foreignKey, parent.value)] : Array.from(col.values());
  for (const rec of records) removeWithContents(call.engine, def.name, rec);
  const status = call.op.statuses.find((s) => s >= 200 && s < 300) ?? 200;
  return new Response(null, { status });
}
