// ET's 409: where an operation documents a conflict (projects, project categories, custom fields), a name
// another record of the same kind already has is refused before anything is written.
import { itemId, type EtCall } from '../../engine/call.ts';
import { message } from '../../http/responses.ts';

export function conflictProblem(call: EtCall, body: Record<string, unknown> | undefined): Response | undefined {
  const { op, engine } = call;
  if (!body || !op.statuses.includes(409) || !op.entity) return undefined;
  const def = engine.catalog.get(op.entity);
  const name = body.Name;
  if (!def || !def.properties.has('Name') || typeof name !== 'string' || !name.trim()) return undefined;
  const self = op.kind === 'item' && op.params.length ? itemId(call).toLowerCase() : undefined;
  // Renaming a record that does not exist is the handler's 404, not a conflict.
  if (self !== undefined && !engine.store.collection(def.name).get(self)) return undefined;
  const wanted = name.trim().toLowerCase();
  for (const rec of engine.store.collection(def.name).values()) {
    if (rec.Id.toLowerCase() === self) continue;
    if (typeof rec.Name === 'string' && rec.Name.trim().toLowerCase() === wanted)
      return message(409, `A ${label(def.name)} named '${name}' already exists (Name must be unique).`);
  }
  return undefined;
}

/** `ProjectCategory` -> `project category`. */
const label = (entity: string) => entity.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
